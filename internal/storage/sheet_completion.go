package storage

import (
	"context"
	"fmt"
	"log/slog"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// A rating sheet is complete when it holds every indicator its role must
// rate (eval.IndicatorsFor); anything less is a draft (草稿). Drafts are
// stored like any sheet, so a rater can stop half way and resume, but
// completion figures count only complete sheets and the engine never reads
// a draft: a classmate who filled 1 of 12 items has not rated.

// sheetRequired is how many indicators a sheet of role must hold.
func sheetRequired(f model.Framework, role model.RaterRole) int {
	return len(eval.IndicatorsFor(f, role))
}

// sheetComplete says whether a sheet of n items is complete. A role that
// rates nothing cannot have a sheet (submissions refuse its items), so
// required 0 never marks an empty sheet complete by accident.
func sheetComplete(n, required int) bool { return required > 0 && n >= required }

// backfillSheetCompletion fills required and complete of the sheets written
// before migration 0010 (required = -1): one UPDATE per cycle and role,
// with the count read from the framework version the cycle pins.
func (s *Storage) backfillSheetCompletion(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT r.school_id, r.cycle_id, r.rater_role, c.framework_id
		FROM rating_sheets r JOIN cycles c ON c.school_id = r.school_id AND c.id = r.cycle_id WHERE r.required < 0`)
	if err != nil {
		return fmt.Errorf("backfillSheetCompletion: %w", err)
	}
	type group struct {
		school, cycle, framework int64
		role                     string
	}
	var gs []group
	for rows.Next() {
		var g group
		if err := rows.Scan(&g.school, &g.cycle, &g.role, &g.framework); err != nil {
			rows.Close()
			return err
		}
		gs = append(gs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backfillSheetCompletion: %w", err)
	}
	for _, g := range gs {
		f, err := s.framework(ctx, s.db, g.school, g.framework)
		if err != nil {
			return fmt.Errorf("评价周期 %d 的评价方案: %w", g.cycle, err)
		}
		n := sheetRequired(f, model.RaterRole(g.role))
		// The comparison is spelled out in SQL so one statement sets both
		// columns; n > 0 keeps a role that rates nothing incomplete.
		if _, err := s.db.ExecContext(ctx, `UPDATE rating_sheets SET required = $1,
			complete = CASE WHEN $2 > 0 AND item_count >= $3 THEN TRUE ELSE FALSE END
			WHERE school_id = $4 AND cycle_id = $5 AND rater_role = $6 AND required < 0`,
			n, n, n, g.school, g.cycle, g.role); err != nil {
			return fmt.Errorf("backfillSheetCompletion: %w", err)
		}
	}
	if len(gs) > 0 {
		slog.Info("rating sheet completion filled in", "groups", len(gs))
	}
	return nil
}
