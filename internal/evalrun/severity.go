package evalrun

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"

	"zhijiao/internal/eval"
	"zhijiao/internal/mfrm"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Rater severity (评分者宽严度) by the many-facet Rasch model (internal/mfrm), fitted per class: the peer rotation
// stays inside a class (eval.Assign), so a class is the natural design, connected by its peers, and a severity is
// relative to the class's own raters.
//
// Categories. A rating-scale model needs ordered categories, so every rating becomes a category of its indicator's
// scale: 等级制 levels are ordered worst = 1 to best = K; 五分制 is its value 1..5; 百分制 points are banded by the
// framework's level thresholds (Grading.Thresholds: with 90/80/60/0, points 0–59 are category 1, 60–79 category 2,
// 80–89 category 3, 90–100 category 4). Indicators whose scales have different numbers of categories cannot share
// one set of thresholds, so each number of categories is fitted as its own group (a 量表组): a rater's severity is
// reported per group.

// SeverityGroup is the fit of the indicators whose scale has Categories categories.
type SeverityGroup struct {
	Categories int
	Indicators []string // names, in framework order
	Ratings    int
	// Problem says in plain Chinese why there are no numbers (a disconnected design names its subsets, too few
	// categories used, …); Raters and Fair are then empty.
	Problem string
	Subsets []Disconnected  // the subsets of a disconnected design
	Raters  []RaterSeverity // by role, then most severe first
	// Reliability is the rater separation reliability (mfrm.Reliability); NaN when it cannot be computed.
	Reliability float64
}

// RaterSeverity is one rater's severity in a group: logits, positive = more severe than the class's average rater.
type RaterSeverity struct {
	Key               int64 // RaterKey
	Role              model.RaterRole
	ID                int64
	Severity, SE      float64
	Low, High         float64 // 95% interval, Severity ∓ 1.96·SE
	Infit, Outfit     float64
	Count             int
	Extreme           bool    // every rating at the lowest or the highest category: an adjusted estimate
	Misfit, Muted     bool    // infit or outfit above 1.5 (erratic) / both below 0.5 (too predictable)
	Observed, FairAvg float64 // mean observed category and the fair average against an average student
}

// MisfitHigh and MisfitLow are the mean-square limits outside which a rater's fit is worth a note: above 1.5 the
// ratings are more erratic than the model expects, below 0.5 more uniform (often the same score for everyone).
const (
	MisfitHigh = 1.5
	MisfitLow  = 0.5
)

// FairKey names one role component of one student's indicator score.
type FairKey = eval.RoleKey

// ClassSeverity is the severity view of one class in a cycle.
type ClassSeverity struct {
	Ratings int // the class's current ratings
	Groups  []SeverityGroup
	// Fair is, per student, indicator and role, the points (0–100) to add to the role's raw score so that it is
	// what an average rater of that role in the class would have given (see fairDeltas).
	Fair  map[FairKey]float64
	Names map[int64]string // the class's students by id
}

// Severity loads a class's ratings of cycle c and fits the model.
func Severity(ctx context.Context, st *storage.Storage, schoolID int64, c storage.EvalCycle, classID int64) (ClassSeverity, error) {
	f, err := st.Framework(ctx, schoolID, c.FrameworkID)
	if err != nil {
		return ClassSeverity{}, err
	}
	rs, err := st.ClassRatings(ctx, schoolID, c.ID, classID)
	if err != nil {
		return ClassSeverity{}, err
	}
	out := SeverityOf(f, rs)
	out.Names = map[int64]string{}
	err = st.AllStudents(ctx, schoolID, storage.StudentFilter{ClassID: classID}, func(s model.Student) error {
		out.Names[s.ID] = s.Name
		return nil
	})
	return out, err
}

// Category is a rating's ordered category on its indicator's scale (1..K) and K, or ok false for a rating that is
// off the scale. Grading thresholds band 百分制 points (see the comment at the top of this file).
func Category(ind model.Indicator, g model.Grading, value float64, level string) (cat, k int, ok bool) {
	switch ind.Scale.Kind {
	case model.ScaleRating5:
		if value < 1 || value > 5 {
			return 0, 5, false
		}
		return int(math.Round(value)), 5, true
	case model.ScaleLevels:
		k = len(ind.Scale.Levels)
		for i, l := range ind.Scale.Levels { // best first
			if l.Name == level {
				return k - i, k, true
			}
		}
		return 0, k, false
	case model.ScaleScore100:
		k = len(g.Thresholds)
		if value < 0 || value > 100 || k < 2 {
			return 0, k, false
		}
		for i, th := range g.Thresholds { // best first, the last has Min 0
			if value >= th.Min {
				return k - i, k, true
			}
		}
		return 1, k, true
	}
	return 0, 0, false
}

// rated is one rating as the fit sees it.
type rated struct {
	key     int64 // RaterKey
	role    model.RaterRole
	student int64
	item    int // index in eval.Indicators
	cat     int
	pts     float64
}

// SeverityOf is the computation over one class's ratings. Self-ratings are left out: a student rating themself is
// not a rater of others, and their severity would be confounded with their own ability. So are the ratings the
// engine ignores (a role that does not rate the indicator, a value off the scale).
func SeverityOf(f model.Framework, rs []model.Rating) ClassSeverity {
	out := ClassSeverity{Ratings: len(rs), Fair: map[FairKey]float64{}}
	inds := eval.Indicators(f)
	index := map[string]int{}
	for i, ind := range inds {
		index[ind.Code] = i
	}
	byK := map[int][]rated{}
	for _, x := range rs {
		i, ok := index[x.IndicatorCode]
		if !ok || x.RaterRole == model.RaterSelf || inds[i].RoleWeights[x.RaterRole] <= 0 {
			continue
		}
		pts, ok1 := eval.ScalePoints(inds[i].Scale, x.Value, x.Level)
		cat, k, ok2 := Category(inds[i], f.Grading, x.Value, x.Level)
		if !ok1 || !ok2 || math.IsNaN(pts) {
			continue
		}
		byK[k] = append(byK[k], rated{RaterKey(x.RaterRole, x.RaterID), x.RaterRole, x.StudentID, i, cat, pts})
	}
	ks := make([]int, 0, len(byK))
	for k := range byK {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	for _, k := range ks {
		g := SeverityGroup{Categories: k, Ratings: len(byK[k]), Reliability: math.NaN()}
		seen := map[int]bool{}
		for _, r := range byK[k] {
			seen[r.item] = true
		}
		for i, ind := range inds {
			if seen[i] {
				g.Indicators = append(g.Indicators, ind.Name)
			}
		}
		fitGroup(&g, inds, byK[k], out.Fair)
		out.Groups = append(out.Groups, g)
	}
	return out
}

// fitGroup fits one group and fills its raters and the fair deltas of its ratings.
func fitGroup(g *SeverityGroup, inds []model.Indicator, rs []rated, fair map[FairKey]float64) {
	in := make([]mfrm.Rating, len(rs))
	for n, r := range rs {
		in[n] = mfrm.Rating{Student: r.student, Rater: r.key, Item: int64(r.item), Score: float64(r.cat)}
	}
	// Estimates that did not converge are not shown: on a class they mean too few ratings to separate the facets,
	// and the last iterate can be hundreds of logits off.
	res, err := mfrm.Fit(in, mfrm.Options{})
	if err != nil {
		problem(g, err)
		return
	}
	for _, m := range res.Raters {
		role, id := RaterOf(m.ID)
		rv := RaterSeverity{Key: m.ID, Role: role, ID: id, Severity: m.Measure, SE: m.SE, Infit: m.Infit, Outfit: m.Outfit,
			Count: m.Count, Extreme: m.Extreme, Observed: m.Observed, FairAvg: m.Fair}
		rv.Low, rv.High = m.Measure-1.96*m.SE, m.Measure+1.96*m.SE
		rv.Misfit = m.Infit > MisfitHigh || m.Outfit > MisfitHigh
		rv.Muted = m.Infit < MisfitLow && m.Outfit < MisfitLow
		g.Raters = append(g.Raters, rv)
	}
	slices.SortFunc(g.Raters, func(a, b RaterSeverity) int {
		return cmp.Or(cmp.Compare(a.Role.Index(), b.Role.Index()), cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.ID, b.ID))
	})
	g.Reliability = mfrm.Reliability(res.Raters)
	fairDeltas(res, inds, rs, fair)
}

// Disconnected is one subset of a disconnected design: how many elements of each facet of the pairing it holds.
type Disconnected struct {
	A, B   mfrm.Facet
	NA, NB int
}

// Problems of a fit, in the page's plain words (fixed phrases, so the English interface has them).
const (
	ProblemDisconnected = "评分设计不连通：评分分成几组互不相连，组与组之间的宽严无法比较，因此不显示数值。"
	ProblemOneCategory  = "所有评分都在同一档，无法估计宽严度。"
	ProblemNoRatings    = "没有评分。"
	ProblemNotConverged = "评分太少，模型估计没有收敛，因此不显示数值。"
)

// problem turns a fit error into the group's Problem (and Subsets for a disconnected design).
func problem(g *SeverityGroup, err error) {
	var de *mfrm.DisconnectedError
	switch {
	case errors.As(err, &de):
		g.Problem = ProblemDisconnected
		for _, s := range de.Subsets {
			g.Subsets = append(g.Subsets, Disconnected{A: de.A, B: de.B, NA: len(s.A), NB: len(s.B)})
		}
	case errors.Is(err, mfrm.ErrOneCategory):
		g.Problem = ProblemOneCategory
	case errors.Is(err, mfrm.ErrNotConverged):
		g.Problem = ProblemNotConverged
	case errors.Is(err, mfrm.ErrNoRatings):
		g.Problem = ProblemNoRatings
	default:
		g.Problem = err.Error()
	}
}

// fairDeltas fills, for every (student, indicator, role) with ratings in the group, the points that turn the role's
// raw score into a severity-corrected one: the mean, over the role's raters of that student, of
// E[points | θ, δ, ᾱ_role] − E[points | θ, δ, α̃_rater], where ᾱ_role is the mean severity of the role's raters in
// the class and α̃ the rater's severity shrunk towards it (shrunkSeverities). Only the raters' severity is taken out; what the student did on the indicator (the residual) stays, so
// a student's profile across indicators is kept. Points per category are the mean points the ratings of that
// category got on that indicator (exact for levels and 五分制; for 百分制 the band's observed mean).
func fairDeltas(res *mfrm.Result, inds []model.Indicator, rs []rated, fair map[FairKey]float64) {
	theta, delta := measureMap(res.Students), measureMap(res.Items)
	avg, alpha := shrunkSeverities(res.Raters)
	type ic struct{ item, cat int }
	ptsSum, ptsN := map[ic]float64{}, map[ic]int{}
	for _, r := range rs {
		ptsSum[ic{r.item, r.cat}] += r.pts
		ptsN[ic{r.item, r.cat}]++
	}
	expected := func(item int, eta float64) float64 {
		p := categoryProbs(eta, res.Thresholds)
		e := 0.0
		for k, pk := range p {
			c := int(res.Categories[k])
			if n := ptsN[ic{item, c}]; n > 0 {
				e += pk * ptsSum[ic{item, c}] / float64(n)
			}
		}
		return e
	}
	sum, n := map[FairKey]float64{}, map[FairKey]int{}
	for _, r := range rs {
		a, ok := alpha[r.key]
		if !ok {
			continue
		}
		eta := theta[r.student] - delta[int64(r.item)]
		k := FairKey{Student: r.student, Code: inds[r.item].Code, Role: r.role}
		sum[k] += expected(r.item, eta-avg[r.role]) - expected(r.item, eta-a)
		n[k]++
	}
	for k, s := range sum {
		fair[k] = s / float64(n[k])
	}
}

// shrunkSeverities gives, per role, the mean severity of its raters, and per rater a severity drawn towards that
// mean by the share of its spread that is not measurement error (Kelley's formula): α̃ = ᾱ + τ²/(τ² + SE²)·(α − ᾱ),
// τ² = max(0, Var(α) − mean SE²) over the role's raters. A peer's severity rests on a couple of dozen ratings; taken
// at face value, its noise would move every student's score a little away from the truth while correcting the few
// who met a truly severe rater. Extreme raters (every rating at one end) get no correction.
func shrunkSeverities(raters []mfrm.Measure) (map[model.RaterRole]float64, map[int64]float64) {
	byRole := map[model.RaterRole][]mfrm.Measure{}
	for _, m := range raters {
		if role, _ := RaterOf(m.ID); !m.Extreme && !math.IsInf(m.SE, 0) {
			byRole[role] = append(byRole[role], m)
		}
	}
	avg, out := map[model.RaterRole]float64{}, map[int64]float64{}
	for role, ms := range byRole {
		var s, s2, se2 float64
		for _, m := range ms {
			s += m.Measure
			se2 += m.SE * m.SE
		}
		mean := s / float64(len(ms))
		for _, m := range ms {
			s2 += (m.Measure - mean) * (m.Measure - mean)
		}
		tau2 := 0.0
		if len(ms) > 1 {
			tau2 = max(0, s2/float64(len(ms)-1)-se2/float64(len(ms)))
		}
		avg[role] = mean
		for _, m := range ms {
			out[m.ID] = mean + tau2/(tau2+m.SE*m.SE)*(m.Measure-mean)
		}
	}
	return avg, out
}

func measureMap(ms []mfrm.Measure) map[int64]float64 {
	out := make(map[int64]float64, len(ms))
	for _, m := range ms {
		out[m.ID] = m.Measure
	}
	return out
}

// categoryProbs is the rating-scale model's category probabilities at η with Andrich thresholds τ_1..τ_m:
// P(k) ∝ exp(Σ_{h≤k} (η − τ_h)).
func categoryProbs(eta float64, tau []float64) []float64 {
	p := make([]float64, len(tau)+1)
	logit, top := 0.0, 0.0
	ls := make([]float64, len(p))
	for h, t := range tau {
		logit += eta - t
		ls[h+1] = logit
		top = max(top, logit)
	}
	sum := 0.0
	for k, l := range ls {
		p[k] = math.Exp(l - top)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}
