package ui

import (
	"net/http"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
)

// checksRankingsPage is the weekly or monthly ranking from published days,
// within each grade and school-wide, and the 流动红旗 of the period.
type checksRankingsPage struct {
	Period        string // week or month
	Day, From, To string
	Prev, Next    string
	Days          []string
	School        []conduct.Standing
	Grades        []gradeGroup
	Flags         []storage.CheckFlag
	Manager       bool
	PerGrade      int
}

// checksRankings shows /checks/rankings?period=week|month&day=.
func (s *Server) checksRankings(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	d := checksRankingsPage{Period: r.URL.Query().Get("period"), Day: checkDayOf(r), Manager: s.authz.Can(userOf(r), "check:manage")}
	if d.Period == "month" {
		d.From, d.To = conduct.MonthDays(d.Day)
		d.Prev, d.Next = shiftDay(d.From, -1), shiftDay(d.To, 1)
	} else {
		d.Period = "week"
		d.From, d.To = conduct.WeekDays(conduct.WeekOf(d.Day))
		d.Prev, d.Next = shiftDay(d.From, -7), shiftDay(d.From, 7)
	}
	var err error
	if d.School, d.Days, err = s.st.CheckStandings(ctx, school, d.From, d.To); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Grades = byGrade(d.School)
	// A week's flags are dated its Monday: a month shows the weeks that
	// start in it.
	if d.Flags, err = s.st.CheckFlags(ctx, school, 0, conduct.WeekOf(d.From), d.To); err != nil {
		s.serverError(w, r, err)
		return
	}
	set, err := s.st.CheckSettingsOf(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.PerGrade = set.FlagsPerGrade
	s.render(w, r, http.StatusOK, "checks_rankings", "排名与流动红旗", d)
}
