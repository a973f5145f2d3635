package model

import "testing"

func TestCycleStateRules(t *testing.T) {
	cases := []struct {
		st                 CycleState
		results, mayFamily bool
	}{
		{CycleDraft, false, false},
		{CycleOpen, false, false},
		{CycleClosed, false, false},
		{CycleComputed, true, false},
		{CyclePublicised, true, true},
		{CycleFinal, true, true},
		{CycleState("unknown"), false, false},
	}
	if len(cases) != len(CycleStates)+1 {
		t.Fatalf("a state is missing from the table: %d cases for %d states", len(cases)-1, len(CycleStates))
	}
	for _, c := range cases {
		if got := c.st.HasResults(); got != c.results {
			t.Errorf("%s.HasResults() = %v, want %v", c.st, got, c.results)
		}
		if got := c.st.FamilyMayView(); got != c.mayFamily {
			t.Errorf("%s.FamilyMayView() = %v, want %v", c.st, got, c.mayFamily)
		}
	}
}
