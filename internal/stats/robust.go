package stats

import (
	"math"
	"slices"
)

// The aggregation helpers of the evaluation engine. All of them skip NaN (a missing rating, as everywhere in this
// package), never change their input, never panic, and return NaN when too few values remain: NaN and not 0,
// because 0 is a real score and a student with no ratings must not look like a student rated 0.

// Mean returns the arithmetic mean of the non-NaN values of xs, or NaN if there are none.
func Mean(xs []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range xs {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// StdDev returns the sample standard deviation (divisor n−1) of the non-NaN values of xs, or NaN if fewer than 2:
// one value says nothing about spread.
func StdDev(xs []float64) float64 {
	m := Mean(xs)
	ss, n := 0.0, 0
	for _, x := range xs {
		if !math.IsNaN(x) {
			d := x - m
			ss += d * d
			n++
		}
	}
	if n < 2 {
		return math.NaN()
	}
	return math.Sqrt(ss / float64(n-1))
}

// Median returns the median of the non-NaN values of xs (the mean of the two middle values when their number is
// even), or NaN if there are none.
func Median(xs []float64) float64 {
	s := sortedValues(xs)
	return medianSorted(s)
}

// TrimmedMean returns the mean of the non-NaN values of xs after cutting g = ⌊trim·n⌋ of the smallest and g of the
// largest, the rule of R's mean(x, trim) and SciPy's trim_mean: with 10 ratings and trim 0.1, the lowest and the
// highest go. The product counts as an integer when it is one up to rounding error (0.29·100 is 28.999…96 in
// floating point, and still cuts 29). trim below 0 or NaN counts as 0 (the plain mean); trim of 0.5 or more, or a
// cut that would leave nothing, gives the median, as in R. It returns NaN if xs has no non-NaN values.
func TrimmedMean(xs []float64, trim float64) float64 {
	s := sortedValues(xs)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if !(trim > 0) { // also catches NaN
		trim = 0
	}
	if trim >= 0.5 {
		return medianSorted(s)
	}
	g := int(math.Floor(trim*float64(n) + 1e-9))
	if 2*g >= n {
		return medianSorted(s)
	}
	return Mean(s[g : n-g])
}

// sortedValues returns a sorted copy of the non-NaN values of xs.
func sortedValues(xs []float64) []float64 {
	s := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			s = append(s, x)
		}
	}
	slices.Sort(s)
	return s
}

func medianSorted(s []float64) float64 {
	n := len(s)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
