package mfrm

// Extreme scores. An element whose ratings are all in the lowest or all in the highest category has no finite
// maximum-likelihood measure. As is usual for JMLE, such elements are taken out of the estimation of the others:
// a rating is "core" when none of its student, rater and indicator is extreme, and removing extremes is repeated
// until none is left among the core ratings (removing a perfect student can make a rater perfect). The core ratings
// alone estimate the core elements and the thresholds, so every facet's equations sum to the same total and the
// system has a solution. Each peripheral element (extreme, or with no core rating left) is then estimated from all
// its ratings against the others' estimates, its extreme score made 0.3 score points less extreme.

// facet holds one facet's parameters and what a pass over the ratings accumulates for them.
type facet struct {
	param      []float64
	sign       float64   // +1 when a higher parameter means higher scores (students), −1 otherwise
	count      []int     // all ratings of the element
	adjust     []float64 // +0.3 or −0.3 score points for an extreme element
	extreme    []bool
	peripheral []bool    // estimated from all its ratings against fixed others, outside the core
	res        []float64 // Σ (x − E) in a pass, over the ratings the element is estimated from
	info       []float64 // Σ Var(x), the same ratings
}

func newFacet(n int, sign float64) *facet {
	return &facet{param: make([]float64, n), sign: sign, count: make([]int, n), adjust: make([]float64, n),
		extreme: make([]bool, n), peripheral: make([]bool, n), res: make([]float64, n), info: make([]float64, n)}
}

// add accumulates one rating's residual and information for element el, if el is estimated from that rating.
func (f *facet) add(el int32, core bool, resid, v float64) {
	if core || f.peripheral[el] {
		f.res[el] += resid
		f.info[el] += v
	}
}

// classify finds the extreme elements, the core ratings, and the peripheral elements.
func (e *estimator) classify() {
	d, m := e.d, e.d.m()
	e.core = make([]bool, len(d.x))
	for k := range e.core {
		e.core[k] = true
	}
	type view struct {
		f   *facet
		idx []int32
	}
	views := []view{{e.stu, d.s}, {e.rat, d.r}, {e.itm, d.i}}
	for changed := true; changed; {
		changed = false
		for _, v := range views {
			sum, n := make([]int, len(v.f.param)), make([]int, len(v.f.param))
			for k, el := range v.idx {
				if e.core[k] {
					sum[el] += int(d.x[k])
					n[el]++
				}
			}
			for el := range sum {
				if n[el] > 0 && (sum[el] == 0 || sum[el] == m*n[el]) {
					v.f.extreme[el], changed = true, true
				}
			}
			for k, el := range v.idx {
				if e.core[k] && v.f.extreme[el] {
					e.core[k] = false
				}
			}
		}
	}
	for _, v := range views {
		core := make([]bool, len(v.f.param))
		sum := make([]int, len(v.f.param))
		for k, el := range v.idx {
			core[el] = core[el] || e.core[k]
			sum[el] += int(d.x[k])
			v.f.count[el]++
		}
		for el := range core {
			v.f.peripheral[el] = !core[el]
			switch {
			case !v.f.peripheral[el]:
			case sum[el] == 0:
				v.f.adjust[el], v.f.extreme[el] = 0.3, true
			case sum[el] == m*v.f.count[el]:
				v.f.adjust[el], v.f.extreme[el] = -0.3, true
			}
		}
	}
}
