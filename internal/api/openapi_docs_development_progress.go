package api

import "zhijiao/internal/teacherdev"

// The operations of requirements, progress and 双师型
// (docs/teachers.md §3 section 3), merged into operations.
var developmentProgressOps = map[string]opDoc{
	"GET /development/progress": {Tag: "教师发展", Summary: "教师发展进度", Resp: devProgressList{},
		Params: []paramDoc{{Name: "status", Type: "string", Desc: "只列最差一项为该状态的教师：behind 已落后、at_risk 一年内将落后、on_track、met"}},
		Desc:   "每位教师对照本校要求的进度：本周期已核实的培训学时、近五年经企业确认的企业实践天数（仅专业课教师）、状态、还需多少，以及双师型的记录支持情况。人事处和校领导（development:read）看全校，专业部主任看所主管专业部，其他教师只看本人。只计已核实的记录，待核实的另列为 pending。"},
	"GET /development/settings": {Tag: "教师发展", Summary: "教师发展要求", Resp: teacherdev.Requirements{},
		Desc: "本校的要求；未保存过时为默认值：每五年一周期 360 学时，专业课教师每 5 年企业实践不少于 180 天（6 个月，每月按 30 天计）。"},
	"PUT /development/settings": {Tag: "教师发展", Summary: "保存教师发展要求", Body: teacherdev.Requirements{}, Resp: teacherdev.Requirements{},
		Desc: "保存本校的全部要求并记入审计日志；每个不合理的值作为一条 422 错误明细返回，不保存任何一项。"},
	"GET /development/recognitions": {Tag: "教师发展", Summary: "双师型认定与核对", Resp: devDualLists{},
		Desc: "已认定的双师型教师、记录支持某一等级但尚未认定的教师，以及已认定但记录不再支持该等级的教师。"},
	"POST /development/recognitions": {Tag: "教师发展", Summary: "认定双师型", Body: devRecognitionNew{}, Resp: devRecognitionCreated{}, Status: 201,
		Desc: "认定一位教师为双师型（初级、中级、高级）；该教师原有的认定在认定日结束，由新认定取代。其他学校的教师返回 404。"},
	"POST /development/recognitions/revoke": {Tag: "教师发展", Summary: "撤销双师型认定", Body: devRecognitionRevoke{}, Status: 204,
		Desc: "撤销教师当前的双师型认定，须写明日期和原因；没有当前认定时返回 404。"},
}

var developmentProgressSchemaDocs = map[string]string{
	"DevProgressList":                      "教师发展进度",
	"DevProgressList.cycle":                "当前培训周期，如 2026–2030",
	"DevProgressList.requirements":         "本校的要求",
	"DevProgressList.items":                "每位教师的进度",
	"DevProgressItem":                      "一位教师的进度",
	"DevProgressItem.id":                   "教师编号",
	"DevProgressItem.staff_no":             "工号",
	"DevProgressItem.name":                 "姓名",
	"DevProgressItem.department_id":        "专业部编号",
	"DevProgressItem.department_name":      "专业部",
	"DevProgressItem.hired_on":             "入职日期",
	"DevProgressItem.professional":         "是否专业课教师（任教课程类别含“专业”）",
	"DevProgressItem.training":             "培训学时",
	"DevProgressItem.practice":             "企业实践",
	"DevProgressItem.needs_first_practice": "新任专业课教师尚无企业实践（先实践后上岗）",
	"DevProgressItem.dual":                 "双师型",
	"DevProgressItem.certificates":         "需要续期的证书：90 天内到期或一年内已过期且未换证的职业资格与技能等级证书，最早到期的在前",
	"CertNotice":                           "一张需要续期的证书",
	"CertNotice.record_id":                 "证书记录编号",
	"CertNotice.title":                     "证书名称",
	"CertNotice.level":                     "等级",
	"CertNotice.expires_on":                "有效期至（YYYY-MM-DD）",
	"CertNotice.days_left":                 "距到期的天数；负数为已过期的天数",
	"DevMeasure":                           "对照一项要求的进度",
	"DevMeasure.status":                    "met 已达标、on_track 进度正常、at_risk 一年内将落后、behind 已落后、n/a 不适用",
	"DevMeasure.target":                    "要求（学时或天）",
	"DevMeasure.done":                      "已核实的学时或经企业确认的天数",
	"DevMeasure.pending":                   "待核实的学时或天数（不计入）",
	"DevMeasure.needed":                    "还需",
	"DevMeasure.per_year":                  "剩余时间内约每年还需",
	"DevMeasure.from":                      "统计起始日",
	"DevMeasure.until":                     "统计截止日（不含）",
	"DevDual":                              "双师型的记录支持与认定",
	"DevDual.supported_level":              "记录支持的最高等级，空为不支持",
	"DevDual.reasons":                      "依据",
	"DevDual.missing":                      "更高等级还缺少什么",
	"DevDual.recognition":                  "当前认定",
	"DevRecognition":                       "双师型认定",
	"DevRecognition.level":                 "等级：初级、中级、高级",
	"DevRecognition.recognised_on":         "认定日期",
	"DevRecognition.basis":                 "认定依据",
	"DevDualLists":                         "双师型核对名单",
	"DevDualLists.recognised":              "已认定的教师",
	"DevDualLists.unrecognised":            "记录支持但未认定的教师",
	"DevDualLists.unsupported":             "已认定但记录不再支持的教师",
	"DevRecognitionNew":                    "新认定",
	"DevRecognitionNew.teacher_id":         "教师编号",
	"DevRecognitionNew.level":              "等级：初级、中级、高级",
	"DevRecognitionNew.recognised_on":      "认定日期（YYYY-MM-DD）",
	"DevRecognitionNew.basis":              "认定依据",
	"DevRecognitionCreated":                "新认定",
	"DevRecognitionCreated.id":             "认定编号",
	"DevRecognitionRevoke":                 "撤销认定",
	"DevRecognitionRevoke.teacher_id":      "教师编号",
	"DevRecognitionRevoke.revoked_on":      "撤销日期（YYYY-MM-DD）",
	"DevRecognitionRevoke.reason":          "撤销原因",
	"Requirements":                         "教师发展要求",
	"Requirements.cycle_hours":             "每周期培训学时（默认 360）",
	"Requirements.cycle_start_year":        "周期起始年份（默认 2021，即 2021–2025、2026–2030）",
	"Requirements.cycle_years":             "周期年数（默认 5）",
	"Requirements.practice_days":           "专业课教师企业实践天数要求（默认 180，即 6 个月）",
	"Requirements.practice_years":          "企业实践统计年数（默认 5）",
	"Requirements.new_teacher_years":       "入职不满几年且无企业实践的专业课教师标为新教师待实践（默认 2，0 为不标）",
}

func init() {
	for k, v := range developmentProgressOps {
		if _, dup := operations[k]; !dup {
			operations[k] = v
		}
	}
	mergeSchemaDocs(developmentProgressSchemaDocs)
}
