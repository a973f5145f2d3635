package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func TestOutcomes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "out", false)
		g := testfix.Build(t, st, "out2", false)
		sid := f.School.ID
		a := model.SystemActor
		d := model.GraduateDestination{StudentID: f.StudentA1.ID, Kind: "employed", EnterpriseID: f.Enterprise.ID, Relevant: true, SurveyDate: "2026-07-05", FirstSurvey: true}
		if err := st.AddDestination(ctx, sid, a, &d); err != nil {
			t.Fatal(err)
		}
		if err := st.AddDestination(ctx, sid, a, &model.GraduateDestination{StudentID: f.StudentA2.ID, Kind: "闲着", SurveyDate: "2026-07-05"}); err == nil {
			t.Fatal("unknown destination kind accepted")
		}
		if err := st.AddDestination(ctx, g.School.ID, a, &model.GraduateDestination{StudentID: f.StudentA2.ID, Kind: "employed", SurveyDate: "2026-07-05"}); err == nil {
			t.Fatal("a destination for another school's student")
		}
		ds, err := st.Destinations(ctx, sid, "2026-01-01", "2026-12-31")
		if err != nil || len(ds) != 1 || ds[0].StudentName != "张一" || !ds[0].Relevant {
			t.Fatalf("destinations %+v %v", ds, err)
		}
		if ds, _ := st.Destinations(ctx, sid, "2027-01-01", ""); len(ds) != 0 {
			t.Fatal("date filter")
		}
		tr := model.TrainingSession{Title: "新能源汽车维修技能培训", StartsOn: "2026-03-01", EndsOn: "2026-03-05", Trainees: 120, Served: "区内企业"}
		if err := st.AddTrainingSession(ctx, sid, a, &tr); err != nil {
			t.Fatal(err)
		}
		if err := st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: "x", StartsOn: "2026-03-05", EndsOn: "2026-03-01", Trainees: 1}); err == nil {
			t.Fatal("end before start accepted")
		}
		if ts, _ := st.TrainingSessions(ctx, sid, "2026-01-01", "2026-12-31"); len(ts) != 1 || ts[0].Trainees != 120 {
			t.Fatalf("training %+v", ts)
		}
		aw := model.TeacherAward{TeacherID: f.TeacherHead.ID, Title: "教学能力比赛", Level: model.AwardNational, Prize: model.PrizeFirst, AwardedOn: "2026-06-01"}
		if err := st.AddTeacherAward(ctx, sid, a, &aw); err != nil {
			t.Fatal(err)
		}
		if err := st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: f.TeacherHead.ID, Title: "x", Level: "宇宙级", Prize: model.PrizeFirst, AwardedOn: "2026-06-01"}); err == nil {
			t.Fatal("bad level accepted")
		}
		if as, _ := st.TeacherAwards(ctx, sid, "", ""); len(as) != 1 || as[0].TeacherName != "王老师" {
			t.Fatalf("teacher awards %+v", as)
		}
		if as, _ := st.TeacherAwards(ctx, g.School.ID, "", ""); len(as) != 0 {
			t.Fatal("another school sees the awards")
		}
	})
}

func TestEmployerSurveyByPrivateLink(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "sv", false)
		sid := f.School.ID
		sv := model.EmployerSurvey{Title: "2026年用人单位满意度调查", OpensOn: "2026-06-01", ClosesOn: "2026-07-31",
			Questions: []model.SurveyQuestion{{Code: "skill", Text: "专业技能"}, {Code: "attitude", Text: "职业素养"}}}
		if err := st.CreateSurvey(ctx, sid, model.SystemActor, &sv); err != nil {
			t.Fatal(err)
		}
		tok, _, hash := auth.NewAPIToken()
		n, err := st.Invite(ctx, sid, model.SystemActor, sv.ID, map[int64]string{f.Enterprise.ID: hash})
		if err != nil || n != 1 {
			t.Fatal(n, err)
		}
		if n, _ := st.Invite(ctx, sid, model.SystemActor, sv.ID, map[int64]string{f.Enterprise.ID: "other"}); n != 0 {
			t.Fatal("second invitation for the same enterprise")
		}
		inv, err := st.InvitationByTokenHash(ctx, auth.HashToken(tok))
		if err != nil || inv.SchoolID != sid || inv.Enterprise != f.Enterprise.Name || inv.Survey.Title != sv.Title {
			t.Fatalf("invitation %+v %v", inv, err)
		}
		if _, err := st.InvitationByTokenHash(ctx, auth.HashToken(tok+"x")); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("a tampered token found an invitation")
		}
		r := model.SurveyResponse{Answers: map[string]int{"skill": 5, "attitude": 4}, Overall: 5, Comment: "很好"}
		if err := st.SubmitSurveyResponse(ctx, inv, &r, "2026-08-02"); err == nil || !strings.Contains(err.Error(), "开放时间") {
			t.Fatalf("answered after closing: %v", err)
		}
		bad := model.SurveyResponse{Answers: map[string]int{"skill": 5}, Overall: 5}
		if err := st.SubmitSurveyResponse(ctx, inv, &bad, "2026-06-10"); err == nil || !strings.Contains(err.Error(), "职业素养") {
			t.Fatalf("missing answer: %v", err)
		}
		if err := st.SubmitSurveyResponse(ctx, inv, &r, "2026-06-10"); err != nil {
			t.Fatal(err)
		}
		if err := st.SubmitSurveyResponse(ctx, inv, &r, "2026-06-11"); err == nil {
			t.Fatal("answered twice")
		}
		rs, err := st.SurveyResponses(ctx, sid, sv.ID, time.Time{}, time.Time{})
		if err != nil || len(rs) != 1 || rs[0].Overall != 5 || rs[0].Answers["attitude"] != 4 || rs[0].Enterprise != f.Enterprise.Name {
			t.Fatalf("responses %+v %v", rs, err)
		}
	})
}
