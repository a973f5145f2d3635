package teacherdev

import "time"

// PracticeDaysTo is the verified, enterprise-confirmed practice days in
// the years to day at (at included), rounded to one decimal as the
// progress pages show them: the figure the 数据画像's practice compliance
// compares with the six-month rule.
func PracticeDaysTo(recs []Fact, at time.Time, years int) float64 {
	at = day(at)
	return round1(confirmedDays(recs, at.AddDate(-years, 0, 1), at.AddDate(0, 0, 1)))
}
