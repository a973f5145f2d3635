package roster

import (
	"time"

	"zhijiao/internal/idcheck"
)

// exampleID is the template's sample number. Region 500000 is a
// province-level code that is never issued to a person, so the sample
// passes the check digit yet can belong to nobody.
var exampleID = idcheck.MakeIDNumber("500000", time.Date(2008, 3, 1, 0, 0, 0, 0, time.UTC), 1, true)

// column describes one roster column: how templates and exports write it
// and which other headers schools use for it.
type column struct {
	Name     string   // canonical header, written by templates and exports
	Aliases  []string // other headers meaning the same column
	Required bool     // the column must exist and every row must fill it
	Text     bool     // digit strings: keep as text so Excel does not round them
	Width    float64  // template and export column width
	Help     string   // one line in the 填写说明 sheet
	Example  string   // the template's example row
}

// Canonical column names, shared by parsers, templates and exports.
const (
	colStudentNo   = "学号"
	colName        = "姓名"
	colGender      = "性别"
	colIDType      = "证件类型"
	colIDNumber    = "身份证号"
	colBirth       = "出生日期"
	colEthnicity   = "民族"
	colClass       = "班级"
	colMajor       = "专业"
	colEntryYear   = "入学年份"
	colProgram     = "学制"
	colRegNo       = "学籍号"
	colStatus      = "学籍状态"
	colPhone       = "联系电话"
	colGuardian    = "监护人姓名"
	colRelation    = "监护人关系"
	colGuardianTel = "监护人电话"

	colStaffNo    = "工号"
	colTitle      = "职称"
	colDepartment = "专业部"
	colDual       = "双师型"
	colHiredOn    = "入职日期"

	colClassName   = "班级名称"
	colHeadTeacher = "班主任工号"
)

var studentColumns = []column{
	{Name: colStudentNo, Aliases: []string{"学生学号"}, Required: true, Text: true, Width: 14,
		Help: "学校内唯一，只能用字母、数字和“-”，最多32位", Example: "2024010101"},
	{Name: colName, Aliases: []string{"学生姓名"}, Required: true, Width: 10,
		Help: "最多50字；少数民族姓名中的间隔号写作“·”", Example: "张小明"},
	{Name: colGender, Aliases: []string{"学生性别"}, Width: 6,
		Help: "男 或 女；不填时按身份证号第17位推断", Example: "男"},
	{Name: colIDType, Aliases: []string{"身份证件类型", "证件种类"}, Width: 14,
		Help: "居民身份证、港澳居民居住证、台湾居民居住证、外国人永久居留身份证、护照、其他；不填时按号码判断", Example: "居民身份证"},
	{Name: colIDNumber, Aliases: []string{"身份证件号", "证件号码", "身份证号码", "身份证件号码", "证件号", "身份证"}, Text: true, Width: 22,
		Help: "18位，最后一位可以是X；请把本列设为文本格式，否则 Excel 会把号码改成科学计数法", Example: exampleID},
	{Name: colBirth, Aliases: []string{"出生年月", "出生年月日", "生日"}, Width: 12,
		Help: "如 2008-03-01、2008/3/1、2008年3月1日；填了身份证号时可不填，填了须与身份证号一致", Example: "2008-03-01"},
	{Name: colEthnicity, Aliases: []string{"民族名称"}, Width: 8,
		Help: "如 汉族、土家族（可省略“族”字）", Example: "汉族"},
	{Name: colClass, Aliases: []string{"班级名称", "所在班级", "班级全称"}, Required: true, Width: 14,
		Help: "须与系统中已建的班级名称一致", Example: "24数控1班"},
	{Name: colMajor, Aliases: []string{"专业名称", "专业简称", "所学专业", "专业代码"}, Width: 16,
		Help: "专业名称、简称或代码均可；不填时取班级所属专业", Example: "数控技术应用"},
	{Name: colEntryYear, Aliases: []string{"入学年月", "入学时间", "入学日期", "年级"}, Width: 10,
		Help: "如 2024、2024年9月、2024-09", Example: "2024"},
	{Name: colProgram, Width: 12,
		Help: "三年制中职、五年一贯制高职、3+2、3+4中本贯通（可写 三年制、五年制）", Example: "三年制中职"},
	{Name: colRegNo, Aliases: []string{"全国学籍号", "学籍号码", "学籍编号"}, Text: true, Width: 22,
		Help: "全国中职学生学籍号，字母和数字", Example: ""},
	{Name: colStatus, Aliases: []string{"学籍状态名称", "在籍状态"}, Width: 10,
		Help: "在籍、休学、退学、转出、毕业；不填为在籍", Example: "在籍"},
	{Name: colPhone, Aliases: []string{"手机号", "手机号码", "电话", "学生电话", "学生手机", "联系方式"}, Text: true, Width: 14,
		Help: "11位手机号，或带区号的固定电话如 023-12345678", Example: "13800000001"},
	{Name: colGuardian, Aliases: []string{"家长姓名", "监护人", "家长"}, Width: 10,
		Help: "第一监护人姓名", Example: "张大明"},
	{Name: colRelation, Aliases: []string{"与学生关系", "监护人与学生关系", "家长关系", "关系"}, Width: 10,
		Help: "如 父亲、母亲、祖父母", Example: "父亲"},
	{Name: colGuardianTel, Aliases: []string{"家长电话", "家长手机", "家长手机号", "监护人手机", "监护人手机号", "监护人联系电话", "家长联系电话"}, Text: true, Width: 14,
		Help: "监护人的手机号或固定电话", Example: "13900000002"},
}

var teacherColumns = []column{
	{Name: colStaffNo, Aliases: []string{"教师工号", "职工号", "教工号"}, Required: true, Text: true, Width: 12,
		Help: "学校内唯一，只能用字母、数字和“-”，最多32位", Example: "T0001"},
	{Name: colName, Aliases: []string{"教师姓名"}, Required: true, Width: 10,
		Help: "最多50字", Example: "李老师"},
	{Name: colGender, Width: 6, Help: "男 或 女；不填时按身份证号推断", Example: "女"},
	{Name: colTitle, Aliases: []string{"专业技术职务", "职务"}, Width: 14,
		Help: "如 高级讲师、讲师、助理讲师", Example: "讲师"},
	{Name: colDepartment, Aliases: []string{"所在专业部", "部门", "所属专业部", "系部"}, Width: 14,
		Help: "须与系统中已建的专业部名称一致", Example: "数控专业部"},
	{Name: colDual, Aliases: []string{"是否双师型", "双师型教师", "双师", "双师型等级"}, Width: 8,
		Help: "当前双师型认定的等级：初级、中级 或 高级；没有认定的教师写上等级即在导入当天认定（依据“花名册导入”）；不填或写“否”表示不变，不会撤销认定", Example: "中级"},
	{Name: colPhone, Aliases: []string{"手机号", "手机号码", "电话", "联系方式"}, Text: true, Width: 14,
		Help: "11位手机号，或带区号的固定电话", Example: "13700000003"},
	{Name: colIDNumber, Aliases: []string{"身份证件号", "证件号码", "身份证号码", "身份证件号码"}, Text: true, Width: 22,
		Help: "18位，最后一位可以是X", Example: ""},
	{Name: colHiredOn, Aliases: []string{"入职时间", "入校日期", "来校日期"}, Width: 12,
		Help: "如 2018-09-01；不晚于今天；不填表示不修改", Example: "2018-09-01"},
}

var classColumns = []column{
	{Name: colClassName, Aliases: []string{"班级", "班级全称"}, Required: true, Width: 16,
		Help: "学校内唯一，最多50字，如 24数控1班", Example: "24数控1班"},
	{Name: colMajor, Aliases: []string{"专业名称", "专业简称", "所属专业", "专业代码"}, Required: true, Width: 16,
		Help: "专业名称、简称或代码，须已在专业管理中建好", Example: "数控技术应用"},
	{Name: colEntryYear, Aliases: []string{"入学年月", "年级"}, Required: true, Width: 10,
		Help: "如 2024、2024年9月", Example: "2024"},
	{Name: colProgram, Width: 12,
		Help: "三年制中职、五年一贯制高职、3+2、3+4中本贯通；不填为三年制中职", Example: "三年制中职"},
	{Name: colHeadTeacher, Aliases: []string{"班主任"}, Text: true, Width: 12,
		Help: "班主任的教师工号，须已在教师名单中", Example: "T0001"},
}

// columnsOf returns the column set of a roster kind.
func columnsOf(k Kind) ([]column, bool) {
	switch k {
	case KindStudents:
		return studentColumns, true
	case KindTeachers:
		return teacherColumns, true
	case KindClasses:
		return classColumns, true
	}
	return nil, false
}
