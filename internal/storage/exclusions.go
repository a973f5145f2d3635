package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
)

// Exclusion holds back results from 公示 (暂不公示): a whole class
// (StudentID 0) or one student, with the admin's reason.
type Exclusion struct {
	ID        int64     `json:"id"`
	CycleID   int64     `json:"cycle_id"`
	ClassID   int64     `json:"class_id"`
	StudentID int64     `json:"student_id,omitempty"`
	Reason    string    `json:"reason"`
	CreatedBy int64     `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// ErrIncompleteResults refuses 公示 while a student's result is 待补评
// and not excluded.
var ErrIncompleteResults = errors.New("有学生的结果待补评")

// notExcluded is true for a results row r that no exclusion holds back.
const notExcluded = `NOT EXISTS (SELECT 1 FROM result_exclusions x WHERE x.school_id = r.school_id AND x.cycle_id = r.cycle_id
	AND x.class_id = r.class_id AND (x.student_id = 0 OR x.student_id = r.student_id))`

// ExcludeResults holds back whole classes and single students of a
// computed cycle from 公示, with one written reason, audited, in one
// transaction. Only classes and students with results in the cycle are
// taken; holding back one already held back changes nothing.
func (s *Storage) ExcludeResults(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, classIDs, studentIDs []int64, reason string) (int, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, errors.New("请写明暂不公示的原因")
	}
	if len(classIDs)+len(studentIDs) == 0 {
		return 0, errors.New("请勾选暂不公示的班级或学生")
	}
	added := 0
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State != model.CycleComputed {
			return fmt.Errorf("评价周期%s，只有已计算、尚未公示时可以设置暂不公示", c.State.Name())
		}
		type pick struct{ class, student int64 }
		var picks []pick
		for _, cl := range classIDs {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM results WHERE school_id = $1 AND cycle_id = $2 AND class_id = $3`, schoolID, cycleID, cl).Scan(&n); err != nil {
				return fmt.Errorf("ExcludeResults: %w", err)
			}
			if n == 0 {
				return errors.New("所选班级在本评价周期没有结果")
			}
			picks = append(picks, pick{cl, 0})
		}
		for _, st := range studentIDs {
			var cl int64
			err := tx.QueryRowContext(ctx, `SELECT class_id FROM results WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3`, schoolID, cycleID, st).Scan(&cl)
			if errors.Is(err, sql.ErrNoRows) {
				return errors.New("所选学生在本评价周期没有结果")
			}
			if err != nil {
				return err
			}
			picks = append(picks, pick{cl, st})
		}
		at := now()
		for _, p := range picks {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM result_exclusions WHERE school_id = $1 AND cycle_id = $2 AND class_id = $3 AND student_id = $4`,
				schoolID, cycleID, p.class, p.student).Scan(&n); err != nil {
				return fmt.Errorf("ExcludeResults: %w", err)
			}
			if n > 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO result_exclusions (school_id, cycle_id, class_id, student_id, reason, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, schoolID, cycleID, p.class, p.student, reason, nullInt(a.UserID), at); err != nil {
				return fmt.Errorf("ExcludeResults: %w", err)
			}
			added++
		}
		return s.audit(ctx, tx, schoolID, a, "exclude", "cycle", cycleID, nil, map[string]any{"classes": classIDs, "students": studentIDs, "reason": reason, "added": added})
	})
	return added, err
}

// RemoveExclusion lets a held-back class or student be publicised again,
// before 公示 starts; audited.
func (s *Storage) RemoveExclusion(ctx context.Context, schoolID int64, a model.Actor, cycleID, id int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State != model.CycleComputed {
			return fmt.Errorf("评价周期%s，只有尚未公示时可以撤销暂不公示", c.State.Name())
		}
		var x Exclusion
		err = tx.QueryRowContext(ctx, `SELECT class_id, student_id, reason FROM result_exclusions WHERE school_id = $1 AND cycle_id = $2 AND id = $3`,
			schoolID, cycleID, id).Scan(&x.ClassID, &x.StudentID, &x.Reason)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM result_exclusions WHERE school_id = $1 AND cycle_id = $2 AND id = $3`, schoolID, cycleID, id); err != nil {
			return fmt.Errorf("RemoveExclusion: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "include", "cycle", cycleID, x, nil)
	})
}

// Exclusions lists a cycle's exclusions by class and student.
func (s *Storage) Exclusions(ctx context.Context, schoolID, cycleID int64) ([]Exclusion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, cycle_id, class_id, student_id, reason, COALESCE(created_by, 0), created_at
		FROM result_exclusions WHERE school_id = $1 AND cycle_id = $2 ORDER BY class_id, student_id`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("Exclusions: %w", err)
	}
	defer rows.Close()
	var out []Exclusion
	for rows.Next() {
		var x Exclusion
		if err := rows.Scan(&x.ID, &x.CycleID, &x.ClassID, &x.StudentID, &x.Reason, &x.CreatedBy, &x.CreatedAt); err != nil {
			return nil, fmt.Errorf("Exclusions: %w", err)
		}
		x.CreatedAt = x.CreatedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// ExcludedStudents is the set of students of a cycle (of one class, or
// every class with classID 0) whose results are held back from 公示.
func (s *Storage) ExcludedStudents(ctx context.Context, schoolID, cycleID, classID int64) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.student_id FROM results r WHERE r.school_id = $1 AND r.cycle_id = $2
		AND (CAST($3 AS BIGINT) = 0 OR r.class_id = $3) AND NOT `+notExcluded, schoolID, cycleID, classID)
	if err != nil {
		return nil, fmt.Errorf("ExcludedStudents: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("ExcludedStudents: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// unpublishable counts the results of a cycle that are 待补评 and not
// held back: 公示 waits until it is 0.
func (s *Storage) unpublishable(ctx context.Context, q querier, schoolID, cycleID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM results r WHERE r.school_id = $1 AND r.cycle_id = $2 AND r.complete = FALSE AND `+notExcluded,
		schoolID, cycleID).Scan(&n)
	return n, err
}

// CorrectedAt says which results of a cycle (one class, or all with
// classID 0) carry a correction, and when the newest one was made: only
// corrections the stored result already reflects (made before it was
// computed) count, so a list never shows 已更正 over an old number.
func (s *Storage) CorrectedAt(ctx context.Context, schoolID, cycleID, classID int64) (map[int64]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.student_id, c.created_at FROM result_corrections c
		JOIN results r ON r.school_id = c.school_id AND r.cycle_id = c.cycle_id AND r.student_id = c.student_id
		WHERE c.school_id = $1 AND c.cycle_id = $2 AND (CAST($3 AS BIGINT) = 0 OR r.class_id = $3) AND c.created_at <= r.computed_at`, schoolID, cycleID, classID)
	if err != nil {
		return nil, fmt.Errorf("CorrectedAt: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("CorrectedAt: %w", err)
		}
		if at = at.UTC(); at.After(out[id]) { // MAX in Go: SQLite hands an aggregate's time back as text
			out[id] = at
		}
	}
	return out, rows.Err()
}
