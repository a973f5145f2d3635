package stats

import (
	"errors"
	"math"
	"slices"
)

// The agreement coefficients of level scales (等级制): the share of raters who agree exactly or within one step,
// Cohen's quadratic-weighted kappa for a pair of raters, and Fleiss' kappa and Gwet's AC1 for many raters.
// Levels are coded as increasing numbers one step apart (待合格 0, 合格 1, 良好 2, 优秀 3), never as their points.

// The errors of the agreement coefficients; test for them with errors.Is.
var (
	ErrAgreementTooFew    = errors.New("一致性：可比较的评分对少于 1 对（每个评价对象至少需要 2 个评分）")
	ErrKappaLength        = errors.New("加权 κ：两位评分者的评分个数不同")
	ErrKappaNoVariation   = errors.New("κ 无定义：机遇一致性为 100%（所有评分落在同一等级）")
	ErrFleissShape        = errors.New("Fleiss κ：至少需要 1 个对象、2 个类别，且每个对象的评分人数相同（至少 2 人）")
	ErrFleissNegative     = errors.New("Fleiss κ：类别计数不能为负数")
	ErrAgreementNotFinite = errors.New("一致性：评分中有无穷大")
)

// AgreementResult is the raw agreement among the raters of each unit.
type AgreementResult struct {
	Exact    float64 // share of pairs of ratings of the same unit that are equal
	Adjacent float64 // share that differ by at most one step (exact included)
	Pairs    int     // unordered pairs of ratings within units
	Units    int     // units with at least 2 ratings
}

// Agreement counts, over every unordered pair of ratings of the same unit, how many are equal and how many are at
// most one step apart. units is laid out as for Alpha (one row per unit, NaN for a missing rating). Each pair counts
// once, so a unit with more raters weighs more, as it holds more comparisons.
func Agreement(units [][]float64) (AgreementResult, error) {
	var res AgreementResult
	exact, adjacent := 0, 0
	var vals []float64
	for _, row := range units {
		vals = vals[:0]
		for _, v := range row {
			if math.IsInf(v, 0) {
				return AgreementResult{}, ErrAgreementNotFinite
			}
			if !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		if len(vals) < 2 {
			continue
		}
		res.Units++
		for i := range vals {
			for j := i + 1; j < len(vals); j++ {
				d := math.Abs(vals[i] - vals[j])
				res.Pairs++
				if d == 0 {
					exact++
				}
				if d <= 1 {
					adjacent++
				}
			}
		}
	}
	if res.Pairs == 0 {
		return AgreementResult{}, ErrAgreementTooFew
	}
	res.Exact = float64(exact) / float64(res.Pairs)
	res.Adjacent = float64(adjacent) / float64(res.Pairs)
	return res, nil
}

// QuadraticKappa is Cohen's (1968) weighted kappa with quadratic disagreement weights for two raters who rated the
// same units: a[u] and b[u] are their codes for unit u, and a unit missing either (NaN) is dropped.
// κ_w = 1 − Σ o_ij (x_i − x_j)² / Σ e_ij (x_i − x_j)², where o are the observed joint proportions and e = p_i· p_·j
// the proportions expected from the two raters' margins. With weights (x_i − x_j)² the scale's length cancels, so
// codes 1..5 and 0..4 give the same kappa.
func QuadraticKappa(a, b []float64) (float64, error) {
	if len(a) != len(b) {
		return math.NaN(), ErrKappaLength
	}
	var xs, ys []float64
	for i := range a {
		if math.IsInf(a[i], 0) || math.IsInf(b[i], 0) {
			return math.NaN(), ErrAgreementNotFinite
		}
		if !math.IsNaN(a[i]) && !math.IsNaN(b[i]) {
			xs, ys = append(xs, a[i]), append(ys, b[i])
		}
	}
	if len(xs) == 0 {
		return math.NaN(), ErrAgreementTooFew
	}
	// Σ_ij o_ij (x_i−x_j)² is the mean squared difference of the pairs; Σ_ij e_ij (x_i−x_j)² is the mean over all
	// cross pairs (x from a, y from b), which is (x̄ − ȳ)² + var(x) + var(y) with population variances.
	n := float64(len(xs))
	obs := 0.0
	for i := range xs {
		d := xs[i] - ys[i]
		obs += d * d
	}
	obs /= n
	mx, my := Mean(xs), Mean(ys)
	exp := (mx-my)*(mx-my) + sumSquares(xs)/n + sumSquares(ys)/n
	if exp == 0 {
		return math.NaN(), ErrKappaNoVariation
	}
	return 1 - obs/exp, nil
}

// CategoryCounts turns units of codes (one row per unit, NaN missing) into the subjects × categories count table of
// Fleiss' kappa and Gwet's AC1. categories are the distinct codes in increasing order.
func CategoryCounts(units [][]float64) (counts [][]int, categories []float64, err error) {
	for _, row := range units {
		for _, v := range row {
			if math.IsInf(v, 0) {
				return nil, nil, ErrAgreementNotFinite
			}
			if !math.IsNaN(v) {
				categories = append(categories, v)
			}
		}
	}
	slices.Sort(categories)
	categories = slices.Compact(categories)
	counts = make([][]int, len(units))
	for u, row := range units {
		counts[u] = make([]int, len(categories))
		for _, v := range row {
			if !math.IsNaN(v) {
				i, _ := slices.BinarySearch(categories, v)
				counts[u][i]++
			}
		}
	}
	return counts, categories, nil
}

// FleissResult is Fleiss' kappa with the agreements it is built from.
type FleissResult struct {
	Kappa    float64
	Observed float64 // P̄, the mean agreement within subjects
	Expected float64 // P̄e, the agreement expected by chance from the category shares
	Subjects int
	Raters   int // n, the ratings per subject
}

// FleissKappa is Fleiss' (1971) kappa, "Measuring nominal scale agreement among many raters", Psychological
// Bulletin 76(5): counts[i][j] is how many of the n raters put subject i in category j, with the same n ≥ 2 for
// every subject. P_i = (Σ_j n_ij² − n) / (n(n−1)), P̄ their mean, p_j = Σ_i n_ij / (N n), P̄e = Σ_j p_j²,
// κ = (P̄ − P̄e) / (1 − P̄e).
func FleissKappa(counts [][]int) (FleissResult, error) {
	n, err := fleissRaters(counts)
	if err != nil {
		return FleissResult{}, err
	}
	N := len(counts)
	share := make([]float64, len(counts[0]))
	agree := 0.0
	for _, row := range counts {
		sq := 0
		for j, c := range row {
			sq += c * c
			share[j] += float64(c)
		}
		agree += float64(sq-n) / float64(n*(n-1))
	}
	res := FleissResult{Subjects: N, Raters: n, Observed: agree / float64(N)}
	for _, s := range share {
		p := s / float64(N*n)
		res.Expected += p * p
	}
	if res.Expected >= 1 {
		return res, ErrKappaNoVariation
	}
	res.Kappa = (res.Observed - res.Expected) / (1 - res.Expected)
	return res, nil
}

// fleissRaters checks the count table and returns the common number of raters per subject.
func fleissRaters(counts [][]int) (int, error) {
	if len(counts) == 0 || len(counts[0]) < 2 {
		return 0, ErrFleissShape
	}
	n := -1
	for _, row := range counts {
		if len(row) != len(counts[0]) {
			return 0, ErrFleissShape
		}
		total := 0
		for _, c := range row {
			if c < 0 {
				return 0, ErrFleissNegative
			}
			total += c
		}
		if n >= 0 && total != n {
			return 0, ErrFleissShape
		}
		n = total
	}
	if n < 2 {
		return 0, ErrFleissShape
	}
	return n, nil
}

// GwetAC1 is Gwet's (2008) first-order agreement coefficient, "Computing inter-rater reliability and its variance in
// the presence of high agreement", British Journal of Mathematical and Statistical Psychology 61(1), for any number
// of raters and missing ratings, as in Gwet (2014), Handbook of Inter-Rater Reliability: counts[i][k] is how many
// raters put subject i in category k. p_a = mean over the subjects with r_i ≥ 2 ratings of
// Σ_k r_ik(r_ik−1) / (r_i(r_i−1)); π_k = mean over the subjects with r_i ≥ 1 of r_ik/r_i (a subject with one rating
// says nothing about agreement but does about how common each category is); p_e = Σ_k π_k(1−π_k) / (K−1), with K the
// number of categories (columns); AC1 = (p_a − p_e)/(1 − p_e). Unlike kappa, AC1 does not collapse when nearly every
// rating falls in one level, which is usual for 优秀/良好.
func GwetAC1(counts [][]int) (float64, error) {
	if len(counts) == 0 || len(counts[0]) < 2 {
		return math.NaN(), ErrFleissShape
	}
	K := len(counts[0])
	pi := make([]float64, K)
	pa, paters, rated := 0.0, 0, 0
	for _, row := range counts {
		if len(row) != K {
			return math.NaN(), ErrFleissShape
		}
		r := 0
		for _, c := range row {
			if c < 0 {
				return math.NaN(), ErrFleissNegative
			}
			r += c
		}
		if r == 0 {
			continue
		}
		rated++
		for k, c := range row {
			pi[k] += float64(c) / float64(r)
			if r >= 2 {
				pa += float64(c*(c-1)) / float64(r*(r-1))
			}
		}
		if r >= 2 {
			paters++
		}
	}
	if paters == 0 {
		return math.NaN(), ErrAgreementTooFew
	}
	pa /= float64(paters)
	pe := 0.0
	for _, p := range pi {
		p /= float64(rated)
		pe += p * (1 - p)
	}
	pe /= float64(K - 1)
	return (pa - pe) / (1 - pe), nil
}
