// The pure rules of daily conduct (德育): here the
// class 量化 of daily checks — a day's score per class, the weekly and
// monthly standings with their ranks, and the 流动红旗. No SQL, no HTTP;
// docs/conduct.md section 3 gives the definitions in plain Chinese.

package conduct

import (
	"math"
	"slices"
	"time"
)

// CheckEntry is one deduction (negative) or addition of a class on a day
// and check item.
type CheckEntry struct {
	Day     string // 2006-01-02
	ItemID  int64
	ClassID int64
	Points  float64
}

// CheckClass is a class as the board shows it: its grade is its entry year.
type CheckClass struct {
	ID    int64
	Name  string
	Grade int
}

// Standing is a class's score over a day, week or month with its ranks:
// Rank school-wide, GradeRank within its grade. Ties share a rank and the
// next rank skips (1, 1, 3), as a sports table does.
type Standing struct {
	CheckClass
	Score     float64 // the mean daily score over Days
	Days      int     // published days counted
	Rank      int
	GradeRank int
}

// Round2 rounds a score to two decimals, the precision the board shows and
// ties are decided on: two classes showing the same score share a rank.
func Round2(v float64) float64 { return math.Round(v*100) / 100 }

// ItemTotal is an item's effect on a class in one day: the sum of its
// entries, a deduction limited to the item's daily maximum (maxDaily > 0),
// so one bad morning on one item cannot sink a class's whole day.
func ItemTotal(sum, maxDaily float64) float64 {
	if maxDaily > 0 && sum < -maxDaily {
		return -maxDaily
	}
	return sum
}

// DayScores is each class's score on one day: base plus the capped total
// of each item. entries are that day's; caps maps an item to its daily
// maximum deduction. Every class listed scores, base when nothing was
// entered for it.
func DayScores(base float64, caps map[int64]float64, classes []int64, entries []CheckEntry) map[int64]float64 {
	type key struct{ class, item int64 }
	sums := map[key]float64{}
	for _, e := range entries {
		sums[key{e.ClassID, e.ItemID}] += e.Points
	}
	out := make(map[int64]float64, len(classes))
	for _, c := range classes {
		out[c] = base
	}
	for k, v := range sums {
		if _, ok := out[k.class]; ok {
			out[k.class] += ItemTotal(v, caps[k.item])
		}
	}
	for c, v := range out {
		out[c] = Round2(v)
	}
	return out
}

// Standings scores classes over the published days of a period: each
// class's score is the mean of its daily scores over those days (every
// class is checked on a published day), rounded to two decimals, and
// ranked school-wide and within its grade. The result is ordered by rank,
// ties in the order classes were given. No days, no standings.
func Standings(base float64, caps map[int64]float64, classes []CheckClass, days []string, entries []CheckEntry) []Standing {
	if len(days) == 0 || len(classes) == 0 {
		return nil
	}
	ids := make([]int64, len(classes))
	for i, c := range classes {
		ids[i] = c.ID
	}
	byDay := map[string][]CheckEntry{}
	for _, e := range entries {
		byDay[e.Day] = append(byDay[e.Day], e)
	}
	total := map[int64]float64{}
	for _, d := range days {
		for c, v := range DayScores(base, caps, ids, byDay[d]) {
			total[c] += v
		}
	}
	out := make([]Standing, len(classes))
	for i, c := range classes {
		out[i] = Standing{CheckClass: c, Score: Round2(total[c.ID] / float64(len(days))), Days: len(days)}
	}
	Rank(out)
	return out
}

// Rank sets Rank and GradeRank by score, highest first, ties sharing a
// rank, and orders the standings by rank (stable).
func Rank(ss []Standing) {
	slices.SortStableFunc(ss, func(a, b Standing) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	seen := map[int]int{} // grade → classes ranked so far
	lastScore := map[int]float64{}
	lastRank := map[int]int{}
	for i := range ss {
		if i == 0 || ss[i].Score != ss[i-1].Score {
			ss[i].Rank = i + 1
		} else {
			ss[i].Rank = ss[i-1].Rank
		}
		g := ss[i].Grade
		seen[g]++
		if seen[g] > 1 && ss[i].Score == lastScore[g] {
			ss[i].GradeRank = lastRank[g]
		} else {
			ss[i].GradeRank = seen[g]
		}
		lastScore[g], lastRank[g] = ss[i].Score, ss[i].GradeRank
	}
}

// Flags are the classes that win the 流动红旗 of a week: in each grade the
// classes whose grade rank is within perGrade. A tie at the cut gives every
// tied class a flag rather than choosing between equal scores.
func Flags(ss []Standing, perGrade int) []Standing {
	var out []Standing
	for _, s := range ss {
		if perGrade > 0 && s.GradeRank <= perGrade {
			out = append(out, s)
		}
	}
	return out
}

// WeekOf is the Monday of the week of day (2006-01-02); "" for a bad day.
func WeekOf(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	back := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return t.AddDate(0, 0, -back).Format(time.DateOnly)
}

// WeekDays is the Monday to Sunday of the week starting monday.
func WeekDays(monday string) (first, last string) {
	t, err := time.Parse(time.DateOnly, monday)
	if err != nil {
		return "", ""
	}
	return monday, t.AddDate(0, 0, 6).Format(time.DateOnly)
}

// MonthDays is the first and last day of the month of day.
func MonthDays(day string) (first, last string) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "", ""
	}
	f := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return f.Format(time.DateOnly), f.AddDate(0, 1, -1).Format(time.DateOnly)
}

// SchoolDay reports whether day is Monday to Friday, the days the demo
// checks and the week's last school day is found from.
func SchoolDay(day string) bool {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return false
	}
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}
