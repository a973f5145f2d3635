package evalrun_test

import (
	"reflect"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestSeverityFromStorage fits a class of the fixture from its stored ratings, on both engines: the loader reads the
// class's current ratings and names, and the fit is the pure computation over them.
func TestSeverityFromStorage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		_, err := evalrun.Open(ctx, st, w.sid(), w.admin, w.cycle.ID)
		must(t, err)
		w.rateAll(t, 70)
		c, err := st.Cycle(ctx, w.sid(), w.cycle.ID)
		must(t, err)
		got, err := evalrun.Severity(ctx, st, w.sid(), c, w.fx.ClassA.ID)
		must(t, err)
		rs, err := st.ClassRatings(ctx, w.sid(), w.cycle.ID, w.fx.ClassA.ID)
		must(t, err)
		if got.Ratings != len(rs) || got.Ratings == 0 {
			t.Fatalf("ratings %d, class has %d", got.Ratings, len(rs))
		}
		want := evalrun.SeverityOf(w.f, rs)
		if !reflect.DeepEqual(got.Groups, want.Groups) && !sameNaN(got.Groups, want.Groups) {
			t.Errorf("stored fit differs from the pure fit:\n%+v\n%+v", got.Groups, want.Groups)
		}
		if len(got.Groups) == 0 {
			t.Fatal("no scale group fitted")
		}
		for _, g := range got.Groups {
			if (g.Problem == "") == (len(g.Raters) == 0) {
				t.Errorf("group of %d categories: problem %q with %d raters; want numbers or a reason, not both", g.Categories, g.Problem, len(g.Raters))
			}
		}
		if got.Names[w.fx.StudentA1.ID] != "张一" || got.Names[w.fx.StudentB1.ID] != "" {
			t.Errorf("names %v, want class A's students only", got.Names)
		}
		other, err := evalrun.Severity(ctx, st, w.other.School.ID, c, w.fx.ClassA.ID)
		if err == nil && other.Ratings != 0 {
			t.Errorf("another school read %d ratings of the cycle", other.Ratings)
		}
	})
}

// sameNaN compares groups whose Reliability may be NaN (NaN ≠ NaN for DeepEqual).
func sameNaN(a, b []evalrun.SeverityGroup) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Reliability, y.Reliability = 0, 0
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// TestRecomputeWithFairRoles recomputes a cycle whose framework corrects the head teacher's scores, on both
// engines: the stored results mark the corrected role scores with the raw score next to them and say both in the
// explanation, and a second recompute stores the same numbers.
func TestRecomputeWithFairRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		fw := eval.DefaultFramework()
		fw.Code, fw.Name = "fair", "宽严校正方案"
		fw.Aggregation.FairRoles = []model.RaterRole{model.RaterHeadTeacher}
		c := testfix.SeverityCycleOn(t, st, w.fx, fw)
		must(t, st.MoveCycle(ctx, w.sid(), w.admin, c.ID, model.CycleClosed, true))
		_, err := evalrun.Recompute(ctx, st, w.sid(), w.admin, c.ID)
		must(t, err)
		first, err := st.StudentResult(ctx, w.sid(), c.ID, w.fx.StudentA1.ID)
		must(t, err)
		// The 五分制 indicators are too few in this class for the fit to converge: they keep their raw scores.
		fitted := map[string]bool{}
		for _, ind := range eval.Indicators(fw) {
			fitted[ind.Code] = ind.Scale.Kind != model.ScaleRating5
		}
		adjusted := 0
		for _, d := range first.Dimensions {
			for _, ir := range d.Indicators {
				for _, r := range ir.Roles {
					if r.Adjusted != (r.Role == model.RaterHeadTeacher && r.Count > 0 && fitted[ir.Code]) {
						t.Errorf("%s %s: adjusted %v", ir.Name, r.Role, r.Adjusted)
					}
					if r.Adjusted {
						adjusted++
						// The class's only head teacher is the role's average rater: nothing to correct.
						if r.Raw != r.Score {
							t.Errorf("%s: raw %v, corrected %v; one rater of a role is its average", ir.Name, r.Raw, r.Score)
						}
						if !strings.Contains(strings.Join(ir.Explanation, "\n"), "按评价者宽严校正，校正前 ") {
							t.Errorf("%s: explanation lacks the raw score: %v", ir.Name, ir.Explanation)
						}
					}
				}
			}
		}
		if adjusted == 0 {
			t.Fatal("no role score corrected")
		}
		_, err = evalrun.Recompute(ctx, st, w.sid(), w.admin, c.ID)
		must(t, err)
		again, err := st.StudentResult(ctx, w.sid(), c.ID, w.fx.StudentA1.ID)
		must(t, err)
		if !reflect.DeepEqual(first.Dimensions, again.Dimensions) {
			t.Error("a second recompute changed the corrected results")
		}
	})
}
