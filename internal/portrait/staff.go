package portrait

import (
	"slices"
	"strings"
)

// The definitions of the 数据画像's 师资 block (issue 14,
// docs/teachers.md §2 and §4 section 4), as pure functions over what the
// loader reads. A teacher is counted once however many rows they have;
// an award once however many teachers share it.

// StaffBlock names the block on the page.
const StaffBlock = "师资"

// DualPracticeDays is the enterprise practice a 专业课 teacher needs in
// five years (six months, 《职业学校教师企业实践规定》 2016, as 180 days).
const DualPracticeDays = 180

// StaffTeacher is one active teacher as the block counts them.
type StaffTeacher struct {
	ID int64
	// Professional: teaches 专业课. Where the school has not said who does,
	// the loader marks every teacher professional and the 口径 says so.
	Professional bool
	// Dual: holds a 双师型 recognition on the period's last day that was
	// not revoked by then (the old checkbox does not count by itself).
	Dual bool
	// PracticeDays: confirmed, verified enterprise practice days in the
	// five years to the period's last day.
	PracticeDays float64
	// Hours: verified training 学时 of records starting in the period.
	Hours float64
}

// Recognition is one 双师型 recognition row.
type Recognition struct {
	TeacherID int64
	On        string
	RevokedOn string
}

// CurrentDual reports which teachers hold a recognition on day: recognised
// on or before day and not revoked on or before it.
func CurrentDual(rs []Recognition, day string) map[int64]bool {
	out := map[int64]bool{}
	for _, r := range rs {
		if r.On <= day && (r.RevokedOn == "" || r.RevokedOn > day) {
			out[r.TeacherID] = true
		}
	}
	return out
}

// DualShare is the teachers with a current recognition over all teachers.
func DualShare(ts []StaffTeacher) Ratio {
	var r Ratio
	for _, t := range ts {
		r.Den++
		if t.Dual {
			r.Num++
		}
	}
	return r
}

// PracticeCompliance is the 专业课 teachers with at least DualPracticeDays
// of practice over all 专业课 teachers.
func PracticeCompliance(ts []StaffTeacher) Ratio {
	var r Ratio
	for _, t := range ts {
		if !t.Professional {
			continue
		}
		r.Den++
		if t.PracticeDays >= DualPracticeDays {
			r.Num++
		}
	}
	return r
}

// AverageHours is the verified training 学时 per teacher (teachers with
// none count, as zero); ok is false without teachers.
func AverageHours(ts []StaffTeacher) (avg float64, ok bool) {
	if len(ts) == 0 {
		return 0, false
	}
	sum := 0.0
	for _, t := range ts {
		sum += t.Hours
	}
	return sum / float64(len(ts)), true
}

// StaffAward is one teaching-ability award: from a verified research output of
// kind competition (OutputID set, Teachers its school contributors) or
// from the older teacher_awards table (one row per teacher).
type StaffAward struct {
	OutputID            int64
	Title, Level, Prize string
	Date                string
	Teachers            []int64
}

// AwardCount is one level × prize cell: Awards counted once each, and
// the teacher credits (a team award credits every member).
type AwardCount struct {
	Level, Prize     string
	Awards, Credited int
}

// CountAwards merges the two sources and counts by level × prize. Rows of
// the old table with the same title, level, prize and date are one award
// (a team award was entered once per member there); an old award with the
// same title, level, prize and date as a competition output is that
// output, its teacher added to the output's credits. So no award counts
// twice and no member goes uncredited.
func CountAwards(outputs, old []StaffAward) []AwardCount {
	type key struct{ title, level, prize, date string }
	keyOf := func(a StaffAward) key { return key{strings.TrimSpace(a.Title), a.Level, a.Prize, a.Date} }
	merged := map[key]*StaffAward{}
	var order []key
	add := func(a StaffAward) {
		k := keyOf(a)
		m := merged[k]
		if m == nil {
			c := a
			c.Teachers = nil
			merged[k], m = &c, &c
			order = append(order, k)
		}
		for _, t := range a.Teachers {
			if !slices.Contains(m.Teachers, t) {
				m.Teachers = append(m.Teachers, t)
			}
		}
	}
	for _, a := range outputs {
		add(a)
	}
	for _, a := range old {
		add(a)
	}
	return countCells(order, merged)
}

// countCells counts the merged awards by level × prize, highest level
// first.
func countCells[K comparable](order []K, merged map[K]*StaffAward) []AwardCount {
	idx := map[[2]string]int{}
	var out []AwardCount
	for _, k := range order {
		a := merged[k]
		cell := [2]string{a.Level, a.Prize}
		i, ok := idx[cell]
		if !ok {
			i = len(out)
			idx[cell] = i
			out = append(out, AwardCount{Level: a.Level, Prize: a.Prize})
		}
		out[i].Awards++
		out[i].Credited += len(a.Teachers)
	}
	slices.SortStableFunc(out, func(x, y AwardCount) int {
		if c := levelRank(x.Level) - levelRank(y.Level); c != 0 {
			return c
		}
		return strings.Compare(x.Prize, y.Prize)
	})
	return out
}

var staffLevels = []string{"国家级", "省级", "市级", "区级", "校级"}

func levelRank(l string) int {
	if i := slices.Index(staffLevels, l); i >= 0 {
		return i
	}
	return len(staffLevels)
}
