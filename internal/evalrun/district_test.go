package evalrun_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

type districtWorld struct {
	st        *storage.Storage
	computed  testfix.Cycles // school 1: this term's cycle 已计算
	published testfix.Cycles // school 2: this term's cycle 公示中
	ids       []int64        // schools 1, 2 and 3 (no cycle at all)
	job       storage.DistrictJob
}

func districtSetup(t *testing.T, st *storage.Storage) *districtWorld {
	w := &districtWorld{st: st}
	s1, s2, s3 := testfix.Build(t, st, "dj1", false), testfix.Build(t, st, "dj2", false), testfix.Build(t, st, "dj3", false)
	w.computed, w.published = testfix.BuildCycles(t, st, s1), testfix.BuildCycles(t, st, s2)
	must(t, st.MoveCycle(ctx, s2.School.ID, model.SystemActor, w.published.Cur.ID, model.CyclePublicised, false))
	w.ids = []int64{s1.School.ID, s2.School.ID, s3.School.ID}
	// The fixture schools' current term is 2026-2027学年第一学期.
	w.job = storage.DistrictJob{YearName: "2026-2027", Semester: s1.Term.Semester}
	must(t, st.CreateDistrictJob(ctx, model.Actor{Username: "root"}, &w.job, w.ids))
	return w
}

func (w *districtWorld) computedAt(t *testing.T, sid, cycle int64) string {
	t.Helper()
	c, err := w.st.Cycle(ctx, sid, cycle)
	must(t, err)
	if c.ComputedAt == nil {
		return ""
	}
	return c.ComputedAt.String() + string(c.State)
}

func TestDistrictRecomputeRunsSkipsAndReports(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := districtSetup(t, st)
		before1 := w.computedAt(t, w.ids[0], w.computed.Cur.ID)
		before2 := w.computedAt(t, w.ids[1], w.published.Cur.ID)
		r := evalrun.NewDistrictRunner(st, nil)
		var seen []int64
		r.AfterSchool = func(p storage.DistrictJobSchool) { seen = append(seen, p.SchoolID) }
		must(t, r.Do(ctx, w.job))
		if len(seen) != 3 || seen[0] != w.ids[0] || seen[2] != w.ids[2] {
			t.Fatalf("schools run %v, want %v one at a time in order", seen, w.ids)
		}
		j, err := st.DistrictJob(ctx, w.job.ID)
		must(t, err)
		if j.State != storage.JobDone || j.FinishedAt == nil {
			t.Fatalf("job %+v, want done", j)
		}
		ps, err := st.DistrictJobSchools(ctx, w.job.ID)
		must(t, err)
		if p := ps[0]; p.State != storage.JobDone || p.Cycles != 1 || p.Students != 3 || len(p.Notes) != 0 {
			t.Errorf("school 1: %+v, want its computed cycle recomputed (3 students)", p)
		}
		if after := w.computedAt(t, w.ids[0], w.computed.Cur.ID); after == before1 {
			t.Errorf("school 1's cycle was not recomputed (computed_at %s)", after)
		}
		if p := ps[1]; p.State != storage.JobSkipped || p.Cycles != 0 || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "公示中") {
			t.Errorf("school 2: %+v, want skipped with 公示中 named", p)
		}
		if after := w.computedAt(t, w.ids[1], w.published.Cur.ID); after != before2 {
			t.Errorf("a publicised cycle was recomputed: %s → %s", before2, after)
		}
		if p := ps[2]; p.State != storage.JobSkipped || len(p.Notes) != 1 || p.Notes[0] != "本学期没有评价周期" {
			t.Errorf("school 3: %+v, want skipped: no cycle", p)
		}
	})
}

// A job interrupted after its first school resumes at the second after a
// restart, without recomputing the first again.
func TestDistrictRecomputeResumesAfterRestart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := districtSetup(t, st)
		run, stop := context.WithCancel(ctx)
		r := evalrun.NewDistrictRunner(st, nil)
		r.AfterSchool = func(storage.DistrictJobSchool) { stop() }
		if err := r.Do(run, w.job); err == nil {
			t.Fatal("an interrupted job reported no error")
		}
		first := w.computedAt(t, w.ids[0], w.computed.Cur.ID)
		j, err := st.DistrictJob(ctx, w.job.ID)
		must(t, err)
		if j.State != storage.JobRunning {
			t.Fatalf("interrupted job is %s, want still running (a stopped process)", j.State)
		}
		rq, failed, err := st.RecoverDistrictJobs(ctx, 3, "x")
		must(t, err)
		if rq != 1 || failed != 0 {
			t.Fatalf("recover: requeued %d failed %d, want 1 and 0", rq, failed)
		}
		q, err := st.QueuedDistrictJobs(ctx)
		must(t, err)
		if len(q) != 1 || q[0].ID != w.job.ID {
			t.Fatalf("queue after restart: %+v", q)
		}
		r2 := evalrun.NewDistrictRunner(st, nil)
		var seen []int64
		r2.AfterSchool = func(p storage.DistrictJobSchool) { seen = append(seen, p.SchoolID) }
		must(t, r2.Do(ctx, q[0]))
		if len(seen) != 2 || seen[0] != w.ids[1] {
			t.Fatalf("resumed job ran schools %v, want the last two", seen)
		}
		if again := w.computedAt(t, w.ids[0], w.computed.Cur.ID); again != first {
			t.Errorf("the finished school was recomputed again after the restart")
		}
		j, err = st.DistrictJob(ctx, w.job.ID)
		must(t, err)
		if j.State != storage.JobDone || j.Attempts != 2 {
			t.Errorf("job after resume: %s, %d attempts; want done after 2", j.State, j.Attempts)
		}
	})
}
