package ui

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

// The period a KPI page covers: the last twelve months (the default), a
// 学年, a 学期 or custom dates, chosen with ?p=recent, ?p=y<year id>,
// ?p=t<term id> or ?p=custom&from=&to=. A 学年 runs from its
// first day to the day before the next year's first day, so the summer's
// graduate survey falls in the year the students graduated.

type periodChoice struct {
	Value, Label string
	Selected     bool
}

type kpiPeriod struct {
	Period   portrait.Period
	Label    string // "2025-2026学年", "2025-2026学年第二学期", "2026-01-01 至 2026-06-30"
	Choices  []periodChoice
	Custom   bool
	From, To string
	Query    template.URL // the period's query string, encoded, for links and exports
}

// schoolYearOf is the 学年 starting on start: one year less a day.
func schoolYearOf(start string) portrait.Period {
	t, err := time.Parse("2006-01-02", start)
	if err != nil {
		return portrait.Period{From: start}
	}
	return portrait.Period{From: start, To: t.AddDate(1, 0, -1).Format("2006-01-02")}
}

// calendarSchoolYear is the 学年 (1 September – 31 August) holding day.
func calendarSchoolYear(day string) (portrait.Period, string) {
	t, _ := time.Parse("2006-01-02", day)
	y := t.Year()
	if t.Month() < time.September {
		y--
	}
	from := time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	return schoolYearOf(from), itoa64(int64(y)) + "-" + itoa64(int64(y+1)) + "学年"
}

// periodOf reads the period of a request against the school's years and
// terms.
func (s *Server) periodOf(r *http.Request, schoolID int64) (kpiPeriod, error) {
	ctx := r.Context()
	years, err := s.st.AcademicYears(ctx, schoolID)
	if err != nil {
		return kpiPeriod{}, err
	}
	terms, err := s.st.Terms(ctx, schoolID)
	if err != nil {
		return kpiPeriod{}, err
	}
	q := r.URL.Query()
	want := q.Get("p")
	var kp kpiPeriod
	today := storage.Today()
	if want == "" {
		// The last twelve months: early in a 学年 its own figures are
		// mostly 无数据 (nobody has graduated yet), while the last year
		// holds the latest graduates, surveys and training.
		want = "recent"
	}
	{
		c := periodChoice{Value: "recent", Label: "近一年", Selected: want == "recent"}
		if c.Selected {
			kp.Period, kp.Label = recentYear(today), "近一年"
		}
		kp.Choices = append(kp.Choices, c)
	}
	for _, y := range years {
		v := "y" + itoa64(y.ID)
		c := periodChoice{Value: v, Label: y.Name + "学年", Selected: v == want}
		if c.Selected {
			kp.Period, kp.Label = schoolYearOf(y.StartDate), c.Label
		}
		kp.Choices = append(kp.Choices, c)
	}
	for _, t := range terms {
		v := "t" + itoa64(t.ID)
		c := periodChoice{Value: v, Label: t.Name(), Selected: v == want}
		if c.Selected {
			kp.Period, kp.Label = portrait.Period{From: t.StartDate, To: t.EndDate}, c.Label
		}
		kp.Choices = append(kp.Choices, c)
	}
	if want == "custom" || kp.Label == "" {
		kp.Custom = want == "custom"
		from, to := strings.TrimSpace(q.Get("from")), strings.TrimSpace(q.Get("to"))
		if _, ok := parseDay(from); !ok {
			from = ""
		}
		if _, ok := parseDay(to); !ok {
			to = ""
		}
		if kp.Custom && (from != "" || to != "") {
			kp.Period = portrait.Period{From: from, To: to}
			kp.Label = kp.Period.String()
		} else {
			kp.Period, kp.Label = calendarSchoolYear(today)
		}
		kp.From, kp.To = from, to
	}
	kp.Choices = append(kp.Choices, periodChoice{Value: "custom", Label: "自定义日期", Selected: kp.Custom})
	switch {
	case kp.Custom:
		kp.Query = template.URL(url.Values{"p": {"custom"}, "from": {kp.From}, "to": {kp.To}}.Encode())
	case want != "":
		kp.Query = template.URL(url.Values{"p": {want}}.Encode())
	}
	return kp, nil
}

// recentYear is 近一年: the twelve months ending today (YYYY-MM-DD).
func recentYear(today string) portrait.Period {
	t, _ := time.Parse("2006-01-02", today)
	return portrait.Period{From: t.AddDate(-1, 0, 1).Format("2006-01-02"), To: today}
}
