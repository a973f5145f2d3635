package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
)

// 双师型 recognitions (docs/teachers.md §3 section 3): given with a
// level and a day, withdrawn with a day and a reason, never edited or
// deleted, each change with its audit line.

const recognitionCols = `g.id, g.teacher_id, g.level, g.recognised_on, g.basis, g.revoked_on, g.revoke_reason`

func scanRecognition(row interface{ Scan(...any) error }) (teacherdev.Recognition, error) {
	var g teacherdev.Recognition
	err := row.Scan(&g.ID, &g.TeacherID, &g.Level, &g.RecognisedOn, &g.Basis, &g.RevokedOn, &g.RevokeReason)
	if errors.Is(err, sql.ErrNoRows) {
		return g, ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("双师型认定: %w", err)
	}
	return g, nil
}

// TeacherRecognitions lists one teacher's recognitions, newest first.
func (s *Storage) TeacherRecognitions(ctx context.Context, schoolID, teacherID int64) ([]teacherdev.Recognition, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+recognitionCols+` FROM dual_teacher_recognitions g
		WHERE g.school_id = $1 AND g.teacher_id = $2 ORDER BY g.recognised_on DESC, g.id DESC`, schoolID, teacherID)
	if err != nil {
		return nil, fmt.Errorf("双师型认定: %w", err)
	}
	defer rows.Close()
	var out []teacherdev.Recognition
	for rows.Next() {
		g, err := scanRecognition(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Recognise gives teacher g.TeacherID a 双师型 level. A current
// recognition is closed the same day (a new level replaces the old one)
// in the same transaction.
func (s *Storage) Recognise(ctx context.Context, schoolID int64, a model.Actor, g *teacherdev.Recognition) error {
	g.Basis = strings.TrimSpace(g.Basis)
	if teacherdev.LevelRank(g.Level) == 0 {
		return refusal(fmt.Sprintf("双师型等级应为 初级、中级 或 高级，现为“%s”", g.Level))
	}
	if _, err := time.Parse("2006-01-02", g.RecognisedOn); err != nil {
		return refusal(fmt.Sprintf("认定日期“%s”不是有效日期（如 2026-09-01）", g.RecognisedOn))
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error { return s.recognise(ctx, tx, schoolID, a, g) })
	return annotate("双师型认定", err)
}

// recognise writes a recognition checked by the caller inside tx.
func (s *Storage) recognise(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, g *teacherdev.Recognition) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM teachers WHERE school_id = $1 AND id = $2`, schoolID, g.TeacherID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dual_teacher_recognitions SET revoked_on = $3, revoke_reason = $4
		WHERE school_id = $1 AND teacher_id = $2 AND revoked_on = ''`, schoolID, g.TeacherID, g.RecognisedOn, "由新认定（"+g.Level+"）取代"); err != nil {
		return err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO dual_teacher_recognitions (school_id, teacher_id, level, recognised_on, basis, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, schoolID, g.TeacherID, g.Level, g.RecognisedOn, g.Basis, nullInt(a.UserID), now()).Scan(&g.ID)
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "create", "dual_recognition", g.ID, nil, g)
}

// RevokeRecognition withdraws the teacher's current recognition on day
// on, with a reason.
func (s *Storage) RevokeRecognition(ctx context.Context, schoolID int64, a model.Actor, teacherID int64, on, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return refusal("请填写撤销认定的原因")
	}
	if _, err := time.Parse("2006-01-02", on); err != nil {
		return refusal(fmt.Sprintf("撤销日期“%s”不是有效日期（如 2026-09-01）", on))
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		g, err := scanRecognition(tx.QueryRowContext(ctx, `SELECT `+recognitionCols+` FROM dual_teacher_recognitions g
			WHERE g.school_id = $1 AND g.teacher_id = $2 AND g.revoked_on = '' ORDER BY g.id DESC LIMIT 1`, schoolID, teacherID))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE dual_teacher_recognitions SET revoked_on = $3, revoke_reason = $4 WHERE school_id = $1 AND id = $2`,
			schoolID, g.ID, on, reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "revoke", "dual_recognition", g.ID, g, map[string]string{"revoked_on": on, "revoke_reason": reason})
	})
	return annotate("撤销双师型认定", err)
}
