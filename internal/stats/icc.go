package stats

import (
	"errors"
	"math"
)

// The errors ICC returns; test for them with errors.Is.
var (
	ErrICCShape       = errors.New("ICC：至少需要 2 个评价对象和 2 个评分者，且每行评分者人数相同")
	ErrICCMissing     = errors.New("ICC：评分矩阵不完整（有缺失值或无穷大），请先处理缺失评分")
	ErrICCNoVariation = errors.New("ICC 无定义：所有评分都相同")
)

// ICCResult holds the intraclass correlations of Shrout & Fleiss (1979) and the mean squares they come from.
//
// Which one to read (Shrout & Fleiss's cases): ICC1 when each target is rated by a different set of raters drawn at
// random (case 1: one-way model); ICC2 when the same raters rate every target and stand for raters in general, so a
// rater's overall severity counts as disagreement (case 2: two-way random); ICC3 when these raters are the only ones
// of interest and only consistency matters (case 3: two-way mixed). The "1" forms are the reliability of one rater's
// score; the "K" forms that of the mean of the K raters, which is what a multi-rater average reports.
//
// A coefficient whose denominator is zero is NaN (for example ICC3K when every target has the same mean); encoding/json
// refuses NaN, so a caller that sends the result as JSON checks for it first.
type ICCResult struct {
	N, K int // targets (rows) and raters (columns)

	BMS float64 // between-targets mean square, df n−1
	WMS float64 // within-target mean square, df n(k−1)
	JMS float64 // between-judges (raters) mean square, df k−1
	EMS float64 // residual mean square, df (n−1)(k−1)

	ICC11, ICC21, ICC31 float64 // single rater: ICC(1,1), ICC(2,1), ICC(3,1)
	ICC1K, ICC2K, ICC3K float64 // mean of K raters: ICC(1,k), ICC(2,k), ICC(3,k)
}

// ICC computes the Shrout & Fleiss intraclass correlations from a complete matrix: ratings[i][j] is rater j's value
// for target i. The matrix must be rectangular with at least 2 targets and 2 raters, and complete: the two-way
// analysis of variance has no answer for a missing cell, so the caller decides what to do with one (drop the target,
// drop the rater, or use Alpha, which accepts missing values). A NaN or infinite cell is an error, as is a matrix
// whose values are all the same.
func ICC(ratings [][]float64) (ICCResult, error) {
	n := len(ratings)
	if n < 2 || len(ratings[0]) < 2 {
		return ICCResult{}, ErrICCShape
	}
	k := len(ratings[0])
	for _, row := range ratings {
		if len(row) != k {
			return ICCResult{}, ErrICCShape
		}
		for _, x := range row {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return ICCResult{}, ErrICCMissing
			}
		}
	}

	// Means measured from the first cell, so that equal values give exactly zero sums of squares (see sumSquares).
	base := ratings[0][0]
	rowMean := make([]float64, n)
	colMean := make([]float64, k)
	grand := 0.0
	for i, row := range ratings {
		for j, x := range row {
			d := x - base
			rowMean[i] += d
			colMean[j] += d
			grand += d
		}
	}
	for i := range rowMean {
		rowMean[i] /= float64(k)
	}
	for j := range colMean {
		colMean[j] /= float64(n)
	}
	grand /= float64(n * k)

	// Each sum of squares is summed directly rather than by subtraction, so none can come out slightly negative.
	var ssRows, ssCols, ssWithin, ssErr float64
	for i, row := range ratings {
		r := rowMean[i] - grand
		ssRows += r * r
		for j, x := range row {
			d := x - base
			w := d - rowMean[i]
			ssWithin += w * w
			e := d - rowMean[i] - colMean[j] + grand
			ssErr += e * e
		}
	}
	for _, c := range colMean {
		c -= grand
		ssCols += c * c
	}
	ssRows *= float64(k)
	ssCols *= float64(n)
	if ssRows == 0 && ssWithin == 0 {
		return ICCResult{}, ErrICCNoVariation
	}

	fn, fk := float64(n), float64(k)
	res := ICCResult{N: n, K: k}
	res.BMS = ssRows / (fn - 1)
	res.WMS = ssWithin / (fn * (fk - 1))
	res.JMS = ssCols / (fk - 1)
	res.EMS = ssErr / ((fn - 1) * (fk - 1))

	b, w, j, e := res.BMS, res.WMS, res.JMS, res.EMS
	res.ICC11 = ratio(b-w, b+(fk-1)*w)
	res.ICC21 = ratio(b-e, b+(fk-1)*e+fk*(j-e)/fn)
	res.ICC31 = ratio(b-e, b+(fk-1)*e)
	res.ICC1K = ratio(b-w, b)
	res.ICC2K = ratio(b-e, b+(j-e)/fn)
	res.ICC3K = ratio(b-e, b)
	return res, nil
}

// ratio is num/den, or NaN when den is zero: a coefficient with no variance to compare against is undefined, and
// ±Inf would read as a number.
func ratio(num, den float64) float64 {
	if den == 0 {
		return math.NaN()
	}
	return num / den
}
