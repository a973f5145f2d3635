package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

// SeedOutcomes writes a school year of the records the 数据画像 counts into
// a school that has none yet (no graduate destinations): the oldest cohort
// graduates in July with a destination survey in August, certificate
// sittings, competition awards (a few still pending review), 国家奖学金,
// social training, teachers' awards and an employer survey answered by
// most partner enterprises. Volumes are those of a 3,000-student school;
// the content is fixed by the school id. It reports whether it wrote
// anything: a demo that already carries outcome records is left as it is.
func SeedOutcomes(ctx context.Context, st *storage.Storage, school model.School, year portrait.Period) (bool, error) {
	sid := school.ID
	if _, n, err := st.ListDestinations(ctx, sid, storage.DestinationFilter{ListQuery: model.ListQuery{PerPage: 1}}); err != nil || n > 0 {
		return false, err
	}
	o := &outcomeSeed{ctx: ctx, st: st, sid: sid, a: model.Actor{Username: "bench"}, rng: rand.New(rand.NewPCG(uint64(sid), 2026))}
	o.y0, _ = time.Parse("2006-01-02", year.From)
	if err := st.AllStudents(ctx, sid, storage.StudentFilter{Status: model.StatusEnrolled}, func(s model.Student) error { o.students = append(o.students, s); return nil }); err != nil {
		return false, err
	}
	terms, err := st.Terms(ctx, sid)
	if err != nil || len(terms) == 0 {
		return false, fmt.Errorf("学校 %s 没有学期: %v", school.Code, err)
	}
	// The steps draw from one random stream: their order fixes the content.
	if err := o.graduate(); err != nil {
		return false, err
	}
	if err := o.evidence(terms[0].ID); err != nil {
		return false, err
	}
	if o.ents, _, err = st.Enterprises(ctx, sid, model.AllRows()); err != nil {
		return false, err
	}
	if err := o.destinations(); err != nil {
		return false, err
	}
	if err := o.training(); err != nil {
		return false, err
	}
	var teachers []model.Teacher
	if teachers, err = st.AllTeachers(ctx, sid, storage.TeacherFilter{}); err != nil || len(teachers) == 0 {
		return false, fmt.Errorf("学校 %s 没有教师: %v", school.Code, err)
	}
	if err := o.teacherAwards(teachers); err != nil {
		return false, err
	}
	if err := o.research(teachers); err != nil {
		return false, err
	}
	if err := o.staff(teachers); err != nil {
		return false, err
	}
	if len(o.ents) == 0 {
		return true, nil
	}
	if err := o.employerSurvey(year.From); err != nil {
		return false, err
	}
	return true, nil
}

// awardLevels is drawn from for competition and teachers' awards: more
// provincial and city awards than national ones.
var awardLevels = []string{model.AwardNational, model.AwardProvincial, model.AwardProvincial, model.AwardCity, model.AwardCity, model.AwardCounty, model.AwardSchool}

// outcomeSeed carries what the steps of SeedOutcomes share.
type outcomeSeed struct {
	ctx      context.Context
	st       *storage.Storage
	sid      int64
	a        model.Actor
	rng      *rand.Rand
	y0       time.Time // first day of the school year
	students []model.Student
	grads    []model.Student // the oldest cohort, graduated in July
	ents     []model.Enterprise
}

// day is a random day of the school year's first eleven months.
func (o *outcomeSeed) day() string { return o.y0.AddDate(0, 0, o.rng.IntN(330)).Format("2006-01-02") }

// graduate marks the oldest cohort graduated on 1 July.
func (o *outcomeSeed) graduate() error {
	gradOn := o.y0.AddDate(0, 10, 0).Format("2006-01-02") // 1 July
	oldest := 1 << 30
	for _, s := range o.students {
		oldest = min(oldest, s.EntryYear)
	}
	for _, s := range o.students {
		if s.EntryYear == oldest {
			o.grads = append(o.grads, s)
		}
	}
	return o.st.BulkLoad(o.ctx, o.a, "基准测试：毕业", func(b *storage.Bulk) error {
		for _, g := range o.grads {
			if err := b.ChangeEnrollment(o.sid, g.ID, model.StatusGraduated, gradOn, "毕业"); err != nil {
				return err
			}
		}
		return nil
	})
}

// evidence writes certificate sittings, competition awards and national
// scholarships as verified, and a few awards still pending.
func (o *outcomeSeed) evidence(term int64) error {
	rng, students := o.rng, o.students
	// Evidence: verified (as an office imports an official list) …
	var ev []*model.Evidence
	sitting := func(s model.Student) {
		ev = append(ev, &model.Evidence{StudentID: s.ID, TermID: term, Kind: model.EvidenceCertificate, Title: "汽车维修（1+X 中级）", Category: model.CertSkillLevel,
			Level: model.CertIntermediate, Passed: rng.IntN(100) < 85, Date: o.day()})
	}
	for _, g := range o.grads {
		if rng.IntN(100) < 80 {
			sitting(g)
		}
	}
	for range len(students) / 10 {
		sitting(students[rng.IntN(len(students))])
	}
	for range len(students) / 25 {
		ev = append(ev, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceCompetition, Title: "职业院校技能大赛 汽车机电维修",
			Level: awardLevels[rng.IntN(len(awardLevels))], Prize: model.Prizes[rng.IntN(len(model.Prizes))], Date: o.day()})
	}
	for range len(students) / 200 {
		ev = append(ev, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceHonour, Title: "国家奖学金", Category: "国家奖学金", Level: model.AwardNational, Date: o.day()})
	}
	if err := o.st.CreateEvidenceVerifiedBulk(o.ctx, o.sid, o.a, ev, "基准测试"); err != nil {
		return err
	}
	// … and some still pending, which no KPI may count.
	var pending []*model.Evidence
	for range len(students) / 150 {
		pending = append(pending, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceCompetition, Title: "技能大赛（待审核）",
			Level: model.AwardNational, Prize: model.PrizeFirst, Date: o.day()})
	}
	return o.st.CreateEvidenceBulk(o.ctx, o.sid, o.a, pending)
}

// destinations records every graduate's destination in the 31 August survey.
func (o *outcomeSeed) destinations() error {
	rng, ents := o.rng, o.ents
	surveyOn := o.y0.AddDate(0, 12, -1).Format("2006-01-02") // 31 August
	var ds []*model.GraduateDestination
	for _, g := range o.grads {
		d := &model.GraduateDestination{StudentID: g.ID, SurveyDate: surveyOn, FirstSurvey: true}
		switch p := rng.IntN(100); {
		case p < 60:
			d.Kind, d.Relevant, d.Employer = "employed", rng.IntN(100) < 75, "某企业"
			if len(ents) > 0 && rng.IntN(2) == 0 {
				d.EnterpriseID, d.Employer = ents[rng.IntN(len(ents))].ID, ""
			}
		case p < 63:
			d.Kind, d.Relevant, d.Employer = "self_employed", true, "个体经营"
		case p < 66:
			d.Kind = "enlisted"
		case p < 94:
			d.Kind, d.FurtherSchool = "further_study", "某职业技术学院"
		default:
			d.Kind = "not_employed"
		}
		ds = append(ds, d)
	}
	return o.st.AddDestinations(o.ctx, o.sid, o.a, ds)
}

// training records 24 social training sessions.
func (o *outcomeSeed) training() error {
	for i := range 24 {
		from := o.day()
		f, _ := time.Parse("2006-01-02", from)
		if err := o.st.AddTrainingSession(o.ctx, o.sid, o.a, &model.TrainingSession{Title: fmt.Sprintf("职业技能培训第 %d 期", i+1), StartsOn: from,
			EndsOn: f.AddDate(0, 0, 3).Format("2006-01-02"), Trainees: 30 + o.rng.IntN(370), Served: "区内企业与社区"}); err != nil {
			return err
		}
	}
	return nil
}

// teacherAwards gives 25 teaching-competition awards to random teachers.
func (o *outcomeSeed) teacherAwards(teachers []model.Teacher) error {
	rng := o.rng
	for range 25 {
		if err := o.st.AddTeacherAward(o.ctx, o.sid, o.a, &model.TeacherAward{TeacherID: teachers[rng.IntN(len(teachers))].ID, Title: "教学能力比赛",
			Level: awardLevels[rng.IntN(len(awardLevels))], Prize: model.Prizes[rng.IntN(3)], AwardedOn: o.day()}); err != nil {
			return err
		}
	}
	return nil
}

// employerSurvey opens an employer survey, invites every partner
// enterprise and has about four in five of them answer.
func (o *outcomeSeed) employerSurvey(opensOn string) error {
	ctx, st, rng := o.ctx, o.st, o.rng
	today := storage.Today()
	sv := model.EmployerSurvey{Title: "用人单位满意度调查", OpensOn: opensOn, ClosesOn: time.Now().AddDate(0, 1, 0).Format("2006-01-02"),
		Questions: []model.SurveyQuestion{{Code: "q1", Text: "职业道德与敬业精神"}, {Code: "q2", Text: "专业知识与技能"}, {Code: "q3", Text: "沟通与团队合作"}}}
	if err := st.CreateSurvey(ctx, o.sid, o.a, &sv); err != nil {
		return err
	}
	hashes := map[int64]string{}
	for _, e := range o.ents {
		_, _, hashes[e.ID] = auth.NewAPIToken()
	}
	if _, err := st.Invite(ctx, o.sid, o.a, sv.ID, hashes); err != nil {
		return err
	}
	for _, e := range o.ents {
		if rng.IntN(100) >= 80 {
			continue
		}
		inv, err := st.InvitationByTokenHash(ctx, hashes[e.ID])
		if err != nil {
			return err
		}
		score := func() int { return []int{3, 4, 4, 5, 5, 5}[rng.IntN(6)] }
		if err := st.SubmitSurveyResponse(ctx, inv, &model.SurveyResponse{Answers: map[string]int{"q1": score(), "q2": score(), "q3": score()}, Overall: score()}, today); err != nil {
			return err
		}
	}
	return nil
}
