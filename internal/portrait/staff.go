package portrait

import (
	"slices"
	"strings"
)

// The definitions of the 数据画像's 师资 block (issue 14, docs/teachers.md
// §4 and docs/kpi.md), as pure functions over what the loader reads. A
// teacher is counted once however many rows they have; an award once
// however many teachers share it. Three figures are states on the
// period's last day (双师型, enterprise practice, studios), two are sums
// over the period (training 学时, awards).

// StaffBlock names the block on the page.
const StaffBlock = "师资"

// DualPracticeDays and DualPracticeYears are the enterprise practice a
// 专业课 teacher needs: six months in every five years (《职业学校教师企业
// 实践规定》, 2016), six months counted as 180 days. The national rule, not
// a school's own setting, so that schools compare side by side.
const (
	DualPracticeDays  = 180
	DualPracticeYears = 5
)

// StaffTeacher is one active teacher (or, from the district summaries, N
// teachers in the same state) on the period's last day.
type StaffTeacher struct {
	ID   int64  `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// Professional: teaches a 专业课 (a course whose kind names 专业).
	Professional bool `json:"professional"`
	// Dual: holds a 双师型 recognition on the day, not revoked by then.
	Dual bool `json:"dual"`
	// PracticeDays: verified, enterprise-confirmed practice days in the
	// five years to the day.
	PracticeDays float64 `json:"practice_days"`
	N            int     `json:"n,omitempty"`
}

// Compliant: a 专业课 teacher with enough practice.
func (t StaffTeacher) Compliant() bool {
	return t.Professional && t.PracticeDays >= DualPracticeDays
}

// StaffHours is verified training 学时 dated by the day the training
// ended (as the training cycle counts them, docs/teachers.md §3).
type StaffHours struct {
	ID   int64  `json:"id,omitempty"`
	Date string `json:"date"`
	// Hundredths of an hour: integers, so that a sum of records and a sum
	// of summaries are the same number.
	Hundredths int64 `json:"hundredths"`
}

// StaffStudio is a studio open on the period's last day (or N of them).
type StaffStudio struct {
	ID    int64  `json:"id,omitempty"`
	Level string `json:"level"`
	N     int    `json:"n,omitempty"`
}

// Staff is what the block reads.
type Staff struct {
	Teachers []StaffTeacher `json:"teachers"`
	Hours    []StaffHours   `json:"hours"`
	Studios  []StaffStudio  `json:"studios"`
	Awards   []StaffAward   `json:"awards"` // merged (MergeAwards)
}

// Recognition is one 双师型 recognition row.
type Recognition struct {
	TeacherID int64
	On        string
	RevokedOn string
}

// HoldsRecognition reports whether one teacher's rows hold a recognition
// on day.
func HoldsRecognition(rs []Recognition, day string) bool {
	return slices.ContainsFunc(rs, func(r Recognition) bool { return r.standsOn(day) })
}

func (r Recognition) standsOn(day string) bool {
	return r.On <= day && (r.RevokedOn == "" || r.RevokedOn > day)
}

// DualShare is the teachers with a current recognition over all teachers.
func DualShare(ts []StaffTeacher) Ratio {
	var r Ratio
	for _, t := range ts {
		w := weight(t.N)
		r.Den += w
		if t.Dual {
			r.Num += w
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
		w := weight(t.N)
		r.Den += w
		if t.Compliant() {
			r.Num += w
		}
	}
	return r
}

// AverageHours is the verified training 学时 per teacher (teachers with
// none count, as zero); ok is false without teachers.
func AverageHours(ts []StaffTeacher, hs []StaffHours, p Period) (avg, sum float64, teachers int, ok bool) {
	for _, t := range ts {
		teachers += weight(t.N)
	}
	var hundredths int64
	for _, h := range hs {
		if p.Contains(h.Date) {
			hundredths += h.Hundredths
		}
	}
	sum = float64(hundredths) / 100
	if teachers == 0 {
		return 0, sum, 0, false
	}
	return sum / float64(teachers), sum, teachers, true
}

// StudiosByLevel counts the open studios by level, highest first.
func StudiosByLevel(ss []StaffStudio) (by map[string]int, total int) {
	by = map[string]int{}
	for _, s := range ss {
		w := weight(s.N)
		by[s.Level] += w
		total += w
	}
	return by, total
}

// StudioLevels are the studio levels in display order.
var StudioLevels = []string{"国家级", "市级", "区级", "校级"}

// StaffAward is one teaching-ability award: from a verified research
// output of kind competition (OutputID set, Teachers its school
// contributors, Level in the research vocabulary) or from the older
// teacher_awards table (OldIDs, one row per teacher, Level in the
// student-award vocabulary). From the district summaries it stands for N
// awards with Credits teacher credits.
type StaffAward struct {
	OutputID            int64   `json:"output_id,omitempty"`
	OldIDs              []int64 `json:"old_ids,omitempty"`
	Title, Level, Prize string
	Date                string
	Research            bool    `json:"research"` // Level is in the research vocabulary
	Teachers            []int64 `json:"teachers,omitempty"`
	N                   int     `json:"n,omitempty"`
	Credits             int     `json:"credits,omitempty"`
}

// credited is the teacher credits the award stands for.
func (a StaffAward) credited() int {
	if a.Credits > 0 || a.N > 0 {
		return a.Credits
	}
	return len(a.Teachers)
}

// MergeAwards merges the two sources into awards counted once. Rows with
// the same title, prize and date are one award: the old table has one row
// per member of a team, and an award entered both as a research output
// and in the old table is that output (its level kept), the old row's
// teacher added to its credits. The level is left out of the key because
// the two sources name levels differently (省部级 and 省级).
func MergeAwards(outputs, old []StaffAward) []StaffAward {
	type key struct{ title, prize, date string }
	keyOf := func(a StaffAward) key { return key{strings.TrimSpace(a.Title), a.Prize, a.Date} }
	idx := map[key]int{}
	var out []StaffAward
	add := func(a StaffAward) {
		k := keyOf(a)
		i, ok := idx[k]
		if !ok {
			c := a
			c.Teachers, c.OldIDs = nil, nil
			idx[k], i = len(out), len(out)
			out = append(out, c)
		}
		m := &out[i]
		m.OldIDs = append(m.OldIDs, a.OldIDs...)
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
	return out
}

// StaffLevel puts an award's level into the student-award vocabulary the
// block shows (国家级, 省级, 地市级, 区县级, 校级): a research output's 省部级
// is 省级, and its 市级 is 省级 in a 直辖市 (provincialLabel 市级), else 地市级.
func StaffLevel(a StaffAward, provincialLabel string) string {
	if !a.Research {
		return a.Level
	}
	switch a.Level {
	case "省部级":
		return "省级"
	case "市级":
		if provincialLabel == "市级" {
			return "省级"
		}
		return "地市级"
	}
	return a.Level
}

// AwardCount is one level × prize cell: Awards counted once each, and
// the teacher credits (a team award credits every member).
type AwardCount struct {
	Level, Prize     string
	Awards, Credited int
}

// CountAwards counts merged awards dated in the period by level (in the
// block's vocabulary) × prize, highest level first.
func CountAwards(merged []StaffAward, p Period, provincialLabel string) []AwardCount {
	idx := map[[2]string]int{}
	var out []AwardCount
	for _, a := range merged {
		if !p.Contains(a.Date) {
			continue
		}
		cell := [2]string{StaffLevel(a, provincialLabel), a.Prize}
		i, ok := idx[cell]
		if !ok {
			i = len(out)
			idx[cell] = i
			out = append(out, AwardCount{Level: cell[0], Prize: cell[1]})
		}
		out[i].Awards += weight(a.N)
		out[i].Credited += a.credited()
	}
	slices.SortStableFunc(out, func(x, y AwardCount) int {
		if c := rankIn(staffLevels, x.Level) - rankIn(staffLevels, y.Level); c != 0 {
			return c
		}
		return rankIn(staffPrizes, x.Prize) - rankIn(staffPrizes, y.Prize)
	})
	return out
}

var (
	staffLevels = []string{"国家级", "省级", "地市级", "区县级", "校级"}
	staffPrizes = []string{"特等奖", "一等奖", "二等奖", "三等奖", "优秀奖", "优胜奖"}
)

func rankIn(order []string, v string) int {
	if i := slices.Index(order, v); i >= 0 {
		return i
	}
	return len(order)
}
