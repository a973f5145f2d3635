package bench

import (
	"context"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/testdb"
)

// TestResearchBenchSmall runs `zhijiao bench research`'s code on a small
// term on both engines, so the benchmark cannot rot unnoticed.
func TestResearchBenchSmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			r, err := Research(context.Background(), e.Open(t), 20, 200, 1)
			if err != nil {
				t.Fatal(err)
			}
			if r.Claims < 200 || r.Credits < r.Claims || r.Full <= 0 || r.Bare <= 0 {
				t.Fatalf("result %+v", r)
			}
		})
	}
}

// BenchmarkResearchTerm500x10k times ComputeResearch for the section 4
// school (500 teachers, 10,000 outputs) on SQLite; the setup runs once.
func BenchmarkResearchTerm500x10k(b *testing.B) {
	st := testdb.SQLite(b)
	ctx := context.Background()
	r, err := Research(ctx, st, 500, 10000, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Credits), "credits")
	for b.Loop() {
		if _, err := st.ComputeResearch(ctx, r.SchoolID, model.Actor{Username: "bench"}, r.AssessmentID); err != nil {
			b.Fatal(err)
		}
	}
}
