package stats

import (
	"errors"
	"math"
	"testing"
)

// fleiss1971 is the worked example of Fleiss' kappa as it is commonly reproduced from Fleiss (1971): 10 subjects,
// 14 raters, 5 categories; each row counts the raters who chose each category.
func fleiss1971() [][]int {
	return [][]int{
		{0, 0, 0, 0, 14},
		{0, 2, 6, 4, 2},
		{0, 0, 3, 5, 6},
		{0, 3, 9, 2, 0},
		{2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0},
		{3, 2, 6, 3, 0},
		{2, 5, 3, 2, 2},
		{6, 5, 2, 1, 0},
		{0, 2, 2, 3, 7},
	}
}

func TestFleissKappaPublished(t *testing.T) {
	res, err := FleissKappa(fleiss1971())
	if err != nil {
		t.Fatal(err)
	}
	// Published: P̄ = 0.378, P̄e = 0.213, κ = 0.210.
	if round3(res.Observed) != 0.378 || round3(res.Expected) != 0.213 || round3(res.Kappa) != 0.210 {
		t.Errorf("P̄ %.4f P̄e %.4f κ %.4f, want 0.378 0.213 0.210", res.Observed, res.Expected, res.Kappa)
	}
	if res.Subjects != 10 || res.Raters != 14 {
		t.Errorf("subjects %d raters %d", res.Subjects, res.Raters)
	}
}

func TestFleissKappaErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts [][]int
		err    error
	}{
		{"empty", nil, ErrFleissShape},
		{"one category", [][]int{{3}, {3}}, ErrFleissShape},
		{"raters differ", [][]int{{1, 2}, {2, 2}}, ErrFleissShape},
		{"one rater", [][]int{{1, 0}, {0, 1}}, ErrFleissShape},
		{"negative", [][]int{{3, -1}, {1, 1}}, ErrFleissNegative},
		{"everyone in one category", [][]int{{3, 0}, {3, 0}}, ErrKappaNoVariation},
	} {
		if _, err := FleissKappa(tc.counts); !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
	}
	// Perfect agreement with variation is κ = 1.
	if res, err := FleissKappa([][]int{{3, 0}, {0, 3}, {3, 0}}); err != nil || res.Kappa != 1 {
		t.Errorf("perfect agreement: %v %v", res.Kappa, err)
	}
}

func TestCategoryCounts(t *testing.T) {
	counts, cats, err := CategoryCounts([][]float64{{1, 3, nan}, {3, 3, 2}})
	if err != nil || len(cats) != 3 || cats[0] != 1 || cats[2] != 3 {
		t.Fatalf("%v %v", cats, err)
	}
	want := [][]int{{1, 0, 1}, {0, 1, 2}}
	for i := range want {
		for j := range want[i] {
			if counts[i][j] != want[i][j] {
				t.Fatalf("counts %v, want %v", counts, want)
			}
		}
	}
}

func TestQuadraticKappa(t *testing.T) {
	// A widely reproduced worked example of quadratic-weighted kappa (essay scores of two raters, 9 essays):
	// published 0.758620689655172 (= 22/29) and, with the second rater's first two scores changed, 0.438095238095238
	// (= 46/105). Both are exact fractions, so they are checked to 12 decimals.
	a := []float64{9, 7, 8, 7, 6, 8, 3, 5, 10}
	for _, tc := range []struct {
		b    []float64
		want float64
	}{
		{[]float64{8, 8, 6, 6, 7, 6, 1, 4, 8}, 22.0 / 29},
		{[]float64{3, 5, 6, 6, 7, 6, 1, 4, 8}, 46.0 / 105},
	} {
		got, err := QuadraticKappa(a, tc.b)
		if err != nil || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("κ_w = %.15f %v, want %.15f", got, err, tc.want)
		}
		// Shifting both raters' codes changes nothing: only differences count.
		shifted := make([]float64, len(a))
		other := make([]float64, len(a))
		for i := range a {
			shifted[i], other[i] = a[i]-3, tc.b[i]-3
		}
		if got2, _ := QuadraticKappa(shifted, other); math.Abs(got2-got) > 1e-12 {
			t.Errorf("shifted codes: %v vs %v", got2, got)
		}
	}
	// A missing code drops the unit; identical raters agree perfectly.
	if got, err := QuadraticKappa([]float64{1, 2, nan, 3}, []float64{1, 2, 3, 3}); err != nil || got != 1 {
		t.Errorf("identical raters: %v %v", got, err)
	}
	for _, tc := range []struct {
		a, b []float64
		err  error
	}{
		{[]float64{1}, []float64{1, 2}, ErrKappaLength},
		{[]float64{nan}, []float64{1}, ErrAgreementTooFew},
		{[]float64{2, 2}, []float64{2, 2}, ErrKappaNoVariation},
		{[]float64{math.Inf(1)}, []float64{1}, ErrAgreementNotFinite},
	} {
		if _, err := QuadraticKappa(tc.a, tc.b); !errors.Is(err, tc.err) {
			t.Errorf("%v/%v: %v, want %v", tc.a, tc.b, err, tc.err)
		}
	}
}

func TestGwetAC1(t *testing.T) {
	// Two raters, 125 subjects, a rare category: 118 both "yes", 5 yes/no, 2 no/yes, none both "no" — the kind of
	// table Gwet (2008) uses to show the kappa paradox. By the paper's two-rater formulas: p_a = 118/125 = 0.944;
	// π_yes = (123/125 + 120/125)/2 = 0.972, p_e = 2·0.972·0.028 = 0.054432, AC1 = 0.889568/0.945568 = 0.94078;
	// Cohen's kappa on the same table is −0.023.
	var counts [][]int
	for range 118 {
		counts = append(counts, []int{2, 0})
	}
	for range 7 {
		counts = append(counts, []int{1, 1})
	}
	got, err := GwetAC1(counts)
	if err != nil || math.Abs(got-0.889568/0.945568) > 1e-12 {
		t.Errorf("AC1 = %.6f %v, want 0.940780", got, err)
	}
	// The Fleiss table: AC1 agrees with the hand formula for many raters (p_a = P̄ of Fleiss, the same for both).
	f, _ := FleissKappa(fleiss1971())
	ac1, err := GwetAC1(fleiss1971())
	pi := []float64{20, 28, 39, 21, 32}
	pe := 0.0
	for _, s := range pi {
		p := s / 140
		pe += p * (1 - p)
	}
	pe /= 4
	if err != nil || math.Abs(ac1-(f.Observed-pe)/(1-pe)) > 1e-12 {
		t.Errorf("AC1 on the Fleiss table = %v %v", ac1, err)
	}
	// Subjects with fewer than 2 ratings are dropped; none left is an error.
	if _, err := GwetAC1([][]int{{1, 0}, {0, 0}}); !errors.Is(err, ErrAgreementTooFew) {
		t.Errorf("no pairable subject: %v", err)
	}
	if _, err := GwetAC1([][]int{{1}}); !errors.Is(err, ErrFleissShape) {
		t.Errorf("one category: %v", err)
	}
}

func TestAgreement(t *testing.T) {
	res, err := Agreement([][]float64{{2, 2, 3}, {0, 2, nan}, {1}})
	if err != nil {
		t.Fatal(err)
	}
	// Pairs: (2,2) exact, (2,3) ×2 adjacent, (0,2) neither: 4 pairs in 2 units.
	if res.Pairs != 4 || res.Units != 2 || res.Exact != 0.25 || res.Adjacent != 0.75 {
		t.Errorf("%+v", res)
	}
	if _, err := Agreement([][]float64{{1}, {nan, 2}}); !errors.Is(err, ErrAgreementTooFew) {
		t.Errorf("no pair: %v", err)
	}
}
