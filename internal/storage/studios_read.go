package storage

import (
	"context"
	"database/sql"
	"errors"

	"zhijiao/internal/teacherdev"
)

// Reading studios: the list (by level and kind, with member counts), one
// studio with its members, plans and activities, the outputs an activity
// may link to and a studio's yearly summary.

const studioSelect = `SELECT s.id, s.name, s.kind, s.level, s.host_teacher_id, t.name, s.founded_on, s.closed_on, s.description,
	(SELECT COUNT(*) FROM studio_members m WHERE m.school_id = s.school_id AND m.studio_id = s.id AND m.left_on = '')
	FROM studios s JOIN teachers t ON t.school_id = s.school_id AND t.id = s.host_teacher_id`

func scanStudio(sc interface{ Scan(...any) error }) (teacherdev.Studio, error) {
	var x teacherdev.Studio
	err := sc.Scan(&x.ID, &x.Name, &x.Kind, &x.Level, &x.HostTeacherID, &x.HostName, &x.FoundedOn, &x.ClosedOn, &x.Description, &x.Members)
	return x, err
}

// Studios lists the school's studios ordered by level (国家级 first), kind
// and name, with the members who have not left.
func (s *Storage) Studios(ctx context.Context, schoolID int64) ([]teacherdev.Studio, error) {
	var out []teacherdev.Studio
	err := scanAll(ctx, s.db, studioSelect+` WHERE s.school_id = $1 ORDER BY s.name`, []any{schoolID}, func(rows *sql.Rows) error {
		x, err := scanStudio(rows)
		out = append(out, x)
		return err
	})
	teacherdev.SortStudios(out)
	return out, annotate("工作室", err)
}

// Studio reads one studio, or ErrNotFound (also for another school's).
func (s *Storage) Studio(ctx context.Context, schoolID, id int64) (teacherdev.Studio, error) {
	x, err := s.studio(ctx, s.db, schoolID, id)
	if errors.Is(err, ErrNotFound) {
		return x, err
	}
	return x, annotate("工作室", err)
}

func (s *Storage) studio(ctx context.Context, q querier, schoolID, id int64) (teacherdev.Studio, error) {
	x, err := scanStudio(q.QueryRowContext(ctx, studioSelect+` WHERE s.school_id = $1 AND s.id = $2`, schoolID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return x, ErrNotFound
	}
	return x, err
}

// StudioMembers lists a studio's members, current ones first, each group
// by the day they joined.
func (s *Storage) StudioMembers(ctx context.Context, schoolID, studioID int64) ([]teacherdev.StudioMember, error) {
	var out []teacherdev.StudioMember
	err := scanAll(ctx, s.db, `SELECT id, COALESCE(teacher_id, 0), name, role, joined_on, left_on FROM studio_members
		WHERE school_id = $1 AND studio_id = $2 ORDER BY CASE WHEN left_on = '' THEN 0 ELSE 1 END, joined_on, id`, []any{schoolID, studioID}, func(rows *sql.Rows) error {
		var m teacherdev.StudioMember
		err := rows.Scan(&m.ID, &m.TeacherID, &m.Name, &m.Role, &m.JoinedOn, &m.LeftOn)
		out = append(out, m)
		return err
	})
	return out, annotate("工作室成员", err)
}

// StudioPlans lists a studio's term plans, the latest term first.
func (s *Storage) StudioPlans(ctx context.Context, schoolID, studioID int64) ([]teacherdev.StudioPlan, error) {
	type row struct {
		p    teacherdev.StudioPlan
		year string
		sem  int
	}
	var out []teacherdev.StudioPlan
	err := scanAll(ctx, s.db, `SELECT p.term_id, y.name, t.semester, p.plan FROM studio_plans p
		JOIN terms t ON t.school_id = p.school_id AND t.id = p.term_id
		JOIN academic_years y ON y.school_id = t.school_id AND y.id = t.academic_year_id
		WHERE p.school_id = $1 AND p.studio_id = $2 ORDER BY t.start_date DESC`, []any{schoolID, studioID}, func(rows *sql.Rows) error {
		var r row
		err := rows.Scan(&r.p.TermID, &r.year, &r.sem, &r.p.Plan)
		r.p.TermName = termLabel(r.year, r.sem)
		out = append(out, r.p)
		return err
	})
	return out, annotate("工作室计划", err)
}

func termLabel(year string, sem int) string {
	if sem == 2 {
		return year + "学年第二学期"
	}
	return year + "学年第一学期"
}

// StudioActivities lists a studio's activities, the latest first, with
// the titles of their linked outputs.
func (s *Storage) StudioActivities(ctx context.Context, schoolID, studioID int64) ([]teacherdev.StudioActivity, error) {
	var out []teacherdev.StudioActivity
	err := scanAll(ctx, s.db, `SELECT a.id, a.held_on, a.kind, a.title, a.note, a.hours, COALESCE(a.output_id, 0), COALESCE(o.title, '')
		FROM studio_activities a LEFT JOIN research_outputs o ON o.school_id = a.school_id AND o.id = a.output_id
		WHERE a.school_id = $1 AND a.studio_id = $2 ORDER BY a.held_on DESC, a.id DESC`, []any{schoolID, studioID}, func(rows *sql.Rows) error {
		var a teacherdev.StudioActivity
		err := rows.Scan(&a.ID, &a.HeldOn, &a.Kind, &a.Title, &a.Note, &a.Hours, &a.OutputID, &a.OutputTitle)
		out = append(out, a)
		return err
	})
	return out, annotate("工作室活动", err)
}

// OutputChoice is a verified research output an activity may link to.
type OutputChoice struct {
	ID            int64
	Title, DateOn string
}

// StudioOutputChoices lists the school's verified research outputs, the
// latest first, for the activity form.
func (s *Storage) StudioOutputChoices(ctx context.Context, schoolID int64) ([]OutputChoice, error) {
	var out []OutputChoice
	err := scanAll(ctx, s.db, `SELECT id, title, dated_on FROM research_outputs WHERE school_id = $1 AND status = 'verified' AND NOT deleted
		ORDER BY dated_on DESC, id DESC`, []any{schoolID}, func(rows *sql.Rows) error {
		var o OutputChoice
		err := rows.Scan(&o.ID, &o.Title, &o.DateOn)
		out = append(out, o)
		return err
	})
	return out, annotate("科研成果", err)
}

// StudioYear is a studio's summary of a calendar year (teacherdev.SummariseYear).
func (s *Storage) StudioYear(ctx context.Context, schoolID, studioID int64, year int) (teacherdev.StudioYear, error) {
	ms, err := s.StudioMembers(ctx, schoolID, studioID)
	if err != nil {
		return teacherdev.StudioYear{}, err
	}
	as, err := s.StudioActivities(ctx, schoolID, studioID)
	if err != nil {
		return teacherdev.StudioYear{}, err
	}
	return teacherdev.SummariseYear(year, ms, as), nil
}
