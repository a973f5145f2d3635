package bench

import (
	"time"

	"zhijiao/internal/mfrm"
)

// RaschResult is the figure `zhijiao bench rasch` prints: the many-facet Rasch fit of a simulated cycle against a
// baseline measured in the same run.
type RaschResult struct {
	Students, Raters, Items, Ratings int
	Baseline                         time.Duration // raw mean of every student, rater and indicator (median)
	Fit                              time.Duration // mfrm.Fit to convergence (median)
	Iterations                       int
	Runs                             int
}

// Ratio is the fit over the baseline: how many "plain averages" the severity-corrected measures cost.
func (r RaschResult) Ratio() float64 { return float64(r.Fit) / float64(r.Baseline) }

// RaschSeed fixes the simulated cycle.
const RaschSeed = 2026

// Rasch simulates a cycle of n students shaped like a school's (mfrm.SchoolDesign: classes of 50, 4 classmates and
// 3 teachers rate each student on 10 indicators of a 5-level scale) and times, runs times each, the fit and the
// baseline: the raw mean of every student, rater and indicator over the same ratings, which is what a school would
// compute without the model. Both start from the same rating slice with the caller's ids, so both pay for numbering
// them.
func Rasch(n, runs int) (RaschResult, error) {
	ratings, _ := mfrm.Simulate(mfrm.SchoolDesign(n), RaschSeed)
	res := RaschResult{Ratings: len(ratings), Runs: runs}
	var fits, bases []time.Duration
	for range runs {
		t0 := time.Now()
		means := rawMeans(ratings)
		bases = append(bases, time.Since(t0))
		res.Students, res.Raters, res.Items = len(means[0]), len(means[1]), len(means[2])

		t0 = time.Now()
		fit, err := mfrm.Fit(ratings, mfrm.Options{})
		if err != nil {
			return res, err
		}
		fits = append(fits, time.Since(t0))
		res.Iterations = fit.Iterations
	}
	res.Baseline, res.Fit = median(bases), median(fits)
	return res, nil
}

// rawMeans is the baseline: the mean score of each student, rater and indicator.
func rawMeans(ratings []mfrm.Rating) [3]map[int64]float64 {
	var sums, counts [3]map[int64]float64
	for f := range sums {
		sums[f], counts[f] = map[int64]float64{}, map[int64]float64{}
	}
	for _, r := range ratings {
		for f, id := range [3]int64{r.Student, r.Rater, r.Item} {
			sums[f][id] += r.Score
			counts[f][id]++
		}
	}
	for f := range sums {
		for id, c := range counts[f] {
			sums[f][id] /= c
		}
	}
	return sums
}
