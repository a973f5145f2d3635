package portrait

import (
	"strconv"
)

// KPI is one figure of the 数据画像 with what it means, the period it
// covers and the records behind it.
type KPI struct {
	Key        string   `json:"key"`
	Name       string   `json:"name"`
	Definition string   `json:"definition"`
	Period     Period   `json:"period"`
	Value      string   `json:"value"` // as displayed: "90.0%（180/200）", "3,000 人次", 无数据
	Rate       *Ratio   `json:"rate,omitempty"`
	Count      *int     `json:"count,omitempty"`
	Amount     *float64 `json:"amount,omitempty"` // a figure that is neither a rate nor a count (人均学时)
	Unit       string   `json:"unit,omitempty"`
	Records    []int64  `json:"records,omitempty"` // drill-down: ids of the records counted
	Block      string   `json:"block,omitempty"`   // the page's block ("" for the first, ResearchBlock)
}

func rateKPI(key, name, def string, p Period, r Ratio, ids []int64) KPI {
	return KPI{Key: key, Name: name, Definition: def, Period: p, Value: r.String(), Rate: &r, Records: ids}
}

func countKPI(key, name, def, unit string, p Period, n int, ids []int64) KPI {
	return KPI{Key: key, Name: name, Definition: def, Period: p, Value: groupDigits(n) + " " + unit, Count: &n, Unit: unit, Records: ids}
}

// groupDigits writes 30000 as 30,000.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CertificatePassRate is 证书通过率 = passed sittings ÷ sittings.
func CertificatePassRate(at []CertAttempt, p Period) KPI {
	var r Ratio
	var ids []int64
	for _, a := range at {
		if !p.Contains(a.Date) {
			continue
		}
		w := weight(a.N)
		r.Den += w
		ids = appendID(ids, a.ID)
		if a.Passed {
			r.Num += w
		}
	}
	return rateKPI("certificate_pass_rate", "职业资格和技能等级证书通过率",
		"期内证书考试（职业资格与职业技能等级 1+X）中通过的人次 ÷ 参考人次", p, r, ids)
}

// DualCertificateRate is 双证书获取率 = graduates holding a vocational
// certificate ÷ graduates.
func DualCertificateRate(gs []Graduate, p Period) KPI {
	var r Ratio
	var ids []int64
	for _, g := range gs {
		if !p.Contains(g.GraduatedOn) {
			continue
		}
		w := weight(g.N)
		r.Den += w
		ids = appendID(ids, g.StudentID)
		if g.Certified {
			r.Num += w
		}
	}
	return rateKPI("dual_certificate_rate", "双证书获取率", "期内毕业生中同时取得毕业证书和职业资格（技能等级）证书的人数 ÷ 毕业生人数", p, r, ids)
}

// employedKinds count as 就业 in the initial employment rate: hired,
// self-employed and enlisted, as the national statistics count them.
func employed(kind string) bool {
	return kind == DestEmployed || kind == DestSelfEmployed || kind == DestEnlisted
}

// InitialEmploymentRate is 初次就业率 = (就业 + 升学) ÷ graduates, over the
// answers of the first destination survey dated in the period.
func InitialEmploymentRate(ds []Destination, p Period) KPI {
	var r Ratio
	var ids []int64
	for _, d := range ds {
		if !d.First || !p.Contains(d.SurveyDate) {
			continue
		}
		w := weight(d.N)
		r.Den += w
		ids = appendID(ids, d.ID)
		if employed(d.Kind) || d.Kind == DestFurtherStudy {
			r.Num += w
		}
	}
	return rateKPI("initial_employment_rate", "初次就业率",
		"首次去向调查中（就业人数 + 升学人数）÷ 毕业生人数；就业含受雇就业、自主创业与应征入伍", p, r, ids)
}

// RelevantEmploymentRate is 专业对口就业率 = employed in work matching the
// major ÷ employed (hired or self-employed; further study and enlisting do
// not count either way), from the first survey.
func RelevantEmploymentRate(ds []Destination, p Period) KPI {
	var r Ratio
	var ids []int64
	for _, d := range ds {
		if !d.First || !p.Contains(d.SurveyDate) || (d.Kind != DestEmployed && d.Kind != DestSelfEmployed) {
			continue
		}
		w := weight(d.N)
		r.Den += w
		ids = appendID(ids, d.ID)
		if d.Relevant {
			r.Num += w
		}
	}
	return rateKPI("relevant_employment_rate", "专业对口就业率",
		"首次去向调查中从事与所学专业对口工作的人数 ÷ 就业人数（受雇就业与自主创业；升学、入伍不计）", p, r, ids)
}

// EmployerSatisfaction is 用人单位满意率 = answers of 满意 or 很满意 (4 or 5
// on five) ÷ answers.
func EmployerSatisfaction(ans []SurveyAnswer, p Period) KPI {
	var r Ratio
	var ids []int64
	for _, a := range ans {
		if !p.Contains(a.Date) || a.Score < 1 || a.Score > 5 {
			continue
		}
		w := weight(a.N)
		r.Den += w
		ids = appendID(ids, a.ID)
		if a.Score >= 4 {
			r.Num += w
		}
	}
	return rateKPI("employer_satisfaction", "用人单位满意率", "用人单位满意度调查中选择“满意”或“很满意”的份数 ÷ 有效答卷份数", p, r, ids)
}

// SocialTraining counts 社会培训 person-times of sessions that started in
// the period.
func SocialTraining(ss []TrainingSession, p Period) KPI {
	n := 0
	var ids []int64
	for _, s := range ss {
		if !p.Contains(s.From) || s.Trainees <= 0 {
			continue
		}
		n += s.Trainees
		ids = append(ids, s.ID)
	}
	return countKPI("social_training", "社会培训", "期内开班的各类职业技能培训的培训人次之和", "人次", p, n, ids)
}

// NationalScholarships counts 国家奖学金 awarded in the period.
func NationalScholarships(hs []Honour, p Period) KPI {
	n := 0
	var ids []int64
	for _, h := range hs {
		if h.Kind == "国家奖学金" && p.Contains(h.Date) {
			n += weight(h.N)
			ids = appendID(ids, h.ID)
		}
	}
	return countKPI("national_scholarships", "国家奖学金", "期内获得中等职业教育国家奖学金的学生人次", "人次", p, n, ids)
}

// StudentAwards is the headline of student competition awards.
func StudentAwards(awards []Award, p Period, provincialLabel string) KPI {
	t := Awards(awards, p, false, provincialLabel)
	k := countKPI("student_awards", "学生技能大赛获奖", "期内学生参加职业院校技能大赛获"+t.provincial+"以上（国家级与"+t.provincial+"）奖项的项数", "项", p, t.AboveProvincial, t.Records)
	k.Value = t.Headline()
	return k
}

// Inputs are every record the dashboard reads.
type Inputs struct {
	Awards       []Award
	Certificates []CertAttempt
	Graduates    []Graduate
	Destinations []Destination
	Survey       []SurveyAnswer
	Training     []TrainingSession
	Honours      []Honour
	Research     []ResearchOutput // verified, not deleted; a project once per counted stage
	Staff        Staff            // the 师资 block: states on the period's last day, sums in it
	// ProvincialLabel is "市级" for a school in a 直辖市, else "省级".
	ProvincialLabel string
}

// Dashboard computes every KPI of the 数据画像 for one period, in the order
// the page shows them.
func Dashboard(in Inputs, p Period) []KPI {
	return append([]KPI{
		StudentAwards(in.Awards, p, in.ProvincialLabel),
		CertificatePassRate(in.Certificates, p),
		DualCertificateRate(in.Graduates, p),
		NationalScholarships(in.Honours, p),
		InitialEmploymentRate(in.Destinations, p),
		RelevantEmploymentRate(in.Destinations, p),
		EmployerSatisfaction(in.Survey, p),
		SocialTraining(in.Training, p),
	}, append(Research(in.Research, p), StaffKPIs(in.Staff, p, in.ProvincialLabel)...)...)
}
