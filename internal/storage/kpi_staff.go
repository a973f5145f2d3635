package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"zhijiao/internal/portrait"
	"zhijiao/internal/teacherdev"
)

// The 师资 block of the 数据画像 (docs/kpi.md, docs/teachers.md §4) reads
// the active teachers with whether they teach 专业课, their 双师型
// recognitions and confirmed enterprise practice, verified training hours,
// the studios and the teaching-ability awards of both sources. Teachers,
// recognitions, practice and studios are read for all dates (they are
// states on the period's last day); hours and awards for the period.

// staffEntities are the audited entities whose changes the block reads:
// records, recognitions, studios, and the teachers with their courses
// (which say who teaches 专业课). audit marks the school's summaries behind.
var staffEntities = map[string]bool{"development_record": true, "dual_recognition": true, "studio": true,
	"teacher": true, "teaching_assignment": true, "course": true}

// staffHistory is one school's 师资 records as read.
type staffHistory struct {
	teachers     []portrait.StaffTeacher // ID, Name, Professional
	recognitions map[int64][]portrait.Recognition
	practice     map[int64][]teacherdev.Fact
	hours        []portrait.StaffHours
	studios      []staffStudio
	outputs, old []portrait.StaffAward
}

// staffRead is one query of readStaff and what to do with each row.
type staffRead struct {
	query string
	args  []any
	scan  func(*sql.Rows) error
}

type staffStudio struct {
	id                  int64
	level, from, closed string
}

// open: founded on or before day and not closed by then.
func (st staffStudio) open(day string) bool {
	return st.from <= day && (st.closed == "" || st.closed > day)
}

// staffDay is the day the block's states are read on: the period's last
// day, or today for a period without an end.
func staffDay(p portrait.Period) string {
	if p.To != "" {
		return p.To
	}
	return Today()
}

// staffActive is the WHERE on the active teachers of the schools.
func staffActive(schoolIDs []int64) *where {
	w := schoolsWhere("t.school_id", schoolIDs)
	w.add("t.active = ?", true)
	return w
}

// readStaff reads the schools' 师资 records: hours and awards of the
// period p (all for a zero period), the rest for all dates.
func readStaff(ctx context.Context, q querier, schoolIDs []int64, p portrait.Period) (map[int64]*staffHistory, error) {
	out := make(map[int64]*staffHistory, len(schoolIDs))
	for _, id := range schoolIDs {
		out[id] = &staffHistory{recognitions: map[int64][]portrait.Recognition{}, practice: map[int64][]teacherdev.Fact{}}
	}
	of := func(id int64) *staffHistory {
		if h := out[id]; h != nil {
			return h
		}
		return &staffHistory{recognitions: map[int64][]portrait.Recognition{}, practice: map[int64][]teacherdev.Fact{}}
	}
	w := staffActive(schoolIDs)
	reads := []staffRead{
		{`SELECT t.school_id, t.id, t.name, ` + professionalSQL + ` FROM teachers t` + w.sql() + ` ORDER BY t.school_id, t.id`, w.args, func(r *sql.Rows) error {
			var school int64
			var t portrait.StaffTeacher
			if err := r.Scan(&school, &t.ID, &t.Name, &t.Professional); err != nil {
				return err
			}
			h := of(school)
			h.teachers = append(h.teachers, t)
			return nil
		}},
		{`SELECT g.school_id, g.teacher_id, g.recognised_on, g.revoked_on FROM dual_teacher_recognitions g
			JOIN teachers t ON t.school_id = g.school_id AND t.id = g.teacher_id` + w.sql() + ` ORDER BY g.id`, w.args, func(r *sql.Rows) error {
			var school int64
			var g portrait.Recognition
			if err := r.Scan(&school, &g.TeacherID, &g.On, &g.RevokedOn); err != nil {
				return err
			}
			h := of(school)
			h.recognitions[g.TeacherID] = append(h.recognitions[g.TeacherID], g)
			return nil
		}},
		{`SELECT r.school_id, r.teacher_id, r.starts_on, r.ends_on, r.days FROM development_records r
			JOIN teachers t ON t.school_id = r.school_id AND t.id = r.teacher_id` + w.sql() + `
			AND r.kind = 'enterprise' AND r.status = 'verified' AND r.enterprise_confirmed AND NOT r.deleted ORDER BY r.id`, w.args, func(r *sql.Rows) error {
			var school, teacher int64
			f := teacherdev.Fact{Kind: teacherdev.KindEnterprise, Status: teacherdev.StatusVerified, EnterpriseConfirmed: true}
			if err := r.Scan(&school, &teacher, &f.StartsOn, &f.EndsOn, &f.Days); err != nil {
				return err
			}
			h := of(school)
			h.practice[teacher] = append(h.practice[teacher], f)
			return nil
		}},
	}
	hw := staffActive(schoolIDs)
	hw.conds = append(hw.conds, "r.kind NOT IN ('enterprise', 'certificate')", "r.status = 'verified'", "NOT r.deleted")
	periodWhere(hw, "r.ends_on", p)
	reads = append(reads, staffRead{`SELECT r.school_id, r.id, r.ends_on, r.hours FROM development_records r
		JOIN teachers t ON t.school_id = r.school_id AND t.id = r.teacher_id` + hw.sql() + ` ORDER BY r.id`, hw.args, func(r *sql.Rows) error {
		var school int64
		var x portrait.StaffHours
		var hours float64
		if err := r.Scan(&school, &x.ID, &x.Date, &hours); err != nil {
			return err
		}
		// Hundredths of an hour, as the summaries keep them, so the two
		// paths add up the same integers.
		x.Hundredths = int64(math.Round(hours * 100))
		h := of(school)
		h.hours = append(h.hours, x)
		return nil
	}})
	sw := schoolsWhere("school_id", schoolIDs)
	reads = append(reads, staffRead{`SELECT school_id, id, level, founded_on, closed_on FROM studios` + sw.sql() + ` ORDER BY id`, sw.args, func(r *sql.Rows) error {
		var school int64
		var st staffStudio
		if err := r.Scan(&school, &st.id, &st.level, &st.from, &st.closed); err != nil {
			return err
		}
		h := of(school)
		h.studios = append(h.studios, st)
		return nil
	}})
	ow := schoolsWhere("o.school_id", schoolIDs)
	ow.conds = append(ow.conds, "o.kind = 'competition'", "o.status = 'verified'", "NOT o.deleted")
	periodWhere(ow, "o.dated_on", p)
	reads = append(reads, staffRead{`SELECT o.school_id, o.id, o.title, o.level, o.grade, o.dated_on, COALESCE(c.teacher_id, 0) FROM research_outputs o
		LEFT JOIN research_contributors c ON c.school_id = o.school_id AND c.output_id = o.id AND c.teacher_id IS NOT NULL` + ow.sql() + `
		ORDER BY o.id, c.position`, ow.args, func(r *sql.Rows) error {
		var school, teacher int64
		var a portrait.StaffAward
		if err := r.Scan(&school, &a.OutputID, &a.Title, &a.Level, &a.Prize, &a.Date, &teacher); err != nil {
			return err
		}
		a.Research = true
		h := of(school)
		if n := len(h.outputs); n > 0 && h.outputs[n-1].OutputID == a.OutputID {
			if teacher != 0 {
				h.outputs[n-1].Teachers = append(h.outputs[n-1].Teachers, teacher)
			}
			return nil
		}
		if teacher != 0 {
			a.Teachers = []int64{teacher}
		}
		h.outputs = append(h.outputs, a)
		return nil
	}})
	aw := schoolsWhere("school_id", schoolIDs)
	periodWhere(aw, "awarded_on", p)
	reads = append(reads, staffRead{`SELECT school_id, id, title, level, prize, awarded_on, teacher_id FROM teacher_awards` + aw.sql() + ` ORDER BY id`, aw.args, func(r *sql.Rows) error {
		var school, id, teacher int64
		var a portrait.StaffAward
		if err := r.Scan(&school, &id, &a.Title, &a.Level, &a.Prize, &a.Date, &teacher); err != nil {
			return err
		}
		a.OldIDs, a.Teachers = []int64{id}, []int64{teacher}
		h := of(school)
		h.old = append(h.old, a)
		return nil
	}})
	for _, rd := range reads {
		if err := scanAll(ctx, q, rd.query, rd.args, rd.scan); err != nil {
			return nil, fmt.Errorf("师资: %w", err)
		}
	}
	return out, nil
}

// at is the block's inputs on day: each teacher's state then, the studios
// open then, and the period's hours and merged awards as read.
func (h *staffHistory) at(day string) portrait.Staff {
	d, _ := time.Parse("2006-01-02", day)
	var st portrait.Staff
	for _, t := range h.teachers {
		t.Dual = portrait.HoldsRecognition(h.recognitions[t.ID], day)
		t.PracticeDays = teacherdev.PracticeDaysTo(h.practice[t.ID], d, portrait.DualPracticeYears)
		st.Teachers = append(st.Teachers, t)
	}
	for _, s := range h.studios {
		if s.open(day) {
			st.Studios = append(st.Studios, portrait.StaffStudio{ID: s.id, Level: s.level})
		}
	}
	st.Hours = h.hours
	st.Awards = portrait.MergeAwards(h.outputs, h.old)
	return st
}

// kpiStaff reads the school's 师资 block inputs for the period.
func (s *Storage) kpiStaff(ctx context.Context, schoolID int64, p portrait.Period) (portrait.Staff, error) {
	by, err := readStaff(ctx, s.db, []int64{schoolID}, p)
	if err != nil {
		return portrait.Staff{}, err
	}
	return by[schoolID].at(staffDay(p)), nil
}

// staffKPIRead is the district view's reference read of the block.
func staffKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		by, err := readStaff(ctx, q, schoolIDs, p)
		if err != nil {
			return fmt.Errorf("KPIInputsBySchool staff: %w", err)
		}
		day := staffDay(p)
		for id, h := range by {
			in(id).Staff = h.at(day)
		}
		return nil
	}
}
