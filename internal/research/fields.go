package research

import (
	"slices"
	"strings"
)

// The fields of each kind (docs/research.md section 1). An output has the
// columns every kind shares (title, level, grade, the date that places it
// in a term) and its kind's own fields, kept as a JSON object of strings
// under the keys below. internal/validate walks a Spec to check a form,
// an API body or an import row alike.

// FieldType says how a field is typed and checked.
type FieldType string

const (
	FieldText   FieldType = "text"
	FieldNumber FieldType = "number" // a non-negative amount
	FieldYear   FieldType = "year"
	FieldDate   FieldType = "date"
	FieldChoice FieldType = "choice"
	FieldISSN   FieldType = "issn"
	FieldCN     FieldType = "cn"
	FieldISBN   FieldType = "isbn"
	FieldDOI    FieldType = "doi"
	FieldPatent FieldType = "patent"
)

// Field is one of a kind's own fields.
type Field struct {
	Key      string
	Label    string
	Type     FieldType
	Choices  []string
	Required bool
	Hint     string // a placeholder showing the expected form
}

// Spec is what a kind asks for. An empty LevelLabel or GradeLabel means
// the kind has no level or grade; Stages is set for 课题 only, whose date
// is its latest stage's.
type Spec struct {
	Kind       Kind
	LevelLabel string
	Levels     []string
	GradeLabel string
	Grades     []string
	DateLabel  string
	Stages     bool
	Fields     []Field
	// Roles are the contributor roles the kind offers (research.
	// ContributorRoles): 主持/参与 for projects and awards, 第一作者/
	// 作者/通讯作者 for publications and patents. The first is the first
	// contributor's default, the second the others'.
	Roles []string
}

// Settings are the choices a school sets itself.
type Settings struct {
	// JournalGrades is how the school grades journals (期刊级别), highest
	// first; rules give points by it.
	JournalGrades []string
}

// DefaultJournalGrades is the grading most 中职 schools start from.
var DefaultJournalGrades = []string{"核心期刊", "国家级期刊", "省级期刊", "一般期刊"}

// DefaultSettings are the settings of a school that set none.
func DefaultSettings() Settings { return Settings{JournalGrades: DefaultJournalGrades} }

// Textbook forms and 规划教材 levels, and patent types.
var (
	TextbookForms  = []string{"活页式", "工作手册式", "融媒体", "传统"}
	TextbookLevels = []string{"国家级", "省级", "校级", "非规划"}
	PatentTypes    = []string{"发明", "实用新型", "外观设计"}
)

// Field keys that the duplicate check and the import name.
const (
	FProjectNo   = "project_no"
	FFunder      = "funder"
	FFunding     = "funding"
	FJournal     = "journal"
	FCN          = "cn"
	FISSN        = "issn"
	FYear        = "year"
	FIssue       = "issue"
	FPages       = "pages"
	FDOI         = "doi"
	FPublisher   = "publisher"
	FISBN        = "isbn"
	FForm        = "form"
	FPatentNo    = "patent_no"
	FFiledOn     = "filed_on"
	FAwarder     = "awarder"
	FCompetition = "competition"
	FTeam        = "team"
	FPartner     = "partner"
	FAmount      = "amount"
)

var (
	projectRoles = []string{RoleLead, RoleMember}
	authorRoles  = []string{RoleFirstAuthor, RoleAuthor, RoleCorresponding}
)

// SpecOf is the kind's spec under the school's settings.
func SpecOf(k Kind, set Settings) Spec {
	if len(set.JournalGrades) == 0 {
		set.JournalGrades = DefaultJournalGrades
	}
	switch k {
	case KindProject:
		return Spec{Kind: k, LevelLabel: "立项级别", Levels: Levels, Stages: true, Roles: projectRoles, Fields: []Field{
			{Key: FProjectNo, Label: "立项号", Type: FieldText, Required: true, Hint: "如 2024-JY-015"},
			{Key: FFunder, Label: "立项单位", Type: FieldText},
			{Key: FFunding, Label: "经费（元）", Type: FieldNumber}}}
	case KindPaper:
		return Spec{Kind: k, GradeLabel: "期刊级别", Grades: set.JournalGrades, DateLabel: "发表日期", Roles: authorRoles, Fields: []Field{
			{Key: FJournal, Label: "期刊名称", Type: FieldText, Required: true},
			{Key: FCN, Label: "CN 号", Type: FieldCN, Hint: "CN 11-1234/G4"},
			{Key: FISSN, Label: "ISSN", Type: FieldISSN, Hint: "1671-0568"},
			{Key: FYear, Label: "年", Type: FieldYear, Required: true},
			{Key: FIssue, Label: "期", Type: FieldText, Required: true},
			{Key: FPages, Label: "页码", Type: FieldText, Hint: "12-15"},
			{Key: FDOI, Label: "DOI", Type: FieldDOI, Hint: "10.1234/…"}}}
	case KindTextbook:
		return Spec{Kind: k, GradeLabel: "规划教材", Grades: TextbookLevels, DateLabel: "出版日期", Roles: authorRoles, Fields: []Field{
			{Key: FPublisher, Label: "出版社", Type: FieldText, Required: true},
			{Key: FISBN, Label: "ISBN", Type: FieldISBN, Required: true, Hint: "978-7-…"},
			{Key: FForm, Label: "教材形态", Type: FieldChoice, Choices: TextbookForms, Required: true}}}
	case KindBook:
		return Spec{Kind: k, DateLabel: "出版日期", Roles: authorRoles, Fields: []Field{
			{Key: FPublisher, Label: "出版社", Type: FieldText, Required: true},
			{Key: FISBN, Label: "ISBN", Type: FieldISBN, Required: true, Hint: "978-7-…"}}}
	case KindPatent:
		return Spec{Kind: k, GradeLabel: "专利类型", Grades: PatentTypes, DateLabel: "授权公告日", Roles: authorRoles, Fields: []Field{
			{Key: FPatentNo, Label: "专利号", Type: FieldPatent, Required: true, Hint: "ZL202310123456.7"},
			{Key: FFiledOn, Label: "申请日", Type: FieldDate, Required: true}}}
	case KindTeachingAward:
		return Spec{Kind: k, LevelLabel: "级别", Levels: Levels, GradeLabel: "获奖等级", Grades: Prizes, DateLabel: "获奖日期", Roles: projectRoles, Fields: []Field{
			{Key: FAwarder, Label: "颁奖单位", Type: FieldText}}}
	case KindCompetition:
		return Spec{Kind: k, LevelLabel: "级别", Levels: Levels, GradeLabel: "获奖等级", Grades: Prizes, DateLabel: "获奖日期", Roles: projectRoles, Fields: []Field{
			{Key: FCompetition, Label: "竞赛名称", Type: FieldText, Required: true, Hint: "如 全国职业院校技能大赛教学能力比赛"},
			{Key: FTeam, Label: "团队名称", Type: FieldText}}}
	case KindCase:
		return Spec{Kind: k, LevelLabel: "认定级别", Levels: Levels, DateLabel: "认定日期", Roles: projectRoles, Fields: []Field{
			{Key: FAwarder, Label: "认定单位", Type: FieldText}}}
	case KindTransfer:
		return Spec{Kind: k, DateLabel: "合同签订日期", Roles: projectRoles, Fields: []Field{
			{Key: FPartner, Label: "合作单位", Type: FieldText, Required: true},
			{Key: FAmount, Label: "转化金额（元）", Type: FieldNumber, Required: true}}}
	}
	return Spec{Kind: k}
}

// RoleAllowed reports whether the kind offers the contributor role.
func (s Spec) RoleAllowed(role string) bool { return slices.Contains(s.Roles, role) }

// Field finds one of the spec's fields by key.
func (s Spec) Field(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Ident is the normalised identifier duplicates are caught on (the
// fields already checked and normalised): a project's 立项号 upper-cased
// without spaces, a paper's DOI, or for a paper without one its ISSN (or
// CN), year, issue and normalised title; an ISBN-13 for books and
// textbooks; a patent's number. "" for kinds without one. The kind's
// initial leads, so two kinds' numbers never meet, except textbooks and
// books, which share "isbn:" because one book is often entered as both.
func Ident(k Kind, title string, f map[string]string) string {
	switch k {
	case KindProject:
		if v := compact(f[FProjectNo]); v != "" {
			return "project:" + v
		}
	case KindPaper:
		if f[FDOI] != "" {
			return "doi:" + f[FDOI]
		}
		serial := f[FISSN]
		if serial == "" {
			serial = f[FCN]
		}
		if serial != "" && f[FYear] != "" && f[FIssue] != "" {
			return "paper:" + serial + "|" + f[FYear] + "|" + compact(f[FIssue]) + "|" + NormTitle(title)
		}
	case KindTextbook, KindBook:
		if f[FISBN] != "" {
			return "isbn:" + f[FISBN]
		}
	case KindPatent:
		if f[FPatentNo] != "" {
			return "patent:" + strings.TrimPrefix(f[FPatentNo], "ZL")
		}
	}
	return ""
}

// IdentLabel names what an ident is, for a refusal: "立项号", "DOI" ….
func IdentLabel(ident string) string {
	switch {
	case strings.HasPrefix(ident, "project:"):
		return "立项号"
	case strings.HasPrefix(ident, "doi:"):
		return "DOI"
	case strings.HasPrefix(ident, "paper:"):
		return "刊号、年、期与题目"
	case strings.HasPrefix(ident, "isbn:"):
		return "ISBN"
	case strings.HasPrefix(ident, "patent:"):
		return "专利号"
	}
	return ""
}

// KindByName finds a kind by its Chinese name or its stored value.
func KindByName(s string) (Kind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range Kinds {
		if string(k) == s || k.Name() == s {
			return k, true
		}
	}
	return "", false
}
