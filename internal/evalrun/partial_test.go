package evalrun_test

import (
	"errors"
	"testing"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// An upheld appeal during 公示 recomputes the student's quota group only,
// keeps 公示, and stores exactly what a full recompute would.
func TestRecomputeStudentsKeepsPublicity(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		sid, a1, b1 := w.sid(), w.fx.StudentA1.ID, w.fx.StudentB1.ID
		_, err := evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		w.rateAll(t, 80)
		w.move(t, model.CycleClosed)
		_, err = evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		w.move(t, model.CyclePublicised)
		rowsBefore, err := st.CycleResults(ctx, sid, w.cycle.ID, 0)
		must(t, err)
		at := map[int64]storage.ResultRow{}
		for _, r := range rowsBefore {
			at[r.StudentID] = r
		}

		ap := &storage.Appeal{CycleID: w.cycle.ID, StudentID: a1, IndicatorCode: "D01", Reason: "班主任评分录入有误"}
		must(t, st.CreateAppeal(ctx, sid, w.admin, ap))
		must(t, st.ReviewAppealHead(ctx, sid, w.admin, ap.ID, "情况属实"))
		must(t, st.DecideAppeal(ctx, sid, w.admin, ap.ID, true, "更正为 100 分", storage.CorrectionSet, 100))
		if got, err := st.CorrectedAt(ctx, sid, w.cycle.ID, 0); err != nil || len(got) != 0 {
			t.Fatalf("a correction not yet in the results is shown as 已更正: %v %v", got, err)
		}
		n, err := evalrun.RecomputeStudents(ctx, st, sid, w.admin, w.cycle.ID, []int64{a1})
		must(t, err)
		if n != 2 { // class A: 张一 and the classmate whose rank may move
			t.Fatalf("recomputed %d results, want class A's 2", n)
		}
		c, err := st.Cycle(ctx, sid, w.cycle.ID)
		must(t, err)
		if c.State != model.CyclePublicised {
			t.Fatalf("cycle %s after an appeal, want 公示中", c.State.Name())
		}
		res, err := st.StudentResult(ctx, sid, w.cycle.ID, a1)
		must(t, err)
		if d01 := res.Dimensions[0].Indicators[0]; d01.Code != "D01" || d01.Score != 100 {
			t.Fatalf("correction not applied: %+v", d01)
		}
		rows, err := st.CycleResults(ctx, sid, w.cycle.ID, 0)
		must(t, err)
		for _, r := range rows {
			if r.StudentID == b1 && !r.ComputedAt.Equal(at[b1].ComputedAt) {
				t.Fatal("class B's result was rewritten by class A's appeal")
			}
			if r.StudentID == a1 && !r.ComputedAt.After(at[a1].ComputedAt) {
				t.Fatal("张一's row was not rewritten")
			}
		}
		marked, err := st.CorrectedAt(ctx, sid, w.cycle.ID, 0)
		must(t, err)
		if len(marked) != 1 || marked[a1].IsZero() {
			t.Fatalf("已更正 marks %v, want 张一 only", marked)
		}
		partial, err := st.ResultDetails(ctx, sid, w.cycle.ID)
		must(t, err)
		_, err = evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		full, err := st.ResultDetails(ctx, sid, w.cycle.ID)
		must(t, err)
		for id, d := range full {
			if partial[id] != d {
				t.Fatalf("student %d: the partial recompute stored\n%s\nthe full one\n%s", id, partial[id], d)
			}
		}
		if c, _ := st.Cycle(ctx, sid, w.cycle.ID); c.State != model.CyclePublicised {
			t.Fatalf("full recompute during 公示 left the cycle %s", c.State.Name())
		}
		if _, err := evalrun.RecomputeStudents(ctx, st, w.other.School.ID, w.admin, w.cycle.ID, []int64{a1}); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school recomputed the cycle: %v", err)
		}
	})
}

// 公示 is refused while a student is 待补评; holding the class back with a
// reason lets it go, and the held-back students are listed as such.
func TestPublicityWaitsForIncompleteResults(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		sid, b1 := w.sid(), w.fx.StudentB1.ID
		_, err := evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		w.rateStudents(t, 80, func(s int64) bool { return s != b1 }) // class B at 0%
		w.move(t, model.CycleClosed)

		preview, err := evalrun.Preview(ctx, st, sid, w.cycle.ID)
		must(t, err)
		incomplete := 0
		for _, r := range preview {
			if !r.Complete {
				incomplete++
			}
		}
		if incomplete != 1 {
			t.Fatalf("preview: %d incomplete, want 1 (class B)", incomplete)
		}
		if c, _ := st.Cycle(ctx, sid, w.cycle.ID); c.State != model.CycleClosed || c.ComputedAt != nil {
			t.Fatal("the preview stored something")
		}
		_, err = evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		if err := st.MoveCycle(ctx, sid, w.admin, w.cycle.ID, model.CyclePublicised, true); !errors.Is(err, storage.ErrIncompleteResults) {
			t.Fatalf("publicised with a class at 0%%: %v", err)
		}
		if _, err := st.ExcludeResults(ctx, sid, w.admin, w.cycle.ID, []int64{w.fx.ClassB.ID}, nil, "  "); err == nil {
			t.Fatal("exclusion without a reason accepted")
		}
		if _, err := st.ExcludeResults(ctx, w.other.School.ID, w.admin, w.cycle.ID, []int64{w.fx.ClassB.ID}, nil, "补评中"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school excluded: %v", err)
		}
		if _, err := st.ExcludeResults(ctx, sid, w.admin, w.cycle.ID, []int64{w.other.ClassB.ID}, nil, "补评中"); err == nil {
			t.Fatal("another school's class excluded")
		}
		n, err := st.ExcludeResults(ctx, sid, w.admin, w.cycle.ID, []int64{w.fx.ClassB.ID}, nil, "实训周未能评价，返校后补评")
		must(t, err)
		if n != 1 {
			t.Fatalf("excluded %d", n)
		}
		if n, err := st.ExcludeResults(ctx, sid, w.admin, w.cycle.ID, []int64{w.fx.ClassB.ID}, nil, "again"); err != nil || n != 0 {
			t.Fatalf("excluding twice: %d %v", n, err)
		}
		held, err := st.ExcludedStudents(ctx, sid, w.cycle.ID, 0)
		must(t, err)
		if len(held) != 1 || !held[b1] {
			t.Fatalf("held back %v", held)
		}
		w.move(t, model.CyclePublicised)
		xs, err := st.Exclusions(ctx, sid, w.cycle.ID)
		must(t, err)
		if len(xs) != 1 || xs[0].Reason != "实训周未能评价，返校后补评" || xs[0].StudentID != 0 {
			t.Fatalf("exclusions %+v", xs)
		}
		if err := st.RemoveExclusion(ctx, sid, w.admin, w.cycle.ID, xs[0].ID); err == nil {
			t.Fatal("an exclusion lifted during 公示")
		}
		log, _, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "cycle", Action: "exclude", ListQuery: model.ListQuery{PerPage: 10}})
		must(t, err)
		if len(log) != 2 {
			t.Fatalf("exclusions audited %d times", len(log))
		}
	})
}
