package teacherdev

import (
	"math"
	"time"
)

// Fact is what the progress rules read of a development record.
// Dates are "2006-01-02".
type Fact struct {
	Kind                Kind
	StartsOn, EndsOn    string
	Hours, Days         float64
	Status              string
	EnterpriseConfirmed bool
	Level, ExpiresOn    string
}

// Teacher is what the rules need to know of a teacher besides the
// records: whether they are a 专业课教师 (they teach a course whose kind
// names 专业, see docs/teachers.md §3) and when they were hired
// ("" when not known, read as "before any window").
type Teacher struct {
	Professional bool
	HiredOn      string
}

// Status of a teacher against one requirement.
const (
	Met      = "met"      // 已达标
	OnTrack  = "on_track" // 进度正常
	AtRisk   = "at_risk"  // 一年内将落后
	Behind   = "behind"   // 已落后
	NotOwing = "n/a"      // 不适用 (practice for a teacher of general courses)
)

// StandingName is the Chinese name of a status.
func StandingName(s string) string {
	return map[string]string{Met: "已达标", OnTrack: "进度正常", AtRisk: "一年内将落后", Behind: "已落后", NotOwing: "不适用"}[s]
}

// Measure is a teacher's standing against one requirement. Done counts
// verified records only; Pending the self-reported ones still waiting.
type Measure struct {
	Target, Done, Pending float64
	Status                string
	// Needed is what is still owed (0 once met); PerYear what that means
	// per remaining year of the window.
	Needed, PerYear float64
	// From and Until are the window measured (Until is exclusive).
	From, Until time.Time
}

// Progress is a teacher's standing against every requirement at a day.
type Progress struct {
	Training Measure
	Practice Measure
	// NeedsFirstPractice flags a new 专业课教师 with no confirmed
	// enterprise practice (先实践后上岗).
	NeedsFirstPractice bool
}

// Worst is the most urgent of the two statuses, for sorting and filters.
func (p Progress) Worst() string {
	rank := map[string]int{Behind: 3, AtRisk: 2, OnTrack: 1}
	if rank[p.Practice.Status] > rank[p.Training.Status] {
		return p.Practice.Status
	}
	return p.Training.Status
}

const year = 365 * 24 * time.Hour

// Compute measures t with records recs against r on day at.
func Compute(r Requirements, t Teacher, recs []Fact, at time.Time) Progress {
	at = day(at)
	hired, hasHired := parseDay(t.HiredOn)
	p := Progress{Training: training(r, hired, hasHired, recs, at)}
	p.Practice = practice(r, t, hired, hasHired, recs, at)
	if t.Professional && hasHired && r.NewTeacherYears > 0 && hired.AddDate(r.NewTeacherYears, 0, 0).After(at) {
		p.NeedsFirstPractice = confirmedDays(recs, time.Time{}, at.AddDate(0, 0, 1)) == 0
	}
	return p
}

// training: verified 学时 inside the current cycle; a teacher hired
// mid-cycle owes the target in proportion to the part of the cycle they
// serve, measured from their hiring day.
func training(r Requirements, hired time.Time, hasHired bool, recs []Fact, at time.Time) Measure {
	start, end := r.Cycle(at)
	m := Measure{Target: r.CycleHours, From: start, Until: end}
	if hasHired && hired.After(start) {
		m.Target = round1(r.CycleHours * end.Sub(hired).Hours() / end.Sub(start).Hours())
		m.From = hired
	}
	for _, rec := range recs {
		if !rec.Kind.Training() || rec.Status == StatusRejected {
			continue
		}
		d, ok := parseDay(rec.EndsOn)
		if !ok || d.Before(start) || !d.Before(end) || d.After(at) {
			continue
		}
		if rec.Status == StatusVerified {
			m.Done += rec.Hours
		} else {
			m.Pending += rec.Hours
		}
	}
	pace(&m, at)
	return m
}

// practice: confirmed, verified 企业实践 days in the rolling window of the
// last PracticeYears years; a teacher hired inside the window is measured
// from their hiring day at an even pace, like the training cycle.
func practice(r Requirements, t Teacher, hired time.Time, hasHired bool, recs []Fact, at time.Time) Measure {
	until := at.AddDate(0, 0, 1)
	from := at.AddDate(-r.PracticeYears, 0, 1)
	m := Measure{Target: r.PracticeDays, From: from, Until: until, Status: NotOwing}
	m.Done = round1(confirmedDays(recs, from, until))
	m.Pending = round1(pendingDays(recs, from, until))
	if !t.Professional {
		return m
	}
	if hasHired && hired.After(from) {
		m.From, m.Until = hired, hired.AddDate(r.PracticeYears, 0, 0)
		pace(&m, at)
		return m
	}
	m.Needed = math.Max(0, round1(m.Target-m.Done))
	switch {
	case m.Done < m.Target:
		m.Status, m.PerYear = Behind, m.Needed
	case confirmedDays(recs, from.AddDate(1, 0, 0), until) < m.Target:
		// What leaves the window within a year brings the total under the
		// target: they will fall behind unless they practise again, as
		// many days as will be missing.
		m.Status = AtRisk
		m.Needed = round1(m.Target - confirmedDays(recs, from.AddDate(1, 0, 0), until))
		m.PerYear = m.Needed
	default:
		m.Status = Met
	}
	return m
}

// pace sets Status, Needed and PerYear of a measure over [From, Until)
// at day at. Behind: more than one year's share under the even pace.
// At risk: at the pace kept so far, behind within a year, or unable to
// finish in the time left when less than a year is left.
func pace(m *Measure, at time.Time) {
	m.Done = round1(m.Done)
	m.Needed = math.Max(0, round1(m.Target-m.Done))
	total := m.Until.Sub(m.From).Hours()
	elapsed := math.Max(0, at.AddDate(0, 0, 1).Sub(m.From).Hours())
	left := math.Max(0, total-elapsed)
	if left > 0 {
		m.PerYear = round1(m.Needed / (left / year.Hours()))
	} else {
		m.PerYear = m.Needed
	}
	if m.Done >= m.Target {
		m.Status = Met
		return
	}
	share := m.Target * year.Hours() / total
	expected := func(h float64) float64 { return m.Target * math.Min(1, h/total) }
	if left == 0 || m.Done < expected(elapsed)-share {
		m.Status = Behind
		return
	}
	rate := 0.0
	if elapsed > 0 {
		rate = m.Done / elapsed
	}
	ahead := math.Min(year.Hours(), left)
	projected := m.Done + rate*ahead
	if projected < expected(elapsed+ahead)-share || (left <= year.Hours() && projected < m.Target) {
		m.Status = AtRisk
		return
	}
	m.Status = OnTrack
}

// confirmedDays sums the verified, enterprise-confirmed practice days in
// [from, until); a period crossing an edge counts in proportion to its
// calendar days inside.
func confirmedDays(recs []Fact, from, until time.Time) float64 {
	return practiceDays(recs, from, until, func(r Fact) bool { return r.Status == StatusVerified && r.EnterpriseConfirmed })
}

func pendingDays(recs []Fact, from, until time.Time) float64 {
	return practiceDays(recs, from, until, func(r Fact) bool {
		return r.Status == StatusPending || (r.Status == StatusVerified && !r.EnterpriseConfirmed)
	})
}

func practiceDays(recs []Fact, from, until time.Time, counts func(Fact) bool) float64 {
	sum := 0.0
	for _, r := range recs {
		if r.Kind != KindEnterprise || !counts(r) {
			continue
		}
		s, ok1 := parseDay(r.StartsOn)
		e, ok2 := parseDay(r.EndsOn)
		if !ok1 || !ok2 || e.Before(s) {
			continue
		}
		e = e.AddDate(0, 0, 1)
		span := e.Sub(s).Hours()
		lo, hi := maxTime(s, from), minTime(e, until)
		if !hi.After(lo) {
			continue
		}
		days := r.Days
		if days <= 0 {
			days = span / 24
		}
		sum += days * hi.Sub(lo).Hours() / span
	}
	return sum
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
