package api

import "zhijiao/internal/model"

// The 科研成果 operations and schemas, merged into operations, schemaDocs
// and fieldDocs.
var researchOps = map[string]opDoc{
	"GET /research/outputs": {Tag: "科研", Summary: "科研成果列表", Search: true, Paged: true, Resp: model.ResearchOutput{},
		Params: []paramDoc{
			{Name: "kind", Type: "string", Desc: "成果类别", Enum: []string{"project", "paper", "textbook", "book", "patent", "teaching_award", "competition", "case", "transfer"}},
			{Name: "status", Type: "string", Desc: "审核状态", Enum: []string{"pending", "verified", "rejected"}},
			{Name: "year", Type: "integer", Desc: "按成果日期的年份筛选"},
			{Name: "teacher", Type: "integer", Desc: "只列记到该教师名下的成果"},
			{Name: "department", Type: "integer", Desc: "只列记到该专业部教师名下的成果"}},
		Desc: "成果按日期新的在前，带成员与课题阶段，不含已删除的。科研处和学校管理员见全校，专业部主任见本部教师的成果和自己的，教师只见自己是成员的成果。q 搜索成果名称和成员姓名。"},
	"POST /research/outputs": {Tag: "科研", Summary: "录入科研成果", Body: researchInputBody{}, Resp: model.ResearchOutput{}, Status: 201, Conflict: true,
		Desc: "按类别检查字段（ISSN、ISBN 与专利号核对校验位，CN 号与 DOI 核对格式），成员按顺序，本校教师用 teacher_id，校外人员用 name。新成果为待审核。与本校已有成果的立项号、DOI、ISBN、专利号或刊号+年+期+题目相同时拒绝（409，details 的 field 为 ident）；同类成果题目相近时也返回 409（field 为 title），确认不是重复后带 not_duplicate 重新提交。details 的 reason 以已有成果的路径开头。"},
	"GET /research/outputs/{id}": {Tag: "科研", Summary: "一项科研成果", Resp: model.ResearchOutput{},
		Desc: "成果及其成员与阶段（已删除的也可读）。调用者范围之外或其他学校的成果返回 404。"},
	"PUT /research/outputs/{id}": {Tag: "科研", Summary: "修改科研成果", Body: researchInputBody{}, Resp: model.ResearchOutput{}, Conflict: true,
		Desc: "整项替换成果的字段、成员与阶段，修改前的值记入修改历史。教师只能修改自己的、尚未认定的成果，修改后回到待审核；科研处修改时保持原状态。已认定的成果由教师修改返回 403。"},
	"DELETE /research/outputs/{id}": {Tag: "科研", Summary: "删除科研成果", Status: 204,
		Params: []paramDoc{{Name: "reason", Type: "string", Desc: "删除理由（必填）"}},
		Desc:   "标记删除：不再计入考核，仍可读并保留修改历史。需要理由（否则 422）。"},
	"POST /research/outputs/{id}/review": {Tag: "科研", Summary: "审核科研成果", Body: researchReviewBody{}, Resp: model.ResearchOutput{},
		Desc: "科研处认定（verify）或退回（reject，须写理由）一项待审核的成果；已审核过的返回 422。"},
}

var researchSchemaDocs = map[string]string{
	"ResearchOutput":                      "一项科研成果：团队成果也只有一条，记到每位本校成员名下",
	"ResearchOutput.kind":                 "类别：project 课题、paper 论文、textbook 教材、book 著作、patent 专利、teaching_award 教学成果奖、competition 教师竞赛获奖、case 课堂革命典型案例、transfer 成果转化",
	"ResearchOutput.title":                "成果名称",
	"ResearchOutput.level":                "级别（课题、奖项、案例）：国家级、省部级、市级、区县级、校级",
	"ResearchOutput.grade":                "等级：论文的期刊级别、教材的规划教材级别、专利类型或获奖等级",
	"ResearchOutput.stage":                "课题的最新阶段：立项、中期或结题",
	"ResearchOutput.stages":               "课题各阶段及其日期",
	"ResearchOutput.ident":                "查重用的规范化标识（立项号、DOI、ISBN、专利号等）",
	"ResearchOutput.fields":               "该类别自己的字段，如 journal、issn、cn、doi、isbn、publisher、patent_no（见 docs/research.md）",
	"ResearchOutput.dated_on":             "决定成果计入哪个学期的日期（课题为最新阶段的日期）",
	"ResearchOutput.contributors":         "成员，按署名顺序",
	"ResearchOutput.status":               "审核状态：pending 待审核、verified 已认定、rejected 已退回",
	"ResearchOutput.reject_reason":        "退回理由",
	"ResearchOutput.reviewed_by":          "审核人账号编号",
	"ResearchOutput.reviewed_at":          "审核时间",
	"ResearchOutput.deleted":              "已删除：不再计入考核",
	"ResearchOutput.created_by":           "录入人账号编号",
	"ResearchOutput.created_at":           "录入时间",
	"ResearchOutput.updated_at":           "最后修改时间",
	"ResearchStage":                       "课题的一个阶段",
	"ResearchStage.stage":                 "阶段：立项、中期、结题",
	"ResearchStage.dated_on":              "该阶段的日期",
	"ResearchContributor":                 "一位成员",
	"ResearchContributor.position":        "署名顺序，从 1 起",
	"ResearchContributor.teacher_id":      "本校教师编号；校外人员为空",
	"ResearchContributor.name":            "姓名",
	"ResearchContributor.role":            "角色：主持、参与、第一作者、通讯作者、作者",
	"ResearchContributor.share":           "分配比例（%）；为空则按考核规则默认分配",
	"ResearchInput":                       "录入或修改的成果",
	"ResearchInput.kind":                  "类别（同 ResearchOutput.kind，也可用中文名）",
	"ResearchInput.title":                 "成果名称",
	"ResearchInput.level":                 "级别",
	"ResearchInput.grade":                 "等级",
	"ResearchInput.dated_on":              "日期（课题不填，用 stages）",
	"ResearchInput.stages":                "课题各阶段的日期，如 {\"立项\": \"2026-03-01\"}",
	"ResearchInput.fields":                "该类别自己的字段",
	"ResearchInput.contributors":          "成员，按署名顺序，至少一位本校教师",
	"ResearchInput.not_duplicate":         "确认与题目相近的已有成果不是同一项",
	"ResearchContributorInput":            "一位成员：本校教师给 teacher_id，校外人员给 name",
	"ResearchContributorInput.teacher_id": "本校教师编号",
	"ResearchContributorInput.name":       "校外人员姓名",
	"ResearchContributorInput.role":       "角色（可省略：第一位为主持或第一作者，其余为参与或作者）",
	"ResearchContributorInput.share":      "分配比例（%）：要么都不给，要么都给且合计 100",
	"ResearchReview":                      "审核决定",
	"ResearchReview.decision":             "verify 认定或 reject 退回",
	"ResearchReview.reason":               "退回理由（退回时必填）",
}

func init() {
	for k, v := range researchOps {
		if _, dup := operations[k]; !dup {
			operations[k] = v
		}
	}
	mergeSchemaDocs(researchSchemaDocs)
}
