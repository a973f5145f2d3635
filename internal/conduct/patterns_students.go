package conduct

import "time"

// StudentInput is what the trends of one student are computed from: the
// term's verified behaviour records, the thresholds crossed (their words)
// and the newest record the last talk saw (0 = no talk this term).
type StudentInput struct {
	StudentID      int64
	Records        []Record
	Alerts         []string
	LastTalkRecord int64
}

// Trend is one student's line on the head teacher's page.
type Trend struct {
	StudentID  int64     `json:"student_id"`
	Weekly     []int     `json:"weekly_negatives"` // the last weeks, oldest first
	Plus       int       `json:"positive_records"`
	Minus      int       `json:"negative_records"`
	Points     float64   `json:"points"`
	Categories []Totals  `json:"categories"`
	Patterns   []Pattern `json:"patterns"`
	Alerts     int       `json:"alerts"`
	NeedsTalk  []string  `json:"needs_talk,omitempty"` // why, when a talk is due
}

// Trends computes each student's line as of today over the last weeks.
func Trends(in []StudentInput, today time.Time, weeks int) []Trend {
	out := make([]Trend, len(in))
	for i, s := range in {
		t := Trend{StudentID: s.StudentID, Weekly: WeeklyNegatives(s.Records, today, weeks), Categories: ByCategory(s.Records),
			Patterns: Patterns(s.Records, today), Alerts: len(s.Alerts)}
		for _, r := range s.Records {
			if r.Negative() {
				t.Minus++
			} else {
				t.Plus++
			}
			t.Points += r.Points
		}
		t.NeedsTalk = NeedsTalk(s.Records, s.Alerts, t.Patterns, s.LastTalkRecord)
		out[i] = t
	}
	return out
}
