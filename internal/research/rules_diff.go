package research

import (
	"fmt"
	"slices"
)

// Diff says in Chinese what changed from old to new: rules added, removed
// or re-pointed, the decay, the shares and the caps. Empty when nothing
// changed.
func Diff(old, new RuleSet) []string {
	var out []string
	key := func(r PointRule) PointRule { r.Points = 0; return r }
	before := map[PointRule]float64{}
	for _, r := range old.Points {
		before[key(r)] = r.Points
	}
	after := map[PointRule]bool{}
	for _, r := range new.Points {
		k := key(r)
		after[k] = true
		p, ok := before[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("新增“%s” %s 分", r.Label(), Fmt(r.Points)))
		case p != r.Points:
			out = append(out, fmt.Sprintf("“%s” %s 分 → %s 分", r.Label(), Fmt(p), Fmt(r.Points)))
		}
	}
	for _, r := range old.Points {
		if !after[key(r)] {
			out = append(out, fmt.Sprintf("删除“%s”（原 %s 分）", r.Label(), Fmt(r.Points)))
		}
	}
	if !slices.Equal(old.Decay, new.Decay) || old.DecayLater != new.DecayLater {
		out = append(out, fmt.Sprintf("署名位次系数 %v（其余 %s）→ %v（其余 %s）", old.Decay, Fmt(old.DecayLater), new.Decay, Fmt(new.DecayLater)))
	}
	if old.UseShares != new.UseShares {
		out = append(out, map[bool]string{true: "改为按约定份额分配（有份额时）", false: "不再按约定份额分配，一律按位次系数"}[new.UseShares])
	}
	for _, k := range Kinds {
		if a, b := old.KindCaps[k], new.KindCaps[k]; a != b {
			out = append(out, fmt.Sprintf("%s每学期封顶 %s → %s（0 为不封顶）", k.Name(), Fmt(a), Fmt(b)))
		}
	}
	if old.TermCap != new.TermCap {
		out = append(out, fmt.Sprintf("每人每学期总分封顶 %s → %s（0 为不封顶）", Fmt(old.TermCap), Fmt(new.TermCap)))
	}
	return out
}
