// Package research holds the pure rules of 科研管理 (docs/research.md):
// the kinds of research output and their fields and checks, the rule
// table of the per-term 科研考核 and the computation of a teacher's
// points with its explanation. It reads no database and no clock.
package research

// Kind is a kind of research output (科研成果类别). The values are stored.
type Kind string

const (
	KindProject       Kind = "project"        // 课题
	KindPaper         Kind = "paper"          // 论文
	KindTextbook      Kind = "textbook"       // 教材
	KindBook          Kind = "book"           // 著作
	KindPatent        Kind = "patent"         // 专利
	KindTeachingAward Kind = "teaching_award" // 教学成果奖
	KindCompetition   Kind = "competition"    // 教学能力比赛等教师竞赛获奖
	KindCase          Kind = "case"           // 课堂革命典型案例
	KindTransfer      Kind = "transfer"       // 成果转化
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindProject, KindPaper, KindTextbook, KindBook, KindPatent, KindTeachingAward, KindCompetition, KindCase, KindTransfer}

var kindNames = map[Kind]string{
	KindProject: "课题", KindPaper: "论文", KindTextbook: "教材", KindBook: "著作", KindPatent: "专利",
	KindTeachingAward: "教学成果奖", KindCompetition: "教师竞赛获奖", KindCase: "课堂革命典型案例", KindTransfer: "成果转化",
}

// Name is the kind's Chinese name, or "" for an unknown kind.
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return kindNames[k] != "" }

// Levels of projects and awards (级别), highest first. A paper's 期刊级别,
// a textbook's 规划教材 level and a patent's type are the kind's grade,
// not a level.
var Levels = []string{"国家级", "省部级", "市级", "区县级", "校级"}

// Prizes (获奖等级) of awards and competitions, highest first.
var Prizes = []string{"特等奖", "一等奖", "二等奖", "三等奖", "优秀奖"}

// Project stages in order. A project's points come per stage, each in the
// term of the stage's date.
const (
	StageApproved  = "立项"
	StageMidterm   = "中期"
	StageConcluded = "结题"
)

// Stages lists a project's stages in order.
var Stages = []string{StageApproved, StageMidterm, StageConcluded}

// Contributor roles (署名角色). A project has a 主持 and 参与 members; a
// publication has 第一作者, 通讯作者 and 作者; an award's team has 主持
// (the first-named) and 参与.
const (
	RoleLead          = "主持"
	RoleMember        = "参与"
	RoleFirstAuthor   = "第一作者"
	RoleCorresponding = "通讯作者"
	RoleAuthor        = "作者"
)

// ContributorRoles lists every contributor role.
var ContributorRoles = []string{RoleLead, RoleMember, RoleFirstAuthor, RoleCorresponding, RoleAuthor}

// Review status of an output: only verified outputs count.
const (
	StatusPending  = "pending"
	StatusVerified = "verified"
	StatusRejected = "rejected"
)

// Assessment states, in order (the same walk as an evaluation cycle).
const (
	StateClaiming   = "claiming"
	StateReviewing  = "reviewing"
	StateComputed   = "computed"
	StatePublicised = "publicised"
	StateFinal      = "final"
)

// States lists an assessment's states in order.
var States = []string{StateClaiming, StateReviewing, StateComputed, StatePublicised, StateFinal}
