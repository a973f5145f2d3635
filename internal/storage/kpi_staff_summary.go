package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhijiao/internal/portrait"
	"zhijiao/internal/teacherdev"
)

// The 师资 block in the district summaries. Hours and awards are sums by
// day like the other records. The three states on a period's last day
// (a teacher's 双师型 and practice compliance, a studio open) are not sums
// of the period's days, so they are kept as changes: a row +1 on the day
// a teacher enters a state and −1 on the day they leave it, and the state
// on day D is the sum of the rows up to D. A teacher's compliance moves
// with the five-year window, so it is followed day by day over the span
// where it can change (from their first practice to five years after the
// last); both paths sum through teacherdev.PracticeWindow, so the sums
// equal the scan.

const (
	sumStaffTeacher = "staff_t" // flag = state bits (staffDual, staffProfessional, staffCompliant), n = ±1
	sumStaffStudio  = "staff_s" // a = level, n = ±1
	sumStaffHours   = "staff_h" // n = hundredths of an hour
	sumStaffAward   = "staff_a" // a = level (researchLevelTag first for a research output's level), b = prize; flag 0: awards, 1: credits
)

const (
	staffDual         = 1
	staffProfessional = 2
	staffCompliant    = 4
)

// researchLevelTag marks a level in the research vocabulary (省部级, 市级).
const researchLevelTag = "r:"

// staffBeginning is the day of a state every teacher starts in.
const staffBeginning = "0001-01-01"

func staffState(t portrait.StaffTeacher) int {
	s := 0
	if t.Dual {
		s |= staffDual
	}
	if t.Professional {
		s |= staffProfessional
	}
	if t.Compliant() {
		s |= staffCompliant
	}
	return s
}

// summary adds the school's 师资 rows to days (the history must have been
// read for all dates).
func (h *staffHistory) summary(add func(summaryKey, int64)) {
	for _, t := range h.teachers {
		w := teacherdev.NewPracticeWindow(h.practice[t.ID], portrait.DualPracticeYears)
		prev := -1
		for _, d := range h.changeDays(t, w) {
			day := d.Format("2006-01-02")
			st := t
			st.Dual = portrait.HoldsRecognition(h.recognitions[t.ID], day)
			if t.Professional {
				st.PracticeDays = w.DaysTo(d)
			}
			if s := staffState(st); s != prev {
				if prev >= 0 {
					add(summaryKey{day, sumStaffTeacher, "", "", prev}, -1)
				}
				add(summaryKey{day, sumStaffTeacher, "", "", s}, 1)
				prev = s
			}
		}
	}
	for _, s := range h.studios {
		if s.closed != "" && s.closed <= s.from {
			continue // never open
		}
		add(summaryKey{s.from, sumStaffStudio, s.level, "", 0}, 1)
		if s.closed != "" {
			add(summaryKey{s.closed, sumStaffStudio, s.level, "", 0}, -1)
		}
	}
	for _, x := range h.hours {
		add(summaryKey{x.Date, sumStaffHours, "", "", 0}, x.Hundredths)
	}
	for _, a := range portrait.MergeAwards(h.outputs, h.old) {
		level := a.Level
		if a.Research {
			level = researchLevelTag + level
		}
		add(summaryKey{a.Date, sumStaffAward, level, a.Prize, 0}, 1)
		add(summaryKey{a.Date, sumStaffAward, level, a.Prize, 1}, int64(len(a.Teachers)))
	}
}

// changeDays are the days a teacher's state may change, in order: the
// beginning, each recognition and revocation, and, for a 专业课 teacher,
// every day from their first confirmed practice to the last day any of it
// is inside a five-year window, and the day after.
func (h *staffHistory) changeDays(t portrait.StaffTeacher, w teacherdev.PracticeWindow) []time.Time {
	var days []time.Time
	add := func(s string) {
		if d, err := time.Parse("2006-01-02", s); err == nil {
			days = append(days, d)
		}
	}
	add(staffBeginning)
	for _, g := range h.recognitions[t.ID] {
		add(g.On)
		if g.RevokedOn != "" {
			add(g.RevokedOn)
		}
	}
	if t.Professional && !w.Empty() {
		first, last := w.Span()
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			days = append(days, d)
		}
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(days, func(a, b time.Time) bool { return a.Equal(b) })
}

// sumStaff adds up the schools' 师资 rows: the states up to the period's
// last day, hours and awards in the period.
func (s *Storage) sumStaff(ctx context.Context, schoolIDs []int64, p portrait.Period, out map[int64]*portrait.Inputs) error {
	day := groupDate(p)
	type cell struct {
		school int64
		a, b   string
	}
	awards := map[cell]*portrait.StaffAward{}
	var order []cell
	read := func(kinds string, per portrait.Period) error {
		w := schoolsWhere("school_id", schoolIDs)
		w.conds = append(w.conds, "kind IN ("+kinds+")", summaryPeriod(w, per))
		return scanAll(ctx, s.db, `SELECT school_id, kind, a, b, flag, CAST(SUM(n) AS BIGINT) FROM kpi_summaries`+w.sql()+`
			GROUP BY school_id, kind, a, b, flag`, w.args, func(r *sql.Rows) error {
			var school, n int64
			var kind, a, b string
			var flag int
			if err := r.Scan(&school, &kind, &a, &b, &flag, &n); err != nil {
				return err
			}
			x := out[school]
			if x == nil || n == 0 {
				return nil
			}
			st := &x.Staff
			switch kind {
			case sumStaffTeacher:
				t := portrait.StaffTeacher{Dual: flag&staffDual != 0, Professional: flag&staffProfessional != 0, N: int(n)}
				if flag&staffCompliant != 0 {
					t.PracticeDays = portrait.DualPracticeDays
				}
				st.Teachers = append(st.Teachers, t)
			case sumStaffStudio:
				st.Studios = append(st.Studios, portrait.StaffStudio{Level: a, N: int(n)})
			case sumStaffHours:
				st.Hours = append(st.Hours, portrait.StaffHours{Date: day, Hundredths: n})
			case sumStaffAward:
				c := cell{school, a, b}
				aw := awards[c]
				if aw == nil {
					level, research := strings.CutPrefix(a, researchLevelTag)
					aw = &portrait.StaffAward{Level: level, Research: research, Prize: b, Date: day}
					awards[c] = aw
					order = append(order, c)
				}
				if flag == 1 {
					aw.Credits += int(n)
				} else {
					aw.N += int(n)
				}
			}
			return nil
		})
	}
	if err := read("'"+sumStaffTeacher+"', '"+sumStaffStudio+"'", portrait.Period{To: staffDay(p)}); err != nil {
		return fmt.Errorf("KPISummaryInputs 师资: %w", err)
	}
	if err := read("'"+sumStaffHours+"', '"+sumStaffAward+"'", p); err != nil {
		return fmt.Errorf("KPISummaryInputs 师资: %w", err)
	}
	for _, c := range order {
		if aw := awards[c]; aw.N > 0 {
			out[c.school].Staff.Awards = append(out[c.school].Staff.Awards, *aw)
		}
	}
	return nil
}
