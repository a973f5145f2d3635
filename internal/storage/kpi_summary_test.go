package storage_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestKPISummariesEqualScan writes random 数据画像 records into several
// schools on both engines, edits them (reviews, 学籍 changes back and
// forth, corrected destinations), and checks after each refresh that the
// district figures added up from the summaries equal the scan's, for
// random periods (month edges, single days, open ends). Between a write
// and the refresh the page must say it is behind.
func TestKPISummariesEqualScan(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		rng := rand.New(rand.NewPCG(seed, 7))
		var fs []*testfix.School
		var ids []int64
		for i := range 3 {
			f := testfix.Build(t, st, fmt.Sprintf("ksum%d", i), false)
			fs = append(fs, f)
			ids = append(ids, f.School.ID)
		}
		// The first read: no school refreshed yet, so all are scanned.
		compareSummary(t, st, ids, rng)
		for round := range 3 {
			var pending []int64
			if round == 0 { // known records, employer survey answers of today among them
				testfix.SeedKPI(t, st, fs[0])
			}
			for _, f := range fs {
				pending = append(pending, randomKPIRecords(t, st, f, rng, pending)...)
			}
			if round > 0 {
				_, asOf, err := st.KPISummaryInputs(ctx, ids, portrait.Period{})
				if err != nil {
					t.Fatal(err)
				}
				if time.Since(asOf) < time.Millisecond {
					t.Errorf("round %d: as of %v, want the last refresh's time while schools are behind", round, asOf)
				}
			}
			if n, err := st.RefreshKPISummaries(ctx); err != nil || n != len(fs) {
				t.Fatalf("refreshed %d schools, %v; want %d", n, err, len(fs))
			}
			compareSummary(t, st, ids, rng)
		}
	})
}

// randomKPIRecords writes random records into f, and reviews a random half
// of the pending evidence written before (of any school, but reviewed in
// its own). It returns the evidence it left pending.
func randomKPIRecords(t *testing.T, st *storage.Storage, f *testfix.School, rng *rand.Rand, before []int64) []int64 {
	t.Helper()
	ctx, a, sid := context.Background(), model.SystemActor, f.School.ID
	day := func() string {
		return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900)).Format("2006-01-02")
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	students := []int64{f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID}
	var pending []int64
	for _, id := range before {
		if rng.IntN(2) == 0 {
			// Not this school's record: ErrNotFound, nothing changes.
			_ = st.ReviewEvidence(ctx, sid, a, id, rng.IntN(3) > 0, "复核")
		}
	}
	for range 12 + rng.IntN(12) {
		e := model.Evidence{TermID: f.Term.ID, StudentID: students[rng.IntN(3)], Title: "随机记录", Date: day()}
		switch rng.IntN(3) {
		case 0:
			e.Kind, e.Level, e.Prize = model.EvidenceCompetition, pick(model.AwardLevels), pick(model.Prizes)
		case 1:
			e.Kind, e.Category, e.Level, e.Passed = model.EvidenceCertificate, model.CertSkillLevel, model.CertIntermediate, rng.IntN(3) > 0
		default:
			e.Kind, e.Category, e.Level = model.EvidenceHonour, pick([]string{"国家奖学金", "三好学生"}), model.AwardNational
		}
		must(t, st.CreateEvidence(ctx, sid, a, &e))
		switch rng.IntN(4) {
		case 0:
			pending = append(pending, e.ID)
		case 1:
			must(t, st.ReviewEvidence(ctx, sid, a, e.ID, false, "材料不符"))
		default:
			must(t, st.ReviewEvidence(ctx, sid, a, e.ID, true, ""))
		}
	}
	for range 2 + rng.IntN(3) {
		status := model.StatusGraduated
		if rng.IntN(4) == 0 {
			status = model.StatusEnrolled
		}
		must(t, st.ChangeEnrollment(ctx, sid, a, students[rng.IntN(3)], status, day(), "随机变动"))
	}
	kinds := []string{"employed", "self_employed", "enlisted", "further_study", "not_employed"}
	for range 3 + rng.IntN(3) {
		d := model.GraduateDestination{StudentID: students[rng.IntN(3)], Kind: pick(kinds), Employer: "某公司", FurtherSchool: "某学院", Relevant: rng.IntN(2) == 0, SurveyDate: day(), FirstSurvey: rng.IntN(3) > 0}
		must(t, st.AddDestination(ctx, sid, a, &d))
		if rng.IntN(3) == 0 { // corrected later: another kind, day and survey
			d.Kind, d.SurveyDate, d.FirstSurvey, d.Relevant = pick(kinds), day(), !d.FirstSurvey, !d.Relevant
			must(t, st.UpdateDestination(ctx, sid, a, d))
		}
	}
	randomResearch(t, st, f, rng)
	randomStaff(t, st, f, rng)
	for range 2 + rng.IntN(3) {
		from := day()
		must(t, st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: "培训", StartsOn: from, EndsOn: from, Trainees: 1 + rng.IntN(200), Served: "社区"}))
		must(t, st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: f.TeacherHead.ID, Title: "教学能力比赛", Level: pick(model.AwardLevels), Prize: pick(model.Prizes), AwardedOn: day()}))
	}
	return pending
}

// compareSummary checks the summary path against the scan for fixed and
// random periods.
func compareSummary(t *testing.T, st *storage.Storage, ids []int64, rng *rand.Rand) {
	t.Helper()
	ctx := context.Background()
	periods := []portrait.Period{{}, {From: "2025-09-01", To: "2026-08-31"}, {From: "2025-01-01"}, {To: "2025-12-31"},
		{From: "2025-03-15", To: "2025-03-15"}, {From: "2025-02-28", To: "2025-04-01"}, {From: storage.Today(), To: storage.Today()}}
	for range 8 {
		a := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(950))
		b := a.AddDate(0, 0, rng.IntN(400))
		periods = append(periods, portrait.Period{From: a.Format("2006-01-02"), To: b.Format("2006-01-02")})
	}
	for _, p := range periods {
		scan, err := st.KPIInputsBySchool(ctx, ids, p)
		if err != nil {
			t.Fatal(err)
		}
		// The kept read (the page's) and a new one must both equal the scan:
		// a kept read that outlived a rebuild would differ.
		sum, _, err := st.KPISummaryInputs(ctx, ids, p)
		if err != nil {
			t.Fatal(err)
		}
		fresh, _, err := st.KPISummaryInputsUncached(ctx, ids, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			want := kpiFigures(*scan[id], p)
			if got := kpiFigures(*sum[id], p); want != got {
				t.Errorf("school %d, period %+v:\nsummary %s\nscan    %s", id, p, got, want)
			}
			if got := kpiFigures(*fresh[id], p); want != got {
				t.Errorf("school %d, period %+v, not kept:\nsummary %s\nscan    %s", id, p, got, want)
			}
		}
	}
}

// kpiFigures is every figure of the dashboard, with numerators and
// denominators, as one string.
func kpiFigures(in portrait.Inputs, p portrait.Period) string {
	in.ProvincialLabel = "市级"
	s := ""
	for _, k := range portrait.Dashboard(in, p) {
		s += k.Key + "=" + k.Value + fmt.Sprintf("%+v", k.Rate)
		if k.Count != nil {
			s += fmt.Sprint(*k.Count)
		}
		if k.Amount != nil {
			s += fmt.Sprint(*k.Amount)
		}
		s += "; "
	}
	return s
}

// TestKPIWritesMarkSchool checks that each kind of write the 数据画像
// counts leaves its school behind (so the next refresh rebuilds it), and
// that a refresh catches the school up.
func TestKPIWritesMarkSchool(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx, a := context.Background(), model.SystemActor
		f := testfix.Build(t, st, "kmark", false)
		sid, ids := f.School.ID, []int64{f.School.ID}
		ev := model.Evidence{TermID: f.Term.ID, StudentID: f.StudentA1.ID, Kind: model.EvidenceCompetition, Title: "大赛", Level: model.AwardNational, Prize: model.PrizeFirst, Date: "2026-05-01"}
		dest := model.GraduateDestination{StudentID: f.StudentA1.ID, Kind: "employed", Employer: "某公司", SurveyDate: "2026-08-31", FirstSurvey: true}
		writes := map[string]func() error{
			"evidence": func() error { return st.CreateEvidence(ctx, sid, a, &ev) },
			"review":   func() error { return st.ReviewEvidence(ctx, sid, a, ev.ID, true, "") },
			"graduation": func() error {
				return st.ChangeEnrollment(ctx, sid, a, f.StudentA1.ID, model.StatusGraduated, "2026-07-01", "毕业")
			},
			"destination": func() error { return st.AddDestination(ctx, sid, a, &dest) },
			"correction": func() error {
				dest.Relevant = true
				return st.UpdateDestination(ctx, sid, a, dest)
			},
			"training": func() error {
				return st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: "培训", StartsOn: "2026-03-01", EndsOn: "2026-03-01", Trainees: 9, Served: "社区"})
			},
			"teacher award": func() error {
				return st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: f.TeacherHead.ID, Title: "比赛", Level: model.AwardNational, Prize: model.PrizeFirst, AwardedOn: "2026-06-01"})
			},
			"recognition": func() error {
				return st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: f.TeacherHead.ID, Level: "初级", RecognisedOn: "2026-03-01"})
			},
			"revocation": func() error { return st.RevokeRecognition(ctx, sid, a, f.TeacherHead.ID, "2026-04-01", "撤销") },
			"studio": func() error {
				return st.SaveStudio(ctx, sid, a, &teacherdev.Studio{Name: "名班主任工作室", Kind: "名班主任", Level: "校级", HostTeacherID: f.TeacherHead.ID, FoundedOn: "2025-09-01"})
			},
			"development record": func() error {
				return st.CreateDevelopmentRecord(ctx, sid, a, &model.DevelopmentRecord{TeacherID: f.TeacherHead.ID, Kind: "school", Title: "校本培训",
					StartsOn: "2026-03-01", EndsOn: "2026-03-01", Hours: 8}, storage.DevelopmentWrite{Office: true})
			},
		}
		for _, name := range []string{"evidence", "review", "graduation", "destination", "correction", "training", "teacher award",
			"recognition", "revocation", "studio", "development record"} {
			if _, err := st.RefreshKPISummaries(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Millisecond)
			before := time.Now()
			must(t, writes[name]())
			if _, asOf, err := st.KPISummaryInputs(ctx, ids, portrait.Period{}); err != nil || !asOf.Before(before) {
				t.Errorf("%s: as of %v (%v), want before the write at %v", name, asOf, err, before)
			}
			if n, err := st.RefreshKPISummaries(ctx); err != nil || n != 1 {
				t.Errorf("%s: refreshed %d schools (%v), want 1", name, n, err)
			}
			if _, asOf, _ := st.KPISummaryInputs(ctx, ids, portrait.Period{}); asOf.Before(before) {
				t.Errorf("%s: still behind after the refresh (as of %v)", name, asOf)
			}
		}
		compareSummary(t, st, ids, rand.New(rand.NewPCG(1, 2)))
	})
}
