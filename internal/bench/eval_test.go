package bench

import (
	"context"
	"testing"

	"zhijiao/internal/testdb"
)

// TestEvalBenchSmall runs `zhijiao bench eval`'s own code on a small school
// on both engines, so the command cannot rot unnoticed.
func TestEvalBenchSmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st := e.Open(t)
			r, err := Eval(context.Background(), st, 60, 1)
			if err != nil {
				t.Fatal(err)
			}
			if r.Students == 0 || r.Ratings == 0 || r.Bare <= 0 || r.Recompute <= 0 || r.Last.Ratings != r.Ratings || r.Last.Ignored != 0 {
				t.Fatalf("result %+v", r)
			}
		})
	}
}

// TestEvalFairBenchSmall runs the severity-corrected recompute's benchmark on a small school on both engines.
func TestEvalFairBenchSmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st := e.Open(t)
			plain, err := Eval(context.Background(), st, 60, 1)
			if err != nil {
				t.Fatal(err)
			}
			r, err := EvalFair(context.Background(), st, plain, 1)
			if err != nil {
				t.Fatal(err)
			}
			if r.Plain <= 0 || r.Fair <= 0 || r.Runs != 1 {
				t.Fatalf("result %+v", r)
			}
		})
	}
}
