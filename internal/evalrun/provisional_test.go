package evalrun_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// Saving sheets keeps each student's provisional result equal to what a
// full compute (Preview, the path of 计算结果) gives that student from
// the same ratings: totals and completeness, incomplete students included.
func TestProvisionalEqualsFullCompute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		sid := w.sid()
		_, err := evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		pw := evalrun.StartProvisional(wctx, st, slog.Default())
		// Class B's students rated by everyone, class A's only by some
		// roles' tasks of A1: complete and incomplete students both.
		w.rateStudents(t, 70, func(id int64) bool { return id != w.fx.StudentA2.ID })
		pw.Wait()
		check := func(when string) {
			t.Helper()
			got, err := st.ProvisionalResults(ctx, sid, w.cycle.ID)
			must(t, err)
			full, err := evalrun.Preview(ctx, st, sid, w.cycle.ID)
			must(t, err)
			byID := map[int64]storage.Provisional{}
			for _, p := range got {
				byID[p.StudentID] = p
			}
			complete := 0
			for _, r := range full {
				p, ok := byID[r.StudentID]
				if r.StudentID == w.fx.StudentA2.ID {
					if ok {
						t.Fatalf("%s: a student without saved sheets has a provisional result", when)
					}
					continue
				}
				if !ok {
					t.Fatalf("%s: student %d has no provisional result", when, r.StudentID)
				}
				if p.Total != r.Total || p.Complete == r.Incomplete {
					t.Fatalf("%s: student %d provisional %.2f complete %v, full compute %.2f incomplete %v", when, r.StudentID, p.Total, p.Complete, r.Total, r.Incomplete)
				}
				if p.Complete {
					complete++
				}
			}
			if complete == 0 {
				t.Fatalf("%s: no complete student: the comparison proves nothing", when)
			}
		}
		check("first save")
		// A second round of different ratings: every result moves, and
		// still equals the full compute.
		before, err := st.ProvisionalResults(ctx, sid, w.cycle.ID)
		must(t, err)
		w.rateStudents(t, 88, func(id int64) bool { return id != w.fx.StudentA2.ID })
		pw.Wait()
		check("corrected")
		after, err := st.ProvisionalResults(ctx, sid, w.cycle.ID)
		must(t, err)
		moved := false
		for i := range after {
			if after[i].Total != before[i].Total {
				moved = true
			}
		}
		if !moved {
			t.Fatal("new ratings left every provisional total as it was")
		}
		if n, _, _ := pw.Latency(); n == 0 {
			t.Fatal("no save→stored latency recorded")
		}
	})
}

// Sheets saved while no worker listened (a restart loses the in-memory
// queue; the demo's bulk load saves without the hook) are found and
// computed by CatchUp, and a student computed since is not found again
// until newer sheets arrive.
func TestProvisionalCatchUp(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		sid := w.sid()
		_, err := evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		w.rateStudents(t, 70, func(id int64) bool { return true })
		stale, err := st.StaleProvisional(ctx)
		must(t, err)
		behind := len(stale[[2]int64{sid, w.cycle.ID}])
		if behind == 0 || len(stale) != 1 {
			t.Fatalf("saved sheets without a worker, stale: %v", stale)
		}
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		pw := evalrun.StartProvisional(wctx, st, slog.Default())
		n, err := pw.CatchUp(ctx)
		must(t, err)
		pw.Wait()
		got, err := st.ProvisionalResults(ctx, sid, w.cycle.ID)
		must(t, err)
		if n != behind || len(got) != behind {
			t.Fatalf("queued %d, stored %d, of %d behind", n, len(got), behind)
		}
		if stale, err := st.StaleProvisional(ctx); err != nil || len(stale) != 0 {
			t.Fatalf("after catching up, still stale: %v %v", stale, err)
		}
		st.OnSheetsSaved(nil) // the worker stops listening, as across a restart
		time.Sleep(10 * time.Millisecond)
		w.rateStudents(t, 88, func(id int64) bool { return true })
		if stale, err := st.StaleProvisional(ctx); err != nil || len(stale[[2]int64{sid, w.cycle.ID}]) != behind {
			t.Fatalf("newer sheets: want %d stale, got %v %v", behind, stale, err)
		}
	})
}
