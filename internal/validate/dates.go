package validate

import (
	"fmt"
	"time"
)

// DateRange is the span a kind of date may fall in: from a fixed earliest
// day to a number of days after today. A typo such as 1900-01-01 for a
// 学籍 change was accepted and then skewed every count by term; the ranges
// are listed in docs/api.md.
type DateRange struct {
	Label string
	From  string // earliest day, YYYY-MM-DD
	Ahead int    // days after today still allowed
}

var (
	// BirthDates: students and staff alike; nobody is born in the future.
	BirthDates = DateRange{Label: "出生日期", From: "1940-01-01", Ahead: 0}
	// ChangeDates: 学籍 changes (休学, 退学, 转出, 毕业 …) may be recorded up
	// to a year ahead, for a planned graduation.
	ChangeDates = DateRange{Label: "学籍变动日期", From: "2000-01-01", Ahead: 366}
	// EvidenceDates: a 写实记录 happened, so at most today (a day's grace
	// for time zones).
	EvidenceDates = DateRange{Label: "日期", From: "2000-01-01", Ahead: 1}
)

// Check returns why s is not a date in the range, or "".
func (d DateRange) Check(s string) string {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return d.Label + "应为 YYYY-MM-DD 格式的有效日期"
	}
	latest := time.Now().AddDate(0, 0, d.Ahead).Format("2006-01-02")
	if s < d.From || s > latest {
		return fmt.Sprintf("%s应在 %s 到 %s 之间", d.Label, d.From, latest)
	}
	return ""
}

// HireDates: 入职日期, the day a teacher joined the school; not in the
// future (a teacher not yet arrived is not on the staff list).
var HireDates = DateRange{Label: "入职日期", From: "1950-01-01", Ahead: 0}
