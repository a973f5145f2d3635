package api

import "strings"

// The daily checks' operations and schemas (班级量化, docs/conduct.md
// section 3), merged into operations, schemaDocs and fieldDocs.

var checkOperations = map[string]opDoc{
	"GET /checks/board": {Tag: "德育", Summary: "班级量化公示栏", Resp: checkBoard{},
		Params: []paramDoc{{Name: "day", Type: "string", Desc: "日期 YYYY-MM-DD，默认今天（北京时间）"}},
		Desc:   "某一天各班的得分（基础分减扣分，单项扣分不超过该项每日上限）、年级和全校名次，以及每条扣分或加分的项目与原因。只列班级，不含学生姓名和录入人。未公布的日期只有检查人员和德育处能看到，其他人得到 published=false 和空列表。"},
	"GET /checks/rankings": {Tag: "德育", Summary: "班级量化排名", Resp: checkRanking{},
		Params: []paramDoc{{Name: "period", Type: "string", Desc: "统计周期：week 周（默认）或 month 月", Enum: []string{"week", "month"}},
			{Name: "day", Type: "string", Desc: "周期内的任一天 YYYY-MM-DD，默认今天"}},
		Desc: "周或月排名：得分为该期已公布各日得分的平均分，保留两位小数；同分同名次，下一名次顺延。同时返回该期各周的流动红旗。"},
	"POST /checks/entries": {Tag: "德育", Summary: "录入检查结果", Body: checkEntryRequest{}, Resp: checkEntryCreated{}, Status: 201,
		Desc: "一次为多个班级记录同一条扣分或加分，全部写入或全部不写入（422）。不能录入今天以后的日期；已公布的日期只有德育处（check:manage）填写 why 才能补录。学生会干部的记录在学校要求时须值周教师确认后才能公布。"},
}

var checkSchemaDocs = map[string]string{
	"CheckBoard":                  "某一天的班级量化公示",
	"CheckBoard.day":              "日期 YYYY-MM-DD",
	"CheckBoard.published":        "该日结果是否已公布",
	"CheckBoard.classes":          "各班得分，按全校名次排列",
	"CheckBoardClass":             "公示栏上的一个班级",
	"CheckBoardClass.class_id":    "班级编号",
	"CheckBoardClass.class":       "班级名称",
	"CheckBoardClass.grade":       "年级（入学年份）",
	"CheckBoardClass.score":       "当日得分",
	"CheckBoardClass.grade_rank":  "年级内名次",
	"CheckBoardClass.rank":        "全校名次",
	"CheckBoardClass.entries":     "当日的扣分与加分",
	"CheckBoardReason":            "一条扣分或加分",
	"CheckBoardReason.item":       "检查项目，如 卫生",
	"CheckBoardReason.reason":     "原因，如 地面有纸屑",
	"CheckBoardReason.points":     "分值，扣分为负数",
	"CheckRanking":                "一周或一月的班级排名",
	"CheckRanking.period":         "week 周或 month 月",
	"CheckRanking.from":           "周期第一天",
	"CheckRanking.to":             "周期最后一天",
	"CheckRanking.days":           "计入的已公布日期",
	"CheckRanking.standings":      "各班得分与名次，按全校名次排列",
	"CheckRanking.flags":          "该期各周的流动红旗",
	"CheckStanding":               "排名中的一个班级",
	"CheckStanding.class_id":      "班级编号",
	"CheckStanding.class":         "班级名称",
	"CheckStanding.grade":         "年级（入学年份）",
	"CheckStanding.score":         "平均每日得分",
	"CheckStanding.rank":          "全校名次",
	"CheckStanding.grade_rank":    "年级内名次",
	"CheckFlag":                   "一面流动红旗",
	"CheckFlag.week":              "所属一周（周一的日期）",
	"CheckFlag.class_id":          "获得的班级编号",
	"CheckFlag.class":             "获得的班级名称",
	"CheckFlag.grade":             "年级（入学年份）",
	"CheckFlag.score":             "颁发时该周的平均得分",
	"CheckFlag.grade_rank":        "颁发时的年级名次",
	"CheckEntryRequest":           "一次录入：同一天、同一项目、同一原因的多个班级",
	"CheckEntryRequest.day":       "检查日期 YYYY-MM-DD，不晚于今天",
	"CheckEntryRequest.item_id":   "检查项目编号",
	"CheckEntryRequest.class_ids": "班级编号",
	"CheckEntryRequest.points":    "分值：扣分为负数，-20 到 10 之间且不为 0",
	"CheckEntryRequest.reason":    "原因，最多 40 字，不写学生姓名",
	"CheckEntryRequest.why":       "更正理由：补录已公布的日期时必填（仅德育处）",
	"CheckEntryCreated":           "录入结果",
	"CheckEntryCreated.ids":       "新记录的编号，每个班级一条",
}

func init() {
	for k, v := range checkOperations {
		operations[k] = v
	}
	for k, v := range checkSchemaDocs {
		m := schemaDocs
		if strings.Contains(k, ".") {
			m = fieldDocs
		}
		if _, dup := m[k]; !dup {
			m[k] = v
		}
	}
}
