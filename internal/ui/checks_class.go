package ui

import (
	"net/http"
	"slices"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
)

// checksClassPage is one class's 量化 over four weeks: each published
// day's score with the reasons of its deductions, the trend, this week's
// ranks and the class's 流动红旗. What the head teacher follows; like the
// board, it names no student.
type checksClassPage struct {
	Class     storage.CheckFlag // ClassID, ClassName, Grade
	From, To  string
	Days      []checkClassDay // oldest first, for the trend
	Recent    []checkClassDay // newest first, for the table
	Min, Max  float64
	Week      *conduct.Standing
	WeekCount int
	Flags     []storage.CheckFlag
}

// checkClassDay is a class's published day: its score and entries, and
// the bar's height on the trend (percent).
type checkClassDay struct {
	Day     string
	Date    time.Time
	Score   float64
	Bar     int
	Entries []storage.CheckEntry
}

// checksClass shows /checks/classes/{id}?day=: the four weeks up to day.
func (s *Server) checksClass(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	c, err := s.st.Class(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	d := checksClassPage{Class: storage.CheckFlag{ClassID: c.ID, ClassName: c.Name, Grade: c.EntryYear}, To: checkDayOf(r)}
	d.From = conduct.WeekOf(shiftDay(d.To, -21))
	if err := s.checkClassDays(r, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	ws, days, err := s.st.CheckStandings(ctx, school, conduct.WeekOf(d.To), d.To)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.WeekCount = len(days)
	for i := range ws {
		if ws[i].ID == c.ID {
			d.Week = &ws[i]
		}
	}
	if d.Flags, err = s.st.CheckFlags(ctx, school, c.ID, "0000-01-01", d.To); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "checks_class", c.Name, d)
}

// checkClassDays scores the class on each published day of the period
// from its confirmed entries, with the school's base and item caps.
func (s *Server) checkClassDays(r *http.Request, d *checksClassPage) error {
	ctx, school := r.Context(), schoolOf(r)
	days, err := s.st.PublishedCheckDays(ctx, school, d.From, d.To)
	if err != nil {
		return err
	}
	es, err := s.st.CheckEntriesOfClass(ctx, school, d.Class.ClassID, d.From, d.To)
	if err != nil {
		return err
	}
	set, err := s.st.CheckSettingsOf(ctx, school)
	if err != nil {
		return err
	}
	items, err := s.st.CheckItems(ctx, school, false)
	if err != nil {
		return err
	}
	caps := map[int64]float64{}
	for _, it := range items {
		caps[it.ID] = it.MaxDaily
	}
	byDay := map[string][]storage.CheckEntry{}
	for _, e := range es {
		if e.Confirmed {
			byDay[e.Day] = append(byDay[e.Day], e)
		}
	}
	d.Min, d.Max = set.BaseScore, set.BaseScore
	for _, day := range days {
		var ce []conduct.CheckEntry
		for _, e := range byDay[day] {
			ce = append(ce, conduct.CheckEntry{Day: day, ItemID: e.ItemID, ClassID: e.ClassID, Points: e.Points})
		}
		score := conduct.DayScores(set.BaseScore, caps, []int64{d.Class.ClassID}, ce)[d.Class.ClassID]
		d.Min, d.Max = min(d.Min, score), max(d.Max, score)
		t, _ := parseDay(day)
		d.Days = append(d.Days, checkClassDay{Day: day, Date: t, Score: score, Entries: byDay[day]})
	}
	// Bars start a little below the lowest score, so small differences show.
	floor := d.Min - 1
	for i := range d.Days {
		d.Days[i].Bar = int(10 + 90*(d.Days[i].Score-floor)/(d.Max-floor))
	}
	d.Recent = slices.Clone(d.Days)
	slices.Reverse(d.Recent)
	return nil
}
