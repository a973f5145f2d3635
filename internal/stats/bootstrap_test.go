package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAlphaBootstrapPaperExample(t *testing.T) {
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		a, err := AlphaBootstrap(paperExample(), level, 4000, 7)
		if err != nil {
			t.Fatalf("%v: %v", level, err)
		}
		plain, _ := Alpha(paperExample(), level)
		if a.Alpha != plain.Alpha || a.State != AlphaEstimated {
			t.Errorf("%v: alpha %v state %v, want %v estimated", level, a.Alpha, a.State, plain.Alpha)
		}
		// The paper's 11 pairable units: 8 with 4 values, 2 with 3, 1 with 2, so M = Σ m(m−1)/2 = 8·6 + 2·3 + 1 = 55.
		if a.Pairs != 55 || a.Resamples != 4000 || a.Units != 11 || a.Values != 40 {
			t.Errorf("%v: pairs %d resamples %d units %d values %d", level, a.Pairs, a.Resamples, a.Units, a.Values)
		}
		if !(a.Low < a.Alpha && a.Alpha < a.High && a.High <= 1) {
			t.Errorf("%v: interval [%.4f, %.4f] does not hold alpha %.4f", level, a.Low, a.High, a.Alpha)
		}
	}
}

func TestAlphaBootstrapSeeded(t *testing.T) {
	data := randomData(rand.New(rand.NewPCG(1, 2)), 45, 5, 5, 0.1)
	a, _ := AlphaBootstrap(data, Ordinal, 1000, 42)
	b, _ := AlphaBootstrap(data, Ordinal, 1000, 42)
	c, _ := AlphaBootstrap(data, Ordinal, 1000, 43)
	if a != b {
		t.Errorf("same seed, different intervals: %+v vs %+v", a, b)
	}
	if a.Low == c.Low && a.High == c.High {
		t.Errorf("another seed gave the very same interval %v–%v", a.Low, a.High)
	}
}

// TestAlphaBootstrapCentred checks the resampling itself: each resample's D_o has the mean D_o of the data, so the
// middle of many resamples sits on alpha, and the width shrinks as the data grow (by about √4 for 4× the units).
func TestAlphaBootstrapCentred(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	small := randomData(rng, 45, 5, 5, 0.1)
	large := append(append(append(randomData(rng, 45, 5, 5, 0.1), randomData(rng, 45, 5, 5, 0.1)...),
		randomData(rng, 45, 5, 5, 0.1)...), small...)
	s, err := AlphaBootstrap(small, Interval, 4000, 1)
	if err != nil {
		t.Fatal(err)
	}
	l, err := AlphaBootstrap(large, Interval, 4000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if mid := (s.Low + s.High) / 2; math.Abs(mid-s.Alpha) > 0.03 {
		t.Errorf("interval [%.3f, %.3f] is not centred on alpha %.3f", s.Low, s.High, s.Alpha)
	}
	ratio := (s.High - s.Low) / (l.High - l.Low)
	if ratio < 1.6 || ratio > 2.5 {
		t.Errorf("width ratio small/large = %.2f, want about 2", ratio)
	}
}

func TestAlphaStates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units [][]float64
		state AlphaState
		err   error
	}{
		{"perfect agreement", [][]float64{{1, 1, 1}, {2, 2}, {3, nan, 3}}, AlphaPerfect, nil},
		{"everyone gave the same value", [][]float64{{4, 4}, {4, 4, 4}}, AlphaAllSame, ErrAlphaNoVariation},
		{"one value per unit", [][]float64{{4, nan}, {3}}, AlphaTooFew, ErrAlphaTooFew},
		{"no data", nil, AlphaTooFew, ErrAlphaTooFew},
		{"infinite value", [][]float64{{1, math.Inf(1)}}, AlphaInvalid, ErrAlphaNotFinite},
		{"disagreement", [][]float64{{1, 2}, {2, 2}, {3, 1}}, AlphaEstimated, nil},
	} {
		a, err := AlphaBootstrap(tc.units, Ordinal, 200, 1)
		if !errors.Is(err, tc.err) || a.State != tc.state {
			t.Errorf("%s: state %v err %v, want %v %v", tc.name, a.State, err, tc.state, tc.err)
		}
		if tc.state == AlphaPerfect && (a.Alpha != 1 || a.Low != 1 || a.High != 1) {
			t.Errorf("%s: %v [%v, %v], want 1 [1, 1]", tc.name, a.Alpha, a.Low, a.High)
		}
		if tc.err != nil && !(math.IsNaN(a.Low) && math.IsNaN(a.High)) {
			t.Errorf("%s: undefined alpha with an interval [%v, %v]", tc.name, a.Low, a.High)
		}
	}
	if AlphaTooFew.String() != "数据不足" || AlphaPerfect.String() == AlphaTooFew.String() || AlphaState(0).String() != "未知状态" {
		t.Error("state labels")
	}
}

// TestAliasDraws checks the alias table draws each index in proportion to its weight.
func TestAliasDraws(t *testing.T) {
	weights := []float64{1, 2, 0.5, 6.5, 0, 2}
	a := newAlias(weights, rand.New(rand.NewPCG(5, 5)))
	const draws = 240000
	got := make([]int, len(weights))
	for range draws {
		got[a.next()]++
	}
	for i, w := range weights {
		want := draws * w / 12
		if math.Abs(float64(got[i])-want) > 4*math.Sqrt(want+1) {
			t.Errorf("index %d drawn %d times, want about %.0f", i, got[i], want)
		}
	}
}

func TestSpearmanBrownAndRatersNeeded(t *testing.T) {
	// The indicator: alpha 0.651 for one classmate is about 0.88 for the mean of four.
	if got := SpearmanBrown(0.651, 4); math.Abs(got-0.8818) > 0.0005 {
		t.Errorf("SpearmanBrown(0.651, 4) = %.4f", got)
	}
	res, _ := ICC(shroutFleissTable2())
	if got := SpearmanBrown(res.ICC11, 4); math.Abs(got-res.ICC1K) > 1e-12 {
		t.Errorf("SpearmanBrown(ICC(1,1), 4) = %v, ICC(1,4) = %v", got, res.ICC1K)
	}
	for _, tc := range []struct {
		r, target float64
		k         int
		ok        bool
	}{
		{0.5, 0.8, 4, true}, // exactly 4, not 5 by rounding error
		{0.651, 0.8, 3, true},
		{0.166, 0.8, 21, true},
		{0.9, 0.8, 1, true},
		{0, 0.8, 0, false},
		{-0.2, 0.8, 0, false},
		{0.5, 1, 0, false},
		{nan, 0.8, 0, false},
	} {
		k, ok := RatersNeeded(tc.r, tc.target)
		if k != tc.k || ok != tc.ok {
			t.Errorf("RatersNeeded(%v, %v) = %d %v, want %d %v", tc.r, tc.target, k, ok, tc.k, tc.ok)
		}
		if ok && k > 1 && (SpearmanBrown(tc.r, float64(k)) < tc.target-1e-9 || SpearmanBrown(tc.r, float64(k-1)) >= tc.target) {
			t.Errorf("RatersNeeded(%v) = %d is not the smallest", tc.r, k)
		}
	}
	if !math.IsNaN(SpearmanBrown(0.5, 0)) || !math.IsNaN(SpearmanBrown(1.2, 2)) {
		t.Error("SpearmanBrown accepts a bad argument")
	}
}

// BenchmarkAlphaBootstrapClass is one indicator of a class as the fairness page sees it: 45 students × 5 raters on
// a 5-point scale, ordinal alpha with 2,000 resamples.
func BenchmarkAlphaBootstrapClass(b *testing.B) {
	data := randomData(rand.New(rand.NewPCG(45, 5)), 45, 5, 5, 0.1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AlphaBootstrap(data, Ordinal, DefaultResamples, 1); err != nil {
			b.Fatal(err)
		}
	}
}
