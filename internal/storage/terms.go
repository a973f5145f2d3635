package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// CreateAcademicYear adds a 学年 such as "2025-2026".
func (s *Storage) CreateAcademicYear(ctx context.Context, schoolID int64, a model.Actor, y *model.AcademicYear) error {
	y.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO academic_years (school_id, name, start_date, end_date) VALUES ($1, $2, $3, $4) RETURNING id`,
			schoolID, y.Name, y.StartDate, y.EndDate).Scan(&y.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("学年 %s 已存在", y.Name)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "academic_year", y.ID, nil, y)
	})
}

// CreateTerm adds a 学期. Making it current un-marks the others in the same
// transaction, so exactly one term is current.
func (s *Storage) CreateTerm(ctx context.Context, schoolID int64, a model.Actor, t *model.Term) error {
	t.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if t.IsCurrent {
			if _, err := tx.ExecContext(ctx, `UPDATE terms SET is_current = FALSE WHERE school_id = $1`, schoolID); err != nil {
				return fmt.Errorf("CreateTerm: %w", err)
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO terms (school_id, academic_year_id, semester, start_date, end_date, is_current)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			schoolID, t.AcademicYearID, t.Semester, t.StartDate, t.EndDate, t.IsCurrent).Scan(&t.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("该学年的第%d学期已存在", t.Semester)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "term", t.ID, nil, t)
	})
}

// SetCurrentTerm makes one term the current one.
func (s *Storage) SetCurrentTerm(ctx context.Context, schoolID int64, a model.Actor, termID int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM terms WHERE school_id = $1 AND id = $2`, schoolID, termID).Scan(&n); err != nil {
			return fmt.Errorf("SetCurrentTerm: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `UPDATE terms SET is_current = (id = $2) WHERE school_id = $1`, schoolID, termID); err != nil {
			return fmt.Errorf("SetCurrentTerm: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "set_current", "term", termID, nil, nil)
	})
}

const termSelect = `SELECT t.id, t.school_id, t.academic_year_id, y.name, t.semester, t.start_date, t.end_date, t.is_current
	FROM terms t JOIN academic_years y ON y.school_id = t.school_id AND y.id = t.academic_year_id`

func scanTerm(row interface{ Scan(...any) error }) (model.Term, error) {
	var t model.Term
	err := row.Scan(&t.ID, &t.SchoolID, &t.AcademicYearID, &t.YearName, &t.Semester, &t.StartDate, &t.EndDate, &t.IsCurrent)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return t, err
}

// Terms lists a school's terms, newest first.
func (s *Storage) Terms(ctx context.Context, schoolID int64) ([]model.Term, error) {
	rows, err := s.db.QueryContext(ctx, termSelect+` WHERE t.school_id = $1 ORDER BY t.start_date DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("Terms: %w", err)
	}
	defer rows.Close()
	var out []model.Term
	for rows.Next() {
		t, err := scanTerm(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CurrentTerm returns the school's current term, or ErrNotFound.
func (s *Storage) CurrentTerm(ctx context.Context, schoolID int64) (model.Term, error) {
	return scanTerm(s.db.QueryRowContext(ctx, termSelect+` WHERE t.school_id = $1 AND t.is_current`, schoolID))
}

// AcademicYears lists a school's years, newest first.
func (s *Storage) AcademicYears(ctx context.Context, schoolID int64) ([]model.AcademicYear, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, name, start_date, end_date FROM academic_years WHERE school_id = $1 ORDER BY start_date DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("AcademicYears: %w", err)
	}
	defer rows.Close()
	var out []model.AcademicYear
	for rows.Next() {
		var y model.AcademicYear
		if err := rows.Scan(&y.ID, &y.SchoolID, &y.Name, &y.StartDate, &y.EndDate); err != nil {
			return nil, fmt.Errorf("AcademicYears: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// CurrentTermID is the id of the school's current term, 0 when it has
// none (scopes that follow the term are then empty).
func (s *Storage) CurrentTermID(ctx context.Context, schoolID int64) (int64, error) {
	t, err := s.CurrentTerm(ctx, schoolID)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	return t.ID, err
}
