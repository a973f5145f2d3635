package teacherdev

import (
	"encoding/json"
	"fmt"
	"time"
)

// Requirements are the rules a school measures its teachers against
// (docs/teachers.md §3). They are stored as JSON in
// development_settings.requirements; a missing row or a missing field
// means the default.
type Requirements struct {
	// CycleHours is the 学时 target of one five-year training cycle. The
	// default, 360, is the figure commonly used nationally for a teacher's
	// five-year (每五年一周期) in-service training.
	CycleHours float64 `json:"cycle_hours"`
	// CycleStartYear is the first year of a cycle (2021 for 2021–2025);
	// the cycles repeat every CycleYears years from it, both ways.
	CycleStartYear int `json:"cycle_start_year"`
	// CycleYears is the length of a cycle in years (5).
	CycleYears int `json:"cycle_years"`
	// PracticeDays is the enterprise practice a 专业课教师 owes in every
	// PracticeYears years: 《职业学校教师企业实践规定》(2016) asks for at
	// least six months in five years; six months are counted as 180 days.
	PracticeDays float64 `json:"practice_days"`
	// PracticeYears is the rolling window of the practice rule (5).
	PracticeYears int `json:"practice_years"`
	// NewTeacherYears: a 专业课教师 hired within this many years with no
	// confirmed enterprise practice at all is flagged (新教师先实践后上岗).
	// 0 turns the flag off.
	NewTeacherYears int `json:"new_teacher_years"`
}

// DefaultRequirements are the defaults documented in
// docs/teachers.md §3.
func DefaultRequirements() Requirements {
	return Requirements{CycleHours: 360, CycleStartYear: 2021, CycleYears: 5, PracticeDays: 180, PracticeYears: 5, NewTeacherYears: 2}
}

// ParseRequirements reads the stored JSON; "" gives the defaults and a
// field the JSON leaves out keeps its default.
func ParseRequirements(s string) (Requirements, error) {
	r := DefaultRequirements()
	if s == "" {
		return r, nil
	}
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return DefaultRequirements(), fmt.Errorf("要求设置不是有效的 JSON: %w", err)
	}
	return r, nil
}

// JSON is the stored form.
func (r Requirements) JSON() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// Problems lists what is wrong with r, in Chinese, one line per field;
// nil means r can be saved.
func (r Requirements) Problems() []string {
	var out []string
	if r.CycleHours <= 0 || r.CycleHours > 2000 {
		out = append(out, fmt.Sprintf("周期学时要求应在 1 至 2000 之间，现为 %g", r.CycleHours))
	}
	if r.CycleStartYear < 2000 || r.CycleStartYear > 2100 {
		out = append(out, fmt.Sprintf("周期起始年份应在 2000 至 2100 之间，现为 %d", r.CycleStartYear))
	}
	if r.CycleYears < 1 || r.CycleYears > 10 {
		out = append(out, fmt.Sprintf("周期年数应在 1 至 10 之间，现为 %d", r.CycleYears))
	}
	if r.PracticeDays < 0 || r.PracticeDays > 1000 {
		out = append(out, fmt.Sprintf("企业实践天数要求应在 0 至 1000 之间，现为 %g", r.PracticeDays))
	}
	if r.PracticeYears < 1 || r.PracticeYears > 10 {
		out = append(out, fmt.Sprintf("企业实践统计年数应在 1 至 10 之间，现为 %d", r.PracticeYears))
	}
	if r.NewTeacherYears < 0 || r.NewTeacherYears > 10 {
		out = append(out, fmt.Sprintf("新教师年限应在 0 至 10 之间，现为 %d", r.NewTeacherYears))
	}
	return out
}

// Cycle is the training cycle that holds day at: its first day and the
// day after its last (1 January of the year after).
func (r Requirements) Cycle(at time.Time) (start, end time.Time) {
	n := r.CycleYears
	if n < 1 {
		n = 5
	}
	k := at.Year() - r.CycleStartYear
	first := r.CycleStartYear + n*floorDiv(k, n)
	start = time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(n, 0, 0)
}

// CycleLabel names the cycle holding at, as "2026–2030".
func (r Requirements) CycleLabel(at time.Time) string {
	s, e := r.Cycle(at)
	return fmt.Sprintf("%d–%d", s.Year(), e.Year()-1)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
