package stats

import (
	"math"
	"slices"
	"testing"
)

func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b)) || near(a, b, 1e-12)
}

func TestRobust(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name                 string
		xs                   []float64
		mean, median, stdDev float64
	}{
		{"nil", nil, nan, nan, nan},
		{"empty", []float64{}, nan, nan, nan},
		{"only missing", []float64{nan, nan}, nan, nan, nan},
		{"one value", []float64{4}, 4, 4, nan},
		{"odd", []float64{3, 1, 2}, 2, 2, 1},
		{"even", []float64{4, 1, 3, 2}, 2.5, 2.5, math.Sqrt(5.0 / 3)},
		{"missing skipped", []float64{nan, 2, 4, nan, 6}, 4, 4, 2},
		{"infinite kept", []float64{1, inf, 2}, inf, 2, nan},
	}
	for _, tc := range cases {
		before := slices.Clone(tc.xs)
		if got := Mean(tc.xs); !sameFloat(got, tc.mean) {
			t.Errorf("%s: Mean %v, want %v", tc.name, got, tc.mean)
		}
		if got := Median(tc.xs); !sameFloat(got, tc.median) {
			t.Errorf("%s: Median %v, want %v", tc.name, got, tc.median)
		}
		if got := StdDev(tc.xs); !sameFloat(got, tc.stdDev) {
			t.Errorf("%s: StdDev %v, want %v", tc.name, got, tc.stdDev)
		}
		if !slices.EqualFunc(before, tc.xs, sameFloat) {
			t.Errorf("%s: input changed to %v", tc.name, tc.xs)
		}
	}
}

func TestTrimmedMean(t *testing.T) {
	ten := []float64{10, 1, 2, 3, 4, 5, 6, 7, 8, 100} // 1..8, 10 and an outlier 100
	// Squares of 1..100: cutting 28 or 29 at each end gives different means, so the rounding rule shows.
	squares := make([]float64, 100)
	for i := range squares {
		squares[i] = float64((i + 1) * (i + 1))
	}
	cut29 := 0.0
	for i := 30; i <= 71; i++ {
		cut29 += float64(i*i) / 42
	}
	cases := []struct {
		name string
		xs   []float64
		trim float64
		want float64
	}{
		{"empty", nil, 0.1, nan},
		{"only missing", []float64{nan}, 0.2, nan},
		{"no trim is the mean", ten, 0, 14.6},
		{"negative trim is the mean", ten, -0.3, 14.6},
		{"NaN trim is the mean", ten, nan, 14.6},
		{"0.1 of 10 cuts one at each end", ten, 0.1, 5.625}, // mean of 2..8 and 10
		{"0.15 of 10 still cuts one", ten, 0.15, 5.625},     // ⌊1.5⌋ = 1
		{"0.2 of 10 cuts two", ten, 0.2, 5.5},               // mean of 3..8
		{"0.29 of 100 cuts 29 although 0.29·100 < 29 in floating point", squares, 0.29, cut29},
		{"half gives the median", ten, 0.5, 5.5},
		{"more than half gives the median", ten, 0.9, 5.5},
		{"one value", []float64{7}, 0.4, 7},
		{"missing skipped before trimming", []float64{nan, 1, 2, 3, nan, 4, 50}, 0.2, 3}, // n=5, cut 1: mean of 2,3,4
	}
	for _, tc := range cases {
		if got := TrimmedMean(tc.xs, tc.trim); !sameFloat(got, tc.want) {
			t.Errorf("%s: TrimmedMean(trim %v) = %v, want %v", tc.name, tc.trim, got, tc.want)
		}
	}
}
