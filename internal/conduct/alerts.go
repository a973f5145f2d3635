// The pure rules of 德育 (docs/conduct.md): here,
// when a student's negative behaviour records cross a school's threshold
// (alerts.go) and what a head teacher should notice in a student's records
// (patterns.go). No SQL, no HTTP.

package conduct

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// DayLayout is how a record's date is written (occurred_on).
const DayLayout = "2006-01-02"

// Rule is a school's threshold (提醒规则): Count negative records within
// Days days, of one Category ("" = any), tells the parents and/or the
// head teacher. ID 0 is the built-in default a school has until it saves
// rules of its own.
type Rule struct {
	ID              int64  `json:"id"`
	Count           int    `json:"count"`
	Days            int    `json:"days"`
	Category        string `json:"category,omitempty"`
	TellParents     bool   `json:"tell_parents"`
	TellHeadTeacher bool   `json:"tell_head_teacher"`
}

// DefaultRule is 3 negative records within 30 days, any category, telling
// both: the figure the issue asks for and the one schools start with.
var DefaultRule = Rule{Count: 3, Days: 30, TellParents: true, TellHeadTeacher: true}

// Limits of a rule, so a typo cannot make every record an alert or none.
const (
	MaxCount = 20
	MaxDays  = 180
)

// Check says in Chinese what is wrong with a rule, or "".
func (r Rule) Check() string {
	switch {
	case r.Count < 2 || r.Count > MaxCount:
		return fmt.Sprintf("次数须在 2–%d 之间", MaxCount)
	case r.Days < 1 || r.Days > MaxDays:
		return fmt.Sprintf("天数须在 1–%d 之间", MaxDays)
	case !r.TellParents && !r.TellHeadTeacher:
		return "请至少选择通知家长或班主任之一"
	}
	return ""
}

// Text is the rule in plain Chinese: "30 天内 3 次扣分（守时守纪）".
func (r Rule) Text() string {
	s := fmt.Sprintf("%d 天内 %d 次扣分", r.Days, r.Count)
	if r.Category != "" {
		s += "（" + r.Category + "）"
	}
	return s
}

// Record is one verified behaviour record (写实记录 of kind behaviour):
// Points is signed, negative a deduction.
type Record struct {
	ID        int64   `json:"id"`
	StudentID int64   `json:"student_id"`
	Title     string  `json:"title"`
	Category  string  `json:"category"`
	Points    float64 `json:"points"`
	Date      string  `json:"date"` // YYYY-MM-DD
}

// Negative reports a deduction.
func (r Record) Negative() bool { return r.Points < 0 }

// Marker is where the last alert of a student and rule ended: records at
// or before it have been told already. The zero Marker is "never told".
type Marker struct {
	Date     string
	RecordID int64
}

// after reports whether the record came after the marker, by date and
// then by id (two records of one day keep the order they were written).
func (m Marker) after(r Record) bool {
	if r.Date != m.Date {
		return r.Date > m.Date
	}
	return r.ID > m.RecordID
}

// Crossing is one student crossing one rule: Count negative records from
// From to To (the day of the record that crossed), the last LastRecordID.
type Crossing struct {
	StudentID    int64
	Rule         Rule
	From, To     string
	Count        int
	LastRecordID int64
}

// Key identifies whose marker a crossing moves.
type Key struct{ StudentID, RuleID int64 }

// Crossings finds, for each student and rule, the first crossing after
// the last one told (markers): the earliest record that makes Count
// negative records within Days days, counting only records after the
// marker, so the same crossing is never told twice and a fresh run of
// records is. A crossing whose last record is older than the rule's
// period before today is history, not news: it is passed over as if told
// (a school that turns the rule on is not flooded with last year).
func Crossings(rules []Rule, recs []Record, markers map[Key]Marker, today time.Time) []Crossing {
	by := map[int64][]Record{}
	for _, r := range recs {
		if r.Negative() {
			by[r.StudentID] = append(by[r.StudentID], r)
		}
	}
	students := make([]int64, 0, len(by))
	for id, rs := range by {
		students = append(students, id)
		slices.SortFunc(rs, func(a, b Record) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	}
	slices.Sort(students)
	var out []Crossing
	for _, id := range students {
		for _, rule := range rules {
			if c, ok := firstCrossing(rule, by[id], markers[Key{id, rule.ID}], today); ok {
				c.StudentID = id
				out = append(out, c)
			}
		}
	}
	return out
}

// firstCrossing scans one student's negatives (sorted) for one rule.
func firstCrossing(rule Rule, rs []Record, m Marker, today time.Time) (Crossing, bool) {
	var win []Record
	for _, r := range rs {
		if (rule.Category != "" && r.Category != rule.Category) || !m.after(r) {
			continue
		}
		day, err := time.Parse(DayLayout, r.Date)
		if err != nil {
			continue
		}
		from := day.AddDate(0, 0, -(rule.Days - 1)).Format(DayLayout)
		win = append(win, r)
		for len(win) > 0 && win[0].Date < from {
			win = win[1:]
		}
		if len(win) < rule.Count {
			continue
		}
		if today.Sub(day) >= time.Duration(rule.Days)*24*time.Hour {
			win = nil // old news: counted as told, look for a fresh run
			continue
		}
		return Crossing{Rule: rule, From: win[0].Date, To: r.Date, Count: len(win), LastRecordID: r.ID}, true
	}
	return Crossing{}, false
}

// Effective are the rules in force: the school's own, or the default
// while it has saved none.
func Effective(saved []Rule) []Rule {
	if len(saved) == 0 {
		return []Rule{DefaultRule}
	}
	return saved
}

// Lookback is how far back a check must read records: the longest period
// of the rules.
func Lookback(rules []Rule) int {
	n := 1
	for _, r := range rules {
		n = max(n, r.Days)
	}
	return n
}

// Signed writes points with their sign, as records are read: "+2", "-1".
func Signed(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if x >= 0 {
		return "+" + s
	}
	return s
}

// PointsText is the record's points with their sign.
func (r Record) PointsText() string { return Signed(r.Points) }

// Day parses a YYYY-MM-DD day, the zero time when it is not one.
func Day(s string) time.Time {
	d, _ := time.Parse(DayLayout, s)
	return d
}
