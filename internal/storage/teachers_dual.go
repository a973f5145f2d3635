package storage

import (
	"context"
	"fmt"

	"zhijiao/internal/model"
)

// A teacher's 双师型 is read from the recognitions (dual_teacher.go), no
// longer from the old teachers.dual_qualified checkbox: the current
// recognition is one given on or before today and not revoked by today.
// Recognise closes the previous one on the day of the next, so at most one
// is current; the latest wins should old data hold two.

// currentDualSQL holds for a teacher t with a current recognition on the
// day bound to its placeholders.
const currentDualSQL = `EXISTS (SELECT 1 FROM dual_teacher_recognitions g WHERE g.school_id = t.school_id AND g.teacher_id = t.id
	AND g.recognised_on <= ? AND (g.revoked_on = '' OR g.revoked_on > ?))`

// CurrentDualLevels maps each teacher of the school holding a current
// recognition on day to its level; ids narrows the read (nil for all).
func (s *Storage) CurrentDualLevels(ctx context.Context, schoolID int64, day string, ids []int64) (map[int64]string, error) {
	return s.currentDualLevels(ctx, s.db, schoolID, day, ids)
}

func (s *Storage) currentDualLevels(ctx context.Context, q querier, schoolID int64, day string, ids []int64) (map[int64]string, error) {
	w := schoolWhere("g.school_id", schoolID)
	w.add("g.recognised_on <= ?", day)
	w.add("(g.revoked_on = '' OR g.revoked_on > ?)", day)
	if ids != nil {
		w.in("g.teacher_id", ids)
	}
	rows, err := q.QueryContext(ctx, `SELECT g.teacher_id, g.level FROM dual_teacher_recognitions g`+w.sql()+` ORDER BY g.recognised_on, g.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("双师型认定: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var level string
		if err := rows.Scan(&id, &level); err != nil {
			return nil, fmt.Errorf("双师型认定: %w", err)
		}
		out[id] = level
	}
	return out, rows.Err()
}

// withDual fills DualLevel and DualQualified of teachers of one school in
// one read.
func (s *Storage) withDual(ctx context.Context, q querier, schoolID int64, ts []model.Teacher) error {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]int64, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	if len(ids) > 500 {
		ids = nil // an export of the whole staff: read the school's
	}
	levels, err := s.currentDualLevels(ctx, q, schoolID, Today(), ids)
	if err != nil {
		return err
	}
	for i := range ts {
		ts[i].DualLevel = levels[ts[i].ID]
		ts[i].DualQualified = ts[i].DualLevel != ""
	}
	return nil
}
