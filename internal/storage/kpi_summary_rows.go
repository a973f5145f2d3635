package storage

import (
	"slices"

	"zhijiao/internal/portrait"
)

// Kinds of summary rows (kpi_summaries.kind), one per kind of record the
// district view counts.
const (
	sumAward       = "award"  // a = level, b = prize (students'; teachers' are the 师资 block's)
	sumCert        = "cert"   // flag = passed
	sumHonour      = "honour" // a = category
	sumGraduate    = "grad"   // flag = certified
	sumDestination = "dest"   // a = kind, flag = relevant + 2 × first survey
	sumSurvey      = "survey" // flag = overall score
	sumTraining    = "train"  // n = person-times
)

var summaryCols = []string{"school_id", "grain", "day", "kind", "a", "b", "flag", "n"}

type summaryKey struct {
	day, kind, a, b string
	flag            int
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// summaryRows counts a school's records (read for all dates) by day and
// by month: the rows of kpi_summaries for that school. more adds rows
// that are not counted from the inputs (the 师资 block's).
func summaryRows(schoolID int64, in portrait.Inputs, more ...func(add func(summaryKey, int64))) [][]any {
	days := map[summaryKey]int64{}
	add := func(k summaryKey, n int64) { days[k] += n }
	for _, m := range more {
		m(add)
	}
	for _, a := range in.Awards {
		add(summaryKey{a.Date, sumAward, a.Level, a.Prize, 0}, 1)
	}
	for _, c := range in.Certificates {
		add(summaryKey{c.Date, sumCert, "", "", bit(c.Passed)}, 1)
	}
	for _, h := range in.Honours {
		add(summaryKey{h.Date, sumHonour, h.Kind, "", 0}, 1)
	}
	for _, g := range in.Graduates {
		add(summaryKey{g.GraduatedOn, sumGraduate, "", "", bit(g.Certified)}, 1)
	}
	for _, d := range in.Destinations {
		add(summaryKey{d.SurveyDate, sumDestination, d.Kind, "", bit(d.Relevant) + 2*bit(d.First)}, 1)
	}
	for _, a := range in.Survey {
		add(summaryKey{a.Date, sumSurvey, "", "", a.Score}, 1)
	}
	for _, t := range in.Training {
		if t.Trainees > 0 { // as the scan: a session without trainees adds nothing
			add(summaryKey{t.From, sumTraining, "", "", 0}, int64(t.Trainees))
		}
	}
	for _, o := range in.Research {
		add(researchSummaryKey(o), 1)
	}
	months := map[summaryKey]int64{}
	for k, n := range days {
		k.day = monthOf(k.day)
		months[k] += n
	}
	out := make([][]any, 0, len(days)+len(months))
	for grain, m := range map[string]map[summaryKey]int64{"d": days, "m": months} {
		for k, n := range m {
			if n == 0 {
				continue // changes that cancel out (the 师资 states) need no row
			}
			out = append(out, []any{schoolID, grain, k.day, k.kind, k.a, k.b, k.flag, n})
		}
	}
	// A fixed order keeps the inserts along the primary key.
	slices.SortFunc(out, func(x, y []any) int {
		for i := 1; i <= 6; i++ {
			if c := compareAny(x[i], y[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return out
}

func compareAny(x, y any) int {
	switch a := x.(type) {
	case string:
		b := y.(string)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
	case int:
		return a - y.(int)
	}
	return 0
}

// monthOf is the first day of a YYYY-MM-DD date's month, the day of its
// month row.
func monthOf(day string) string {
	if len(day) < 7 {
		return day
	}
	return day[:7] + "-01"
}

// addCounted adds a summary row to the inputs as one record standing for
// n (portrait's N), dated day (a date inside the period, which SQL has
// already applied): a row is one value, however many records it counts.
func addCounted(x *portrait.Inputs, kind, a, b string, flag int, n int, day string) {
	if n <= 0 {
		return
	}
	switch kind {
	case sumAward:
		x.Awards = append(x.Awards, portrait.Award{Level: a, Prize: b, Date: day, N: n})
	case sumCert:
		x.Certificates = append(x.Certificates, portrait.CertAttempt{Date: day, Passed: flag == 1, N: n})
	case sumHonour:
		x.Honours = append(x.Honours, portrait.Honour{Kind: a, Date: day, N: n})
	case sumGraduate:
		x.Graduates = append(x.Graduates, portrait.Graduate{GraduatedOn: day, Certified: flag == 1, N: n})
	case sumDestination:
		x.Destinations = append(x.Destinations, portrait.Destination{Kind: a, Relevant: flag&1 != 0, First: flag&2 != 0, SurveyDate: day, N: n})
	case sumSurvey:
		x.Survey = append(x.Survey, portrait.SurveyAnswer{Score: flag, Date: day, N: n})
	case sumTraining:
		x.Training = append(x.Training, portrait.TrainingSession{From: day, Trainees: n})
	case sumResearch:
		x.Research = append(x.Research, researchFromSummary(a, b, n, day))
	}
}
