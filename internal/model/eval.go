package model

import "time"

// This file holds the plain types of 综合素质评价 (the 多元立体 model):
// frameworks, cycles, ratings, evidence, rules and results. The rules that
// act on them live in internal/eval.
//
// Weight convention, everywhere: percentages. Dimension weights sum to 100,
// the indicator weights inside one dimension sum to 100, the role weights of
// one indicator sum to 100 (tolerance 0.001). Every score is on 0–100.

// RaterRole is a 评价主体.
type RaterRole string

const (
	RaterSelf           RaterRole = "self"
	RaterPeer           RaterRole = "peer"
	RaterHeadTeacher    RaterRole = "head_teacher"
	RaterSubjectTeacher RaterRole = "subject_teacher"
	RaterMentor         RaterRole = "mentor"
	RaterParent         RaterRole = "parent"
)

// RaterRoles lists every 评价主体 in display order; the engine indexes
// roles by their position here.
var RaterRoles = []RaterRole{RaterSelf, RaterPeer, RaterHeadTeacher, RaterSubjectTeacher, RaterMentor, RaterParent}

// Index is r's position in RaterRoles, or -1.
func (r RaterRole) Index() int {
	switch r {
	case RaterSelf:
		return 0
	case RaterPeer:
		return 1
	case RaterHeadTeacher:
		return 2
	case RaterSubjectTeacher:
		return 3
	case RaterMentor:
		return 4
	case RaterParent:
		return 5
	}
	return -1
}

// Valid reports whether r is a known role.
func (r RaterRole) Valid() bool { return r.Index() >= 0 }

// Name is the role as the school says it.
func (r RaterRole) Name() string {
	switch r {
	case RaterSelf:
		return "自评"
	case RaterPeer:
		return "互评"
	case RaterHeadTeacher:
		return "班主任评"
	case RaterSubjectTeacher:
		return "任课教师评"
	case RaterMentor:
		return "企业导师评"
	case RaterParent:
		return "家长评"
	}
	return string(r)
}

// ScaleKind is how raters give a value for an indicator.
type ScaleKind string

const (
	ScaleScore100 ScaleKind = "score100" // 百分制: value 0–100
	ScaleRating5  ScaleKind = "rating5"  // 五分制: value 1–5, each point worth 20
	ScaleLevels   ScaleKind = "levels"   // 等级制: a named level mapped to points
)

// Name is the scale as the school says it.
func (k ScaleKind) Name() string {
	switch k {
	case ScaleScore100:
		return "百分制"
	case ScaleRating5:
		return "五分制"
	case ScaleLevels:
		return "等级制"
	}
	return string(k)
}

// ScaleLevel is one choice of a levels scale and the points (0–100) it is worth.
type ScaleLevel struct {
	Name   string  `json:"name"`
	Points float64 `json:"points"`
}

// Scale says how an indicator is rated. Every scale maps onto 0–100 points
// so that roles and indicators combine on one footing.
type Scale struct {
	Kind   ScaleKind    `json:"kind"`
	Levels []ScaleLevel `json:"levels,omitempty"` // only for ScaleLevels, best first
}

// ObservationPoint is a 观测点: the concrete thing a rater looks at.
type ObservationPoint struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"` // shown to raters
}

// Indicator is a 评价指标: a weighted node under a dimension.
type Indicator struct {
	Code              string                `json:"code"` // unique in the framework, e.g. "J01"
	Name              string                `json:"name"`
	Weight            float64               `json:"weight"` // % of its dimension
	Scale             Scale                 `json:"scale"`
	RoleWeights       map[RaterRole]float64 `json:"role_weights"` // % per rating role; absent = the role does not rate it
	ObservationPoints []ObservationPoint    `json:"observation_points"`
	// Choices and Descriptors serve the raters who choose instead of typing
	// (RaterRole.Chooses); see choices.go.
	Choices     []Choice          `json:"choices,omitempty"`
	Descriptors map[string]string `json:"descriptors,omitempty"`
}

// Dimension is a 评价维度 (德 智 体 美 劳, 职业技能, 习惯养成 …).
type Dimension struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Weight     float64     `json:"weight"` // % of the total
	Indicators []Indicator `json:"indicators"`
}

// Level is a 等级.
type Level string

const (
	LevelExcellent Level = "优秀"
	LevelGood      Level = "良好"
	LevelPass      Level = "合格"
	LevelFail      Level = "待合格"
)

// Levels lists the levels best first.
var Levels = []Level{LevelExcellent, LevelGood, LevelPass, LevelFail}

// Code is the letter schools print next to the level (A–D), "" if unknown.
func (l Level) Code() string {
	switch l {
	case LevelExcellent:
		return "A"
	case LevelGood:
		return "B"
	case LevelPass:
		return "C"
	case LevelFail:
		return "D"
	}
	return ""
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.Code() != "" }

// LevelThreshold gives a level to totals ≥ Min. MaxPercent > 0 is a quota:
// at most that % of a group (a class by default) may hold the level.
type LevelThreshold struct {
	Level      Level   `json:"level"`
	Min        float64 `json:"min"`
	MaxPercent float64 `json:"max_percent,omitempty"`
}

// Quota scopes: the group inside which quotas and ranks are counted.
const (
	QuotaByClass  = "class"  // 按班级 (the default)
	QuotaByCycle  = "cycle"  // 全校（本评价周期内全部学生）
	QuotaByCohort = "cohort" // 按年级
	QuotaByMajor  = "major"  // 按专业
)

// Grading turns totals into levels.
type Grading struct {
	Thresholds []LevelThreshold `json:"thresholds"` // best first; the last has Min 0
	QuotaScope string           `json:"quota_scope,omitempty"`
	// SmallClassScope (cohort, major or cycle), with quotas by class: the
	// complete students of every class too small for one place of a quota
	// (QuotaLimit(n, pct) == 0) are pooled with the other such classes of
	// the same cohort (major, cycle) and share the quotas as one group.
	// Empty: small classes stay on their own.
	SmallClassScope string `json:"small_class_scope,omitempty"`
}

// Aggregation methods for the ratings of one role on one indicator.
const (
	AggMean   = "mean"   // 平均
	AggMedian = "median" // 中位数
	AggRobust = "robust" // 去掉最高最低后平均 when there are ≥ TrimFrom ratings, else median
)

// Aggregation says how several ratings of one role become one score. Zero
// values mean the defaults: TrimFrom 5, TrimPercent 20, peers robust,
// every other role mean, MinPeers 3.
type Aggregation struct {
	TrimFrom    int                  `json:"trim_from,omitempty"`
	MinPeers    int                  `json:"min_peers,omitempty"`    // fewer peer ratings than this do not count (so no student sees one classmate's score)
	TrimPercent float64              `json:"trim_percent,omitempty"` // cut from EACH end, at least one rating
	RoleMethods map[RaterRole]string `json:"role_methods,omitempty"`
	// MinOthers is the fewest raters other than the student themself whose
	// ratings must count on every indicator (peers count only when they
	// reach MinPeers); a student short of it on any indicator is 待补评
	// (StudentResult.Incomplete). 0 means the default, 1.
	MinOthers int `json:"min_others,omitempty"`
	// RequiredRoles names, per indicator code, roles whose rating must
	// count on that indicator (for example the head teacher on 遵纪守法);
	// a student without it is 待补评 too. Absent: only MinOthers applies.
	RequiredRoles map[string][]RaterRole `json:"required_roles,omitempty"`
	// FairRoles names the roles (互评, and optionally 班主任评 and 任课教师评) whose score on an indicator is
	// corrected for the raters' severity (宽严校正) before the roles are combined: the many-facet Rasch model fitted on
	// the class's ratings says how much more severe or lenient each rater was than the average rater of the role,
	// and the role score becomes what an average rater would have given (evalrun). Empty: no correction.
	FairRoles []RaterRole `json:"fair_roles,omitempty"`
}

// Framework is a 评价方案: a versioned tree of dimensions and indicators.
// A cycle pins one version, so editing makes a new version.
type Framework struct {
	ID          int64       `json:"id,omitempty"`
	SchoolID    int64       `json:"school_id,omitempty"`
	Code        string      `json:"code"` // shared by every version of one framework
	Name        string      `json:"name"`
	Version     int         `json:"version"`
	Description string      `json:"description,omitempty"`
	Dimensions  []Dimension `json:"dimensions"`
	Grading     Grading     `json:"grading"`
	Aggregation Aggregation `json:"aggregation"`
	CreatedAt   time.Time   `json:"created_at,omitzero"`
}

// CycleState is where a 评价周期 stands.
type CycleState string

const (
	CycleDraft      CycleState = "draft"
	CycleOpen       CycleState = "open"
	CycleClosed     CycleState = "closed"
	CycleComputed   CycleState = "computed"
	CyclePublicised CycleState = "publicised"
	CycleFinal      CycleState = "final"
)

// CycleStates lists the states in the order a cycle goes through them.
var CycleStates = []CycleState{CycleDraft, CycleOpen, CycleClosed, CycleComputed, CyclePublicised, CycleFinal}

// Name is the state as the school says it.
func (s CycleState) Name() string {
	switch s {
	case CycleDraft:
		return "草稿"
	case CycleOpen:
		return "评价中"
	case CycleClosed:
		return "已截止"
	case CycleComputed:
		return "已计算"
	case CyclePublicised:
		return "公示中"
	case CycleFinal:
		return "已确认"
	}
	return string(s)
}

// HasResults reports whether a cycle in this state has computed results:
// computed, publicised or final.
func (s CycleState) HasResults() bool {
	return s == CycleComputed || s == CyclePublicised || s == CycleFinal
}

// FamilyMayView is the rule stated on the pages: students and parents see
// results once the cycle is publicised or final (staff from computed on).
// A graduation archive holds the same cycles: results made public, never a
// draft computation.
func (s CycleState) FamilyMayView() bool {
	return s == CyclePublicised || s == CycleFinal
}

// Cycle is a 评价周期: one term (or stage) of evaluation. It pins a
// framework version so that later edits never change its results.
type Cycle struct {
	ID               int64      `json:"id"`
	SchoolID         int64      `json:"school_id"`
	TermID           int64      `json:"term_id"`
	Name             string     `json:"name"`
	FrameworkID      int64      `json:"framework_id"`
	FrameworkVersion int        `json:"framework_version"`
	State            CycleState `json:"state"`
	Seed             int64      `json:"seed"`       // peer assignment seed (stored signed; used as uint64)
	PeerCount        int        `json:"peer_count"` // k: classmates each student rates (default 4)
	PublicityDays    int        `json:"publicity_days,omitempty"`
	OpensAt          time.Time  `json:"opens_at,omitzero"`
	ClosesAt         time.Time  `json:"closes_at,omitzero"`
	CreatedAt        time.Time  `json:"created_at,omitzero"`
}

// RatingTask says that one rater, in one role, rates one student in a
// cycle. RaterID is in the role's own ID space: the student ID for self and
// peer, the teacher ID for head and subject teachers, the mentor ID for
// mentors, the guardian ID for parents.
type RatingTask struct {
	CycleID   int64     `json:"cycle_id,omitempty"`
	Role      RaterRole `json:"role"`
	RaterID   int64     `json:"rater_id"`
	StudentID int64     `json:"student_id"`
}

// Rating is one rater's value for one student on one indicator. Value is
// used for score100 and rating5 scales, Level for levels scales. Corrections
// are new rows: the engine keeps the rating with the highest ID among those
// of one rater, role, student and indicator.
type Rating struct {
	ID            int64     `json:"id"`
	SchoolID      int64     `json:"school_id,omitempty"`
	CycleID       int64     `json:"cycle_id"`
	RaterRole     RaterRole `json:"rater_role"`
	RaterID       int64     `json:"rater_id"`      // as in RatingTask
	RaterUserID   int64     `json:"rater_user_id"` // the account that entered it
	StudentID     int64     `json:"student_id"`
	IndicatorCode string    `json:"indicator_code"`
	Value         float64   `json:"value,omitempty"`
	Level         string    `json:"level,omitempty"`
	Comment       string    `json:"comment,omitempty"`
	CreatedAt     time.Time `json:"created_at,omitzero"`
}

// EvidenceKind is the kind of a 写实记录.
type EvidenceKind string

const (
	EvidenceCompetition EvidenceKind = "competition" // 技能大赛 / 竞赛
	EvidenceCertificate EvidenceKind = "certificate" // 职业资格 / 职业技能等级证书 (1+X)
	EvidenceHonour      EvidenceKind = "honour"      // 三好学生、优秀学生干部、国家奖学金 …
	EvidenceInternship  EvidenceKind = "internship"  // 顶岗/跟岗实习、现代学徒制, with the mentor's rating
	EvidenceService     EvidenceKind = "service"     // 志愿服务 / 社会实践, in hours
	EvidenceBehaviour   EvidenceKind = "behaviour"   // 行为习惯记录, signed points
)

// EvidenceKinds lists the kinds in display order.
var EvidenceKinds = []EvidenceKind{EvidenceCompetition, EvidenceCertificate, EvidenceHonour, EvidenceInternship, EvidenceService, EvidenceBehaviour}

// Name is the kind as the school says it.
func (k EvidenceKind) Name() string {
	switch k {
	case EvidenceCompetition:
		return "竞赛获奖"
	case EvidenceCertificate:
		return "证书"
	case EvidenceHonour:
		return "荣誉称号"
	case EvidenceInternship:
		return "实习实训"
	case EvidenceService:
		return "志愿服务与社会实践"
	case EvidenceBehaviour:
		return "行为习惯记录"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k EvidenceKind) Valid() bool {
	for _, q := range EvidenceKinds {
		if k == q {
			return true
		}
	}
	return false
}

// Levels of competitions and honours.
const (
	AwardNational   = "国家级"
	AwardProvincial = "省级" // 直辖市的市级 counts here
	AwardCity       = "地市级"
	AwardCounty     = "区县级"
	AwardSchool     = "校级"
)

// AwardLevels lists the award levels, highest first.
var AwardLevels = []string{AwardNational, AwardProvincial, AwardCity, AwardCounty, AwardSchool}

// Prizes.
const (
	PrizeFirst  = "一等奖"
	PrizeSecond = "二等奖"
	PrizeThird  = "三等奖"
	PrizeMerit  = "优胜奖"
)

// Prizes lists the prizes, highest first.
var Prizes = []string{PrizeFirst, PrizeSecond, PrizeThird, PrizeMerit}

// Certificate categories and grades.
const (
	CertQualification = "职业资格"
	CertSkillLevel    = "职业技能等级" // 1+X
	CertJunior        = "初级"
	CertIntermediate  = "中级"
	CertSenior        = "高级"
)

// EvidenceStatus is where a record stands in verification; only verified
// records count.
type EvidenceStatus string

const (
	EvidencePending  EvidenceStatus = "pending"
	EvidenceVerified EvidenceStatus = "verified"
	EvidenceRejected EvidenceStatus = "rejected"
)

// Name is the status as the school says it.
func (s EvidenceStatus) Name() string {
	switch s {
	case EvidencePending:
		return "待审核"
	case EvidenceVerified:
		return "已审核"
	case EvidenceRejected:
		return "未通过"
	}
	return string(s)
}

// Evidence is a 写实记录. The meaning of Category and Level depends on Kind:
//
//	competition  Level 国家级…校级, Prize 一等奖…, Team
//	certificate  Category 职业资格 / 职业技能等级, Level 初级/中级/高级, Passed
//	honour       Category 三好学生 / 优秀学生干部 / 国家奖学金 …, Level 国家级…校级
//	internship   Category 顶岗实习 / 跟岗实习 / 现代学徒制, Level the mentor's 优秀/良好/合格/待合格, MentorScore
//	service      Category 志愿服务 / 社会实践, Hours
//	behaviour    Category the habit (学习习惯, 文明礼仪 …), Points signed (+ praise, − deduction)
type Evidence struct {
	ID          int64          `json:"id"`
	SchoolID    int64          `json:"school_id,omitempty"`
	StudentID   int64          `json:"student_id"`
	TermID      int64          `json:"term_id"`
	Kind        EvidenceKind   `json:"kind"`
	Title       string         `json:"title"`
	Category    string         `json:"category,omitempty"`
	Level       string         `json:"level,omitempty"`
	Prize       string         `json:"prize,omitempty"`
	Team        bool           `json:"team,omitempty"`
	Passed      bool           `json:"passed,omitempty"`
	Hours       float64        `json:"hours,omitempty"`
	Points      float64        `json:"points,omitempty"`
	MentorScore float64        `json:"mentor_score,omitempty"`
	Date        string         `json:"date,omitempty"` // YYYY-MM-DD
	Status      EvidenceStatus `json:"status"`
	VerifiedBy  int64          `json:"verified_by,omitempty"`
	Note        string         `json:"note,omitempty"`
}

// How an evidence rule turns a record into points.
const (
	RuleFixed   = "fixed"    // Points per record
	RulePerHour = "per_hour" // Points × Hours
	RuleRecord  = "record"   // Points × the record's own signed Points
)

// Team matching of a rule.
const (
	TeamAny        = ""
	TeamIndividual = "individual"
	TeamOnly       = "team"
)

// EvidenceRule is one row of the 加分规则 table: verified evidence that
// matches Kind and every non-empty field gets points on one indicator.
type EvidenceRule struct {
	ID            int64        `json:"id"`
	SchoolID      int64        `json:"school_id,omitempty"`
	Kind          EvidenceKind `json:"kind"`
	Category      string       `json:"category,omitempty"`
	Level         string       `json:"level,omitempty"`
	Prize         string       `json:"prize,omitempty"`
	Team          string       `json:"team,omitempty"`
	IndicatorCode string       `json:"indicator_code"`
	Mode          string       `json:"mode"`
	Points        float64      `json:"points"`
	Note          string       `json:"note,omitempty"`
}

// EvidenceCap bounds the evidence points of one indicator in one term:
// what is actually added, after the 100 ceiling. A side left 0 is not
// bounded by the row (a typed 0 is refused when the table is saved, and a
// row must bound one side).
type EvidenceCap struct {
	IndicatorCode string  `json:"indicator_code"`
	MaxBonus      float64 `json:"max_bonus,omitempty"`
	MaxDeduction  float64 `json:"max_deduction,omitempty"` // a positive number
}

// EvidencePolicy is a school's whole rule table: rules, caps per indicator
// and a cap on one student's bonus points in one term (required when the
// table is saved; 0 in tables stored before means none).
type EvidencePolicy struct {
	Rules   []EvidenceRule `json:"rules"`
	Caps    []EvidenceCap  `json:"caps,omitempty"`
	TermCap float64        `json:"term_cap,omitempty"`
}

// RoleResult is how one role rated one student on one indicator. It never
// names raters: peers stay anonymous to the rated student.
type RoleResult struct {
	Role            RaterRole `json:"role"`
	Weight          float64   `json:"weight"`           // configured %
	EffectiveWeight float64   `json:"effective_weight"` // after redistribution; 0 when nobody rated
	Count           int       `json:"count"`            // ratings received
	Used            int       `json:"used"`             // ratings left after trimming
	Method          string    `json:"method,omitempty"` // mean / median / trimmed / too_few (AggMean, AggMedian, "trimmed", "too_few": not counted)
	Score           float64   `json:"score"`            // 0–100
	// Adjusted marks a score corrected for the raters' severity (Aggregation.FairRoles); Raw is the score before.
	Adjusted bool    `json:"adjusted,omitempty"`
	Raw      float64 `json:"raw,omitempty"`
}

// EvidenceApplied is one verified record's contribution to one indicator.
type EvidenceApplied struct {
	EvidenceID int64   `json:"evidence_id"`
	RuleID     int64   `json:"rule_id"`
	Title      string  `json:"title"`
	Points     float64 `json:"points"` // what the rule gives, before caps
}

// IndicatorResult is one student's score on one indicator.
type IndicatorResult struct {
	Code            string  `json:"code"`
	Name            string  `json:"name"`
	Weight          float64 `json:"weight"`           // configured % of the dimension
	EffectiveWeight float64 `json:"effective_weight"` // after redistribution
	Rated           bool    `json:"rated"`            // at least one role rated it
	RatedScore      float64 `json:"rated_score"`      // from the ratings alone
	Bonus           float64 `json:"bonus"`            // evidence points before caps (≥ 0)
	Deduction       float64 `json:"deduction"`        // evidence points before caps (≥ 0)
	EvidencePoints  float64 `json:"evidence_points"`  // counted, after caps (signed)
	Capped          bool    `json:"capped,omitempty"` // a cap or the scale maximum cut points
	// Missing says, in Chinese, why the indicator does not count yet
	// ("J01 遵纪守法：缺自评以外的评价（至少 1 位）"); "" when it counts.
	Missing     string            `json:"missing,omitempty"`
	Score       float64           `json:"score"` // 0–100
	Roles       []RoleResult      `json:"roles"`
	Evidence    []EvidenceApplied `json:"evidence,omitempty"`
	Explanation []string          `json:"explanation,omitempty"`
}

// DimensionResult is one student's score on one dimension.
type DimensionResult struct {
	Code            string            `json:"code"`
	Name            string            `json:"name"`
	Weight          float64           `json:"weight"`
	EffectiveWeight float64           `json:"effective_weight"`
	Rated           bool              `json:"rated"`
	Score           float64           `json:"score"`
	Indicators      []IndicatorResult `json:"indicators"`
	Explanation     []string          `json:"explanation,omitempty"`
}

// StudentResult is one student's result in a cycle.
type StudentResult struct {
	CycleID   int64 `json:"cycle_id,omitempty"`
	StudentID int64 `json:"student_id"`
	ClassID   int64 `json:"class_id"`
	CohortID  int64 `json:"cohort_id,omitempty"` // quota groups by 年级
	MajorID   int64 `json:"major_id,omitempty"`  // quota groups by 专业
	Rated     bool  `json:"rated"`               // at least one indicator counts
	Complete  bool  `json:"complete"`            // every indicator counts: always !Incomplete
	// Incomplete is 待补评: some indicator lacks the raters the framework
	// requires (or any rating). Such a student has no total, no rank, no
	// score level and no level, and is left out of quota group sizes;
	// Missing lists what is missing, one Chinese line per indicator.
	Incomplete bool              `json:"incomplete,omitempty"`
	Missing    []string          `json:"missing,omitempty"`
	Total      float64           `json:"total"`                 // 0 when Incomplete; two decimals
	ScoreLevel Level             `json:"score_level,omitempty"` // by thresholds alone
	Level      Level             `json:"level,omitempty"`       // after quotas
	Rank       int               `json:"rank,omitempty"`        // in the quota group; ties share a rank
	GroupSize  int               `json:"group_size,omitempty"`  // complete students of the quota group
	Dimensions []DimensionResult `json:"dimensions"`
	// TermBonus is the student's evidence bonus in the term before the
	// term cap; TermFactor the share of it that counted (1 = all).
	TermBonus   float64  `json:"term_bonus,omitempty"`
	TermFactor  float64  `json:"term_factor,omitempty"`
	Explanation []string `json:"explanation,omitempty"`
}
