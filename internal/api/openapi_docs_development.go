package api

import "zhijiao/internal/model"

// The 培训与实践记录 operations and schemas (docs/teachers.md section 1),
// merged into operations, schemaDocs and fieldDocs.
var developmentOps = map[string]opDoc{
	"GET /development/records": {Tag: "教师发展", Summary: "培训与实践记录列表", Search: true, Paged: true, Resp: model.DevelopmentRecord{},
		Params: []paramDoc{
			{Name: "kind", Type: "string", Desc: "记录类别", Enum: []string{"national", "provincial", "district", "school", "rotation", "enterprise", "visiting", "degree", "ethics", "certificate"}},
			{Name: "status", Type: "string", Desc: "核实状态", Enum: []string{"pending", "verified", "rejected"}},
			{Name: "year", Type: "integer", Desc: "与该年份有交集的记录"},
			{Name: "teacher", Type: "integer", Desc: "只列该教师的记录"},
			{Name: "department", Type: "integer", Desc: "只列该专业部教师的记录"},
			{Name: "batch", Type: "integer", Desc: "只列一次名单导入的记录"}},
		Desc: "记录按开始日期新的在前，不含已删除的。人事处和学校管理员见全校，专业部主任见本部教师的记录，教师只见自己的。q 搜索名称、主办单位、教师姓名和工号。"},
	"POST /development/records": {Tag: "教师发展", Summary: "新增培训与实践记录", Body: developmentInputBody{}, Resp: model.DevelopmentRecord{}, Status: 201,
		Desc: "按类别检查字段：培训类要学时，企业实践要天数和合作企业（天数不超过起止日期之间的天数），证书要发证机构和编号。教师录入的是本人的记录，为待核实（自报）；人事处用 teacher_id 或 staff_no 指定教师，记录直接为已核实。"},
	"GET /development/records/{id}": {Tag: "教师发展", Summary: "一条培训与实践记录", Resp: model.DevelopmentRecord{},
		Desc: "记录（已删除的也可读）。调用者范围之外或其他学校的记录返回 404。"},
	"PUT /development/records/{id}": {Tag: "教师发展", Summary: "修改培训与实践记录", Body: developmentInputBody{}, Resp: model.DevelopmentRecord{},
		Desc: "整条替换记录的字段（教师不变），修改前的值记入修改历史。教师只能修改本人尚未核实的记录，修改后回到待核实；人事处修改时保持原状态。"},
	"DELETE /development/records/{id}": {Tag: "教师发展", Summary: "删除培训与实践记录", Status: 204,
		Params: []paramDoc{{Name: "reason", Type: "string", Desc: "删除理由（必填）"}},
		Desc:   "标记删除：不再计入学时与实践，仍可读并保留修改历史。需要理由（否则 422）。"},
	"POST /development/records/{id}/review": {Tag: "教师发展", Summary: "核实培训与实践记录", Body: developmentReviewBody{}, Resp: model.DevelopmentRecord{},
		Desc: "人事处核实（verify）或退回（reject，须写理由）一条待核实的记录；已核实过的、或审核人本人的记录返回 422。"},
}

var developmentSchemaDocs = map[string]string{
	"DevelopmentRecord":                      "一条培训与实践记录：一位教师的一次培训、一段企业实践、一次进修或一张证书",
	"DevelopmentRecord.id":                   "记录编号",
	"DevelopmentRecord.teacher_id":           "教师编号",
	"DevelopmentRecord.teacher_name":         "教师姓名",
	"DevelopmentRecord.staff_no":             "教师工号",
	"DevelopmentRecord.department_id":        "教师所在专业部编号",
	"DevelopmentRecord.department_name":      "教师所在专业部",
	"DevelopmentRecord.kind":                 "类别：national 国培、provincial 市培（省培）、district 区培、school 校本培训、rotation 五年轮训、enterprise 企业实践、visiting 访学进修、degree 学历提升、ethics 师德师风培训、certificate 职业资格与技能等级证书",
	"DevelopmentRecord.title":                "名称：培训名称、实践岗位、学历与专业或证书名称",
	"DevelopmentRecord.provider":             "主办单位（培训类）",
	"DevelopmentRecord.starts_on":            "开始日期；证书为取得日期",
	"DevelopmentRecord.ends_on":              "结束日期；证书与取得日期相同",
	"DevelopmentRecord.hours":                "学时（培训类）",
	"DevelopmentRecord.days":                 "实践天数（企业实践）",
	"DevelopmentRecord.enterprise_id":        "实践企业编号（企业实践）",
	"DevelopmentRecord.enterprise_name":      "实践企业名称",
	"DevelopmentRecord.enterprise_confirmed": "企业已确认这段实践",
	"DevelopmentRecord.confirmed_by":         "企业一方的确认人",
	"DevelopmentRecord.issuer":               "发证机构（证书）",
	"DevelopmentRecord.number":               "证书编号",
	"DevelopmentRecord.level":                "证书等级",
	"DevelopmentRecord.expires_on":           "证书有效期至；为空表示长期有效",
	"DevelopmentRecord.batch_id":             "名单导入的批次编号",
	"DevelopmentRecord.source":               "来源：self 教师自报、office 人事处录入、import 名单导入",
	"DevelopmentRecord.status":               "核实状态：pending 待核实、verified 已核实、rejected 已退回",
	"DevelopmentRecord.reject_reason":        "退回理由",
	"DevelopmentRecord.reviewed_by":          "核实人账号编号",
	"DevelopmentRecord.reviewed_at":          "核实时间",
	"DevelopmentRecord.deleted":              "已删除：不再计入",
	"DevelopmentRecord.created_by":           "录入人账号编号",
	"DevelopmentRecord.created_at":           "录入时间",
	"DevelopmentRecord.updated_at":           "最后修改时间",
	"DevelopmentInput":                       "新增或修改的记录",
	"DevelopmentInput.teacher_id":            "教师编号（人事处录入时与 staff_no 二选一；教师录入时省略）",
	"DevelopmentInput.staff_no":              "教师工号（人事处录入时）",
	"DevelopmentInput.kind":                  "类别（同 DevelopmentRecord.kind，也可用中文名）",
	"DevelopmentInput.title":                 "名称",
	"DevelopmentInput.provider":              "主办单位",
	"DevelopmentInput.starts_on":             "开始日期或取得日期，YYYY-MM-DD",
	"DevelopmentInput.ends_on":               "结束日期，YYYY-MM-DD（证书省略）",
	"DevelopmentInput.hours":                 "学时（培训类必填，0.5–1000）",
	"DevelopmentInput.days":                  "实践天数（企业实践必填，0.5–366）",
	"DevelopmentInput.enterprise_id":         "实践企业编号（企业实践必填）",
	"DevelopmentInput.issuer":                "发证机构（证书必填）",
	"DevelopmentInput.number":                "证书编号（证书必填）",
	"DevelopmentInput.level":                 "证书等级",
	"DevelopmentInput.expires_on":            "证书有效期至",
	"DevelopmentReview":                      "核实决定",
	"DevelopmentReview.decision":             "verify 核实或 reject 退回",
	"DevelopmentReview.reason":               "退回理由（退回时必填）",
}

func init() {
	for k, v := range developmentOps {
		if _, dup := operations[k]; !dup {
			operations[k] = v
		}
	}
	mergeSchemaDocs(developmentSchemaDocs)
}
