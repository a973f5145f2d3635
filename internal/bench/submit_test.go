package bench

import (
	"context"
	"testing"

	"zhijiao/internal/testdb"
)

// TestSubmitSmall runs `zhijiao bench submit`'s code with a few students on
// both engines: every submission succeeds and every rating is stored.
func TestSubmitSmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st := e.Open(t)
			r, err := Submit(context.Background(), st, 120, 12, 0)
			if err != nil {
				t.Fatal(err)
			}
			if r.Students != 12 || r.Load.Errors != 0 || r.Load.Requests == 0 || r.Counted != r.Expected || r.Expected == 0 {
				t.Fatalf("%+v (first error %s)", r, r.Load.FirstErr)
			}
		})
	}
}
