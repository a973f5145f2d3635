package storage_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// eachUnmigrated opens a fresh, empty database on each engine without
// migrating it.
func eachUnmigrated(t *testing.T, fn func(t *testing.T, st *storage.Storage)) {
	open := func(t *testing.T, dsn string) *storage.Storage {
		st, err := storage.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, "sqlite:"+filepath.Join(t.TempDir(), "old.db"))) })
	t.Run("postgres", func(t *testing.T) { fn(t, open(t, testdb.PostgresDSN(t))) })
}

// A school that rated on the one-row-per-rating table keeps every rating
// after the upgrade to sheets: the newest value per indicator counts,
// every earlier submission stays readable as a superseded sheet, the
// count of entered ratings is unchanged, comments survive any character,
// and stored results written before details were deflated still read.
func TestRatingSheetsMigration(t *testing.T) {
	eachUnmigrated(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		if _, err := st.MigrateTo(ctx, 4); err != nil {
			t.Fatal(err)
		}
		fx, c := openCycle(t, st, "mig")
		sid, a := fx.School.ID, model.SystemActor
		head, a1, a2 := fx.TeacherHead.ID, fx.StudentA1.ID, fx.StudentA2.ID
		t0 := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
		tricky := "说明：\"认真\"\\负责\n第二行 😀"
		// Three submissions by the head teacher about A1 (the second
		// corrects D01, the third corrects D02 and adds X01), one about A2,
		// one self-rating.
		legacy := []struct {
			role           model.RaterRole
			rater, student int64
			code           string
			value          float64
			level, comment string
			at             time.Time
		}{
			{model.RaterHeadTeacher, head, a1, "D01", 80, "", "", t0},
			{model.RaterHeadTeacher, head, a1, "D02", 70, "", tricky, t0},
			{model.RaterHeadTeacher, head, a1, "D01", 85, "", "", t0.Add(time.Hour)},
			{model.RaterHeadTeacher, head, a1, "D02", 75, "", "改", t0.Add(2 * time.Hour)},
			{model.RaterHeadTeacher, head, a1, "X01", 0, "良好", "", t0.Add(2 * time.Hour)},
			{model.RaterHeadTeacher, head, a2, "D01", 90, "", "", t0},
			{model.RaterSelf, a1, a1, "D01", 88, "", "", t0},
		}
		for _, r := range legacy {
			if _, err := st.DB().ExecContext(ctx, `INSERT INTO ratings (school_id, cycle_id, rater_role, rater_id, rater_user_id, student_id, indicator_code, value, level, comment, created_at)
				VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10)`, sid, c.ID, string(r.role), r.rater, r.student, r.code, r.value, r.level, r.comment, r.at); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO results (school_id, cycle_id, student_id, class_id, total, level, detail, computed_at, framework_version)
			VALUES ($1, $2, $3, $4, 88.5, '良好', $5, $6, 1)`, sid, c.ID, a1, fx.ClassA.ID, `{"student_id":`+strconv.FormatInt(a1, 10)+`,"total":88.5,"level":"良好"}`, t0); err != nil {
			t.Fatal(err)
		}

		if n, err := st.Migrate(ctx); err != nil || n == 0 {
			t.Fatalf("upgrade applied %d: %v", n, err)
		}
		if n, err := st.RatingCount(ctx, sid, c.ID); err != nil || n != len(legacy) {
			t.Fatalf("rating count %d %v, want %d", n, err, len(legacy))
		}
		cur, err := st.RatingsOfRater(ctx, sid, c.ID, model.RaterHeadTeacher, head)
		must(t, err)
		got := map[[2]any]model.Rating{}
		for _, r := range cur {
			got[[2]any{r.StudentID, r.IndicatorCode}] = r
		}
		want := map[[2]any][2]any{
			{a1, "D01"}: {85.0, ""}, {a1, "D02"}: {75.0, "改"}, {a1, "X01"}: {0.0, ""}, {a2, "D01"}: {90.0, ""},
		}
		if len(cur) != len(want) {
			t.Fatalf("current ratings %+v", cur)
		}
		for k, w := range want {
			if r, ok := got[k]; !ok || r.Value != w[0] || r.Comment != w[1] {
				t.Errorf("%v: %+v, want %v", k, r, w)
			}
		}
		if got[[2]any{a1, "X01"}].Level != "良好" {
			t.Errorf("level lost: %+v", got[[2]any{a1, "X01"}])
		}
		hist, err := st.SheetHistory(ctx, sid, c.ID, model.RaterHeadTeacher, head, a1)
		must(t, err)
		if len(hist) != 3 || !hist[0].Superseded || !hist[1].Superseded || hist[2].Superseded {
			t.Fatalf("history %+v", hist)
		}
		if len(hist[0].Ratings) != 2 || hist[0].Changed != 2 || hist[1].Changed != 1 || len(hist[1].Ratings) != 2 || len(hist[2].Ratings) != 3 {
			t.Fatalf("history versions %+v", hist)
		}
		for _, r := range hist[0].Ratings {
			if r.IndicatorCode == "D02" && r.Comment != tricky {
				t.Fatalf("comment %q, want %q", r.Comment, tricky)
			}
			if r.IndicatorCode == "D01" && r.Value != 80 {
				t.Fatalf("first version D01 %v", r.Value)
			}
		}
		if !hist[0].CreatedAt.Equal(t0) || !hist[2].CreatedAt.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("times %v %v", hist[0].CreatedAt, hist[2].CreatedAt)
		}
		var current int
		must(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM rating_sheets WHERE school_id = $1 AND cycle_id = $2 AND superseded = FALSE`, sid, c.ID).Scan(&current))
		if current != 3 {
			t.Fatalf("%d current sheets, want 3", current)
		}
		heads, err := st.RatingsOfRater(ctx, sid, c.ID, model.RaterHeadTeacher, head)
		must(t, err)
		selfs, err := st.RatingsOfRater(ctx, sid, c.ID, model.RaterSelf, a1)
		must(t, err)
		if len(heads)+len(selfs) != 5 {
			t.Fatalf("current ratings %d + %d, want 5 (3 + 1 + 1)", len(heads), len(selfs))
		}
		// Every carried-over sheet holds a few indicators of its role, so
		// the upgrade marks them drafts: the engine reads none of them.
		all, err := st.CycleRatings(ctx, sid, c.ID)
		must(t, err)
		if len(all) != 0 {
			t.Fatalf("the engine reads %d ratings of draft sheets", len(all))
		}
		res, err := st.StudentResult(ctx, sid, c.ID, a1)
		if err != nil || res.Total != 88.5 {
			t.Fatalf("legacy result %+v %v", res, err)
		}

		// Rating goes on after the upgrade: a correction supersedes the
		// migrated sheet and keeps the untouched items.
		n, err := st.SubmitRatings(ctx, sid, a, c.ID, model.RaterHeadTeacher, head, 0, []model.Rating{{StudentID: a1, IndicatorCode: "D01", Value: 60}})
		if err != nil || n != 1 {
			t.Fatalf("submit after upgrade: %d %v", n, err)
		}
		hist, err = st.SheetHistory(ctx, sid, c.ID, model.RaterHeadTeacher, head, a1)
		must(t, err)
		if len(hist) != 4 || !hist[2].Superseded || hist[3].Superseded || len(hist[3].Ratings) != 3 || hist[3].Changed != 1 {
			t.Fatalf("history after correction %+v", hist)
		}
		if n, _ := st.RatingCount(ctx, sid, c.ID); n != len(legacy)+1 {
			t.Fatalf("count after correction %d", n)
		}
	})
}

// openCycle builds a fixture school and opens a cycle on the default
// framework in it.
func openCycle(t *testing.T, st *storage.Storage, code string) (*testfix.School, storage.EvalCycle) {
	t.Helper()
	ctx := context.Background()
	fx := testfix.Build(t, st, code, false)
	f := eval.DefaultFramework()
	must(t, st.SaveFrameworkVersion(ctx, fx.School.ID, model.SystemActor, &f))
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: fx.Term.ID, Name: "评价周期 " + code, FrameworkID: f.ID, Seed: 3}}
	must(t, st.CreateCycle(ctx, fx.School.ID, model.SystemActor, &c))
	if _, err := evalrun.Open(ctx, st, fx.School.ID, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	return fx, c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Submissions of one rater for one student that arrive at the same
// moment all end up in the one current sheet, each as its own version.
func TestConcurrentSubmissions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx, c := openCycle(t, st, "conc")
		sid, a := fx.School.ID, model.SystemActor
		head, a1 := fx.TeacherHead.ID, fx.StudentA1.ID
		codes := []string{"D01", "D02", "D03", "D04", "D05", "Z01"}
		errs := make(chan error, len(codes))
		for i, code := range codes {
			go func() {
				_, err := st.SubmitRatings(ctx, sid, a, c.ID, model.RaterHeadTeacher, head, 0, []model.Rating{{StudentID: a1, IndicatorCode: code, Value: float64(70 + i)}})
				errs <- err
			}()
		}
		for range codes {
			must(t, <-errs)
		}
		hist, err := st.SheetHistory(ctx, sid, c.ID, model.RaterHeadTeacher, head, a1)
		must(t, err)
		if len(hist) != len(codes) {
			t.Fatalf("%d versions, want %d", len(hist), len(codes))
		}
		for i, v := range hist {
			if v.Superseded != (i < len(hist)-1) || len(v.Ratings) != i+1 || v.Changed != 1 {
				t.Fatalf("version %d: %+v", i, v)
			}
		}
		cur, err := st.RatingsOfRater(ctx, sid, c.ID, model.RaterHeadTeacher, head)
		must(t, err)
		if len(cur) != len(codes) {
			t.Fatalf("current %+v", cur)
		}
	})
}
