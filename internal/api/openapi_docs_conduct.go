package api

import (
	"strings"

	"zhijiao/internal/conduct"
)

// The 德育 operations and schemas, merged into operations, schemaDocs and
// fieldDocs.
var conductOps = map[string]opDoc{
	"GET /conduct/descriptors": {Tag: "德育", Summary: "记录事项", Paged: true, Resp: conduct.Descriptor{},
		Desc: "本校启用且类别计分的记录事项（如 早操迟到 −1 守时守纪），按排序。类别来自评价方案“习惯养成”维度中加分规则计分的指标。"},
	"GET /conduct/records": {Tag: "德育", Summary: "德育记录列表", Search: true, Paged: true, Resp: conductRecord{},
		Params: []paramDoc{pClass, {Name: "student", Type: "integer", Desc: "按学生编号筛选"}, {Name: "awaiting", Type: "string", Desc: "只列等待处理的记录：confirm 待老师确认、approve 待德育处审批", Enum: []string{conduct.AwaitConfirm, conduct.AwaitApprove}}},
		Desc:   "行为习惯记录，新记录在前，含已删除的（deleted 为 true，不计分）。班主任只见所带班级，德育处、学生处、值周教师见全校。"},
	"POST /conduct/records": {Tag: "德育", Summary: "批量记录", Body: conductBatch{}, Resp: conductRecorded{},
		Desc: "为多名学生记录同一事项，一次事务、每名学生一条记录（201）。班主任只能记录所带班级，值周教师、学生会干部和德育处可记录全校；有学生不在范围内、事项已停用或类别不计分时整批不写入（422）。班主任、值周教师和德育处的记录默认立即计分；学生会干部的记录须经老师确认；加分超过学校设定的门槛（默认 3 分）须经德育处审批。"},
}

var conductSchemaDocs = map[string]string{
	"Descriptor":                  "记录事项：记录时点选的行为",
	"Descriptor.name":             "事项名称，成为记录的标题",
	"Descriptor.category":         "习惯类别：评价方案“习惯养成”维度中的一个指标名称",
	"Descriptor.points":           "分值，正数为加分、负数为扣分",
	"Descriptor.active":           "是否启用",
	"Descriptor.position":         "排序",
	"ConductRecord":               "一条行为习惯记录",
	"ConductRecord.student_id":    "学生编号",
	"ConductRecord.student_no":    "学号",
	"ConductRecord.student_name":  "学生姓名",
	"ConductRecord.class_id":      "班级编号",
	"ConductRecord.class_name":    "班级名称",
	"ConductRecord.term_id":       "学期编号",
	"ConductRecord.title":         "事项（记录标题）",
	"ConductRecord.category":      "习惯类别",
	"ConductRecord.points":        "分值，正数加分、负数扣分",
	"ConductRecord.date":          "日期",
	"ConductRecord.status":        "状态：pending 待确认或审批、verified 已计分、rejected 已退回或已删除",
	"ConductRecord.awaiting":      "等待什么：confirm 老师确认、approve 德育处审批；空为不等待",
	"ConductRecord.recorder_role": "记录人当时的身份，如 head_teacher、duty_teacher、student_council",
	"ConductRecord.recorder_name": "记录人",
	"ConductRecord.deleted":       "已删除：不再计分，修改历史仍保留",
	"ConductRecord.descriptor_id": "所用记录事项的编号",
	"ConductRecord.note":          "备注",
	"ConductRecord.review_reason": "退回或删除的理由",
	"ConductBatch":                "一批记录",
	"ConductBatch.student_ids":    "学生编号（至少 1 名，最多 120 名）",
	"ConductBatch.descriptor_id":  "记录事项编号",
	"ConductBatch.note":           "备注（可选，最多 500 字）",
	"ConductRecorded":             "写入的记录",
	"ConductRecorded.records":     "每名学生一条记录",
	"ConductWritten":              "写入的一条记录",
	"ConductWritten.student_id":   "学生编号",
	"ConductWritten.status":       "状态：verified 已计分，pending 等待确认或审批",
}

func init() {
	for k, v := range conductOps {
		if _, dup := operations[k]; !dup {
			operations[k] = v
		}
	}
	mergeSchemaDocs(conductSchemaDocs)
}

// mergeSchemaDocs adds docs to schemaDocs (type names) and fieldDocs
// ("Type.field"), keeping what is there. The OpenAPI document is built
// when first served, after every init has run.
func mergeSchemaDocs(docs map[string]string) {
	for k, v := range docs {
		m := schemaDocs
		if strings.Contains(k, ".") {
			m = fieldDocs
		}
		if _, dup := m[k]; !dup {
			m[k] = v
		}
	}
}
