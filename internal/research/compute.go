package research

import (
	"cmp"
	"math"
	"slices"
)

// Credit is one claimed output (or one stage of a 课题) for one teacher:
// what the rules need to give it points. A 课题 gives one credit per
// stage, each dated on its stage's date.
type Credit struct {
	TeacherID int64  `json:"teacher_id"`
	OutputID  int64  `json:"output_id"`
	Title     string `json:"title"`
	Kind      Kind   `json:"kind"`
	Level     string `json:"level,omitempty"`
	Grade     string `json:"grade,omitempty"`
	Stage     string `json:"stage,omitempty"`
	DatedOn   string `json:"dated_on"`
	Position  int    `json:"position"`
	Role      string `json:"role"`
	// Share is the teacher's agreed percentage; Shared says every
	// contributor of the output has one, so shares may replace the decay.
	Share  float64 `json:"share,omitempty"`
	Shared bool    `json:"shared,omitempty"`
}

// Period is the dates whose proofs count, inclusive, as YYYY-MM-DD.
type Period struct{ From, To string }

// Contains reports whether day lies in the period.
func (p Period) Contains(day string) bool { return day >= p.From && day <= p.To }

// Line is one credit in a teacher's explanation.
type Line struct {
	Credit
	Rule     string  `json:"rule"`      // the matching rule's label, "" when none applies
	Base     float64 `json:"base"`      // the rule's points
	Factor   float64 `json:"factor"`    // rank decay or agreed share, 0..1
	FactorBy string  `json:"factor_by"` // FactorRank or FactorShare
	Raw      float64 `json:"raw"`       // Base × Factor, rounded
	Counted  float64 `json:"counted"`   // what is left after the caps
	Outside  bool    `json:"outside,omitempty"`
	CutBy    string  `json:"cut_by,omitempty"` // CutKind or CutTerm when a cap took points
}

// How a line's factor was found and which cap cut it.
const (
	FactorRank  = "rank"
	FactorShare = "share"
	CutKind     = "kind"
	CutTerm     = "term"
)

// CapHit is a cap that took points from a teacher: Kind is "" for the
// per-term total.
type CapHit struct {
	Kind Kind    `json:"kind,omitempty"`
	Cap  float64 `json:"cap"`
	Cut  float64 `json:"cut"`
}

// TeacherPoints is a teacher's result: the total and why.
type TeacherPoints struct {
	TeacherID int64    `json:"teacher_id"`
	Total     float64  `json:"total"`
	Lines     []Line   `json:"lines"`
	Caps      []CapHit `json:"caps,omitempty"`
}

// cents turns points into whole hundredths, rounding half up: every
// figure shown has two decimals and the total is the sum of its lines.
func cents(p float64) int64 { return int64(math.Floor(p*100 + 0.5 + 1e-7)) }

func points(c int64) float64 { return float64(c) / 100 }

// Compute gives each teacher with credits their points for the period,
// in teacher id order. Credits are taken in date order (then output and
// stage) and the caps cut the later ones, so the same inputs always give
// the same lines. A teacher named twice on one output counts once, at
// the better position.
func Compute(rs RuleSet, p Period, credits []Credit) []TeacherPoints {
	cs := slices.Clone(credits)
	// The key is complete (a contributor has one position per output), so
	// an unstable sort gives one order; equal keys are duplicates.
	slices.SortFunc(cs, func(a, b Credit) int {
		return cmp.Or(cmp.Compare(a.TeacherID, b.TeacherID), cmp.Compare(a.DatedOn, b.DatedOn),
			cmp.Compare(a.OutputID, b.OutputID), cmp.Compare(slices.Index(Stages, a.Stage), slices.Index(Stages, b.Stage)),
			cmp.Compare(a.Position, b.Position))
	})
	cs = slices.CompactFunc(cs, func(a, b Credit) bool {
		return a.TeacherID == b.TeacherID && a.OutputID == b.OutputID && a.Stage == b.Stage
	})
	var out []TeacherPoints
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].TeacherID == cs[i].TeacherID {
			j++
		}
		out = append(out, rs.teacher(p, cs[i:j]))
		i = j
	}
	return out
}

// teacher computes one teacher's credits, already in order.
func (rs RuleSet) teacher(p Period, cs []Credit) TeacherPoints {
	tp := TeacherPoints{TeacherID: cs[0].TeacherID, Lines: make([]Line, 0, len(cs))}
	kindSum := map[Kind]int64{}
	var total int64
	caps := map[Kind]*CapHit{}
	hit := func(k Kind, cap, cut int64) {
		h := caps[k]
		if h == nil {
			h = &CapHit{Kind: k, Cap: points(cap)}
			caps[k] = h
		}
		h.Cut = points(cents(h.Cut) + cut)
	}
	for _, c := range cs {
		l := rs.line(c)
		if !p.Contains(c.DatedOn) {
			l.Outside, l.Counted = true, 0
			tp.Lines = append(tp.Lines, l)
			continue
		}
		got := cents(l.Raw)
		if kc := cents(rs.KindCaps[c.Kind]); kc > 0 && kindSum[c.Kind]+got > kc {
			cut := kindSum[c.Kind] + got - kc
			got -= cut
			l.CutBy = CutKind
			hit(c.Kind, kc, cut)
		}
		if tc := cents(rs.TermCap); tc > 0 && total+got > tc {
			cut := total + got - tc
			got -= cut
			l.CutBy = CutTerm
			hit("", tc, cut)
		}
		kindSum[c.Kind] += got
		total += got
		l.Counted = points(got)
		tp.Lines = append(tp.Lines, l)
	}
	tp.Total = points(total)
	for _, k := range append(slices.Clone(Kinds), "") {
		if h := caps[k]; h != nil {
			tp.Caps = append(tp.Caps, *h)
		}
	}
	return tp
}

// line finds the rule and factor of one credit, before the caps.
func (rs RuleSet) line(c Credit) Line {
	l := Line{Credit: c}
	r, ok := rs.match(c)
	if !ok {
		return l
	}
	l.Rule, l.Base = r.Label(), r.Points
	if rs.UseShares && c.Shared {
		l.Factor, l.FactorBy = c.Share/100, FactorShare
	} else {
		l.Factor, l.FactorBy = rs.RankFactor(c.Position), FactorRank
	}
	l.Raw = points(cents(r.Points * l.Factor))
	return l
}

// Ranks gives competition ranks (1, 1, 3 …) to totals sorted from the
// highest: equal points share a rank.
func Ranks(sortedTotals []float64) []int {
	rs := make([]int, len(sortedTotals))
	for i, t := range sortedTotals {
		if i > 0 && cents(t) == cents(sortedTotals[i-1]) {
			rs[i] = rs[i-1]
		} else {
			rs[i] = i + 1
		}
	}
	return rs
}
