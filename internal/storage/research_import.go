package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// The import of a school's existing 科研成果 ledger: every row checked as
// the form checks it, all written as verified (the 科研处 imports what it
// already holds) in one transaction, or none.

// ResearchImportRow is one output of a ledger and its row in the sheet.
type ResearchImportRow struct {
	Row    int
	Output model.ResearchOutput
}

// ImportResearchOutputs writes the rows as verified outputs in one
// transaction with one audit line. A row that fails the rules, names
// another school's teacher or carries an identifier already recorded (in
// the school or an earlier row) refuses the whole import, naming its
// row. Similar titles are not asked about: a ledger has no one to ask.
func (s *Storage) ImportResearchOutputs(ctx context.Context, schoolID int64, a model.Actor, rows []ResearchImportRow) error {
	if len(rows) == 0 {
		return refusal("文件中没有数据行")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		// Every row is checked against the school's outputs before any is
		// written, so a refusal names an output that stays, not a row
		// of this file that the rollback takes back.
		seen := map[string]int{}
		for i := range rows {
			o := &rows[i].Output
			if err := s.checkResearch(ctx, tx, schoolID, o, 0, true); errors.Is(err, ErrRefused) {
				return refusal(fmt.Sprintf("第 %d 行：%s", rows[i].Row, err.Error()))
			} else if err != nil {
				return err
			}
			if first, ok := seen[o.Ident]; ok && o.Ident != "" {
				return refusal(fmt.Sprintf("第 %d 行：与第 %d 行的%s相同，同一项成果只录一行", rows[i].Row, first, research.IdentLabel(o.Ident)))
			}
			seen[o.Ident] = rows[i].Row
		}
		ids := make([]int64, len(rows))
		at := now()
		for i := range rows {
			o := &rows[i].Output
			err := tx.QueryRowContext(ctx, `INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, ident, fields, dated_on, status, reviewed_by, reviewed_at, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12, $12) RETURNING id`,
				schoolID, o.Kind, o.Title, o.Level, o.Grade, o.Stage, o.Ident, toJSON(o.Fields), o.DatedOn, research.StatusVerified, nullInt(a.UserID), at).Scan(&o.ID)
			if err != nil {
				return fmt.Errorf("row %d: %w", rows[i].Row, err)
			}
			if err := writeResearchParts(ctx, tx, schoolID, o); err != nil {
				return fmt.Errorf("row %d: %w", rows[i].Row, err)
			}
			ids[i] = o.ID
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "import", "research_output", 0, nil, map[string]any{"outputs": len(ids), "first": ids[0], "last": ids[len(ids)-1]})
	})
	return researchErr("import research outputs", err)
}
