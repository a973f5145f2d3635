package bench

import (
	"context"
	"testing"

	"zhijiao/internal/testdb"
)

// TestPortraitBenchSmall runs the portrait benchmark on a small school:
// every page answers 200 and every figure is measured.
func TestPortraitBenchSmall(t *testing.T) {
	st := testdb.SQLite(t)
	r, err := Portrait(context.Background(), st, 120, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Students == 0 || r.Ratings == 0 || r.Tasks == 0 || r.School <= 0 || r.Class <= 0 || r.Student <= 0 {
		t.Fatalf("%+v", r)
	}
}
