package storage_test

import (
	"context"
	"math"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestPortraitQueries checks the portrait queries against the stored
// result details they summarise, on both engines: score means per class
// and for the whole school, the totals and levels, task completion per
// role against the per-rater progress, the teachers' comments, and the
// refilling of the summaries of a cycle computed before they existed.
func TestPortraitQueries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "pq", false)
		other := testfix.Build(t, st, "pq2", false)
		cs := testfix.BuildCycles(t, st, f)
		testfix.BuildCycles(t, st, other)
		sid, cur := f.School.ID, cs.Cur.ID
		details := map[int64]model.StudentResult{}
		for _, id := range []int64{f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID} {
			r, err := st.StudentResult(ctx, sid, cur, id)
			if err != nil {
				t.Fatal(err)
			}
			details[id] = r
		}
		// Class A's means are the means of A1's and A2's stored details.
		means, err := st.GroupScoreMeans(ctx, sid, cur, []int64{f.ClassA.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]float64{}
		for _, id := range []int64{f.StudentA1.ID, f.StudentA2.ID} {
			for _, d := range details[id].Dimensions {
				if d.Rated {
					want["d"+d.Code] = append(want["d"+d.Code], d.Score)
				}
				for _, ind := range d.Indicators {
					if ind.Rated {
						want["i"+ind.Code] = append(want["i"+ind.Code], ind.Score)
					}
				}
			}
		}
		if len(means) != len(want) || len(means) < 30 {
			t.Fatalf("%d means, want %d", len(means), len(want))
		}
		for _, m := range means {
			xs := want[m.Kind+m.Code]
			if m.Count != len(xs) || math.Abs(m.Mean-avg(xs)) > 1e-9 {
				t.Fatalf("%s%s: mean %v of %d, want %v of %d", m.Kind, m.Code, m.Mean, m.Count, avg(xs), len(xs))
			}
		}
		// The whole school (nil) covers all three students, and only this school's.
		all, err := st.GroupScoreMeans(ctx, sid, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) == 0 {
			t.Fatal("no school means")
		}
		for _, m := range all {
			if m.Kind == storage.ScoreDimension && m.Count != 3 {
				t.Fatalf("school mean of %s over %d students", m.Code, m.Count)
			}
		}
		if none, err := st.GroupScoreMeans(ctx, sid, cur, []int64{}); err != nil || len(none) != 0 {
			t.Fatalf("an empty class list matched %d means, %v", len(none), err)
		}
		if leak, err := st.GroupScoreMeans(ctx, sid, cur, []int64{other.ClassA.ID}); err != nil || len(leak) != 0 {
			t.Fatalf("another school's class is averaged: %d, %v", len(leak), err)
		}

		res, err := st.GroupResults(ctx, sid, cur, nil)
		if err != nil || len(res) != 3 {
			t.Fatalf("%d results, %v", len(res), err)
		}
		for _, g := range res {
			if d := details[g.StudentID]; g.Total != d.Total || g.Level != d.Level || g.ClassID != d.ClassID {
				t.Fatalf("result %+v, detail total %v level %s", g, d.Total, d.Level)
			}
		}
		// Completion per role equals the per-rater progress summed by role.
		prog, err := st.GroupCompletion(ctx, sid, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		byRater, err := st.ProgressByRater(ctx, sid, cur, false)
		if err != nil {
			t.Fatal(err)
		}
		sum := map[model.RaterRole][2]int{}
		for _, p := range byRater {
			x := sum[p.Role]
			sum[p.Role] = [2]int{x[0] + p.Done, x[1] + p.Total}
		}
		if len(prog) != len(sum) {
			t.Fatalf("completion %+v, by rater %+v", prog, sum)
		}
		for _, p := range prog {
			if x := sum[p.Role]; p.Done != x[0] || p.Total != x[1] {
				t.Fatalf("%s: %d/%d, want %d/%d", p.Role, p.Done, p.Total, x[0], x[1])
			}
		}
		// Class B alone: its subject teacher's one task, done.
		classB, err := st.GroupCompletion(ctx, sid, cur, []int64{f.ClassB.ID})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range classB {
			if p.Role == model.RaterSubjectTeacher {
				found = true
				if p.Done != 1 || p.Total != 1 {
					t.Fatalf("class B subject teacher %d/%d", p.Done, p.Total)
				}
			}
		}
		if !found {
			t.Fatalf("class B has no subject-teacher completion: %+v", classB)
		}

		cm, err := st.StudentComments(ctx, sid, cur, f.StudentA1.ID)
		if err != nil || len(cm) != 1 || cm[0].Comment != testfix.Comment || cm[0].RaterName != f.TeacherHead.Name || cm[0].Role != model.RaterHeadTeacher {
			t.Fatalf("comments %+v, %v", cm, err)
		}
		if cm, err := st.StudentComments(ctx, sid, cs.Prev.ID, f.StudentA1.ID); err != nil || len(cm) != 0 {
			t.Fatalf("previous cycle had no comments: %+v", cm)
		}

		// A cycle computed before the summary tables existed is filled on first use.
		for _, table := range []string{"result_means", "result_progress"} {
			if _, err := st.DB().ExecContext(ctx, `DELETE FROM `+table+` WHERE school_id = $1 AND cycle_id = $2`, sid, cur); err != nil {
				t.Fatal(err)
			}
		}
		again, err := st.GroupScoreMeans(ctx, sid, cur, []int64{f.ClassA.ID})
		if err != nil || len(again) != len(means) {
			t.Fatalf("refilled %d means, %v", len(again), err)
		}
		for i := range again {
			if again[i].Code != means[i].Code || again[i].Count != means[i].Count || math.Abs(again[i].Mean-means[i].Mean) > 1e-9 {
				t.Fatalf("refilled %+v, was %+v", again[i], means[i])
			}
		}
		if refilled, err := st.GroupCompletion(ctx, sid, cur, nil); err != nil || len(refilled) != len(prog) || refilled[0] != prog[0] {
			t.Fatalf("refilled completion %+v, was %+v, %v", refilled, prog, err)
		}
	})
}

func avg(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
