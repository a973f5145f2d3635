package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
)

// DevelopmentRequirements reads the school's requirements
// (docs/teachers.md §3); a school that saved none gets the
// defaults.
func (s *Storage) DevelopmentRequirements(ctx context.Context, schoolID int64) (teacherdev.Requirements, error) {
	return s.developmentRequirements(ctx, s.db, schoolID)
}

func (s *Storage) developmentRequirements(ctx context.Context, q querier, schoolID int64) (teacherdev.Requirements, error) {
	var body string
	err := q.QueryRowContext(ctx, `SELECT requirements FROM development_settings WHERE school_id = $1`, schoolID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return teacherdev.DefaultRequirements(), nil
	}
	if err != nil {
		return teacherdev.Requirements{}, fmt.Errorf("教师发展要求: %w", err)
	}
	return teacherdev.ParseRequirements(body)
}

// SaveDevelopmentRequirements checks and stores the requirements, with
// the values before and after in the audit log.
func (s *Storage) SaveDevelopmentRequirements(ctx context.Context, schoolID int64, a model.Actor, req teacherdev.Requirements) error {
	if p := req.Problems(); p != nil {
		return refusal(strings.Join(p, "；"))
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.developmentRequirements(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE development_settings SET requirements = $2, updated_by = $3, updated_at = $4 WHERE school_id = $1`,
			schoolID, req.JSON(), nullInt(a.UserID), now())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO development_settings (school_id, requirements, updated_by, updated_at) VALUES ($1, $2, $3, $4)`,
				schoolID, req.JSON(), nullInt(a.UserID), now()); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, schoolID, a, "update", "development_settings", 0, before, req)
	})
	return annotate("保存教师发展要求", err)
}
