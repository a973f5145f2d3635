// Package teacherdev holds the pure rules of 教师发展 (docs/teachers.md):
// the kinds of development record, the requirements a teacher is measured
// against (the five-year training cycle, enterprise practice, 双师型) and
// the studios' vocabulary. It reads no database and no clock.
package teacherdev

// Kind is a kind of development record. The values are stored.
type Kind string

const (
	KindNational    Kind = "national"    // 国培
	KindProvincial  Kind = "provincial"  // 市培（省培）
	KindDistrict    Kind = "district"    // 区培
	KindSchool      Kind = "school"      // 校本培训
	KindRotation    Kind = "rotation"    // 五年轮训模块
	KindEnterprise  Kind = "enterprise"  // 企业实践
	KindVisiting    Kind = "visiting"    // 访学/进修
	KindDegree      Kind = "degree"      // 学历提升
	KindEthics      Kind = "ethics"      // 师德师风培训
	KindCertificate Kind = "certificate" // 职业资格/技能等级证书
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindNational, KindProvincial, KindDistrict, KindSchool, KindRotation, KindEnterprise, KindVisiting, KindDegree, KindEthics, KindCertificate}

var kindNames = map[Kind]string{
	KindNational: "国培", KindProvincial: "市培（省培）", KindDistrict: "区培", KindSchool: "校本培训", KindRotation: "五年轮训",
	KindEnterprise: "企业实践", KindVisiting: "访学进修", KindDegree: "学历提升", KindEthics: "师德师风培训", KindCertificate: "职业资格与技能等级证书",
}

// Name is the kind's Chinese name, or "" for an unknown kind.
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return kindNames[k] != "" }

// Training reports whether the kind earns 学时 towards the five-year
// training cycle (enterprise practice counts in days, certificates are
// held, not attended).
func (k Kind) Training() bool { return k != KindEnterprise && k != KindCertificate && k.Valid() }

// Review status of a record: self-reported records count only once the
// personnel office or the department has verified them.
const (
	StatusPending  = "pending"
	StatusVerified = "verified"
	StatusRejected = "rejected"
)

// Sources of a record.
const (
	SourceSelf   = "self"
	SourceOffice = "office"
	SourceImport = "import"
)

// Dual-qualified (双师型) levels, lowest first.
var DualLevels = []string{"初级", "中级", "高级"}

// Studio kinds and levels.
var (
	StudioKinds  = []string{"名师工作室", "教学专家工作室", "技能大师工作室", "名班主任工作室", "特级教师工作室", "其他工作室"}
	StudioLevels = []string{"国家级", "市级", "区级", "校级"}
)
