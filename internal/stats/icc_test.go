package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// shroutFleissTable2 is the data of Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
// reliability", Psychological Bulletin 86(2), Table 2: 6 targets (rows) × 4 judges (columns).
func shroutFleissTable2() [][]float64 {
	return [][]float64{
		{9, 2, 5, 8},
		{6, 1, 3, 2},
		{8, 4, 6, 8},
		{7, 1, 2, 6},
		{10, 5, 6, 9},
		{6, 2, 4, 7},
	}
}

func TestICCShroutFleiss(t *testing.T) {
	res, err := ICC(shroutFleissTable2())
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 6 || res.K != 4 {
		t.Fatalf("shape %d×%d", res.N, res.K)
	}
	// Each row: our exact value to 3 decimals, and the paper's 2-decimal figure it must round to.
	// Mean squares: the paper's analysis of variance of the Table 2 data, BMS 11.24, WMS 6.26, JMS 32.49,
	// EMS 1.02. Coefficients: the paper's estimates for the same data, ICC(1,1) .17, ICC(2,1) .29,
	// ICC(3,1) .71, ICC(1,4) .44, ICC(2,4) .62, ICC(3,4) .91.
	for _, tc := range []struct {
		name        string
		got         float64
		exact3, pub float64
	}{
		{"BMS", res.BMS, 11.242, 11.24},
		{"WMS", res.WMS, 6.264, 6.26},
		{"JMS", res.JMS, 32.486, 32.49},
		{"EMS", res.EMS, 1.019, 1.02},
		{"ICC(1,1)", res.ICC11, 0.166, 0.17},
		{"ICC(2,1)", res.ICC21, 0.290, 0.29},
		{"ICC(3,1)", res.ICC31, 0.715, 0.71},
		{"ICC(1,4)", res.ICC1K, 0.443, 0.44},
		{"ICC(2,4)", res.ICC2K, 0.620, 0.62},
		{"ICC(3,4)", res.ICC3K, 0.909, 0.91},
	} {
		if round3(tc.got) != tc.exact3 {
			t.Errorf("%s = %.5f, want %.3f", tc.name, tc.got, tc.exact3)
		}
		if math.Round(tc.got*100)/100 != tc.pub {
			t.Errorf("%s = %.5f does not round to the published %.2f", tc.name, tc.got, tc.pub)
		}
	}
}

func TestICCSpearmanBrown(t *testing.T) {
	// The average-measure forms are the single-measure forms stepped up by Spearman–Brown: k·r / (1 + (k−1)·r)
	// holds exactly for ICC(1,·) and ICC(3,·), an independent check of the formulas.
	res, err := ICC(shroutFleissTable2())
	if err != nil {
		t.Fatal(err)
	}
	sb := func(r float64) float64 { return 4 * r / (1 + 3*r) }
	if !near(res.ICC1K, sb(res.ICC11), 1e-12) || !near(res.ICC3K, sb(res.ICC31), 1e-12) {
		t.Errorf("Spearman–Brown: ICC1K %v vs %v, ICC3K %v vs %v", res.ICC1K, sb(res.ICC11), res.ICC3K, sb(res.ICC31))
	}
}

func TestICCPermutations(t *testing.T) {
	base, err := ICC(shroutFleissTable2())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		data := shroutFleissTable2()
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		perm := rng.Perm(4)
		for i, row := range data {
			data[i] = []float64{row[perm[0]], row[perm[1]], row[perm[2]], row[perm[3]]}
		}
		got, err := ICC(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range [][2]float64{
			{got.BMS, base.BMS}, {got.WMS, base.WMS}, {got.JMS, base.JMS}, {got.EMS, base.EMS},
			{got.ICC11, base.ICC11}, {got.ICC21, base.ICC21}, {got.ICC31, base.ICC31},
			{got.ICC1K, base.ICC1K}, {got.ICC2K, base.ICC2K}, {got.ICC3K, base.ICC3K},
		} {
			if !near(p[0], p[1], 1e-12) {
				t.Fatalf("permuted targets and raters changed a result: %+v vs %+v", got, base)
			}
		}
	}
}

func TestICCRaterOffset(t *testing.T) {
	// A rater who is consistently 3 points harsher changes agreement (ICC2) but not consistency (ICC3).
	data := shroutFleissTable2()
	base, _ := ICC(data)
	for i := range data {
		data[i][1] -= 3
	}
	got, err := ICC(data)
	if err != nil {
		t.Fatal(err)
	}
	if !near(got.ICC31, base.ICC31, 1e-12) || !near(got.ICC3K, base.ICC3K, 1e-12) {
		t.Errorf("ICC3 moved with a constant rater offset: %v → %v", base.ICC31, got.ICC31)
	}
	if !(got.ICC21 < base.ICC21) {
		t.Errorf("ICC2 should fall with a rater offset: %v → %v", base.ICC21, got.ICC21)
	}
}

func TestICCPerfectAgreement(t *testing.T) {
	res, err := ICC([][]float64{{1, 1, 1}, {3, 3, 3}, {2, 2, 2}, {5, 5, 5}})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]float64{"11": res.ICC11, "21": res.ICC21, "31": res.ICC31, "1K": res.ICC1K, "2K": res.ICC2K, "3K": res.ICC3K} {
		if v != 1 {
			t.Errorf("ICC%s = %v, want exactly 1", name, v)
		}
	}
}

func TestICCUndefinedCoefficient(t *testing.T) {
	// Every target has the same mean, so BMS = 0 and the "3" forms divide by zero: NaN, not ±Inf.
	res, err := ICC([][]float64{{1, 3}, {3, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.BMS != 0 || !math.IsNaN(res.ICC3K) {
		t.Errorf("BMS %v ICC3K %v; want 0 and NaN", res.BMS, res.ICC3K)
	}
}

func TestICCErrors(t *testing.T) {
	cases := []struct {
		name string
		data [][]float64
		want error
	}{
		{"empty", nil, ErrICCShape},
		{"one target", [][]float64{{1, 2, 3}}, ErrICCShape},
		{"one rater", [][]float64{{1}, {2}}, ErrICCShape},
		{"ragged", [][]float64{{1, 2}, {2, 3, 4}}, ErrICCShape},
		{"missing cell", [][]float64{{1, 2}, {2, nan}}, ErrICCMissing},
		{"infinite cell", [][]float64{{1, 2}, {2, math.Inf(-1)}}, ErrICCMissing},
		{"no variation", [][]float64{{4, 4}, {4, 4}}, ErrICCNoVariation},
	}
	for _, tc := range cases {
		if _, err := ICC(tc.data); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

// BenchmarkICC45x10 is one indicator of a class: 45 students × 10 raters, complete.
func BenchmarkICC45x10(b *testing.B) {
	rng := rand.New(rand.NewPCG(45, 10))
	data := make([][]float64, 45)
	for i := range data {
		truth := float64(1 + rng.IntN(5))
		data[i] = make([]float64, 10)
		for j := range data[i] {
			data[i][j] = truth + float64(rng.IntN(3)-1)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ICC(data); err != nil {
			b.Fatal(err)
		}
	}
}
