package api

import (
	"strings"

	"zhijiao/internal/storage"
)

// Descriptions of the family and talk-list schemas and operations
// (docs/conduct.md 4), merged into schemaDocs, fieldDocs and operations.
var familySchemaDocs = map[string]string{
	"Conduct":                   "一名学生本学期的德育表现（家长和学生本人看到的内容）",
	"Conduct.student":           "学生",
	"Conduct.since":             "统计起始日期（本学期第一天）",
	"Conduct.records":           "本学期已审核的行为习惯记录，加分在前，各自按日期从新到旧",
	"Conduct.categories":        "按类别汇总",
	"Conduct.alerts":            "已发出的德育提醒",
	"ConductStudent":            "德育页面中的学生",
	"ConductStudent.id":         "学生编号",
	"ConductStudent.student_no": "学号",
	"ConductStudent.name":       "姓名",
	"ConductStudent.class_id":   "班级编号",
	"ConductStudent.class_name": "班级名称",
	"Record":                    "一条已审核的行为习惯记录（写实记录）",
	"Record.id":                 "写实记录编号",
	"Record.student_id":         "学生编号",
	"Record.title":              "记录内容，如“早操迟到”",
	"Record.category":           "习惯类别，如 守时守纪",
	"Record.points":             "分值，正数为加分，负数为扣分",
	"Record.date":               "发生日期",
	"Totals":                    "一个类别的汇总",
	"Totals.category":           "习惯类别（无类别记为“其他”）",
	"Totals.records":            "记录条数",
	"Totals.plus":               "加分合计",
	"Totals.minus":              "扣分合计（负数）",
	"ConductAlert":              "一次发出的德育提醒：学生的扣分记录在规定天数内达到次数",
	"ConductAlert.id":           "提醒编号",
	"ConductAlert.student_id":   "学生编号",
	"ConductAlert.rule_id":      "提醒规则编号（0 为默认规则）",
	"ConductAlert.rule":         "规则原文，如“30 天内 3 次扣分”",
	"ConductAlert.window_from":  "计数起始日期",
	"ConductAlert.window_to":    "达到次数的那条记录的日期",
	"ConductAlert.count":        "期间扣分记录条数",
	"ConductAlert.channel":      "发送渠道，如 站内通知",
	"ConductAlert.recipients":   "收到通知的账号数（家长和班主任）",
	"ConductAlert.sent_at":      "发送时间",
	"TalkDue":                   "谈心名单上的一名学生",
	"TalkDue.student":           "学生",
	"TalkDue.reasons":           "列入名单的原因：达到的提醒规则和发现的规律（如“周一早操迟到 3 次”）",
	"TalkDue.last_talk":         "本学期上次谈话日期（无则省略）",
	"TalkRequest":               "记录一次谈心谈话",
	"TalkRequest.student_id":    "学生编号",
	"TalkRequest.held_on":       "谈话日期，YYYY-MM-DD，不晚于今天",
	"TalkRequest.note":          "谈话要点（至多 200 字，只有老师能看到）",
	"ConductTalk":               "一次谈心谈话记录",
	"ConductTalk.id":            "谈话记录编号",
	"ConductTalk.student_id":    "学生编号",
	"ConductTalk.held_on":       "谈话日期",
	"ConductTalk.note":          "谈话要点",
	"ConductTalk.created_at":    "记录时间",
}

var familyOperations = map[string]opDoc{
	"GET /students/{id}/conduct": {Tag: "德育", Summary: "学生的德育表现", Resp: conductBody{},
		Desc: "家长查看子女、学生查看本人：本学期已审核的行为习惯记录（加分在前）、按类别汇总和已发出的德育提醒。不含老师的谈心记录。" + studentOneText},
	"GET /conduct/talks": {Tag: "德育", Summary: "谈心名单", Paged: true, Resp: talkDue{},
		Desc: "需要谈心谈话的学生及原因：达到提醒规则或出现规律（同一天同一事项重复、扣分逐周增加），且上次谈话后有新的扣分记录。班主任看所带班级，德育处、学生处和学校管理员看全校。"},
	"POST /conduct/talks": {Tag: "德育", Summary: "记录谈心谈话", Body: talkRequest{}, Resp: storage.ConductTalk{}, Status: 201,
		Desc: "记录与一名学生的谈话（日期和要点，只有老师能看到，写入审计日志）。记录后学生离开谈心名单，直到有新的扣分记录。学生不在调用者负责范围内时返回 404；日期无效或晚于今天返回 422。"},
}

func init() {
	for k, v := range familySchemaDocs {
		m := schemaDocs
		if strings.Contains(k, ".") {
			m = fieldDocs
		}
		if _, dup := m[k]; !dup {
			m[k] = v
		}
	}
	for k, v := range familyOperations {
		operations[k] = v
	}
}
