package mfrm

import "math"

// summarise fills the result from the converged parameters: a last pass gives each element's information (for the
// standard error) and its squared residuals (for the fit mean squares).
func (e *estimator) summarise(res *Result) {
	d := e.d
	type acc struct{ sq, info, z2, obs []float64 }
	newAcc := func(n int) acc {
		return acc{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	}
	as, ar, ai := newAcc(len(d.students)), newAcc(len(d.raters)), newAcc(len(d.items))
	g := expNeg(e.tau)
	for k, x := range d.x {
		mean, v := probs(e.stu.param[d.s[k]]-e.rat.param[d.r[k]]-e.itm.param[d.i[k]], g, e.p)
		sq := (float64(x) - mean) * (float64(x) - mean)
		z2 := 0.0
		if v > 0 {
			z2 = sq / v
		}
		score := d.values[x]
		for _, a := range []struct {
			acc acc
			el  int32
		}{{as, d.s[k]}, {ar, d.r[k]}, {ai, d.i[k]}} {
			a.acc.sq[a.el] += sq
			a.acc.info[a.el] += v
			a.acc.z2[a.el] += z2
			a.acc.obs[a.el] += score
		}
	}
	meanStudent := meanOf(e.stu.param)
	measures := func(f *facet, a acc, ids []int64, fairEta func(float64) float64) []Measure {
		out := make([]Measure, len(ids))
		for el, id := range ids {
			m := Measure{ID: id, Measure: f.param[el], Count: f.count[el], Extreme: f.extreme[el],
				Observed: a.obs[el] / float64(f.count[el]), SE: math.Inf(1), Infit: math.NaN()}
			if a.info[el] > 0 {
				m.SE = 1 / math.Sqrt(a.info[el])
				m.Infit = a.sq[el] / a.info[el]
			}
			m.Outfit = a.z2[el] / float64(f.count[el])
			m.Fair = e.expectedScore(fairEta(f.param[el]))
			out[el] = m
		}
		return out
	}
	// Fair averages: a student against the average rater on the average indicator (both 0 by the constraints);
	// a rater or an indicator against the average student.
	res.Students = measures(e.stu, as, d.students, func(p float64) float64 { return p })
	res.Raters = measures(e.rat, ar, d.raters, func(p float64) float64 { return meanStudent - p })
	res.Items = measures(e.itm, ai, d.items, func(p float64) float64 { return meanStudent - p })
	res.Thresholds = append([]float64(nil), e.tau[1:]...)
}

// expectedScore is the expected score on the original scale at η: Σ_k P(k | η) · Categories[k].
func (e *estimator) expectedScore(eta float64) float64 {
	probs(eta, expNeg(e.tau), e.p)
	s := 0.0
	for k, p := range e.p {
		s += p * e.d.values[k]
	}
	return s
}

// Reliability is the separation reliability of a facet's measures: the share of their observed variance that is not
// measurement error, (Var(measures) − mean SE²) / Var(measures), at least 0. For raters it says whether their
// severities really differ; for students, how well the measures tell students apart. Extreme elements are left out.
func Reliability(ms []Measure) float64 {
	var xs, se2 []float64
	for _, m := range ms {
		if !m.Extreme && !math.IsInf(m.SE, 0) {
			xs = append(xs, m.Measure)
			se2 = append(se2, m.SE*m.SE)
		}
	}
	if len(xs) < 2 {
		return math.NaN()
	}
	mean := meanOf(xs)
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	v /= float64(len(xs) - 1)
	if v == 0 {
		return math.NaN()
	}
	return max(0, (v-meanOf(se2))/v)
}
