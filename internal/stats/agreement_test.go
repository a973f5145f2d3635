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
	// Gwet (2014), the six-rater distribution: published Fleiss' kappa 0.4139265, p_a 0.5511111, p_e 0.2340741.
	six, err := FleissKappa(gwetSixRaters())
	if err != nil || math.Abs(six.Kappa-0.4139265) > 5e-8 || math.Abs(six.Observed-0.5511111) > 5e-8 || math.Abs(six.Expected-0.2340741) > 5e-8 {
		t.Errorf("six raters: %+v %v", six, err)
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
	// Gwet (2014), the abstractors' table {13 0 0; 0 20 7; 0 4 56} with the categories in their order (1, 2, 3):
	// quadratic-weighted Cohen's kappa 0.892 as computed by the handbook author's own routines.
	var ra, rb []float64
	for _, cell := range []struct{ a, b, n int }{{1, 1, 13}, {2, 2, 20}, {2, 3, 7}, {3, 2, 4}, {3, 3, 56}} {
		for range cell.n {
			ra, rb = append(ra, float64(cell.a)), append(rb, float64(cell.b))
		}
	}
	if got, err := QuadraticKappa(ra, rb); err != nil || round3(got) != 0.892 {
		t.Errorf("abstractors: κ_w = %.5f %v, published 0.892", got, err)
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

// gwetSixRaters is the distribution of 6 raters over 5 categories for 15 subjects that Gwet (2014), Handbook of
// Inter-Rater Reliability, distributes with its examples (psychiatric diagnoses).
func gwetSixRaters() [][]int {
	return [][]int{{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
		{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
		{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}}
}

func TestGwetAC1Published(t *testing.T) {
	// Gwet (2014): two abstractors classify 100 abstracts as Ectopic / AIU / NIU, contingency table
	// {13 0 0; 0 20 7; 0 4 56}: published AC1 = 0.8493305 (percent agreement 0.89).
	var abstracts [][]int
	for _, cell := range []struct{ a, b, n int }{{0, 0, 13}, {1, 1, 20}, {1, 2, 7}, {2, 1, 4}, {2, 2, 56}} {
		for range cell.n {
			row := make([]int, 3)
			row[cell.a]++
			row[cell.b]++
			abstracts = append(abstracts, row)
		}
	}
	// The six-rater distribution: published AC1 = 0.4448007 (p_a 0.5511111, p_e 0.1914815).
	// The 4 raters × 12 units of Krippendorff's example read as categories, with missing ratings: published
	// AC1 = 0.77544 (p_a 0.8181818, p_e 0.1903212); the one-rating unit counts in π_k, not in p_a.
	raw, _, err := CategoryCounts(paperExample())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		counts [][]int
		want   float64
		tol    float64
	}{
		{"abstractors", abstracts, 0.8493305, 5e-8},
		{"six raters", gwetSixRaters(), 0.4448007, 5e-8},
		{"four raters with missing", raw, 0.77544, 5e-6},
	} {
		got, err := GwetAC1(tc.counts)
		if err != nil || math.Abs(got-tc.want) > tc.tol {
			t.Errorf("%s: AC1 = %.7f %v, published %v", tc.name, got, err, tc.want)
		}
	}
	// Subjects with fewer than 2 ratings are dropped from p_a; none left is an error.
	if _, err := GwetAC1([][]int{{1, 0}, {0, 0}}); !errors.Is(err, ErrAgreementTooFew) {
		t.Errorf("no pairable subject: %v", err)
	}
	if _, err := GwetAC1([][]int{{1}}); !errors.Is(err, ErrFleissShape) {
		t.Errorf("one category: %v", err)
	}
}

func TestGwetAC1HighAgreement(t *testing.T) {
	// The kappa paradox Gwet (2008) addresses: two raters, 125 subjects, 118 agree on the common category and 7
	// disagree. By the two-rater formulas: p_a = 0.944; π = (123/125 + 120/125)/2 = 0.972, p_e = 2·0.972·0.028 =
	// 0.054432, AC1 = 0.889568/0.945568 = 0.94078, where Cohen's kappa on the same table is −0.023.
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
