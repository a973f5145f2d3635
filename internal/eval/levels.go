package eval

import (
	"cmp"
	"math"
	"slices"

	"zhijiao/internal/model"
)

// levelNote records, for the explanation, each quota that moved a student
// down, or that a tie at the cut let them keep a level over the quota.
type levelNote struct {
	from      int // threshold index the student was moved down from
	limit     int // how many the quota allows in the group
	qualified int // how many in the group reached that level before the cut
	tied      int // students (self included) tied at the cut; 0 if not a tie
	kept      int // > 0: the tie kept the level, this many over the quota
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

// assignLevels gives every complete student a rank, a score level and a
// final level inside their quota group, by the rule in the package doc.
// Results are changed in place; the notes explain every move.
func assignLevels(results []model.StudentResult, pl *plan) ([][]levelNote, []bool) {
	return assignLevelsBy(results, pl.f.Grading)
}

// Relevel assigns ranks, score levels and quota levels again, by the rule
// Compute uses, after totals changed outside the engine (an upheld
// appeal's correction). results must be in the order Compute returned
// them; students without a total (待补评, or nothing counted) are cleared.
func Relevel(results []model.StudentResult, g model.Grading) {
	assignLevelsBy(results, g)
}

// ranked says whether a result takes part in ranks and quotas: only a
// complete student has a total to rank.
func ranked(r *model.StudentResult) bool { return r.Rated && !r.Incomplete }

// groupKey names a quota group: a class, a cohort, a major, the cycle, or
// the pool of small classes of one cohort (major, cycle).
type groupKey struct {
	kind byte // 'c' class, 'y' cohort, 'm' major, 'a' cycle; upper case: a pool of small classes
	id   int64
}

// scopeKey is the group of r in a scope.
func scopeKey(scope string, r *model.StudentResult) groupKey {
	switch scope {
	case model.QuotaByCycle:
		return groupKey{'a', 0}
	case model.QuotaByCohort:
		return groupKey{'y', r.CohortID}
	case model.QuotaByMajor:
		return groupKey{'m', r.MajorID}
	}
	return groupKey{'c', r.ClassID}
}

// smallGroup says whether a group of n students is too small for one place
// of some quota of g.
func smallGroup(g model.Grading, n int) bool {
	for _, t := range g.Thresholds {
		if t.MaxPercent > 0 && QuotaLimit(n, t.MaxPercent) == 0 {
			return true
		}
	}
	return false
}

// quotaGroups puts every complete student into their quota group, in
// student order inside each group; keys come back sorted so that no map
// order leaks into anything.
func quotaGroups(results []model.StudentResult, g model.Grading) (map[groupKey][]int, []groupKey) {
	groups := map[groupKey][]int{}
	for i := range results {
		if r := &results[i]; ranked(r) {
			k := scopeKey(g.QuotaScope, r)
			groups[k] = append(groups[k], i)
		}
	}
	if g.SmallClassScope != "" && (g.QuotaScope == "" || g.QuotaScope == model.QuotaByClass) {
		var small []groupKey
		for k, idx := range groups {
			if smallGroup(g, len(idx)) {
				small = append(small, k)
			}
		}
		slices.SortFunc(small, func(a, b groupKey) int { return cmp.Compare(a.id, b.id) })
		for _, k := range small {
			idx := groups[k]
			delete(groups, k)
			for _, i := range idx {
				pk := scopeKey(g.SmallClassScope, &results[i])
				pk.kind -= 'a' - 'A'
				groups[pk] = append(groups[pk], i)
			}
		}
		for k, idx := range groups {
			if k.kind < 'a' {
				slices.Sort(idx) // pooled classes arrive class by class
			}
		}
	}
	keys := make([]groupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b groupKey) int { return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id)) })
	return groups, keys
}

// assignLevelsBy returns the notes per student and whether each student's
// class was pooled with other small classes.
func assignLevelsBy(results []model.StudentResult, g model.Grading) (notes [][]levelNote, pooled []bool) {
	notes = make([][]levelNote, len(results))
	pooled = make([]bool, len(results))
	for i := range results {
		if r := &results[i]; !ranked(r) {
			r.Rank, r.GroupSize, r.Level, r.ScoreLevel = 0, 0, "", ""
		}
	}
	groups, keys := quotaGroups(results, g)
	cur := make([]int, len(results))
	for _, key := range keys {
		idx := groups[key]
		if key.kind < 'a' {
			for _, i := range idx {
				pooled[i] = true
			}
		}
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
			// Keep the best `limit`. A tie group that straddles the cut keeps
			// the level as a whole: the quota is then exceeded by fewer than
			// the tie's size, and no place is ever left empty because of a
			// tie (choosing among equals would not be fair).
			keep := limit
			tieFrom := -1
			if limit > 0 && compareRank(&results[at[limit-1]], &results[at[limit]]) == 0 {
				tieFrom = limit - 1
				for tieFrom > 0 && compareRank(&results[at[tieFrom-1]], &results[at[limit]]) == 0 {
					tieFrom--
				}
				for keep < len(at) && compareRank(&results[at[keep]], &results[at[limit-1]]) == 0 {
					keep++
				}
				for _, i := range at[tieFrom:keep] {
					notes[i] = append(notes[i], levelNote{from: li, limit: limit, qualified: len(at), tied: keep - tieFrom, kept: keep - limit})
				}
			}
			for _, i := range at[keep:] {
				cur[i] = li + 1
				notes[i] = append(notes[i], levelNote{from: li, limit: limit, qualified: len(at)})
			}
		}
		for _, i := range idx {
			results[i].Level = g.Thresholds[cur[i]].Level
		}
	}
	return notes, pooled
}
