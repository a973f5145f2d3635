package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// records draws a school's history of verified evidence (写实记录), the
// class of 2023's destinations, social training and teachers' awards —
// what the 数据画像 counts. Rates are set near the figures a strong 中职
// reports (certificate pass rate ≈ 90 %, initial employment ≈ 99 %, about
// 30,000 training person-times a year), with chance around them. It uses
// its own random stream so the people of the school do not depend on it.
type records struct {
	r     *rand.Rand
	p     *plan
	terms []model.Term // oldest first
	out   storage.OutcomeLoad
}

func newRecords(seed int64, p *plan, terms []model.Term) *records {
	h := fnv.New64a()
	h.Write([]byte(p.code + "/records"))
	return &records{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), p: p, terms: terms}
}

func (rc *records) chance(p float64) bool   { return rc.r.Float64() < p }
func (rc *records) pick(xs []string) string { return xs[rc.r.IntN(len(xs))] }

// date draws a day inside the term, not after today.
func (rc *records) date(t model.Term) string {
	from, to := day(t.StartDate), day(t.EndDate)
	if end := day(today); to.After(end) {
		to = end
	}
	return from.AddDate(0, 0, rc.r.IntN(int(to.Sub(from).Hours()/24)+1)).Format("2006-01-02")
}

// inTerm reports whether a student of entry year y was at school in t
// (graduates left after the second term of their third year).
func inTerm(y int, t model.Term) bool {
	start := fmt.Sprintf("%d-09-01", y)
	return t.StartDate >= start && (y != graduateYear || t.EndDate <= graduatedOn)
}

func (rc *records) add(e model.Evidence) {
	rc.out.Evidence = append(rc.out.Evidence, e)
}

// draw fills rc.out for every student and graduate, term by term.
func (rc *records) draw() {
	all := append(append([]*student{}, rc.p.graduated...), rc.p.students...)
	for _, t := range rc.terms {
		if t.StartDate > today {
			continue
		}
		for _, st := range all {
			if st.s.EnrollmentStatus != model.StatusEnrolled && st.s.EnrollmentStatus != model.StatusGraduated {
				continue
			}
			if !inTerm(st.class.year, t) {
				continue
			}
			rc.termOf(st, t)
		}
	}
	rc.internships()
	rc.destinations()
	rc.training()
	rc.teacherAwards()
}

var (
	competitionTitles = map[string]string{
		model.AwardNational:   "全国职业院校技能大赛（中职组）%s赛项",
		model.AwardProvincial: "重庆市职业院校技能大赛（中职组）%s赛项",
		model.AwardCounty:     "渝州区中职学生技能竞赛%s项目",
		model.AwardSchool:     "渝州职教中心第%d届技能节%s比赛",
	}
	honourTitles  = []string{"三好学生", "优秀学生干部", "优秀团员"}
	serviceTitles = []string{"社区敬老院志愿服务", "“文明交通”志愿岗", "社区垃圾分类宣传", "图书馆志愿服务", "“三下乡”社会实践", "运动会志愿服务"}
)

// termOf draws one student's records of one term.
func (rc *records) termOf(st *student, t model.Term) {
	m := st.class.major.def
	base := model.Evidence{StudentID: st.s.ID, TermID: t.ID}
	rc.competition(base, m, t)
	year := yearOfStudy(st.class.year, t)
	rc.certificate(base, m, t, year)
	// Honours, once a year in the second term.
	if t.Semester == 2 && year >= 1 {
		switch x := rc.r.Float64(); {
		case x < 0.004 && year >= 2:
			e := base
			e.Kind, e.Category, e.Level, e.Title, e.Date = model.EvidenceHonour, "国家奖学金", model.AwardNational, "中等职业教育国家奖学金", rc.date(t)
			rc.add(e)
		case x < 0.06:
			e := base
			e.Kind, e.Category, e.Date = model.EvidenceHonour, rc.pick(honourTitles), rc.date(t)
			e.Level = []string{model.AwardSchool, model.AwardCounty, model.AwardProvincial}[weightedIndex(rc.r, []float64{0.8, 0.15, 0.05})]
			e.Title = e.Level + e.Category
			rc.add(e)
		}
	}
	// Volunteer hours and social practice.
	if rc.chance(0.35) {
		e := base
		e.Kind, e.Category, e.Title, e.Date = model.EvidenceService, "志愿服务", rc.pick(serviceTitles), rc.date(t)
		if e.Title == "“三下乡”社会实践" {
			e.Category = "社会实践"
		}
		e.Hours = float64(4 + rc.r.IntN(29))
		rc.add(e)
	}
	// Habit records come from descriptors (conduct_records.go).
}

// competition draws a skill competition prize. A handful of students a
// year reach the city (直辖市 = provincial) level; national prizes are rare.
func (rc *records) competition(base model.Evidence, m *majorDef, t model.Term) {
	level := ""
	switch x := rc.r.Float64(); {
	case x < 0.0016:
		level = model.AwardNational
	case x < 0.0136:
		level = model.AwardProvincial
	case x < 0.0286:
		level = model.AwardCounty
	case x < 0.0686:
		level = model.AwardSchool
	}
	if level != "" {
		e := base
		e.Kind, e.Level, e.Date = model.EvidenceCompetition, level, rc.date(t)
		e.Prize = model.Prizes[weightedIndex(rc.r, []float64{0.2, 0.3, 0.4, 0.1})]
		e.Team = rc.chance(0.3)
		if level == model.AwardSchool {
			e.Title = fmt.Sprintf(competitionTitles[level], yearOf(t)-2010, m.short)
		} else {
			e.Title = fmt.Sprintf(competitionTitles[level], m.core[rc.r.IntN(len(m.core))])
		}
		rc.add(e)
	}
}

// certificate draws a certificate: second-year students sit 1+X or 职业资格
// exams in the second term, retakes and higher grades in the third year.
func (rc *records) certificate(base model.Evidence, m *majorDef, t model.Term, year int) {
	if (year == 2 && t.Semester == 2 && rc.chance(0.85)) || (year == 3 && t.Semester == 1 && rc.chance(0.25)) {
		e := base
		e.Kind, e.Date = model.EvidenceCertificate, rc.date(t)
		e.Category = []string{model.CertSkillLevel, model.CertQualification}[rc.r.IntN(2)]
		e.Level = model.CertIntermediate
		if year == 2 && rc.chance(0.4) {
			e.Level = model.CertJunior
		}
		e.Title = m.short + "职业技能等级证书（" + e.Level + "）"
		if e.Category == model.CertQualification {
			e.Title = m.core[0] + "（" + e.Level + "工）"
		}
		e.Passed = rc.chance(0.905)
		rc.add(e)
	}
}

// yearOfStudy is 1 for a first-year student in term t.
func yearOfStudy(entry int, t model.Term) int {
	return yearOf(t) - entry + 1
}

// yearOf is the first calendar year of t's school year.
func yearOf(t model.Term) int {
	y := 0
	fmt.Sscanf(t.StartDate[:4], "%d", &y)
	if t.Semester == 2 {
		y--
	}
	return y
}

func weightedIndex(r *rand.Rand, ws []float64) int {
	var sum float64
	for _, w := range ws {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// internships: each placement that has begun gets the mentor's rating in
// the term it started.
func (rc *records) internships() {
	for _, pl := range rc.p.placements {
		for _, t := range rc.terms {
			if pl.from < t.StartDate || pl.from > t.EndDate || pl.from > today {
				continue
			}
			e := model.Evidence{StudentID: pl.st.s.ID, TermID: t.ID, Kind: model.EvidenceInternship, Date: pl.from}
			e.Category = map[string]string{model.PlacementApprenticeship: "现代学徒制", model.PlacementInternship: "跟岗实习"}[pl.kind]
			if e.Category == "" {
				e.Category = "顶岗实习"
			}
			e.Title = pl.mentor.ent.e.Name + e.Category
			e.MentorScore = float64(70 + rc.r.IntN(29))
			e.Level = "合格"
			switch {
			case e.MentorScore >= 90:
				e.Level = "优秀"
			case e.MentorScore >= 80:
				e.Level = "良好"
			}
			rc.add(e)
		}
	}
}

var (
	employers   = []string{"渝州%s有限公司", "渝州新区%s股份有限公司", "渝北%s科技有限公司"}
	industryOf  = map[string]string{"70": "汽车服务", "66": "智能制造", "71": "信息技术", "76": "文化传媒", "73": "商贸物流", "64": "建设工程", "74": "酒店旅游", "77": "幼教服务", "79": "社区服务"}
	furtherSchs = []string{"渝州职业技术学院", "渝州工程职业技术学院", "渝州应用技术大学"}
)

// destinations: the first survey of the class of 2023, on 31 August.
// Most 中职 graduates go on to 高职 (升学); nearly all the rest work.
func (rc *records) destinations() {
	var partners []*enterprise
	partners = append(partners, rc.p.enterprises...)
	for _, st := range rc.p.graduated {
		d := model.GraduateDestination{StudentID: st.s.ID, SurveyDate: "2026-08-31", FirstSurvey: true}
		switch x := rc.r.Float64(); {
		case x < 0.56:
			d.Kind, d.FurtherSchool = "further_study", rc.pick(furtherSchs)
		case x < 0.965:
			d.Kind = "employed"
			cat := st.class.major.def.cat
			if len(partners) > 0 && rc.chance(0.55) {
				e := partners[rc.r.IntN(len(partners))]
				d.EnterpriseID, d.Employer = e.e.ID, e.e.Name
			} else {
				d.Employer = fmt.Sprintf(rc.pick(employers), industryOf[cat])
			}
			d.Position = st.class.major.def.short + "岗位"
			d.Relevant = rc.chance(0.86)
		case x < 0.978:
			d.Kind = "enlisted"
		case x < 0.99:
			d.Kind = "self_employed"
			d.Relevant = rc.chance(0.6)
		default:
			d.Kind = "not_employed"
		}
		rc.out.Destinations = append(rc.out.Destinations, d)
	}
}

var trainingKinds = []struct{ title, served, kind string }{
	{"企业新员工岗前培训", "", "企业职工培训"},
	{"电工作业安全技术培训", "", "特种作业培训"},
	{"汽车维修技师技能提升培训", "", "企业职工培训"},
	{"家政服务员职业技能培训", "渝州区人力社保局", "就业技能培训"},
	{"社区老年人智能手机应用培训", "渝州区南城街道社区", "社区教育"},
	{"退役军人职业技能培训", "渝州区退役军人事务局", "就业技能培训"},
	{"高素质农民电商直播培训", "渝州区农业农村委", "新型职业农民培训"},
	{"育婴员（保育员）职业技能培训", "渝州区妇联", "就业技能培训"},
}

// training: social-training sessions of the last school year and this
// term, about 30,000 person-times a year.
func (rc *records) training() {
	for _, t := range rc.terms {
		if t.StartDate < "2025-09-01" || t.StartDate > today {
			continue
		}
		n := 24
		if t.StartDate > today || t.EndDate > today {
			n = 14 // this term, so far
		}
		for range n {
			k := trainingKinds[rc.r.IntN(len(trainingKinds))]
			s := model.TrainingSession{Title: k.title, Kind: k.kind, Served: k.served}
			start := day(rc.date(t))
			s.StartsOn, s.EndsOn = start.Format("2006-01-02"), start.AddDate(0, 0, 1+rc.r.IntN(10)).Format("2006-01-02")
			if s.Served == "" && len(rc.p.enterprises) > 0 {
				e := rc.p.enterprises[rc.r.IntN(len(rc.p.enterprises))]
				s.EnterpriseID, s.Served = e.e.ID, e.e.Name
			}
			s.Trainees = 200 + rc.r.IntN(1050)
			rc.out.Training = append(rc.out.Training, s)
		}
	}
}

// teacherAwards: the school's teachers in 教学能力比赛 and skill contests.
func (rc *records) teacherAwards() {
	titles := []string{"职业院校教学能力比赛", "职业院校技能大赛教师赛", "班主任能力比赛", "优质课评比"}
	for _, t := range rc.terms {
		if t.StartDate < "2025-09-01" || t.StartDate > today || len(rc.p.teachers) == 0 {
			continue
		}
		for range 6 + rc.r.IntN(5) {
			te := rc.p.teachers[rc.r.IntN(len(rc.p.teachers))]
			lv := []string{model.AwardNational, model.AwardProvincial, model.AwardCounty}[weightedIndex(rc.r, []float64{0.08, 0.42, 0.5})]
			a := model.TeacherAward{TeacherID: te.t.ID, Level: lv, Prize: model.Prizes[weightedIndex(rc.r, []float64{0.25, 0.35, 0.35, 0.05})], AwardedOn: rc.date(t)}
			a.Title = map[string]string{model.AwardNational: "全国", model.AwardProvincial: "重庆市", model.AwardCounty: "渝州区"}[lv] + rc.pick(titles)
			rc.out.TeacherAwards = append(rc.out.TeacherAwards, a)
		}
	}
}

// seedRecords writes a school's records in one transaction.
func seedRecords(ctx context.Context, st *storage.Storage, sc model.School, seed int64, p *plan) (storage.OutcomeLoad, error) {
	terms, err := st.Terms(ctx, sc.ID)
	if err != nil {
		return storage.OutcomeLoad{}, err
	}
	// Oldest first, whatever order Terms uses.
	for i := 1; i < len(terms); i++ {
		for j := i; j > 0 && terms[j].StartDate < terms[j-1].StartDate; j-- {
			terms[j], terms[j-1] = terms[j-1], terms[j]
		}
	}
	rc := newRecords(seed, p, terms)
	rc.draw()
	return rc.out, st.LoadOutcomes(ctx, sc.ID, model.Actor{Username: "demo"}, rc.out, "demo")
}
