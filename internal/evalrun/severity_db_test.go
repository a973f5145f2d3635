package evalrun_test

import (
	"reflect"
	"testing"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
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
