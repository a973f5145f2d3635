package stats

import (
	"cmp"
	"math"
	"slices"
)

// Rating is one rater's value for one target on one item (评分): the plain record the flags are computed from.
// The ids are opaque here; the caller chooses what they number (users, students, indicators or observation points).
type Rating struct {
	Rater  int64
	Target int64
	Item   int64
	Value  float64 // NaN or ±Inf: skipped, counted in FlagReport.Skipped
	Self   bool    // 自评: the rater rates themself. Explicit because rater and target ids may number different things
}

// FlagKind names what a flag says about a rater or a target; its value is the label the interface shows.
type FlagKind string

const (
	FlagStraightLine FlagKind = "全部同分" // the rater gave every target the same value on an item
	FlagLenient      FlagKind = "偏宽"   // the rater scores above the other raters of the same targets
	FlagSevere       FlagKind = "偏严"   // the rater scores below the other raters of the same targets
	FlagSelfOver     FlagKind = "自评高估" // the target rates themself above what others give them
	FlagSelfUnder    FlagKind = "自评低估" // the target rates themself below what others give them
)

// FlagConfig sets the thresholds. A zero field takes its default, so FlagConfig{} is the usual setting.
type FlagConfig struct {
	// MinTargets is how many targets a rater must have rated on an item before giving them all one value counts as
	// straight-lining; with few targets, equal values are often simply right. Default 5.
	MinTargets int
	// ZThreshold: a rater is 偏宽 or 偏严 when the z-score of their mean deviation is at least this far from 0.
	// Default 2. With r raters no |z| can exceed (r−1)/√r, so |z| ≥ 2 needs at least 6 scored raters.
	ZThreshold float64
	// MinShared is how many ratings a rater must share with other raters (same target and item) to be scored for
	// leniency at all: a mean of two deviations is noise. Default 5.
	MinShared int
	// GapThreshold, in scale units: a target's self-rating gap is flagged when |gap| > GapThreshold. Default 1
	// (one point, on the usual 5-point scale). The scale is the caller's, so set it for other scales.
	GapThreshold float64
}

func (c FlagConfig) withDefaults() FlagConfig {
	if c.MinTargets <= 0 {
		c.MinTargets = 5
	}
	if !(c.ZThreshold > 0) {
		c.ZThreshold = 2
	}
	if c.MinShared <= 0 {
		c.MinShared = 5
	}
	if !(c.GapThreshold > 0) {
		c.GapThreshold = 1
	}
	return c
}

// StraightLine reports one rater who gave all targets the same value on at least one item.
type StraightLine struct {
	Rater      int64
	Kind       FlagKind           // always FlagStraightLine
	Items      []StraightLineItem // the items straight-lined, by item id
	RatedItems int                // items this rater rated for at least MinTargets targets
	AllItems   bool               // every one of those items was straight-lined: the rater told no target apart
}

// StraightLineItem is one straight-lined item: every one of Targets targets got Value.
type StraightLineItem struct {
	Item    int64
	Value   float64
	Targets int
}

// RaterLeniency is how far a rater scores from the others who rated the same targets on the same items.
type RaterLeniency struct {
	Rater         int64
	MeanDeviation float64  // mean over shared ratings of (own value − mean of the other raters' values), scale units
	Shared        int      // ratings that had at least one other rater
	Z             float64  // (MeanDeviation − mean over raters) / sample SD over raters; 0 when the SD is 0
	Kind          FlagKind // FlagLenient, FlagSevere, or "" when not flagged
}

// SelfGap is how a target's self-ratings compare with the others' ratings of them.
type SelfGap struct {
	Target int64
	Gap    float64  // mean over items of (self-rating − mean of the others' ratings), scale units; > 0 rates self higher
	Items  int      // items with both a self-rating and at least one other rating
	Kind   FlagKind // FlagSelfOver, FlagSelfUnder, or "" when |Gap| ≤ GapThreshold
}

// FlagReport is what Flags found. Leniency and SelfGaps list every rater and target that could be scored, flagged
// or not, so a view can show the spread; StraightLines lists only the flagged raters. All are sorted by id.
type FlagReport struct {
	StraightLines []StraightLine
	Leniency      []RaterLeniency
	SelfGaps      []SelfGap
	Skipped       int // ratings with a NaN or infinite value
	Superseded    int // ratings replaced by a later one of the same rater, target and item
}

// Flags computes the rater flags a teacher's view shows:
//   - 全部同分: on an item, a rater rated at least MinTargets targets and gave every one of them the same value;
//   - 偏宽 / 偏严: a rater's mean deviation from the mean of the other raters of the same (target, item), as a
//     z-score across raters, is at least ZThreshold above / below 0;
//   - 自评高估 / 自评低估: a target's mean, over items, of (self-rating − mean of the others' ratings) is more than
//     GapThreshold above / below 0.
//
// Corrections are new rows in this project, so when one rater rated the same target on the same item more than once,
// the later record in ratings wins; pass them in the order they were made.
//
// Self-ratings take part only in the self gap. They are set aside for leniency and straight-lining: a self-rating
// is biased in a known direction, and mixing it into "the other raters" would blame the peers for it.
//
// Leniency compares raters who rated the same (target, item); the caller decides which raters belong together (all
// of a class's raters, or one rater role at a time, since a mentor and a peer may rightly differ).
func Flags(ratings []Rating, cfg FlagConfig) FlagReport {
	cfg = cfg.withDefaults()
	c := groupCells(ratings)
	rep := FlagReport{Skipped: c.skipped}

	nRaters := len(c.raters.ids)
	devSum := make([]float64, nRaters) // per rater: Σ (own value − mean of the others)
	shared := make([]int, nRaters)     // per rater: ratings that had at least one other rater
	gapSum := make([]float64, len(c.targets.ids))
	gapItems := make([]int, len(c.targets.ids))
	line := make([]lineTally, nRaters) // per rater, for the current item only
	var touched []int32                // raters with a tally in line
	lines := make([]StraightLine, nRaters)
	maxAbs := 0.0 // the largest value seen: the scale against which rounding noise is judged

	cellStart := int32(0)
	for itemNo, itemEnd := range c.itemEnds {
		firstCell := 0
		if itemNo > 0 {
			firstCell = c.itemEnds[itemNo-1]
		}
		for _, cellEnd := range c.cellEnds[firstCell:itemEnd] {
			kept, superseded := c.latest(c.order[cellStart:cellEnd])
			cellStart = cellEnd
			rep.Superseded += superseded

			self, hasSelf := 0.0, false
			sum, others := 0.0, 0
			for _, p := range kept {
				v := ratings[p].Value
				maxAbs = max(maxAbs, math.Abs(v))
				if ratings[p].Self {
					self, hasSelf = v, true
					continue
				}
				sum += v
				others++
				r := c.rater[p]
				if t := &line[r]; t.targets == 0 {
					*t = lineTally{value: v, targets: 1, same: true}
					touched = append(touched, r)
				} else {
					t.targets++
					t.same = t.same && v == t.value
				}
			}
			if others >= 2 {
				for _, p := range kept {
					if !ratings[p].Self {
						v := ratings[p].Value
						devSum[c.rater[p]] += v - (sum-v)/float64(others-1)
						shared[c.rater[p]]++
					}
				}
			}
			if hasSelf && others >= 1 {
				t := c.target[kept[0]]
				gapSum[t] += self - sum/float64(others)
				gapItems[t]++
			}
		}

		// The item is done: judge each of its raters, then clear only the tallies used.
		item := ratings[c.order[cellStart-1]].Item
		for _, r := range touched {
			t := line[r]
			line[r] = lineTally{}
			if t.targets < cfg.MinTargets {
				continue // too few targets to judge this item either way
			}
			lines[r].RatedItems++
			if t.same {
				lines[r].Items = append(lines[r].Items, StraightLineItem{Item: item, Value: t.value, Targets: t.targets})
			}
		}
		touched = touched[:0]
	}

	for r, id := range c.raters.ids {
		if sl := lines[r]; len(sl.Items) > 0 {
			sl.Rater, sl.Kind, sl.AllItems = id, FlagStraightLine, len(sl.Items) == sl.RatedItems
			slices.SortFunc(sl.Items, func(a, b StraightLineItem) int { return cmp.Compare(a.Item, b.Item) })
			rep.StraightLines = append(rep.StraightLines, sl)
		}
		if shared[r] >= cfg.MinShared {
			rep.Leniency = append(rep.Leniency, RaterLeniency{Rater: id, MeanDeviation: devSum[r] / float64(shared[r]), Shared: shared[r]})
		}
	}
	slices.SortFunc(rep.StraightLines, func(a, b StraightLine) int { return cmp.Compare(a.Rater, b.Rater) })
	slices.SortFunc(rep.Leniency, func(a, b RaterLeniency) int { return cmp.Compare(a.Rater, b.Rater) })
	scoreLeniency(rep.Leniency, cfg.ZThreshold, maxAbs)

	for t, id := range c.targets.ids {
		if gapItems[t] == 0 {
			continue
		}
		g := SelfGap{Target: id, Gap: gapSum[t] / float64(gapItems[t]), Items: gapItems[t]}
		switch {
		case g.Gap > cfg.GapThreshold:
			g.Kind = FlagSelfOver
		case g.Gap < -cfg.GapThreshold:
			g.Kind = FlagSelfUnder
		}
		rep.SelfGaps = append(rep.SelfGaps, g)
	}
	slices.SortFunc(rep.SelfGaps, func(a, b SelfGap) int { return cmp.Compare(a.Target, b.Target) })
	return rep
}

// lineTally is one rater's values on one item so far, for straight-lining.
type lineTally struct {
	value   float64 // the first value
	targets int     // targets rated (repeated records of one target were merged before counting)
	same    bool    // every value so far equals value
}

// scoreLeniency fills Z and Kind. The z-score is against the raters listed (sample SD); when the SD is only rounding
// noise (all raters deviate alike), every z is 0, since dividing noise by noise would flag raters at random.
func scoreLeniency(ls []RaterLeniency, threshold, scale float64) {
	if len(ls) < 2 {
		return
	}
	devs := make([]float64, len(ls))
	for i, l := range ls {
		devs[i] = l.MeanDeviation
	}
	m, sd := Mean(devs), StdDev(devs)
	if !(sd > 1e-9*math.Max(scale, 1)) {
		return
	}
	for i := range ls {
		z := (ls[i].MeanDeviation - m) / sd
		ls[i].Z = z
		switch {
		case z >= threshold:
			ls[i].Kind = FlagLenient
		case z <= -threshold:
			ls[i].Kind = FlagSevere
		}
	}
}
