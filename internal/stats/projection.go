package stats

import "math"

// SpearmanBrown projects the reliability r of one rater's score to the reliability of the mean of k raters:
// k·r / (1 + (k−1)·r). It is how ICC(1,1) becomes ICC(1,k), and how a single peer's alpha says what the mean of four
// peers is worth. r outside (−1, 1] or k < 1 gives NaN.
func SpearmanBrown(r, k float64) float64 {
	if math.IsNaN(r) || r > 1 || r <= -1 || k < 1 {
		return math.NaN()
	}
	return k * r / (1 + (k-1)*r)
}

// RatersNeeded is the smallest number of raters whose mean reaches the target reliability, by inverting
// Spearman–Brown: k = target(1−r) / (r(1−target)), rounded up. It returns 1 when one rater already reaches the
// target, and ok = false when no number of raters can (r ≤ 0, or a target outside (0, 1)).
func RatersNeeded(r, target float64) (k int, ok bool) {
	if math.IsNaN(r) || r <= 0 || r > 1 || !(target > 0 && target < 1) {
		return 0, false
	}
	if r >= target {
		return 1, true
	}
	x := target * (1 - r) / (r * (1 - target))
	// A ratio that is an integer up to rounding error (0.8 from r = 0.5 gives 4.000…01) does not round up.
	return int(math.Ceil(x - 1e-9)), true
}
