package stats

import (
	"errors"
	"math"
	"slices"
	"sort"
)

// Level is the level of measurement of the values being compared (测量尺度). It chooses the difference function δ²
// between two values, and so what counts as a disagreement.
type Level int

// The levels start at 1 so that a forgotten Level (the zero value) is an error, not a silent nominal analysis.
const (
	Nominal  Level = iota + 1 // 定类: categories; any two different values disagree fully
	Ordinal                   // 定序: ranked categories; distance grows with how many observed values lie between
	Interval                  // 定距: equal steps; squared difference
	Ratio                     // 定比: a true zero; squared difference relative to the sum
)

// String returns the Chinese name of the level, as the interface shows it.
func (l Level) String() string {
	switch l {
	case Nominal:
		return "定类"
	case Ordinal:
		return "定序"
	case Interval:
		return "定距"
	case Ratio:
		return "定比"
	}
	return "未知尺度"
}

// The errors Alpha returns; test for them with errors.Is.
var (
	ErrAlphaLevel       = errors.New("α：未知的测量尺度")
	ErrAlphaTooFew      = errors.New("α 无定义：可配对的评分少于 2 个（每个评价对象至少需要 2 个评分）")
	ErrAlphaNoVariation = errors.New("α 无定义：所有可配对的评分都相同，期望不一致为零")
	ErrAlphaNotFinite   = errors.New("α：评分中有无穷大")
	ErrAlphaNegative    = errors.New("α：定比尺度的评分不能为负数")
)

// AlphaResult is Krippendorff's alpha with the quantities it was computed from, so a view can show them.
type AlphaResult struct {
	Alpha    float64 // 1 − Observed/Expected; 1 is perfect agreement, 0 is agreement at chance level
	Observed float64 // D_o, the observed disagreement
	Expected float64 // D_e, the disagreement expected by chance
	Units    int     // pairable units: units with at least 2 values; the others are dropped
	Values   int     // n, the pairable values: the total of the coincidence matrix
}

// Alpha computes Krippendorff's alpha for reliability data: units[u] holds the values the coders gave unit u (one
// evaluated student, or one student × indicator), with math.NaN() for a coder who gave none. Rows may have different
// lengths: alpha compares values within a unit and never needs to know which coder gave which.
//
// It follows the coincidence-matrix formulation of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
// a unit with m ≥ 2 values adds 1/(m−1) to o_ck for each ordered pair of its values (c, k); n_c are the margins, n
// their total; D_o = Σ o_ck δ²_ck / n, D_e = Σ n_c n_k δ²_ck / (n(n−1)). Units with fewer than 2 values are dropped.
// The sums are computed without building the matrix (see alphaSums), so many distinct values cost no memory.
// For Ordinal, the order is the numeric order of the values; code ordered categories as increasing numbers.
//
// Alpha is undefined, and an error is returned, when fewer than 2 values are pairable or when all pairable values are
// the same. Infinite values are an error, and so are negative values for Ratio.
func Alpha(units [][]float64, level Level) (AlphaResult, error) {
	if level < Nominal || level > Ratio {
		return AlphaResult{}, ErrAlphaLevel
	}
	vals, ends, err := pairable(units, level)
	if err != nil {
		return AlphaResult{}, err
	}
	n := len(vals)
	if n < 2 {
		return AlphaResult{}, ErrAlphaTooFew
	}
	// Variation is decided on the values themselves, not on D_e = 0: floating sums of equal values can leave a tiny
	// non-zero D_e. Interval needs no margins, so it skips the sort that counting them takes.
	var distinct []float64
	var counts []int
	if level == Interval {
		if !slices.ContainsFunc(vals, func(v float64) bool { return v != vals[0] }) {
			return AlphaResult{}, ErrAlphaNoVariation
		}
	} else if distinct, counts = valueCounts(vals); len(distinct) < 2 {
		return AlphaResult{}, ErrAlphaNoVariation
	}
	if level == Ordinal {
		vals = ordinalPositions(vals, distinct, counts)
	}
	obs, exp := alphaSums(vals, ends, distinct, counts, level)
	res := AlphaResult{Units: len(ends), Values: n}
	res.Observed = obs / float64(n)
	res.Expected = exp / (float64(n) * float64(n-1))
	res.Alpha = 1 - res.Observed/res.Expected
	return res, nil
}

// pairable flattens the values of the units that have at least 2 of them; ends[u] is the end of unit u in vals.
func pairable(units [][]float64, level Level) (vals []float64, ends []int, err error) {
	size := 0
	for _, row := range units {
		size += len(row)
	}
	vals, ends = make([]float64, 0, size), make([]int, 0, len(units))
	for _, row := range units {
		start := len(vals)
		for _, v := range row {
			switch {
			case math.IsNaN(v):
				continue
			case math.IsInf(v, 0):
				return nil, nil, ErrAlphaNotFinite
			case level == Ratio && v < 0:
				return nil, nil, ErrAlphaNegative
			}
			vals = append(vals, v)
		}
		if len(vals)-start < 2 {
			vals = vals[:start] // a lone value has no partner within its unit, so it says nothing about agreement
			continue
		}
		ends = append(ends, len(vals))
	}
	return vals, ends, nil
}

// valueCounts returns the distinct values in increasing order and how often each occurs: the margins n_c.
func valueCounts(vals []float64) (distinct []float64, counts []int) {
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	for i, v := range sorted {
		if i == 0 || v != sorted[i-1] {
			distinct = append(distinct, v)
			counts = append(counts, 0)
		}
		counts[len(counts)-1]++
	}
	return distinct, counts
}

// ordinalPositions replaces each value c by its position M_c = Σ_{g<c} n_g + n_c/2 among the pairable values.
// Krippendorff's ordinal difference δ²_ck = (Σ_{g=c..k} n_g − (n_c+n_k)/2)² equals (M_k − M_c)², so ordinal alpha
// is interval alpha on these positions, and needs no table of δ² for every pair of values.
func ordinalPositions(vals, distinct []float64, counts []int) []float64 {
	pos := make([]float64, len(distinct))
	below := 0.0
	for i, c := range counts {
		pos[i] = below + float64(c)/2
		below += float64(c)
	}
	out := make([]float64, len(vals))
	for i, v := range vals {
		out[i] = pos[sort.SearchFloat64s(distinct, v)]
	}
	return out
}

// alphaSums returns Σ_ck o_ck δ²_ck and Σ_ck n_c n_k δ²_ck, summing over the values of each unit instead of over the
// cells of the coincidence matrix. The two are equal by the definition of o_ck; the unit sums cost O(m) or O(m²)
// per unit and nothing per distinct value, except for Ratio whose expected sum is O(distinct values²).
func alphaSums(vals []float64, ends []int, distinct []float64, counts []int, level Level) (obs, exp float64) {
	start := 0
	var scratch []float64
	for _, end := range ends {
		unit := vals[start:end]
		m := float64(len(unit))
		switch level {
		case Nominal:
			scratch = append(scratch[:0], unit...)
			slices.Sort(scratch)
			obs += (m*(m-1) - float64(samePairs(scratch))) / (m - 1)
		case Ordinal, Interval:
			// Σ_{i≠j} (v_i − v_j)² = 2m Σ_i (v_i − mean)².
			obs += 2 * m * sumSquares(unit) / (m - 1)
		case Ratio:
			s := 0.0
			for i := range unit {
				for j := i + 1; j < len(unit); j++ {
					s += ratioDelta2(unit[i], unit[j])
				}
			}
			obs += 2 * s / (m - 1)
		}
		start = end
	}

	n := float64(len(vals))
	switch level {
	case Nominal:
		same := 0.0
		for _, c := range counts {
			same += float64(c) * float64(c-1)
		}
		exp = n*(n-1) - same
	case Ordinal, Interval:
		exp = 2 * n * sumSquares(vals)
	case Ratio:
		for i := range distinct {
			for j := i + 1; j < len(distinct); j++ {
				exp += 2 * float64(counts[i]) * float64(counts[j]) * ratioDelta2(distinct[i], distinct[j])
			}
		}
	}
	return obs, exp
}

// samePairs counts the ordered pairs (i ≠ j) of equal values in a sorted slice.
func samePairs(sorted []float64) int {
	pairs, run := 0, 1
	for i := 1; i <= len(sorted); i++ {
		if i < len(sorted) && sorted[i] == sorted[i-1] {
			run++
			continue
		}
		pairs += run * (run - 1)
		run = 1
	}
	return pairs
}

// sumSquares returns Σ (x − mean)². It measures from the first value so that equal values give exactly 0, which
// makes perfect agreement come out as alpha = 1 exactly, and keeps large values from cancelling.
func sumSquares(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	base, mean := xs[0], 0.0
	for _, x := range xs {
		mean += x - base
	}
	mean /= float64(len(xs))
	s := 0.0
	for _, x := range xs {
		d := x - base - mean
		s += d * d
	}
	return s
}

// ratioDelta2 is Krippendorff's ratio difference ((c−k)/(c+k))²; two zeros do not differ.
func ratioDelta2(c, k float64) float64 {
	if c+k == 0 {
		return 0
	}
	d := (c - k) / (c + k)
	return d * d
}

// Coincidences returns the coincidence matrix of the reliability data (same input as Alpha): values are the distinct
// pairable values in increasing order, and o[c][k] is the number of (c, k) pairs within units, each unit of m values
// weighing 1/(m−1). It is for showing the data behind an alpha (and for checking Alpha against the paper); its size
// is the number of distinct values squared, so it suits rating scales, not continuous scores.
func Coincidences(units [][]float64) (values []float64, o [][]float64, err error) {
	vals, ends, err := pairable(units, Nominal)
	if err != nil {
		return nil, nil, err
	}
	values, _ = valueCounts(vals)
	o = make([][]float64, len(values))
	for i := range o {
		o[i] = make([]float64, len(values))
	}
	start := 0
	for _, end := range ends {
		unit := vals[start:end]
		w := 1 / float64(len(unit)-1)
		for i, a := range unit {
			ia := sort.SearchFloat64s(values, a)
			for j, b := range unit {
				if i != j {
					o[ia][sort.SearchFloat64s(values, b)] += w
				}
			}
		}
		start = end
	}
	return values, o, nil
}
