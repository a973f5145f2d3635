package conduct

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Pattern kinds, what a head teacher reads on the trends page.
const (
	PatternWeekday = "weekday" // the same thing on the same weekday, again and again
	PatternRising  = "rising"  // more deductions each week
)

// MinRepeats is how often the same record on the same weekday makes a
// pattern: twice can be chance, three times in a term is a habit.
const MinRepeats = 3

// Pattern is one thing worth a word with the student, said in Chinese:
// "周一迟到 3 次", "扣分逐周增加（1→2→3）".
type Pattern struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

var weekdays = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// onDay is something recorded on a weekday: a title or a category.
type onDay struct {
	wd   time.Weekday
	what string
}

// Patterns reads one student's records of the term (any order) as of
// today: negatives with the same title on the same weekday at least
// MinRepeats times (or, on a weekday no title repeats, the same
// category), and negatives rising over the last three weeks. Sorted, so
// the page and the API say the same thing every time.
func Patterns(recs []Record, today time.Time) []Pattern {
	titles, cats := map[onDay]int{}, map[onDay]int{}
	for _, r := range recs {
		d, err := time.Parse(DayLayout, r.Date)
		if !r.Negative() || err != nil {
			continue
		}
		titles[onDay{d.Weekday(), r.Title}]++
		if r.Category != "" {
			cats[onDay{d.Weekday(), r.Category}]++
		}
	}
	byTitle := repeated(titles, nil)
	said := map[time.Weekday]bool{}
	for _, k := range byTitle {
		said[k.wd] = true
	}
	var out []Pattern
	for _, k := range slices.Concat(byTitle, repeated(cats, said)) {
		n := titles[k]
		if n < MinRepeats {
			n = cats[k]
		}
		out = append(out, Pattern{PatternWeekday, fmt.Sprintf("%s%s %d 次", weekdays[k.wd], k.what, n)})
	}
	if w := WeeklyNegatives(recs, today, 3); w[0] < w[1] && w[1] < w[2] && w[2] >= 2 {
		out = append(out, Pattern{PatternRising, fmt.Sprintf("扣分逐周增加（%d→%d→%d）", w[0], w[1], w[2])})
	}
	return out
}

// repeated lists the keys counted at least MinRepeats times, leaving out
// the weekdays already said, sorted by weekday and then text.
func repeated(m map[onDay]int, said map[time.Weekday]bool) []onDay {
	var keys []onDay
	for k, n := range m {
		if n >= MinRepeats && !said[k.wd] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b onDay) int { return cmp.Or(cmp.Compare(a.wd, b.wd), cmp.Compare(a.what, b.what)) })
	return keys
}

// weekStart is the Monday of t's week (schools count weeks from Monday).
func weekStart(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// WeeklyNegatives counts negative records in each of the last n weeks
// (Monday to Sunday), the oldest first and today's week last.
func WeeklyNegatives(recs []Record, today time.Time, n int) []int {
	out := make([]int, n)
	first := weekStart(today).AddDate(0, 0, -7*(n-1))
	for _, r := range recs {
		d, err := time.Parse(DayLayout, r.Date)
		if !r.Negative() || err != nil || d.Before(first) {
			continue
		}
		if i := int(d.Sub(first).Hours()) / (24 * 7); i < n {
			out[i]++
		}
	}
	return out
}

// Totals are a student's records summed per category: how many records,
// how many points added and deducted.
type Totals struct {
	Category string  `json:"category"`
	Records  int     `json:"records"`
	Plus     float64 `json:"plus"`
	Minus    float64 `json:"minus"`
}

// ByCategory sums records per category ("" as 其他), in the order of
// most records first, then category.
func ByCategory(recs []Record) []Totals {
	m := map[string]*Totals{}
	var out []Totals
	for _, r := range recs {
		c := cmp.Or(r.Category, "其他")
		t, ok := m[c]
		if !ok {
			t = &Totals{Category: c}
			m[c] = t
		}
		t.Records++
		if r.Points < 0 {
			t.Minus += r.Points
		} else {
			t.Plus += r.Points
		}
	}
	for _, t := range m {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b Totals) int {
		return cmp.Or(cmp.Compare(b.Records, a.Records), cmp.Compare(a.Category, b.Category))
	})
	return out
}

// PositiveFirst orders records for a family: additions before
// deductions, each newest first, so a parent reads what went well first.
func PositiveFirst(recs []Record) []Record {
	out := slices.Clone(recs)
	slices.SortStableFunc(out, func(a, b Record) int {
		pa, pb := a.Points >= 0, b.Points >= 0
		if pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(b.ID, a.ID))
	})
	return out
}

// NeedsTalk says why a student needs a talk, or nil: an alert or a
// pattern counts only when a negative record arrived after the last talk
// (lastTalkRecord, the newest record id the talk saw; 0 = no talk yet),
// so a talk takes the student off the list until something new happens.
func NeedsTalk(recs []Record, alerts []string, pats []Pattern, lastTalkRecord int64) []string {
	fresh := false
	for _, r := range recs {
		if r.Negative() && r.ID > lastTalkRecord {
			fresh = true
			break
		}
	}
	if !fresh {
		return nil
	}
	why := slices.Clone(alerts)
	for _, p := range pats {
		why = append(why, p.Text)
	}
	return slices.Compact(why) // a rule crossed twice is one reason

}
