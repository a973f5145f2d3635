package stats

import (
	"cmp"
	"math"
	"slices"
)

// Scale is an indicator's scale as the rater checks see it. Values are points as stored (eval.ScalePoints); the
// checks measure in the scale's own steps, so one step on a 五分制 item weighs what one level weighs on a 等级制 item
// and what Step points weigh on a 0–100 item.
type Scale struct {
	// Levels are the points of the scale's choices, ascending (等级制 50, 70, 85, 95; 五分制 1…5). A value between two
	// levels counts as the fraction of the step it covers. Empty for a points scale.
	Levels []float64
	// Min, Max and Step describe a points scale (0, 100 and the width of one grade band, 10, by default).
	Min, Max, Step float64
	// Choices are the points students and parents pick from on a points scale (百分制 95, 85, 70, 50), if any. Their
	// highest is the top for 全部同分: a student who picks 优秀 for everything gives 95 there, never 100.
	Choices []float64
}

// atTop reports whether position pos (in steps, rounded as straightRaters rounds) is the top of the scale: its
// end, or at least its highest choice.
func (s Scale) atTop(pos float64) bool {
	top := math.Round(s.span()*1000) / 1000
	if len(s.Choices) > 0 {
		top = math.Round(s.steps(slices.Max(s.Choices))*1000) / 1000
	}
	return pos >= top-1e-9
}

// steps places v on the scale: 0 at its bottom, one per step.
func (s Scale) steps(v float64) float64 {
	if n := len(s.Levels); n > 0 {
		if v <= s.Levels[0] {
			return 0
		}
		for i := 1; i < n; i++ {
			if v <= s.Levels[i] {
				lo, hi := s.Levels[i-1], s.Levels[i]
				return float64(i-1) + (v-lo)/(hi-lo)
			}
		}
		return float64(n - 1)
	}
	step := s.Step
	if !(step > 0) {
		step = 10
	}
	return (v - s.Min) / step
}

// span is the scale's length in steps.
func (s Scale) span() float64 {
	if n := len(s.Levels); n > 0 {
		return float64(n - 1)
	}
	hi := s.Max
	if !(hi > s.Min) {
		hi = 100
	}
	return s.steps(hi)
}

// CheckRating is one rating for RaterChecks.
type CheckRating struct {
	Rater  int64
	Group  int   // the raters compared with each other: one role (peers among peers, parents among parents, …)
	Target int64 // the student rated
	Item   int   // index into the scales passed to RaterChecks
	Value  float64
	Self   bool // 自评: only the self gap uses it
}

// CheckConfig sets the rater checks' thresholds; the zero value is the usual setting.
type CheckConfig struct {
	// Critical is the |t| a rater's mean standardised deviation must reach against its own standard error to count
	// as 偏宽/偏严. Default 2.58 (two-sided 1 %): a class has a few dozen raters, so a 5 % test would flag one or two
	// fair raters in most classes.
	Critical float64
	// MinEffect is the smallest mean standardised deviation worth a teacher's time, in within-cell SDs. Default 0.5: a
	// rater who is consistently a tenth of a spread more generous is significant with enough ratings but harmless.
	MinEffect float64
	// MinShared is how many ratings a rater must share with others of the group to be tested at all. Default 5.
	MinShared int
	// MinStraight is how many ratings a rater must have given before "the same value for everything" counts. Default 5.
	MinStraight int
	// MinStraightTargets is how many students those ratings must be about. Default 2: a parent who gives their one
	// child 优秀 on everything has an opinion of the child, not a habit of not telling students apart.
	MinStraightTargets int
	// SelfGapSteps: a self-rating that is on average more than this many steps from the others' is flagged. Default 1.
	SelfGapSteps float64
	// MinSelfItems is how many indicators must have both a self-rating and others' ratings before a gap is flagged:
	// one indicator's gap is one rating's noise. Default 3.
	MinSelfItems int
}

func (c CheckConfig) withDefaults() CheckConfig {
	if !(c.Critical > 0) {
		c.Critical = 2.58
	}
	if !(c.MinEffect > 0) {
		c.MinEffect = 0.5
	}
	if c.MinShared <= 0 {
		c.MinShared = 5
	}
	if c.MinStraight <= 0 {
		c.MinStraight = 5
	}
	if c.MinStraightTargets <= 0 {
		c.MinStraightTargets = 2
	}
	if !(c.SelfGapSteps > 0) {
		c.SelfGapSteps = 1
	}
	if c.MinSelfItems <= 0 {
		c.MinSelfItems = 3
	}
	return c
}

// RaterSeverity is how one rater compares with the others of their group who rated the same students on the same
// indicators, in within-cell standard deviations of that indicator.
type RaterSeverity struct {
	Rater  int64
	Group  int
	Mean   float64  // mean standardised deviation: > 0 more generous than the others, < 0 stricter
	SE     float64  // its standard error (the deviations' SD / √Shared)
	T      float64  // Mean / SE; ±Inf when every deviation is the same non-zero number
	Shared int      // ratings with at least one other rater of the group on the same student and indicator
	Steps  float64  // the mean raw deviation in scale steps, for the plain-words reason
	Kind   FlagKind // FlagLenient, FlagSevere or ""
}

// StraightRater gave the same position on the scale to everything they rated.
type StraightRater struct {
	Rater   int64
	Group   int
	Ratings int
	Steps   float64 // the position given, in steps from the bottom of the scale
	AtTop   bool    // the position is the top of every scale used
}

// SelfStepGap is a student's self-rating against the others' ratings of them, in scale steps.
type SelfStepGap struct {
	Target int64
	Steps  float64 // mean over indicators of (self − mean of the others), in steps
	Items  int
	Kind   FlagKind // FlagSelfOver, FlagSelfUnder or ""
}

// CheckReport lists every tested rater and self-rater (flagged or not, so a page can show the spread) and the
// straight-liners, each sorted by group and id.
type CheckReport struct {
	Severity []RaterSeverity
	Straight []StraightRater
	SelfGaps []SelfStepGap
}

// RaterChecks finds the raters worth a second look, per group, the way a class's raters actually differ:
//
//   - 偏宽/偏严: each rating's deviation from the mean of the other raters of the same group on the same student and
//     indicator, divided by that indicator's pooled within-cell SD for the group (so a point on a contested indicator
//     counts less than a point where raters agree), averaged per rater and tested against the rater's own standard
//     error: flagged when |t| ≥ Critical and |mean| ≥ MinEffect. A rater far from the others on a few ratings is not
//     flagged, and neither is the tail of a fair group, which a z-score across raters always flags.
//   - 全部同分: a rater with at least MinStraight ratings of at least MinStraightTargets students who put every one
//     at the same position on its scale — 100 on a points item and 优秀 on a level item are both the top, and so is
//     the highest choice of a points item with choices. (A self-rating is about one student, so never flagged.)
//   - 自评高估/低估: a student's mean, over indicators, of (self-rating − mean of the others' ratings) in scale steps,
//     flagged beyond SelfGapSteps when at least MinSelfItems indicators have both.
func RaterChecks(ratings []CheckRating, scales []Scale, cfg CheckConfig) CheckReport {
	cfg = cfg.withDefaults()
	var rep CheckReport
	rep.Straight = straightRaters(ratings, scales, cfg)
	rep.Severity = severity(ratings, scales, rep.Straight, cfg)
	rep.SelfGaps = selfStepGaps(ratings, scales, cfg)
	return rep
}

type cellKey struct {
	group  int
	target int64
	item   int
}

type raterKey struct {
	group int
	rater int64
}

func usable(r CheckRating, scales []Scale) bool {
	return r.Item >= 0 && r.Item < len(scales) && !math.IsNaN(r.Value) && !math.IsInf(r.Value, 0)
}

func severity(ratings []CheckRating, scales []Scale, straight []StraightRater, cfg CheckConfig) []RaterSeverity {
	// A straight-liner is flagged for that already; as a reference they would make everyone who shares a student
	// with them look strict, so they are measured like anyone else but no one is measured against them.
	skip := map[raterKey]bool{}
	for _, s := range straight {
		skip[raterKey{s.Group, s.Rater}] = true
	}
	ref := make([]bool, len(ratings))
	cells := map[cellKey][]int{}  // positions of the ratings of each (group, student, indicator)
	cross := map[[2]int64][]int{} // (student, indicator) → positions of every group's ratings
	for i, r := range ratings {
		if !r.Self && usable(r, scales) {
			ref[i] = !skip[raterKey{r.Group, r.Rater}]
			k := cellKey{r.Group, r.Target, r.Item}
			cells[k] = append(cells[k], i)
			ck := [2]int64{r.Target, int64(r.Item)}
			cross[ck] = append(cross[ck], i)
		}
	}
	sd := itemSpreads(ratings, scales, cells, ref)
	sharing := sharingGroups(ratings, cells, ref)
	devs := deviations(ratings, scales, cells, cross, ref, sd, sharing)

	rho, spread := map[int]float64{}, map[int]float64{}
	for rk := range devs {
		if _, ok := rho[rk.group]; !ok {
			rho[rk.group] = clusterCorrelation(devs, rk.group)
			if !sharing[rk.group] {
				spread[rk.group] = studentSpread(devs, rk.group)
			}
		}
	}
	var out []RaterSeverity
	for rk, ds := range devs {
		if len(ds) < cfg.MinShared {
			continue
		}
		rs := RaterSeverity{Rater: rk.rater, Group: rk.group, Shared: len(ds)}
		var t float64
		rs.Mean, rs.SE, rs.Steps, t = clusteredMean(ds, rho[rk.group])
		if sp := spread[rk.group]; sp > 0 {
			// Measured against the whole group's spread, whose many raters fix it well: the usual critical value.
			rs.SE, t = sp/math.Sqrt(float64(targets(ds))), 0
		}
		switch {
		case rs.SE > 1e-12:
			rs.T = rs.Mean / rs.SE
		case math.Abs(rs.Mean) > 1e-12:
			rs.T = math.Copysign(math.Inf(1), rs.Mean)
		}
		crit := max(cfg.Critical, t)
		if math.Abs(rs.T) >= crit && math.Abs(rs.Mean) >= cfg.MinEffect {
			rs.Kind = FlagSevere
			if rs.Mean > 0 {
				rs.Kind = FlagLenient
			}
		}
		out = append(out, rs)
	}
	slices.SortFunc(out, func(a, b RaterSeverity) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(a.Rater, b.Rater))
	})
	return out
}

// sharingGroups are the groups whose raters compare with each other: most of their ratings have another rater of the
// group beside them on the same student and indicator, and their raters rate more than one student on average.
// Parents do not, though a child's two guardians often both rate: one child is all a parent rates, so measuring the
// two against each other would flag every couple who see their child differently.
func sharingGroups(ratings []CheckRating, cells map[cellKey][]int, ref []bool) map[int]bool {
	shared, all := map[int]int{}, map[int]int{}
	raters := map[int]map[int64]bool{}
	targets := map[[3]int64]bool{} // (group, rater, student)
	for k, pos := range cells {
		all[k.group] += len(pos)
		if refs(pos, ref) >= 2 {
			shared[k.group] += len(pos)
		}
		if raters[k.group] == nil {
			raters[k.group] = map[int64]bool{}
		}
		for _, p := range pos {
			raters[k.group][ratings[p].Rater] = true
			targets[[3]int64{int64(k.group), ratings[p].Rater, k.target}] = true
		}
	}
	pairs := map[int]int{}
	for t := range targets {
		pairs[int(t[0])]++
	}
	sharing := map[int]bool{}
	for g, n := range all {
		sharing[g] = 2*shared[g] >= n && 2*pairs[g] > 3*len(raters[g]) // more than 1.5 students per rater
	}
	return sharing
}

// studentSpread is, for a group whose raters do not share students, how far one rater's mean deviation about one
// student usually is from zero (the RMS over the group's raters and students). A parent rates one child: their
// view of that child and a habit of theirs look the same, so a parent is compared with how far parents usually are
// from the teachers about a child, not with the noise between their own six ratings.
func studentSpread(devs map[raterKey][]deviation, group int) float64 {
	ss, n := 0.0, 0
	for rk, ds := range devs {
		if rk.group != group {
			continue
		}
		byTarget := map[int64][]float64{}
		for _, d := range ds {
			byTarget[d.target] = append(byTarget[d.target], d.z)
		}
		for _, xs := range byTarget {
			m := Mean(xs)
			ss += m * m
			n++
		}
	}
	if n < 2 {
		return 0
	}
	return math.Sqrt(ss / float64(n-1))
}

// deviation is one rating's distance from its reference: in the item's SDs and in scale steps.
type deviation struct {
	target int64
	item   int
	z, st  float64
}

// deviations measures each rating against the other raters of its group on the same student and indicator. A
// group whose raters never share a student (a parent rates only their own child) is measured against the other
// groups' raters of that student instead, and then against its own group's average distance from them, so parents
// as a whole being kinder to their children than teachers are is not held against any one parent.
func deviations(ratings []CheckRating, scales []Scale, cells map[cellKey][]int, cross map[[2]int64][]int, ref []bool, sd map[[2]int]float64, sharing map[int]bool) map[raterKey][]deviation {
	out := map[raterKey][]deviation{}
	groupSum, groupN := map[int]float64{}, map[int]int{}
	for k, pos := range cells {
		sc := scales[k.item]
		for _, p := range pos {
			v := sc.steps(ratings[p].Value)
			sum, n := 0.0, 0
			if sharing[k.group] {
				for _, q := range pos {
					if q != p && ref[q] {
						sum += sc.steps(ratings[q].Value)
						n++
					}
				}
			} else {
				for _, q := range cross[[2]int64{k.target, int64(k.item)}] {
					if ratings[q].Group != k.group && ref[q] {
						sum += sc.steps(ratings[q].Value)
						n++
					}
				}
			}
			if n == 0 {
				continue
			}
			st := v - sum/float64(n)
			s := sd[[2]int{k.group, k.item}]
			if !sharing[k.group] {
				s = 1 // no spread within the group to measure by: steps
			}
			rk := raterKey{k.group, ratings[p].Rater}
			out[rk] = append(out[rk], deviation{k.target, k.item, st / s, st})
			if !sharing[k.group] {
				groupSum[k.group] += st
				groupN[k.group]++
			}
		}
	}
	for rk, ds := range out {
		if n := groupN[rk.group]; n > 0 {
			c := groupSum[rk.group] / float64(n)
			for i := range ds {
				ds[i].z -= c
				ds[i].st -= c
			}
		}
	}
	return out
}

// itemSpreads is each (group, indicator)'s pooled within-cell SD in steps: how far raters of the group who rate the
// same student usually are apart there. An indicator on which they never disagreed gets one step, so a rater who
// differs there still counts, one step per SD.
func itemSpreads(ratings []CheckRating, scales []Scale, cells map[cellKey][]int, ref []bool) map[[2]int]float64 {
	type pool struct{ ss, df float64 }
	pools := map[[2]int]*pool{}
	for k, all := range cells {
		var pos []int
		for _, p := range all {
			if ref[p] {
				pos = append(pos, p)
			}
		}
		if len(pos) < 2 {
			continue
		}
		sum := 0.0
		for _, p := range pos {
			sum += scales[k.item].steps(ratings[p].Value)
		}
		m := sum / float64(len(pos))
		pk := [2]int{k.group, k.item}
		if pools[pk] == nil {
			pools[pk] = &pool{}
		}
		for _, p := range pos {
			d := scales[k.item].steps(ratings[p].Value) - m
			pools[pk].ss += d * d
		}
		pools[pk].df += float64(len(pos) - 1)
	}
	sd := make(map[[2]int]float64, len(pools))
	for k, p := range pools {
		sd[k] = 1
		if v := math.Sqrt(p.ss / p.df); v > 1e-9 {
			sd[k] = v
		}
	}
	return sd
}

// clusterCorrelation is a group's intra-class correlation of deviations within (rater, student): one impression of
// a student colours every indicator a rater gives them, so a rater's nine ratings of one classmate are worth less
// than nine independent ones. Pooled over the group's raters (one rater's four classmates are too few to tell),
// after each rater's own mean is taken out, so leniency itself is not mistaken for clustering.
func clusterCorrelation(devs map[raterKey][]deviation, group int) float64 {
	var ssb, ssw, n, clusters, raters, sumSq float64
	for rk, ds := range devs {
		if rk.group != group || len(ds) < 2 {
			continue
		}
		raters++
		m := 0.0
		for _, d := range ds {
			m += d.z
		}
		m /= float64(len(ds))
		byTarget := map[int64][]float64{}
		for _, d := range ds {
			byTarget[d.target] = append(byTarget[d.target], d.z-m)
		}
		for _, xs := range byTarget {
			cm := Mean(xs)
			ssb += float64(len(xs)) * cm * cm
			for _, x := range xs {
				ssw += (x - cm) * (x - cm)
			}
			n += float64(len(xs))
			sumSq += float64(len(xs) * len(xs))
			clusters++
		}
	}
	// Each rater's own mean was taken out, which costs one degree of freedom between their students: a rater of
	// one student adds nothing between clusters, and counting those as free would pull ρ towards 0.
	if clusters-raters < 1 || n <= clusters {
		return 0
	}
	msb, msw := ssb/(clusters-raters), ssw/(n-clusters)
	m0 := (n - sumSq/n) / (clusters - 1) // the average cluster size, for unequal sizes
	rho := (msb - msw) / (msb + (m0-1)*msw)
	return math.Max(0, math.Min(rho, 0.99))
}

// clusteredMean is a rater's mean deviation (SD units) with its standard error widened by the design effect
// 1 + (m − 1)ρ of their m ratings per student, the mean in steps, and the two-sided 1 % critical t for the
// effective number of ratings.
func clusteredMean(ds []deviation, rho float64) (mean, se, steps, crit float64) {
	zs := make([]float64, len(ds))
	perTarget := map[int64]int{}
	stepSum := 0.0
	for i, d := range ds {
		zs[i] = d.z
		stepSum += d.st
		perTarget[d.target]++
	}
	n := float64(len(ds))
	m := n / float64(len(perTarget))
	deff := 1 + (m-1)*rho
	mean = Mean(zs)
	se = StdDev(zs) / math.Sqrt(n) * math.Sqrt(deff)
	return mean, se, stepSum / n, studentT995(int(math.Max(1, math.Round(n/deff))) - 1)
}

func targets(ds []deviation) int {
	seen := map[int64]bool{}
	for _, d := range ds {
		seen[d.target] = true
	}
	return len(seen)
}

func refs(pos []int, ref []bool) int {
	n := 0
	for _, p := range pos {
		if ref[p] {
			n++
		}
	}
	return n
}

func straightRaters(ratings []CheckRating, scales []Scale, cfg CheckConfig) []StraightRater {
	type acc struct {
		n         int
		pos       float64
		same, top bool
		targets   map[int64]bool
	}
	per := map[raterKey]*acc{}
	var order []raterKey
	for _, r := range ratings {
		if !usable(r, scales) {
			continue
		}
		sc := scales[r.Item]
		pos := math.Round(sc.steps(r.Value)*1000) / 1000
		rk := raterKey{r.Group, r.Rater}
		a := per[rk]
		if a == nil {
			a = &acc{pos: pos, same: true, top: true, targets: map[int64]bool{}}
			per[rk] = a
			order = append(order, rk)
		}
		a.n++
		a.targets[r.Target] = true
		a.same = a.same && pos == a.pos
		a.top = a.top && sc.atTop(pos)
	}
	var out []StraightRater
	for _, rk := range order {
		a := per[rk]
		if a.n >= cfg.MinStraight && len(a.targets) >= cfg.MinStraightTargets && (a.same || a.top) {
			out = append(out, StraightRater{Rater: rk.rater, Group: rk.group, Ratings: a.n, Steps: a.pos, AtTop: a.top})
		}
	}
	slices.SortFunc(out, func(a, b StraightRater) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(a.Rater, b.Rater))
	})
	return out
}

func selfStepGaps(ratings []CheckRating, scales []Scale, cfg CheckConfig) []SelfStepGap {
	type cell struct {
		self, sum float64
		hasSelf   bool
		others    int
	}
	cells := map[[2]int64]*cell{} // (student, indicator)
	for _, r := range ratings {
		if !usable(r, scales) {
			continue
		}
		k := [2]int64{r.Target, int64(r.Item)}
		c := cells[k]
		if c == nil {
			c = &cell{}
			cells[k] = c
		}
		v := scales[r.Item].steps(r.Value)
		if r.Self {
			c.self, c.hasSelf = v, true
		} else {
			c.sum += v
			c.others++
		}
	}
	gap := map[int64]*SelfStepGap{}
	for k, c := range cells {
		if !c.hasSelf || c.others == 0 {
			continue
		}
		g := gap[k[0]]
		if g == nil {
			g = &SelfStepGap{Target: k[0]}
			gap[k[0]] = g
		}
		g.Steps += c.self - c.sum/float64(c.others)
		g.Items++
	}
	out := make([]SelfStepGap, 0, len(gap))
	for _, g := range gap {
		g.Steps /= float64(g.Items)
		switch {
		case g.Items < cfg.MinSelfItems:
		case g.Steps > cfg.SelfGapSteps:
			g.Kind = FlagSelfOver
		case g.Steps < -cfg.SelfGapSteps:
			g.Kind = FlagSelfUnder
		}
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b SelfStepGap) int { return cmp.Compare(a.Target, b.Target) })
	return out
}
