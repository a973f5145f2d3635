package evalrun

import (
	"context"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Preview computes a cycle's results as 计算结果 would, without storing
// them: what the cycle page shows before the admin computes (who will be
// 待补评 and why).
func Preview(ctx context.Context, st *storage.Storage, schoolID, cycleID int64) ([]model.StudentResult, error) {
	c, err := st.Cycle(ctx, schoolID, cycleID)
	if err != nil {
		return nil, err
	}
	results, _, err := compute(ctx, st, schoolID, c, nil)
	return results, err
}

// RecomputeStudents recomputes the results of some students of a computed
// or publicised cycle after a correction (an upheld appeal), keeping the
// cycle's state: 公示 goes on. The students are computed again together
// with the rest of their quota group (their class, or the whole cycle when
// quotas count over it), so the stored rows are exactly what a full
// recompute would store for them — a student's scores depend on their own
// ratings, records and corrections only, and ranks and levels on their
// group. It returns how many results were stored.
func RecomputeStudents(ctx context.Context, st *storage.Storage, schoolID int64, actor model.Actor, cycleID int64, studentIDs []int64) (int, error) {
	c, err := st.Cycle(ctx, schoolID, cycleID)
	if err != nil {
		return 0, err
	}
	if c.State != model.CycleComputed && c.State != model.CyclePublicised {
		return 0, fmt.Errorf("评价周期“%s”%s，只有已计算或公示中可以更新个别学生的结果", c.Name, c.State.Name())
	}
	f, err := st.Framework(ctx, schoolID, c.FrameworkID)
	if err != nil {
		return 0, err
	}
	roster, err := st.CycleStudents(ctx, schoolID, cycleID)
	if err != nil {
		return 0, err
	}
	group := quotaGroup(f.Grading, roster, studentIDs)
	if len(group) == 0 {
		return 0, nil
	}
	results, sum, err := compute(ctx, st, schoolID, c, group)
	if err != nil {
		return 0, err
	}
	info := map[string]any{"students": studentIDs, "corrections": sum.Corrections}
	return len(results), st.ReplaceStudentResults(ctx, schoolID, actor, cycleID, results, info)
}

// quotaGroup is the set of students whose results a change to the given
// students can move: the rest of their quota group — their classes, their
// cohorts or their majors, by the framework's quota scope — or the whole
// cycle when quotas count over it or small classes are pooled (a pool is
// decided by the classes' sizes, so the whole cycle is the safe superset).
// Students not in the cycle are ignored.
func quotaGroup(g model.Grading, roster []storage.CycleStudent, studentIDs []int64) map[int64]bool {
	want := map[int64]bool{}
	for _, id := range studentIDs {
		want[id] = true
	}
	key := func(r storage.CycleStudent) int64 {
		switch {
		case g.SmallClassScope != "":
			return 0
		case g.QuotaScope == "" || g.QuotaScope == model.QuotaByClass:
			return r.ClassID
		case g.QuotaScope == model.QuotaByCohort:
			return r.CohortID
		case g.QuotaScope == model.QuotaByMajor:
			return r.MajorID
		}
		return 0 // the whole cycle
	}
	groups := map[int64]bool{}
	for _, r := range roster {
		if want[r.StudentID] {
			groups[key(r)] = true
		}
	}
	if len(groups) == 0 {
		return nil
	}
	out := map[int64]bool{}
	for _, r := range roster {
		if groups[key(r)] {
			out[r.StudentID] = true
		}
	}
	return out
}
