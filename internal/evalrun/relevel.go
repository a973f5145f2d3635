package evalrun

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// round2 and num follow the engine's rounding (half away from zero, two
// decimals) and display (no trailing zeros).
func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return math.Floor(x*100+0.5+1e-9) / 100
}

func num(x float64) string { return strconv.FormatFloat(round2(x), 'f', -1, 64) }

func compareRank(a, b *model.StudentResult) int {
	if c := cmp.Compare(b.Total, a.Total); c != 0 {
		return c
	}
	for i := range a.Dimensions {
		if c := cmp.Compare(b.Dimensions[i].Score, a.Dimensions[i].Score); c != 0 {
			return c
		}
	}
	return 0
}

func thresholdIndex(g model.Grading, total float64) int {
	for i, t := range g.Thresholds {
		if total >= t.Min {
			return i
		}
	}
	return len(g.Thresholds) - 1
}

// Relevel assigns ranks, score levels and quota levels again, by the
// engine's rule (package eval doc, "Levels"): groups by class (or the
// whole cycle), rank by total then dimension scores, quotas best first
// with a tie at the cut moving down as a whole. A test checks that on the
// engine's own output it changes nothing.
func Relevel(results []model.StudentResult, g model.Grading) {
	groups := map[int64][]int{}
	var keys []int64
	for i := range results {
		r := &results[i]
		if !r.Rated {
			r.Rank, r.GroupSize, r.Level, r.ScoreLevel = 0, 0, "", ""
			continue
		}
		key := int64(0)
		if g.QuotaScope != model.QuotaByCycle {
			key = r.ClassID
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], i)
	}
	slices.Sort(keys)
	cur := make([]int, len(results))
	for _, key := range keys {
		idx := groups[key]
		slices.SortStableFunc(idx, func(a, b int) int {
			return cmp.Or(compareRank(&results[a], &results[b]), cmp.Compare(results[a].StudentID, results[b].StudentID))
		})
		n := len(idx)
		for pos, i := range idx {
			r := &results[i]
			r.GroupSize = n
			if pos > 0 && compareRank(&results[idx[pos-1]], r) == 0 {
				r.Rank = results[idx[pos-1]].Rank
			} else {
				r.Rank = pos + 1
			}
			cur[i] = thresholdIndex(g, r.Total)
			r.ScoreLevel = g.Thresholds[cur[i]].Level
		}
		for li := 0; li < len(g.Thresholds)-1; li++ {
			pct := g.Thresholds[li].MaxPercent
			if pct <= 0 {
				continue
			}
			limit := eval.QuotaLimit(n, pct)
			var at []int
			for _, i := range idx {
				if cur[i] == li {
					at = append(at, i)
				}
			}
			if len(at) <= limit {
				continue
			}
			keep := limit
			if limit > 0 && compareRank(&results[at[limit-1]], &results[at[limit]]) == 0 {
				keep = limit - 1
				for keep > 0 && compareRank(&results[at[keep-1]], &results[at[limit]]) == 0 {
					keep--
				}
			}
			for _, i := range at[keep:] {
				cur[i] = li + 1
			}
		}
		for _, i := range idx {
			results[i].Level = g.Thresholds[cur[i]].Level
		}
	}
}
