package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
)

// AlphaState says what an alpha computation came to, so that a view never shows "数据不足" for perfect agreement.
type AlphaState int

// The states start at 1 so that a forgotten state is not mistaken for an estimate.
const (
	AlphaEstimated AlphaState = iota + 1 // alpha is a number (it may be 1 when no unit has any disagreement)
	AlphaPerfect                         // every unit unanimous and the values vary across units: alpha = 1 exactly
	AlphaAllSame                         // every pairable value is the same: raters agree fully, but alpha is undefined
	AlphaTooFew                          // fewer than 2 pairable values: not enough data
	AlphaInvalid                         // bad input: unknown level, infinite value, negative ratio value
)

// String is the Chinese label a view shows for the state.
func (s AlphaState) String() string {
	switch s {
	case AlphaEstimated:
		return "已估计"
	case AlphaPerfect:
		return "完全一致"
	case AlphaAllSame:
		return "全部评分相同（完全一致，α 无定义）"
	case AlphaTooFew:
		return "数据不足"
	case AlphaInvalid:
		return "输入有误"
	}
	return "未知状态"
}

// StateOf classifies the result and error of Alpha.
func StateOf(res AlphaResult, err error) AlphaState {
	switch {
	case errors.Is(err, ErrAlphaNoVariation):
		return AlphaAllSame
	case errors.Is(err, ErrAlphaTooFew):
		return AlphaTooFew
	case err != nil:
		return AlphaInvalid
	case res.Observed == 0:
		return AlphaPerfect
	}
	return AlphaEstimated
}

// AlphaInterval is alpha with its state and a 95% bootstrap interval.
type AlphaInterval struct {
	AlphaResult
	State     AlphaState
	Low, High float64 // the 2.5% and 97.5% quantiles of the bootstrapped alphas; NaN when alpha is undefined
	Resamples int     // X, the number of resamples drawn
	Pairs     int     // M, the pairs of values drawn in each resample: Σ_u m_u(m_u−1)/2
}

// DefaultResamples is the number of bootstrap resamples the views and the command line use: enough for stable 2.5%
// and 97.5% quantiles (their Monte Carlo error is about ±0.005 on typical class data).
const DefaultResamples = 2000

// AlphaBootstrap computes Alpha and a 95% bootstrap interval by the method of Hayes & Krippendorff (2007),
// "Answering the call for a standard reliability measure for coding data", Communication Methods and Measures 1(1),
// and Krippendorff's "Algorithm for bootstrapping a distribution of α" (2006, revised 2011):
//
//   - D_e is kept from the data: chance disagreement is a property of the value distribution, not of the sample of
//     pairs;
//   - each resample draws M = Σ_u m_u(m_u−1)/2 pairs of values with replacement from the pairs within units, a pair of
//     unit u weighing 1/(m_u−1) as in the coincidence matrix (so the draw is from o_ck/n);
//   - the resample's D_o is the mean δ² of its pairs, and α* = 1 − D_o/D_e.
//
// The interval is the percentile interval of the X = resamples values of α*. The seed makes it reproducible: the
// same data and seed give the same interval. Undefined alphas (the errors of Alpha) return the error together with
// the state; perfect agreement returns the interval [1, 1].
func AlphaBootstrap(units [][]float64, level Level, resamples int, seed uint64) (AlphaInterval, error) {
	res, err := Alpha(units, level)
	out := AlphaInterval{AlphaResult: res, State: StateOf(res, err), Low: math.NaN(), High: math.NaN()}
	if err != nil {
		return out, err
	}
	if resamples < 1 {
		resamples = DefaultResamples
	}
	out.Resamples = resamples
	deltas, weights, pairs := unitPairs(units, level)
	out.Pairs = pairs
	if out.State == AlphaPerfect {
		out.Low, out.High = 1, 1
		return out, nil
	}
	draw := newAlias(weights, rand.New(rand.NewPCG(seed, 0x616c706861)))
	alphas := make([]float64, resamples)
	for x := range alphas {
		sum := 0.0
		for range pairs {
			sum += deltas[draw.next()]
		}
		alphas[x] = 1 - sum/float64(pairs)/res.Expected
	}
	slices.Sort(alphas)
	out.Low, out.High = quantileSorted(alphas, 0.025), quantileSorted(alphas, 0.975)
	return out, nil
}

// unitPairs lists the unordered pairs of values within each pairable unit: their δ² in the level's metric and their
// weight 2/(m_u−1) (the two ordered pairs of the coincidence matrix), and the number of pairs M.
func unitPairs(units [][]float64, level Level) (deltas, weights []float64, pairs int) {
	vals, ends, _ := pairable(units, level) // Alpha has accepted the same input
	if level == Ordinal {
		distinct, counts := valueCounts(vals)
		vals = ordinalPositions(vals, distinct, counts)
	}
	start := 0
	for _, end := range ends {
		unit := vals[start:end]
		w := 2 / float64(len(unit)-1)
		for i := range unit {
			for j := i + 1; j < len(unit); j++ {
				deltas = append(deltas, delta2(unit[i], unit[j], level))
				weights = append(weights, w)
			}
		}
		start = end
	}
	return deltas, weights, len(deltas)
}

// delta2 is the squared difference of two values in the metric of the level; ordinal values are already positions.
func delta2(a, b float64, level Level) float64 {
	switch level {
	case Nominal:
		if a == b {
			return 0
		}
		return 1
	case Ratio:
		return ratioDelta2(a, b)
	}
	return (a - b) * (a - b)
}

// quantileSorted is the quantile q of sorted values, interpolating linearly between order statistics.
func quantileSorted(s []float64, q float64) float64 {
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[lo] + (pos-float64(lo))*(s[lo+1]-s[lo])
}

// alias draws indexes in proportion to weights in constant time (Walker's alias method): a resample of a class
// draws hundreds of pairs, thousands of times, and a binary search per draw would be most of the work.
type alias struct {
	prob  []float64
	other []int
	rng   *rand.Rand
}

func newAlias(weights []float64, rng *rand.Rand) *alias {
	n := len(weights)
	total := 0.0
	for _, w := range weights {
		total += w
	}
	a := &alias{prob: make([]float64, n), other: make([]int, n), rng: rng}
	var small, large []int
	for i, w := range weights {
		a.prob[i] = w * float64(n) / total
		if a.prob[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.other[s] = l
		a.prob[l] -= 1 - a.prob[s]
		if a.prob[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) { // what rounding leaves behind is a full column
		a.prob[i] = 1
	}
	return a
}

// next takes the column from the high 32 bits of one random word and the coin from the low 32: one generator call
// per draw instead of two. The column's bias, n/2³² at most, is far below the Monte Carlo error of any interval.
func (a *alias) next() int {
	r := a.rng.Uint64()
	i := int((r >> 32) * uint64(len(a.prob)) >> 32)
	if float64(uint32(r))*(1.0/(1<<32)) < a.prob[i] {
		return i
	}
	return a.other[i]
}
