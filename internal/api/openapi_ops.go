package api

import (
	"sort"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Filters shared by several operations.
var (
	pDepartment = paramDoc{Name: "department", Type: "integer", Desc: "按专业部编号筛选"}
	pMajor      = paramDoc{Name: "major", Type: "integer", Desc: "按专业编号筛选"}
	pYear       = paramDoc{Name: "year", Type: "integer", Desc: "按入学年份（年级）筛选，如 2026"}
	pClass      = paramDoc{Name: "class", Type: "integer", Desc: "按班级编号筛选"}
	pStatus     = paramDoc{Name: "status", Type: "string", Desc: "按学籍状态筛选", Enum: strs(model.EnrollmentStatuses)}
	pDual       = paramDoc{Name: "dual_qualified", Type: "boolean", Desc: "按是否持有当前的双师型认定筛选（认定日期不晚于今天且未撤销）"}
	pFormat     = paramDoc{Name: "format", Type: "string", Desc: "文件格式，默认 xlsx", Enum: []string{"xlsx", "csv"}}
)

func roleCodes() []string {
	out := make([]string, 0, len(auth.RoleNames))
	for r := range auth.RoleNames {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

const (
	studentScopeText = "只返回调用者可见的学生：学校管理部门可见全校，专业部主任可见本部各班，班主任和任课教师可见所带班级，学生只见本人，家长只见子女，企业导师只见学徒。"
	studentOneText   = "学生不在调用者可见范围内或属于其他学校时返回 404。"
	maskText         = "证件号和电话在列表中一律打码。"
	oneMaskText      = "证件号和电话仅对有 student:read_id 权限者显示完整号码，否则打码。"
)

// operations documents every route of routeTable, keyed "METHOD /path".
var operations = map[string]opDoc{
	"GET /frameworks": {Tag: "评价", Summary: "评价方案列表", Search: true, Paged: true, Resp: storage.FrameworkSummary{},
		Desc: "本校各评价方案的最新版本、版本数和是否为默认方案。"},
	"GET /frameworks/{id}": {Tag: "评价", Summary: "评价方案详情", Resp: model.Framework{},
		Desc: "某一版本的完整指标树：维度、指标（权重、量表、各评价主体权重）、观测点、等级与名额设置。版本一经保存不再改变。"},
	"GET /cycles": {Tag: "评价", Summary: "评价周期列表", Search: true, Paged: true, Resp: storage.EvalCycle{},
		Desc: "本校的评价周期及其状态（草稿、评价中、已截止、已计算、公示中、已确认）。"},
	"GET /cycles/{id}": {Tag: "评价", Summary: "评价周期详情", Resp: storage.EvalCycle{}, Desc: "周期属于其他学校时返回 404。"},
	"GET /rating-tasks": {Tag: "评价", Summary: "我的评价任务", Paged: true, Resp: ratingTask{},
		Desc: "调用者在本校各进行中周期里要评价的学生：学生的自评与互评，班主任、任课教师、企业导师和家长的评价。互评对被评学生匿名。"},
	"POST /cycles/{id}/ratings": {Tag: "评价", Summary: "提交评价", Body: ratingSubmit{}, Resp: ratingResult{},
		Desc: "以某一评价主体身份提交对一名学生的评价。调用者须具有该身份且被分配了该学生，周期须在评价中，指标须由该身份评价，分值须在量表内；任一项不符则整份不写入（422）。重复提交相同内容不会重复记录，修改的分值作为更正记录保存。"},

	"GET /openapi.json": {Tag: "文档", Summary: "OpenAPI 文档", Desc: "本接口的 OpenAPI 3.0 描述，无需登录。"},
	"GET /me": {Tag: "账号", Summary: "当前用户", Resp: meBody{},
		Desc: "返回当前账号、角色、全部权限字符串和可见范围。须修改初始密码的账号也可调用，以便客户端提示用户。"},

	"GET /school":      {Tag: "学校", Summary: "本校信息", Resp: model.School{}, Desc: "返回所在学校（平台账号为 ?school= 指定的学校）。"},
	"GET /terms":       {Tag: "学校", Summary: "学期列表", Search: true, Paged: true, Resp: termBody{}, Desc: "本校全部学期，新学期在前。"},
	"GET /departments": {Tag: "学校", Summary: "专业部列表", Search: true, Paged: true, Resp: model.Department{}, Desc: "本校的专业部。"},
	"GET /majors": {Tag: "学校", Summary: "专业列表", Search: true, Paged: true, Resp: model.Major{}, Desc: "本校开设的专业，按专业代码排序。",
		Params: []paramDoc{pDepartment, {Name: "category", Type: "integer", Desc: "按专业大类编号筛选"}}},

	"GET /classes": {Tag: "班级", Summary: "班级列表", Search: true, Paged: true, Resp: model.Class{}, Params: []paramDoc{pDepartment, pMajor, pYear},
		Desc: "只返回调用者可见的班级：学校管理部门可见全校，专业部主任可见本部各班，班主任和任课教师可见所带班级。"},
	"POST /classes": {Tag: "班级", Summary: "新建班级", Body: classCreate{}, Resp: model.Class{}, Status: 201, Conflict: true,
		Desc: "新建班级；年级按入学年份自动建立。班级名称在本校唯一。"},
	"GET /classes/{id}": {Tag: "班级", Summary: "班级详情", Resp: model.Class{}, Desc: "班级不在可见范围内或属于其他学校时返回 404。"},
	"PATCH /classes/{id}": {Tag: "班级", Summary: "修改班级", Body: classPatch{}, Resp: model.Class{}, Conflict: true,
		Desc: "只修改提交的字段；修改记入审计日志。"},

	"GET /teachers": {Tag: "教师", Summary: "教师列表", Search: true, Paged: true, Resp: model.Teacher{}, Params: []paramDoc{pDepartment, pDual},
		Desc: "本校教师，按工号排序。" + maskText},
	"POST /teachers": {Tag: "教师", Summary: "新建教师", Body: teacherCreate{}, Resp: model.Teacher{}, Status: 201, Conflict: true,
		Desc: "工号在本校唯一；身份证号和电话按国家标准校验。"},
	"GET /teachers/{id}": {Tag: "教师", Summary: "教师详情", Resp: model.Teacher{}, Desc: oneMaskText},
	"PATCH /teachers/{id}": {Tag: "教师", Summary: "修改教师", Body: teacherPatch{}, Resp: model.Teacher{}, Conflict: true,
		Desc: "只修改提交的字段；教师离职时把 active 置为 false，记录不删除。"},

	"GET /students": {Tag: "学生", Summary: "学生列表", Search: true, Paged: true, Resp: model.Student{},
		Params: []paramDoc{pClass, pMajor, pDepartment, pYear, pStatus},
		Desc:   studentScopeText + maskText + "q 可搜索姓名、学号、证件号和班级名称。"},
	"POST /students": {Tag: "学生", Summary: "新建学生", Body: studentCreate{}, Resp: model.Student{}, Status: 201, Conflict: true,
		Desc: "校验规则与网页表单和名单导入相同：身份证号校验位、出生日期须与身份证号一致、电话格式；学号在本校唯一。同时写入第一条学籍记录。"},
	"GET /students/{id}": {Tag: "学生", Summary: "学生详情", Resp: model.Student{}, Desc: studentOneText + oneMaskText},
	"PATCH /students/{id}": {Tag: "学生", Summary: "修改学生", Body: studentPatch{}, Resp: model.Student{}, Conflict: true,
		Desc: "只修改提交的字段，校验规则同新建；学籍状态须通过 POST /students/{id}/enrollment 变更。" + studentOneText},
	"GET /students/{id}/guardians": {Tag: "学生", Summary: "学生的监护人", Paged: true, Resp: model.Guardian{},
		Desc: studentOneText + "监护人电话按单条记录规则处理：" + oneMaskText},
	"GET /students/{id}/enrollment": {Tag: "学生", Summary: "学籍变动记录", Paged: true, Resp: model.EnrollmentChange{},
		Desc: "学生的学籍变动历史，按生效日期从早到晚。" + studentOneText},
	"POST /students/{id}/enrollment": {Tag: "学生", Summary: "学籍变动", Body: enrollmentRequest{}, Resp: model.EnrollmentChange{}, Status: 201,
		Desc: "记录一次带日期的学籍变动（休学、复学、退学、转出、毕业），并更新学生的当前学籍状态；历史记录只增不改。" + studentOneText},

	"GET /enterprises": {Tag: "企业", Summary: "合作企业列表", Search: true, Paged: true, Resp: model.Enterprise{}, Desc: "本校合作企业。" + maskText},
	"GET /mentors": {Tag: "企业", Summary: "企业导师列表", Search: true, Paged: true, Resp: model.Mentor{},
		Params: []paramDoc{{Name: "enterprise", Type: "integer", Desc: "按企业编号筛选"}}, Desc: "本校合作企业的导师。" + maskText},

	"GET /users": {Tag: "管理", Summary: "账号列表", Search: true, Paged: true, Resp: model.User{},
		Params: []paramDoc{{Name: "role", Type: "string", Desc: "按角色筛选", Enum: roleCodes()}}, Desc: "本校的登录账号，不含密码。"},
	"GET /audit": {Tag: "管理", Summary: "审计日志", Search: true, Paged: true, Resp: model.AuditEntry{},
		Params: []paramDoc{
			{Name: "entity", Type: "string", Desc: "按对象类型筛选，如 student"},
			{Name: "action", Type: "string", Desc: "按动作筛选，如 update"},
			{Name: "user", Type: "integer", Desc: "按操作人账号编号筛选"},
			{Name: "from", Type: "string", Desc: "起始时间（含）：YYYY-MM-DD（北京时间）或 RFC 3339"},
			{Name: "to", Type: "string", Desc: "截止时间（不含）：RFC 3339；填日期 YYYY-MM-DD 时包含当天"},
		},
		Desc: "本校的审计日志，新的在前；记录谁在何时把什么从什么改成了什么。"},

	"GET /tokens":         {Tag: "账号", Summary: "我的 API 令牌", Paged: true, Resp: model.APIToken{}, Desc: "当前账号的 API 令牌（不含令牌本身）。"},
	"POST /tokens":        {Tag: "账号", Summary: "创建 API 令牌", Body: tokenRequest{}, Resp: tokenCreated{}, Status: 201, Desc: "为当前账号创建令牌；令牌本身只在响应中出现这一次。"},
	"DELETE /tokens/{id}": {Tag: "账号", Summary: "吊销 API 令牌", Status: 204, Desc: "吊销当前账号的一个令牌，立即失效；其他账号的令牌编号返回 404。"},

	"POST /import/students": {Tag: "导入导出", Summary: "导入学生名单", Upload: true, Resp: importResult{},
		Desc: "与网页导入相同：按学号新建或更新学生，可同时登记第一监护人。只要有一行出错就不写入任何数据，返回 422 和逐行错误。"},
	"POST /import/teachers": {Tag: "导入导出", Summary: "导入教师名单", Upload: true, Resp: importResult{},
		Desc: "按工号新建或更新教师。只要有一行出错就不写入任何数据，返回 422 和逐行错误。"},
	"POST /import/classes": {Tag: "导入导出", Summary: "导入班级名单", Upload: true, Resp: importResult{},
		Desc: "按班级名称新建或更新班级，班主任以工号指定。只要有一行出错就不写入任何数据，返回 422 和逐行错误。"},
	"GET /export/students": {Tag: "导入导出", Summary: "导出学生名单", File: true, Search: true,
		Params: []paramDoc{pFormat, pClass, pMajor, pDepartment, pYear, pStatus},
		Desc:   "按学生列表的筛选条件导出调用者可见的学生，列与导入模板一致。证件号仅对有 student:read_id 权限者完整导出。导出记入审计日志。"},
	"GET /export/teachers": {Tag: "导入导出", Summary: "导出教师名单", File: true, Search: true, Params: []paramDoc{pFormat, pDepartment, pDual},
		Desc: "导出教师名单，列与导入模板一致。导出记入审计日志。"},
	"GET /export/classes": {Tag: "导入导出", Summary: "导出班级名单", File: true, Search: true, Params: []paramDoc{pFormat, pDepartment, pMajor, pYear},
		Desc: "导出调用者可见的班级，列与导入模板一致。导出记入审计日志。"},
}
