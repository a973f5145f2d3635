package mfrm

import (
	"errors"
	"math"
)

// Options tune the estimation; the zero value is the default.
type Options struct {
	MaxIterations int     // default 500
	Tolerance     float64 // largest step, in logits, at which estimation stops; default 0.0001
}

// ErrNotConverged is returned with the last estimates when MaxIterations pass without convergence.
var ErrNotConverged = errors.New("多面 Rasch：迭代次数已用完仍未收敛，估计值仅供参考")

// Measure is one element of a facet (a student, a rater or an indicator).
type Measure struct {
	ID            int64
	Measure       float64 // logits: ability for a student, severity for a rater, difficulty for an indicator
	SE            float64 // model standard error, 1/√(Σ information)
	Infit, Outfit float64 // mean squares; 1 is what the model expects
	Count         int     // ratings
	Observed      float64 // mean observed score, on the original scale
	Fair          float64 // fair average on the original scale: the expected score against an average other facet
	Extreme       bool    // every rating at the lowest or the highest category: the measure is an adjusted estimate
}

// Result is a fitted model. The element slices are in the order the ids first appear in the ratings.
type Result struct {
	Students, Raters, Items []Measure
	Categories              []float64 // the original scores, ascending; category k is Categories[k]
	Thresholds              []float64 // τ_1..τ_m, Andrich thresholds in logits, summing to 0
	Ratings                 int
	Iterations              int
}

// Fit estimates the model by joint maximum likelihood (see the package documentation). It returns an error, and no
// result, for no ratings, a single category, too many categories, a missing score or a disconnected design; when
// estimation does not converge it returns the last estimates with ErrNotConverged.
func Fit(ratings []Rating, opt Options) (*Result, error) {
	if opt.MaxIterations <= 0 {
		opt.MaxIterations = 500
	}
	if !(opt.Tolerance > 0) {
		opt.Tolerance = 1e-4
	}
	d, err := prepare(ratings)
	if err != nil {
		return nil, err
	}
	if err := d.connected(); err != nil {
		return nil, err
	}
	e := newEstimator(d)
	res := &Result{Categories: d.values, Ratings: len(d.x)}
	converged := false
	for res.Iterations < opt.MaxIterations && !converged {
		res.Iterations++
		// Students and the other facets take turns: stepping both at once on the same residuals overshoots (each
		// side corrects the whole misfit), and the estimates then oscillate instead of converging.
		e.pass()
		largest := e.step(e.stu)
		e.pass()
		converged = max(largest, e.step(e.rat, e.itm)) < opt.Tolerance
	}
	e.summarise(res)
	if !converged {
		return res, ErrNotConverged
	}
	return res, nil
}

type estimator struct {
	d                 *data
	core              []bool // per rating: none of its elements is extreme (see classify)
	stu, rat, itm     *facet
	tau               []float64 // tau[0] = 0 and τ_1..τ_m
	atLeast           []float64 // core ratings in category h or above, h = 1..m
	expAtLeast, varAt []float64 // their expectation and variance in a pass
	p                 []float64 // scratch: category probabilities
}

func newEstimator(d *data) *estimator {
	m := d.m()
	e := &estimator{d: d, stu: newFacet(len(d.students), 1), rat: newFacet(len(d.raters), -1),
		itm: newFacet(len(d.items), -1), tau: make([]float64, m+1), atLeast: make([]float64, m+1),
		expAtLeast: make([]float64, m+1), varAt: make([]float64, m+1), p: make([]float64, m+1)}
	e.classify()
	for k, x := range d.x {
		for h := 1; h <= int(x) && e.core[k]; h++ {
			e.atLeast[h]++
		}
	}
	return e
}

// probs fills p with the category probabilities at η and returns the expected category and its variance.
// The odds of category k against 0 are exp(kη − Σ_{h≤k} τ_h) = Π_{h≤k} e^η·e^{−τ_h}: one exponential per rating
// instead of one per category. η is bounded to ±25 logits, where every probability is 0 or 1
// to double precision anyway, so the products cannot overflow for any number of categories MaxCategories allows.
// g holds e^{−τ_k} (g[0] unused), computed once per pass by expNeg.
func probs(eta float64, g, p []float64) (mean, variance float64) {
	w := math.Exp(max(-25, min(25, eta)))
	p[0] = 1
	sum := 1.0
	for k := 1; k < len(p); k++ {
		p[k] = p[k-1] * w * g[k]
		sum += p[k]
	}
	var m1, m2 float64
	for k := range p {
		p[k] /= sum
		m1 += float64(k) * p[k]
		m2 += float64(k*k) * p[k]
	}
	return m1, max(m2-m1*m1, 0)
}

// pass computes, for the current parameters, every element's residual score and information, and the expected
// counts at or above each threshold.
func (e *estimator) pass() {
	for _, f := range []*facet{e.stu, e.rat, e.itm} {
		clear(f.res)
		clear(f.info)
	}
	clear(e.expAtLeast)
	clear(e.varAt)
	d := e.d
	g := expNeg(e.tau)
	for k, x := range d.x {
		s, r, i := d.s[k], d.r[k], d.i[k]
		mean, v := probs(e.stu.param[s]-e.rat.param[r]-e.itm.param[i], g, e.p)
		resid, core := float64(x)-mean, e.core[k]
		e.stu.add(s, core, resid, v)
		e.rat.add(r, core, resid, v)
		e.itm.add(i, core, resid, v)
		if !core {
			continue
		}
		above := 0.0
		for h := len(e.p) - 1; h >= 1; h-- {
			above += e.p[h]
			e.expAtLeast[h] += above
			e.varAt[h] += above * (1 - above)
		}
	}
}

// step moves every parameter of the facets (and, with the facets other than students, the thresholds) by its Newton step, capped at one logit, recentres, and returns the largest step.
// An extreme element's residual includes its adjustment: it is fitted to a score 0.3 points short of the extreme.
func (e *estimator) step(facets ...*facet) float64 {
	largest := 0.0
	for _, f := range facets {
		for el := range f.param {
			if f.info[el] <= 0 {
				continue
			}
			st := clamp(f.sign * (f.res[el] + f.adjust[el]) / f.info[el])
			f.param[el] += st
			largest = max(largest, math.Abs(st))
		}
	}
	for h := 1; h < len(e.tau) && facets[0] != e.stu; h++ {
		if e.varAt[h] > 0 {
			st := clamp((e.expAtLeast[h] - e.atLeast[h]) / e.varAt[h])
			e.tau[h] += st
			largest = max(largest, math.Abs(st))
		}
	}
	e.recentre()
	return largest
}

// expNeg returns e^{−τ_k} for each threshold.
func expNeg(tau []float64) []float64 {
	g := make([]float64, len(tau))
	for k, t := range tau {
		g[k] = math.Exp(-t)
	}
	return g
}

func clamp(x float64) float64 { return max(-1, min(1, x)) }

// recentre puts the mean rater severity, the mean indicator difficulty and the mean threshold at 0, moving the
// student measures so that every η = θ − δ − α (and so every probability) is unchanged.
func (e *estimator) recentre() {
	shift := meanOf(e.rat.param) + meanOf(e.itm.param)
	subtract(e.rat.param, meanOf(e.rat.param))
	subtract(e.itm.param, meanOf(e.itm.param))
	// Σ_{h≤k}(η − τ_h) with τ lowered by t is Σ_{h≤k}(η + t − τ_h): θ moves by −t to compensate.
	t := meanOf(e.tau[1:])
	subtract(e.tau[1:], t)
	subtract(e.stu.param, shift+t)
}

func meanOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func subtract(xs []float64, c float64) {
	for k := range xs {
		xs[k] -= c
	}
}
