package ui

import (
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// TestPreviousCycle: "last term" is the same scope's earlier cycle, never
// another cohort's cycle of the same term.
func TestPreviousCycle(t *testing.T) {
	cyc := func(id int64, start, kind string, scope int64) portraitCycle {
		return portraitCycle{EvalCycle: storage.EvalCycle{Cycle: model.Cycle{ID: id}, ScopeKind: kind, ScopeID: scope}, Term: model.Term{StartDate: start}}
	}
	cs := []portraitCycle{ // oldest term first, as portraitCycles orders them
		cyc(1, "2025-09-01", storage.ScopeCohort, 24),
		cyc(2, "2025-09-01", storage.ScopeCohort, 25),
		cyc(3, "2026-02-20", storage.ScopeCohort, 24),
		cyc(4, "2026-02-20", storage.ScopeCohort, 25),
		cyc(5, "2026-09-01", storage.ScopeSchool, 0),
	}
	for _, c := range []struct {
		i    int
		want int64
	}{{3, 2}, {2, 1}, {1, 0}, {0, 0}, {4, 4}} {
		got := previousCycle(cs, c.i)
		switch {
		case c.want == 0 && got != nil:
			t.Errorf("cycle %d: previous %d, want none", cs[c.i].ID, got.ID)
		case c.want != 0 && (got == nil || got.ID != c.want):
			t.Errorf("cycle %d: previous %v, want %d", cs[c.i].ID, got, c.want)
		}
	}
}
