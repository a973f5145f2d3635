package api

import "zhijiao/internal/teacherdev"

// The 工作室 operations and schemas (docs/teachers.md §2 and §4 section 2),
// merged into operations, schemaDocs and fieldDocs.
var studioOps = map[string]opDoc{
	"GET /studios": {Tag: "工作室", Summary: "工作室列表", Paged: true, Resp: teacherdev.Studio{},
		Desc: "本校的工作室，按级别（国家级、市级、区级、校级）、类别和名称排列，members 为尚未退出的成员数。教师、科研处和人事处可读。"},
	"POST /studios": {Tag: "工作室", Summary: "建立工作室", Body: newStudio{}, Resp: teacherdev.Studio{}, Status: 201,
		Desc: "类别与级别取固定的列表，主持人须为本校教师，名称在本校唯一；否则 422 并说明原因。人事处和学校管理员可用。"},
	"GET /studios/{id}": {Tag: "工作室", Summary: "一个工作室", Resp: studioDetail{},
		Desc: "工作室及其成员（含已退出的）、学期计划（新学期在前）和活动（新的在前，带关联的科研成果）。其他学校的工作室返回 404。"},
	"GET /studios/{id}/summary": {Tag: "工作室", Summary: "工作室年度总结", Resp: teacherdev.StudioYear{},
		Params: []paramDoc{{Name: "year", Type: "integer", Desc: "公历年份，默认今年"}},
		Desc:   "一个公历年内的活动次数（按类别）、年内任一天在册的成员数、关联的科研成果（每项只计一次）和学时合计。"},
	"POST /studios/{id}/activities": {Tag: "工作室", Summary: "记录工作室活动", Body: newStudioActivity{}, Resp: teacherdev.StudioActivity{}, Status: 201,
		Desc: "活动类别取固定列表（研讨、讲座、送教、带徒、比赛指导、公开课、课题研究、其他），日期不晚于今天；output_id 须为本校已审核的科研成果，否则 422。"},
}

var studioSchemaDocs = map[string]string{
	"Studio":                      "一个工作室",
	"Studio.name":                 "工作室名称",
	"Studio.kind":                 "类别：名师工作室、教学专家工作室、技能大师工作室、名班主任工作室、特级教师工作室、其他工作室",
	"Studio.level":                "级别：国家级、市级、区级、校级",
	"Studio.host_teacher_id":      "主持人（本校教师编号）",
	"Studio.host_name":            "主持人姓名",
	"Studio.founded_on":           "成立日期",
	"Studio.closed_on":            "撤销日期，空为仍在运行",
	"Studio.description":          "简介",
	"Studio.members":              "尚未退出的成员数",
	"StudioDetail":                "工作室及其成员、计划和活动",
	"StudioDetail.studio":         "工作室",
	"StudioDetail.members":        "成员，在册的在前",
	"StudioDetail.plans":          "学期计划，新学期在前",
	"StudioDetail.activities":     "活动，新的在前",
	"StudioMember":                "一名成员",
	"StudioMember.teacher_id":     "本校教师编号；校外成员为空",
	"StudioMember.name":           "姓名",
	"StudioMember.role":           "角色：主持人、核心成员、成员、校外专家、徒弟",
	"StudioMember.joined_on":      "加入日期",
	"StudioMember.left_on":        "退出日期，空为仍在册",
	"StudioPlan":                  "一个学期的计划",
	"StudioPlan.term_id":          "学期编号",
	"StudioPlan.term_name":        "学期名称",
	"StudioPlan.plan":             "计划内容",
	"StudioActivity":              "一次活动",
	"StudioActivity.held_on":      "活动日期",
	"StudioActivity.kind":         "活动类别",
	"StudioActivity.title":        "活动主题",
	"StudioActivity.note":         "说明",
	"StudioActivity.hours":        "学时，未报为 0",
	"StudioActivity.output_id":    "关联的科研成果编号",
	"StudioActivity.output_title": "关联的科研成果名称",
	"StudioYear":                  "工作室一个公历年的总结",
	"StudioYear.year":             "年份",
	"StudioYear.activities":       "活动次数",
	"StudioYear.by_kind":          "按活动类别的次数与学时",
	"StudioYear.members_active":   "年内任一天在册的成员数",
	"StudioYear.outputs":          "关联的科研成果编号，每项一次",
	"StudioYear.hours":            "学时合计",
	"KindCount":                   "一类活动的次数与学时",
	"KindCount.kind":              "活动类别",
	"KindCount.count":             "次数",
	"KindCount.hours":             "学时",
	"NewStudio":                   "新工作室",
	"NewStudio.name":              "工作室名称（最多 60 字）",
	"NewStudio.kind":              "类别",
	"NewStudio.level":             "级别",
	"NewStudio.host_teacher_id":   "主持人（本校教师编号）",
	"NewStudio.founded_on":        "成立日期 YYYY-MM-DD",
	"NewStudio.closed_on":         "撤销日期（可选）",
	"NewStudio.description":       "简介（可选）",
	"NewStudioActivity":           "一次活动",
	"NewStudioActivity.held_on":   "活动日期 YYYY-MM-DD，不晚于今天",
	"NewStudioActivity.kind":      "活动类别",
	"NewStudioActivity.title":     "活动主题（最多 100 字）",
	"NewStudioActivity.note":      "说明（可选）",
	"NewStudioActivity.hours":     "学时（可选，0 到 200）",
	"NewStudioActivity.output_id": "关联的科研成果编号（可选，须已审核）",
}

func init() {
	for k, v := range studioOps {
		if _, dup := operations[k]; !dup {
			operations[k] = v
		}
	}
	mergeSchemaDocs(studioSchemaDocs)
}
