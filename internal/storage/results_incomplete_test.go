package storage_test

import (
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestIncompleteResultsRoundTrip stores a cycle's results with one 待补评
// student, on both engines, and reads every way the pages do: the list
// rows (flag, what is missing, no rank, after the ranked students), the
// detail, the group rows and the class means (which leave the student
// out). It also checks that the cycle's students come with the cohort and
// major of their class, which quota groups need.
func TestIncompleteResultsRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "inc", false)
		cs := testfix.BuildCycles(t, st, f)
		sid, cur := f.School.ID, cs.Cur.ID

		students, err := st.CycleStudents(ctx, sid, cur)
		if err != nil || len(students) != 3 {
			t.Fatalf("cycle students %v, %v", students, err)
		}
		for _, s := range students {
			cl, err := st.Class(ctx, sid, s.ClassID)
			if err != nil || s.CohortID != cl.CohortID || s.MajorID != cl.MajorID || s.CohortID == 0 {
				t.Fatalf("student %d: cohort %d major %d, class has %d %d (%v)", s.StudentID, s.CohortID, s.MajorID, cl.CohortID, cl.MajorID, err)
			}
		}

		var results []model.StudentResult
		for _, s := range students {
			r, err := st.StudentResult(ctx, sid, cur, s.StudentID)
			if err != nil {
				t.Fatal(err)
			}
			if r.Incomplete || r.CohortID != s.CohortID || r.MajorID != s.MajorID {
				t.Fatalf("computed result of %d: incomplete %v cohort %d major %d", s.StudentID, r.Incomplete, r.CohortID, r.MajorID)
			}
			results = append(results, r)
		}
		// A2 loses the raters of one indicator: 待补评.
		var a2 *model.StudentResult
		for i := range results {
			if results[i].StudentID == f.StudentA2.ID {
				a2 = &results[i]
			}
		}
		ind := &a2.Dimensions[0].Indicators[0]
		line := ind.Code + " " + ind.Name + "：缺自评以外的评价（至少 1 位）"
		ind.Rated, ind.Missing, ind.Score = false, line, 0
		eval.Recombine(a2)
		eval.Relevel(results, cs.Framework.Grading)
		if !a2.Incomplete || a2.Total != 0 || a2.Rank != 0 {
			t.Fatalf("A2 not 待补评: %+v", a2)
		}
		if err := st.ReplaceResults(ctx, sid, model.SystemActor, cur, results, 1, nil); err != nil {
			t.Fatal(err)
		}

		rows, err := st.CycleResults(ctx, sid, cur, f.ClassA.ID)
		if err != nil || len(rows) != 2 {
			t.Fatalf("rows %+v, %v", rows, err)
		}
		if rows[0].StudentID != f.StudentA1.ID || rows[0].Incomplete || rows[0].Rank != 1 || rows[0].Level == "" {
			t.Fatalf("A1 row %+v", rows[0])
		}
		if r := rows[1]; r.StudentID != f.StudentA2.ID || !r.Incomplete || r.Complete || r.Total != 0 || r.Rank != 0 || r.Level != "" ||
			fmt.Sprint(r.Missing) != fmt.Sprint([]string{line}) {
			t.Fatalf("A2 row %+v", r)
		}
		back, err := st.StudentResult(ctx, sid, cur, f.StudentA2.ID)
		if err != nil || !back.Incomplete || fmt.Sprint(back.Missing) != fmt.Sprint([]string{line}) || back.Dimensions[0].Indicators[0].Missing != line ||
			back.CohortID != a2.CohortID || back.MajorID != a2.MajorID {
			t.Fatalf("detail %+v, %v", back, err)
		}
		group, err := st.GroupResults(ctx, sid, cur, []int64{f.ClassA.ID})
		if err != nil || len(group) != 2 {
			t.Fatalf("group %+v, %v", group, err)
		}
		for _, g := range group {
			if g.Incomplete != (g.StudentID == f.StudentA2.ID) {
				t.Fatalf("group row %+v", g)
			}
		}
		means, err := st.GroupScoreMeans(ctx, sid, cur, []int64{f.ClassA.ID})
		if err != nil || len(means) == 0 {
			t.Fatalf("means %v", err)
		}
		a1 := results[0]
		if a1.StudentID != f.StudentA1.ID {
			a1, _ = st.StudentResult(ctx, sid, cur, f.StudentA1.ID)
		}
		for _, m := range means {
			if m.Count != 1 {
				t.Fatalf("%s%s averaged over %d students; the 待补评 student must be left out", m.Kind, m.Code, m.Count)
			}
			if m.Kind == storage.ScoreDimension && m.Code == a1.Dimensions[0].Code && m.Mean != a1.Dimensions[0].Score {
				t.Fatalf("class mean %v, A1 alone %v", m.Mean, a1.Dimensions[0].Score)
			}
		}
	})
}
