package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"zhijiao/internal/portrait"
	"zhijiao/internal/teacherdev"
)

// The drill-downs of the 师资 block: the teachers, records, studios and
// awards behind each figure, with the state that counted on the period's
// last day. Built in Go from the same read as the figure, because a state
// (practice days in a moving window) is not a column.

// staffRecords lists what the 师资 KPI key counted; ids are its Records.
func (s *Storage) staffRecords(ctx context.Context, schoolID int64, key string, p portrait.Period, ids []int64) ([]KPIRecord, error) {
	keep := make(map[int64]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	// Hours and studios are rows of their own; the others need the states.
	switch key {
	case "staff_training_hours":
		return s.staffHourRecords(ctx, schoolID, keep)
	case "staff_studios":
		return s.staffStudioRecords(ctx, schoolID, keep)
	}
	by, err := readStaff(ctx, s.db, []int64{schoolID}, p)
	if err != nil {
		return nil, err
	}
	h, day := by[schoolID], staffDay(p)
	st := h.at(day)
	names := map[int64]string{}
	for _, t := range st.Teachers {
		names[t.ID] = t.Name
	}
	teacher := func(id int64) (string, string) {
		return names[id], fmt.Sprintf("/teachers/%d/portrait", id)
	}
	var out []KPIRecord
	switch key {
	case "staff_dual_share":
		levels, err := s.recognitionsOn(ctx, schoolID, day)
		if err != nil {
			return nil, err
		}
		for _, t := range st.Teachers {
			r := KPIRecord{ID: t.ID, Title: "未认定"}
			r.Who, r.WhoLink = teacher(t.ID)
			if g, ok := levels[t.ID]; ok && t.Dual {
				r.Title, r.Detail, r.Date = "双师型 "+g.Level, g.Basis, g.RecognisedOn
			}
			out = append(out, r)
		}
	case "staff_practice_compliance":
		for _, t := range st.Teachers {
			if !t.Professional {
				continue
			}
			r := KPIRecord{ID: t.ID, Title: fmt.Sprintf("企业实践 %.1f 天", t.PracticeDays), Date: day, Link: "/development/progress"}
			r.Who, r.WhoLink = teacher(t.ID)
			r.Detail = "已达标"
			if !t.Compliant() {
				r.Detail = fmt.Sprintf("未达标，差 %.1f 天", portrait.DualPracticeDays-t.PracticeDays)
			}
			out = append(out, r)
		}
	case "staff_ability_awards":
		for _, a := range st.Awards {
			r := KPIRecord{Title: a.Title, Detail: strings.TrimSpace(a.Level + " " + a.Prize), Date: a.Date}
			if a.OutputID != 0 {
				r.ID, r.Link = a.OutputID, fmt.Sprintf("/research/outputs/%d", a.OutputID)
			} else if len(a.OldIDs) > 0 {
				r.ID = -a.OldIDs[0]
			}
			var who []string
			for _, id := range a.Teachers {
				if n := names[id]; n != "" {
					who = append(who, n)
				}
			}
			r.Who = strings.Join(who, "、")
			if len(a.Teachers) == 1 {
				r.WhoLink = fmt.Sprintf("/teachers/%d/portrait", a.Teachers[0])
			}
			out = append(out, r)
		}
	default:
		return nil, ErrNotFound
	}
	kept := out[:0]
	for _, r := range out {
		if keep[r.ID] {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// recognitionsOn is each teacher's recognition standing on day.
func (s *Storage) recognitionsOn(ctx context.Context, schoolID int64, day string) (map[int64]teacherdev.Recognition, error) {
	out := map[int64]teacherdev.Recognition{}
	err := scanAll(ctx, s.db, `SELECT g.teacher_id, g.level, g.recognised_on, g.basis FROM dual_teacher_recognitions g
		WHERE g.school_id = $1 AND g.recognised_on <= $2 AND (g.revoked_on = '' OR g.revoked_on > $2) ORDER BY g.recognised_on, g.id`,
		[]any{schoolID, day}, func(r *sql.Rows) error {
			var g teacherdev.Recognition
			if err := r.Scan(&g.TeacherID, &g.Level, &g.RecognisedOn, &g.Basis); err != nil {
				return err
			}
			out[g.TeacherID] = g
			return nil
		})
	return out, err
}

func (s *Storage) staffHourRecords(ctx context.Context, schoolID int64, keep map[int64]bool) ([]KPIRecord, error) {
	var out []KPIRecord
	err := scanAll(ctx, s.db, `SELECT r.id, t.id, t.name, r.title, r.kind, r.hours, r.ends_on FROM development_records r
		JOIN teachers t ON t.school_id = r.school_id AND t.id = r.teacher_id WHERE r.school_id = $1 AND NOT r.deleted ORDER BY r.ends_on, r.id`,
		[]any{schoolID}, func(r *sql.Rows) error {
			var k KPIRecord
			var teacher int64
			var kind string
			var hours float64
			if err := r.Scan(&k.ID, &teacher, &k.Who, &k.Title, &kind, &hours, &k.Date); err != nil {
				return err
			}
			if keep[k.ID] {
				k.WhoLink, k.Link = fmt.Sprintf("/teachers/%d/portrait", teacher), fmt.Sprintf("/development/records/%d", k.ID)
				k.Detail = fmt.Sprintf("%s %g 学时", teacherdev.Kind(kind).Name(), hours)
				out = append(out, k)
			}
			return nil
		})
	return out, err
}

func (s *Storage) staffStudioRecords(ctx context.Context, schoolID int64, keep map[int64]bool) ([]KPIRecord, error) {
	var out []KPIRecord
	err := scanAll(ctx, s.db, `SELECT s.id, t.id, t.name, s.name, s.level, s.kind, s.founded_on FROM studios s
		JOIN teachers t ON t.school_id = s.school_id AND t.id = s.host_teacher_id WHERE s.school_id = $1 ORDER BY s.founded_on, s.id`,
		[]any{schoolID}, func(r *sql.Rows) error {
			var k KPIRecord
			var host int64
			var level, kind string
			if err := r.Scan(&k.ID, &host, &k.Who, &k.Title, &level, &kind, &k.Date); err != nil {
				return err
			}
			if keep[k.ID] {
				k.WhoLink, k.Link = fmt.Sprintf("/teachers/%d/portrait", host), fmt.Sprintf("/studios/%d", k.ID)
				k.Detail = level + " " + kind
				out = append(out, k)
			}
			return nil
		})
	return out, err
}

// staffRecordKey reports whether key is a KPI of the 师资 block.
func staffRecordKey(key string) bool { return strings.HasPrefix(key, "staff_") }
