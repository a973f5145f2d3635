package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
)

// Reading development records: one SELECT with the teacher, department
// and enterprise names, the list's filters and scopes, a record's history.

const developmentSelect = `SELECT d.id, d.teacher_id, t.name, t.staff_no, COALESCE(t.department_id, 0), COALESCE(dp.name, ''), d.kind, d.title, d.provider,
	d.starts_on, d.ends_on, d.hours, d.days, COALESCE(d.enterprise_id, 0), COALESCE(e.name, ''), d.enterprise_confirmed, d.confirmed_by,
	d.issuer, d.number, d.level, d.expires_on, COALESCE(d.batch_id, 0), d.source, d.status, d.reject_reason, COALESCE(d.reviewed_by, 0), d.reviewed_at,
	d.deleted, COALESCE(d.created_by, 0), d.created_at, d.updated_at
	FROM development_records d JOIN teachers t ON t.school_id = d.school_id AND t.id = d.teacher_id
	LEFT JOIN departments dp ON dp.school_id = t.school_id AND dp.id = t.department_id
	LEFT JOIN enterprises e ON e.school_id = d.school_id AND e.id = d.enterprise_id`

func scanDevelopment(r interface{ Scan(...any) error }, d *model.DevelopmentRecord) error {
	var reviewed sql.NullTime
	err := r.Scan(&d.ID, &d.TeacherID, &d.TeacherName, &d.StaffNo, &d.DepartmentID, &d.DepartmentName, &d.Kind, &d.Title, &d.Provider,
		&d.StartsOn, &d.EndsOn, &d.Hours, &d.Days, &d.EnterpriseID, &d.EnterpriseName, &d.EnterpriseConfirmed, &d.ConfirmedBy,
		&d.Issuer, &d.Number, &d.Level, &d.ExpiresOn, &d.BatchID, &d.Source, &d.Status, &d.RejectReason, &d.ReviewedBy, &reviewed,
		&d.Deleted, &d.CreatedBy, &d.CreatedAt, &d.UpdatedAt)
	d.ReviewedAt = reviewed.Time
	return err
}

// DevelopmentRecord reads one record of the school, deleted ones included
// (their page shows the history).
func (s *Storage) DevelopmentRecord(ctx context.Context, schoolID, id int64) (model.DevelopmentRecord, error) {
	d, err := developmentRecord(ctx, s.db, schoolID, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("development record %d: %w", id, err)
	}
	return d, err
}

func developmentRecord(ctx context.Context, q querier, schoolID, id int64) (model.DevelopmentRecord, error) {
	var d model.DevelopmentRecord
	err := scanDevelopment(q.QueryRowContext(ctx, developmentSelect+` WHERE d.school_id = $1 AND d.id = $2`, schoolID, id), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	d.SchoolID = schoolID
	return d, err
}

// DevelopmentScope is whose records a user reads: All (development:read),
// else the records of Teachers (their own) and of the teachers of
// Departments (development:read_dept, the departments they head).
type DevelopmentScope struct {
	All         bool
	Teachers    []int64
	Departments []int64
}

// Allows reports whether the scope reaches a record.
func (sc DevelopmentScope) Allows(d model.DevelopmentRecord) bool {
	if sc.All {
		return true
	}
	for _, t := range sc.Teachers {
		if t == d.TeacherID {
			return true
		}
	}
	for _, dep := range sc.Departments {
		if d.DepartmentID != 0 && dep == d.DepartmentID {
			return true
		}
	}
	return false
}

// DevelopmentFilter narrows ListDevelopmentRecords. Status "" lists every
// status; deleted records are listed only with Deleted.
type DevelopmentFilter struct {
	model.ListQuery
	TeacherID    int64
	DepartmentID int64
	Kind         string
	Status       string
	Year         int
	BatchID      int64
	Deleted      bool
	Scope        DevelopmentScope
}

func (f DevelopmentFilter) where(schoolID int64) *where {
	w := schoolWhere("d.school_id", schoolID)
	w.add("d.deleted = ?", f.Deleted)
	for _, c := range []struct {
		cond string
		v    any
		set  bool
	}{{"d.teacher_id = ?", f.TeacherID, f.TeacherID != 0}, {"t.department_id = ?", f.DepartmentID, f.DepartmentID != 0},
		{"d.kind = ?", f.Kind, f.Kind != ""}, {"d.status = ?", f.Status, f.Status != ""}, {"d.batch_id = ?", f.BatchID, f.BatchID != 0}} {
		if c.set {
			w.add(c.cond, c.v)
		}
	}
	if f.Year != 0 {
		// A record belongs to the years it overlaps.
		w.add("d.starts_on <= ?", fmt.Sprintf("%04d-12-31", f.Year))
		w.add("d.ends_on >= ?", fmt.Sprintf("%04d-01-01", f.Year))
	}
	if f.Q != "" {
		w.add(`(LOWER(d.title) LIKE ? ESCAPE '\' OR LOWER(t.name) LIKE ? ESCAPE '\' OR LOWER(t.staff_no) LIKE ? ESCAPE '\' OR LOWER(d.provider) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	if !f.Scope.All {
		var ors []string
		if len(f.Scope.Teachers) > 0 {
			w.in("d.teacher_id", f.Scope.Teachers)
			ors = append(ors, w.pop())
		}
		if len(f.Scope.Departments) > 0 {
			w.in("t.department_id", f.Scope.Departments)
			ors = append(ors, w.pop())
		}
		if len(ors) == 0 {
			ors = []string{"1 = 0"}
		}
		w.conds = append(w.conds, "("+strings.Join(ors, " OR ")+")")
	}
	return w
}

// ListDevelopmentRecords reads a page of records, newest first, and the
// number of matching records.
func (s *Storage) ListDevelopmentRecords(ctx context.Context, schoolID int64, f DevelopmentFilter) ([]model.DevelopmentRecord, int, error) {
	if err := f.ListQuery.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := f.where(schoolID)
	const from = ` FROM development_records d JOIN teachers t ON t.school_id = d.school_id AND t.id = d.teacher_id`
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*)`+from+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("development records count: %w", err)
	}
	out, err := scanList(ctx, s.db, developmentSelect+w.sql()+` ORDER BY d.starts_on DESC, d.id DESC`+pageSQL(f.ListQuery), w.args,
		func(r *sql.Rows, d *model.DevelopmentRecord) error { return scanDevelopment(r, d) })
	if err != nil {
		return nil, 0, fmt.Errorf("development records: %w", err)
	}
	for i := range out {
		out[i].SchoolID = schoolID
	}
	return out, total, nil
}
