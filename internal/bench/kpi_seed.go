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
	rng := rand.New(rand.NewPCG(uint64(sid), 2026))
	a := model.Actor{Username: "bench"}
	y0, _ := time.Parse("2006-01-02", year.From)
	day := func() string { return y0.AddDate(0, 0, rng.IntN(330)).Format("2006-01-02") }
	gradOn := y0.AddDate(0, 10, 0).Format("2006-01-02")    // 1 July
	surveyOn := y0.AddDate(0, 12, -1).Format("2006-01-02") // 31 August
	var students []model.Student
	if err := st.AllStudents(ctx, sid, storage.StudentFilter{Status: model.StatusEnrolled}, func(s model.Student) error { students = append(students, s); return nil }); err != nil {
		return false, err
	}
	terms, err := st.Terms(ctx, sid)
	if err != nil || len(terms) == 0 {
		return false, fmt.Errorf("学校 %s 没有学期: %v", school.Code, err)
	}
	oldest := 1 << 30
	for _, s := range students {
		oldest = min(oldest, s.EntryYear)
	}
	var grads []model.Student
	for _, s := range students {
		if s.EntryYear == oldest {
			grads = append(grads, s)
		}
	}
	if err := st.BulkLoad(ctx, a, "基准测试：毕业", func(b *storage.Bulk) error {
		for _, g := range grads {
			if err := b.ChangeEnrollment(sid, g.ID, model.StatusGraduated, gradOn, "毕业"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return false, err
	}
	// Evidence: verified (as an office imports an official list) …
	term := terms[0].ID
	var ev []*model.Evidence
	sitting := func(s model.Student) {
		ev = append(ev, &model.Evidence{StudentID: s.ID, TermID: term, Kind: model.EvidenceCertificate, Title: "汽车维修（1+X 中级）", Category: model.CertSkillLevel,
			Level: model.CertIntermediate, Passed: rng.IntN(100) < 85, Date: day()})
	}
	for _, g := range grads {
		if rng.IntN(100) < 80 {
			sitting(g)
		}
	}
	for range len(students) / 10 {
		sitting(students[rng.IntN(len(students))])
	}
	levels := []string{model.AwardNational, model.AwardProvincial, model.AwardProvincial, model.AwardCity, model.AwardCity, model.AwardCounty, model.AwardSchool}
	for range len(students) / 25 {
		ev = append(ev, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceCompetition, Title: "职业院校技能大赛 汽车机电维修",
			Level: levels[rng.IntN(len(levels))], Prize: model.Prizes[rng.IntN(len(model.Prizes))], Date: day()})
	}
	for range len(students) / 200 {
		ev = append(ev, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceHonour, Title: "国家奖学金", Category: "国家奖学金", Level: model.AwardNational, Date: day()})
	}
	if err := st.CreateEvidenceVerifiedBulk(ctx, sid, a, ev, "基准测试"); err != nil {
		return false, err
	}
	// … and some still pending, which no KPI may count.
	var pending []*model.Evidence
	for range len(students) / 150 {
		pending = append(pending, &model.Evidence{StudentID: students[rng.IntN(len(students))].ID, TermID: term, Kind: model.EvidenceCompetition, Title: "技能大赛（待审核）",
			Level: model.AwardNational, Prize: model.PrizeFirst, Date: day()})
	}
	if err := st.CreateEvidenceBulk(ctx, sid, a, pending); err != nil {
		return false, err
	}
	ents, _, err := st.Enterprises(ctx, sid, model.AllRows())
	if err != nil {
		return false, err
	}
	var ds []*model.GraduateDestination
	for _, g := range grads {
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
	if err := st.AddDestinations(ctx, sid, a, ds); err != nil {
		return false, err
	}
	for i := range 24 {
		from := day()
		f, _ := time.Parse("2006-01-02", from)
		if err := st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: fmt.Sprintf("职业技能培训第 %d 期", i+1), StartsOn: from,
			EndsOn: f.AddDate(0, 0, 3).Format("2006-01-02"), Trainees: 30 + rng.IntN(370), Served: "区内企业与社区"}); err != nil {
			return false, err
		}
	}
	var teachers []model.Teacher
	if teachers, err = st.AllTeachers(ctx, sid, storage.TeacherFilter{}); err != nil || len(teachers) == 0 {
		return false, fmt.Errorf("学校 %s 没有教师: %v", school.Code, err)
	}
	for range 25 {
		if err := st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: teachers[rng.IntN(len(teachers))].ID, Title: "教学能力比赛",
			Level: levels[rng.IntN(len(levels))], Prize: model.Prizes[rng.IntN(3)], AwardedOn: day()}); err != nil {
			return false, err
		}
	}
	if len(ents) == 0 {
		return true, nil
	}
	today := storage.Today()
	sv := model.EmployerSurvey{Title: "用人单位满意度调查", OpensOn: year.From, ClosesOn: time.Now().AddDate(0, 1, 0).Format("2006-01-02"),
		Questions: []model.SurveyQuestion{{Code: "q1", Text: "职业道德与敬业精神"}, {Code: "q2", Text: "专业知识与技能"}, {Code: "q3", Text: "沟通与团队合作"}}}
	if err := st.CreateSurvey(ctx, sid, a, &sv); err != nil {
		return false, err
	}
	hashes := map[int64]string{}
	for _, e := range ents {
		_, _, hashes[e.ID] = auth.NewAPIToken()
	}
	if _, err := st.Invite(ctx, sid, a, sv.ID, hashes); err != nil {
		return false, err
	}
	for _, e := range ents {
		if rng.IntN(100) >= 80 {
			continue
		}
		inv, err := st.InvitationByTokenHash(ctx, hashes[e.ID])
		if err != nil {
			return false, err
		}
		score := func() int { return []int{3, 4, 4, 5, 5, 5}[rng.IntN(6)] }
		if err := st.SubmitSurveyResponse(ctx, inv, &model.SurveyResponse{Answers: map[string]int{"q1": score(), "q2": score(), "q3": score()}, Overall: score()}, today); err != nil {
			return false, err
		}
	}
	return true, nil
}
