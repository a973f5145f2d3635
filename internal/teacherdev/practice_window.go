package teacherdev

import "time"

// PracticeWindow is a teacher's verified, enterprise-confirmed practice
// read once, for the days in a rolling window to be summed on many days
// (the 数据画像's summaries follow a teacher's compliance day by day).
// It sums as confirmedDays does: a period crossing an edge counts in
// proportion to its calendar days inside.
type PracticeWindow struct {
	years int
	spans []practiceSpan
}

type practiceSpan struct {
	from, until time.Time // until exclusive
	days        float64
}

// NewPracticeWindow keeps the confirmed practice of recs for windows of
// the given years.
func NewPracticeWindow(recs []Fact, years int) PracticeWindow {
	w := PracticeWindow{years: years}
	for _, r := range recs {
		if r.Kind != KindEnterprise || r.Status != StatusVerified || !r.EnterpriseConfirmed {
			continue
		}
		s, ok1 := parseDay(r.StartsOn)
		e, ok2 := parseDay(r.EndsOn)
		if !ok1 || !ok2 || e.Before(s) {
			continue
		}
		days := r.Days
		if days <= 0 {
			days = e.AddDate(0, 0, 1).Sub(s).Hours() / 24
		}
		w.spans = append(w.spans, practiceSpan{s, e.AddDate(0, 0, 1), days})
	}
	return w
}

// Empty reports whether there is no confirmed practice at all.
func (w PracticeWindow) Empty() bool { return len(w.spans) == 0 }

// Span is the first day of practice and the last day any of it is still
// inside a window (the end of the last, plus the window's years).
func (w PracticeWindow) Span() (first, last time.Time) {
	for _, s := range w.spans {
		if first.IsZero() || s.from.Before(first) {
			first = s.from
		}
		if s.until.After(last) {
			last = s.until
		}
	}
	return first, last.AddDate(w.years, 0, 0)
}

// DaysTo is the practice days in the window of years to day at (at
// included), rounded to one decimal as the progress pages show them.
func (w PracticeWindow) DaysTo(at time.Time) float64 {
	at = day(at)
	from, until := at.AddDate(-w.years, 0, 1), at.AddDate(0, 0, 1)
	sum := 0.0
	for _, s := range w.spans {
		lo, hi := maxTime(s.from, from), minTime(s.until, until)
		if !hi.After(lo) {
			continue
		}
		sum += s.days * hi.Sub(lo).Hours() / s.until.Sub(s.from).Hours()
	}
	return round1(sum)
}

// PracticeDaysTo is NewPracticeWindow(recs, years).DaysTo(at): the figure
// the 数据画像's practice compliance compares with the six-month rule.
func PracticeDaysTo(recs []Fact, at time.Time, years int) float64 {
	return NewPracticeWindow(recs, years).DaysTo(at)
}
