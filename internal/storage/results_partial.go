package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
)

// A recompute during 公示 keeps 公示: students, parents and the class keep
// seeing results, and the window does not restart. Hiding every result
// because one appeal was upheld (the old behaviour: back to 已计算 until
// 开始公示 was clicked again) punished every family for one correction.

// keepPublicity ends a recompute of a publicised cycle: the cycle stays
// publicised, unless the new results hold a 待补评 student not held back,
// which rolls the whole recompute back (the old results stay).
func (s *Storage) keepPublicity(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, c EvalCycle, info map[string]any) error {
	n, err := s.unpublishable(ctx, tx, schoolID, c.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%w：重新计算后有 %d 名学生待补评，公示中的结果未作改动", ErrIncompleteResults, n)
	}
	info["state"] = c.State
	return s.audit(ctx, tx, schoolID, a, "recompute", "cycle", c.ID, map[string]any{"state": c.State}, info)
}

// ReplaceStudentResults stores the results of some students of a computed
// or publicised cycle — the students an appeal's correction touched and
// the rest of their quota group, whose ranks and levels may have moved —
// in place of their rows, with the class summaries of their classes, in
// one transaction, keeping the cycle's state. Audited with the students
// whose results were corrected.
func (s *Storage) ReplaceStudentResults(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, results []model.StudentResult, info map[string]any) error {
	details, err := marshalResults(results)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State != model.CycleComputed && c.State != model.CyclePublicised {
			return fmt.Errorf("评价周期“%s”%s，只有已计算或公示中可以更新个别学生的结果", c.Name, c.State.Name())
		}
		at := now()
		classes := map[int64]bool{}
		var classIDs []int64
		ids := make([]int64, len(results))
		for i := range results {
			ids[i] = results[i].StudentID
			if cl := results[i].ClassID; !classes[cl] {
				classes[cl] = true
				classIDs = append(classIDs, cl)
			}
		}
		const chunk = 500
		for lo := 0; lo < len(ids); lo += chunk {
			w := schoolWhere("school_id", schoolID)
			w.add("cycle_id = ?", cycleID)
			w.in("student_id", ids[lo:min(lo+chunk, len(ids))])
			if _, err := tx.ExecContext(ctx, `DELETE FROM results`+w.sql(), w.args...); err != nil {
				return fmt.Errorf("ReplaceStudentResults: %w", err)
			}
		}
		if err := s.insertResults(ctx, tx, schoolID, cycleID, c.FrameworkVersion, results, details, at); err != nil {
			return err
		}
		w := schoolWhere("school_id", schoolID)
		w.add("cycle_id = ?", cycleID)
		w.in("class_id", classIDs)
		if _, err := tx.ExecContext(ctx, `DELETE FROM result_means`+w.sql(), w.args...); err != nil {
			return fmt.Errorf("ReplaceStudentResults: %w", err)
		}
		if err := s.batchInsert(ctx, tx, "result_means", resultMeanCols, classMeans(schoolID, cycleID, results), "", "", nil); err != nil {
			return fmt.Errorf("ReplaceStudentResults: %w", err)
		}
		if c.State == model.CyclePublicised {
			if n, err := s.unpublishable(ctx, tx, schoolID, cycleID); err != nil {
				return err
			} else if n > 0 {
				return fmt.Errorf("%w：更新后有 %d 名学生待补评，公示中的结果未作改动", ErrIncompleteResults, n)
			}
		}
		if info == nil {
			info = map[string]any{}
		}
		info["results"], info["state"] = len(results), c.State
		return s.audit(ctx, tx, schoolID, a, "recompute_students", "cycle", cycleID, nil, info)
	})
}
