package eval

import (
	"cmp"
	"math"
	"slices"

	"zhijiao/internal/model"
)

// levelNote records why a student's level differs from their score level,
// for the explanation: one note per quota that moved them down.
type levelNote struct {
	from      int // threshold index the student was moved down from
	limit     int // how many the quota allows in the group
	qualified int // how many in the group reached that level before the cut
	tied      int // students (self included) tied at the cut and moved together; 0 if not a tie
}

// LevelFor is the level of a total by thresholds alone (no quota).
func LevelFor(g model.Grading, total float64) model.Level {
	return g.Thresholds[thresholdIndex(g, total)].Level
}

func thresholdIndex(g model.Grading, total float64) int {
	for i, t := range g.Thresholds {
		if total >= t.Min {
			return i
		}
	}
	return len(g.Thresholds) - 1
}

// QuotaLimit is how many of n students may hold a level with a quota of
// pct percent: rounded down, because the quota says "at most". The nudge
// keeps 30% of 10 at 3 despite floating error.
func QuotaLimit(n int, pct float64) int {
	return int(math.Floor(float64(n)*pct/100 + 1e-9))
}

// compareRank orders two results best first: total, then dimension scores
// in framework order. 0 means tied.
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

// assignLevels gives every rated student a rank, a score level and a final
// level inside their quota group, by the rule in the package doc. Results
// are changed in place; the notes explain every move.
func assignLevels(results []model.StudentResult, pl *plan) [][]levelNote {
	return assignLevelsBy(results, pl.f.Grading)
}

// Relevel assigns ranks, score levels and quota levels again, by the rule
// Compute uses, after totals changed outside the engine (an upheld
// appeal's correction). results must be in the order Compute returned
// them; unrated students are cleared.
func Relevel(results []model.StudentResult, g model.Grading) {
	for i := range results {
		if r := &results[i]; !r.Rated {
			r.Rank, r.GroupSize, r.Level, r.ScoreLevel = 0, 0, "", ""
		}
	}
	assignLevelsBy(results, g)
}

func assignLevelsBy(results []model.StudentResult, g model.Grading) [][]levelNote {
	notes := make([][]levelNote, len(results))
	groups := map[int64][]int{}
	var keys []int64
	for i := range results {
		if !results[i].Rated {
			continue
		}
		key := int64(0)
		if g.QuotaScope != model.QuotaByCycle {
			key = results[i].ClassID
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], i)
	}
	slices.Sort(keys) // map order must not leak into anything
	cur := make([]int, len(results))
	for _, key := range keys {
		idx := groups[key]
		// Stable sort of indices that are already in student-ID order: ties
		// keep ID order in the list, but ties never decide anything below.
		slices.SortStableFunc(idx, func(a, b int) int { return compareRank(&results[a], &results[b]) })
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
			limit := QuotaLimit(n, pct)
			var at []int // holders of level li, best first
			for _, i := range idx {
				if cur[i] == li {
					at = append(at, i)
				}
			}
			if len(at) <= limit {
				continue
			}
			// Keep the best `limit`; if the student just inside the cut is
			// tied with the one just outside, the whole tie group goes down.
			keep := limit
			tieFrom := -1
			if limit > 0 && compareRank(&results[at[limit-1]], &results[at[limit]]) == 0 {
				keep = limit - 1
				for keep > 0 && compareRank(&results[at[keep-1]], &results[at[limit]]) == 0 {
					keep--
				}
				tieFrom = keep
			}
			tieSize := 0
			if tieFrom >= 0 {
				for j := tieFrom; j < len(at) && compareRank(&results[at[j]], &results[at[tieFrom]]) == 0; j++ {
					tieSize++
				}
			}
			for j, i := range at[keep:] {
				cur[i] = li + 1
				nt := levelNote{from: li, limit: limit, qualified: len(at)}
				if tieFrom >= 0 && j < tieSize {
					nt.tied = tieSize
				}
				notes[i] = append(notes[i], nt)
			}
		}
		for _, i := range idx {
			results[i].Level = g.Thresholds[cur[i]].Level
		}
	}
	return notes
}
