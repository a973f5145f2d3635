package ui

import (
	"net/http"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// checksBoardPage is the class board (班级量化公示栏): one day's results per
// class with the reasons of its deductions, the week's standings so far and
// its 流动红旗. Classes only: an entry's reason names no student.
type checksBoardPage struct {
	Day, Today, PrevDay, NextDay string
	State                        storage.CheckDayState
	Visible                      bool // the day's results may be shown to this user
	DayRows                      []gradeGroup
	Reasons                      map[int64][]storage.CheckEntry
	Week, WeekEnd                string
	WeekRows                     []gradeGroup
	WeekDays                     int
	Flags                        []storage.CheckFlag // the newest week's
	Recorder                     bool
	Mine                         []model.Class // a head teacher's own classes, linked to their pages
}

// checksBoard shows the board. Readers see published days only (the last
// published day by default); checkers and managers also see a day before
// it is published, marked as such.
func (s *Server) checksBoard(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	d := checksBoardPage{Today: today(), Recorder: s.authz.Can(u, "check:record")}
	d.Day = r.URL.Query().Get("day")
	if d.Day == "" || checkDayOf(r) != d.Day {
		latest, err := s.st.LatestCheckDay(ctx, school, d.Today)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Day = latest
		if d.Day == "" || d.Recorder {
			d.Day = d.Today
		}
	}
	var err error
	if d.State, err = s.st.CheckDay(ctx, school, d.Day); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Visible = d.State.Published || d.Recorder
	if d.Visible {
		ss, err := s.st.CheckDayPreview(ctx, school, d.Day)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.DayRows = byGrade(ss)
		es, err := s.st.CheckEntriesOfDay(ctx, school, d.Day)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Reasons = map[int64][]storage.CheckEntry{}
		for _, e := range es {
			d.Reasons[e.ClassID] = append(d.Reasons[e.ClassID], e)
		}
	}
	d.PrevDay, d.NextDay = shiftDay(d.Day, -1), shiftDay(d.Day, 1)
	d.Week, d.WeekEnd = conduct.WeekDays(conduct.WeekOf(d.Day))
	ws, days, err := s.st.CheckStandings(ctx, school, d.Week, d.WeekEnd)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.WeekRows, d.WeekDays = byGrade(ws), len(days)
	// The flags flying now: those of the newest week awarded up to this one.
	flags, err := s.st.CheckFlags(ctx, school, 0, shiftDay(d.Week, -35), d.Week)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, f := range flags {
		if f.Week == flags[0].Week {
			d.Flags = append(d.Flags, f)
		}
	}
	if d.Mine, err = s.ownClasses(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "checks_board", "班级量化", d)
}

// ownClasses are the classes the user heads (usually one), for the
// board's links to a head teacher's own class pages.
func (s *Server) ownClasses(r *http.Request) ([]model.Class, error) {
	ids, err := s.headedClasses(r)
	var out []model.Class
	for _, id := range ids {
		if err != nil {
			break
		}
		var c model.Class
		c, err = s.st.Class(r.Context(), schoolOf(r), id)
		out = append(out, c)
	}
	return out, err
}

// shiftDay is day moved by n days.
func shiftDay(day string, n int) string {
	t, ok := parseDay(day)
	if !ok {
		return day
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}
