package bench

import "testing"

// TestRaschBenchSmall runs the Rasch benchmark on a small cycle: every facet is counted and both times measured.
// Each student has 4 peers and 3 teacher slots; a teacher holding two slots of a class rates once.
func TestRaschBenchSmall(t *testing.T) {
	r, err := Rasch(200, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Students != 200 || r.Raters != 204 || r.Items != 10 || r.Ratings < 200*6*10 || r.Ratings > 200*7*10 || r.Fit <= 0 || r.Baseline <= 0 || r.Iterations < 2 {
		t.Fatalf("%+v", r)
	}
}
