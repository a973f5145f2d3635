package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// Provisional is one student's provisional (暂定) result: the total from
// the ratings saved so far, before the cycle is computed. No level, no
// rank: those need the whole quota group (docs/evaluation.md).
type Provisional struct {
	StudentID  int64
	Total      float64
	Complete   bool // every indicator counts already
	Sheets     int  // complete sheets it was computed from
	ComputedAt time.Time
}

// OnSheetsSaved, when set, is told after each committed submission which
// students' sheets changed (the provisional worker's queue). It must not
// block: it runs on the submitting request. Nil removes the hook.
func (s *Storage) OnSheetsSaved(fn func(schoolID, cycleID int64, students []int64)) {
	if fn == nil {
		s.sheetsSaved.Store(nil)
		return
	}
	s.sheetsSaved.Store(&fn)
}

// sheetsSavedHook calls the hook, if any.
func (s *Storage) sheetsSavedHook(schoolID, cycleID int64, students []int64) {
	if fn := s.sheetsSaved.Load(); fn != nil && len(students) > 0 {
		(*fn)(schoolID, cycleID, students)
	}
}

// StudentsSheets reads some students' current complete sheets of a
// cycle: the same rows CycleSheets gives a full compute for them.
func (s *Storage) StudentsSheets(ctx context.Context, schoolID, cycleID int64, students []int64) ([]eval.Sheet, error) {
	w := schoolWhere("school_id", schoolID)
	w.add("cycle_id = ?", cycleID)
	w.in("student_id", students)
	rows, err := s.db.QueryContext(ctx, `SELECT id, rater_role, rater_id, student_id, items FROM rating_sheets`+w.sql()+
		` AND superseded = FALSE AND complete = TRUE ORDER BY id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("StudentsSheets: %w", err)
	}
	defer rows.Close()
	var out []eval.Sheet
	for rows.Next() {
		sh := eval.Sheet{CycleID: cycleID}
		var role string
		var raw []byte
		if err := rows.Scan(&sh.ID, &role, &sh.RaterID, &sh.StudentID, &raw); err != nil {
			return nil, fmt.Errorf("StudentsSheets: %w", err)
		}
		sh.RaterRole = model.RaterRole(role)
		items, err := decodeSheet(raw)
		if err != nil {
			return nil, fmt.Errorf("评分表 %d: %w", sh.ID, err)
		}
		for _, it := range items {
			sh.Items = append(sh.Items, eval.SheetItem{IndicatorCode: it.code, Value: it.value, Level: it.level})
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

// VerifiedEvidenceOfStudents is VerifiedEvidence narrowed to some students.
func (s *Storage) VerifiedEvidenceOfStudents(ctx context.Context, schoolID, termID int64, students []int64) ([]model.Evidence, error) {
	w := schoolWhere("e.school_id", schoolID)
	w.add("e.term_id = ?", termID)
	w.add("e.status = ?", string(model.EvidenceVerified))
	w.in("e.student_id", students)
	return s.evidenceWhere(ctx, schoolID, w.sql()+` ORDER BY e.id`, w.args...)
}

// SaveProvisional stores (or replaces) students' provisional results in
// one statement per batchRows. On PostgreSQL the commit does not wait for
// the disk: provisional results are derived from sheets that are durable,
// and a crash that loses the last of them leaves those students' sheets
// newer than their results, which StaleProvisional finds and the server
// computes again when it starts. Waiting would put every save's result
// behind the submissions' own commits.
func (s *Storage) SaveProvisional(ctx context.Context, schoolID, cycleID int64, ps []Provisional) error {
	at := now()
	rows := make([][]any, len(ps))
	for i, p := range ps {
		rows[i] = []any{schoolID, cycleID, p.StudentID, p.Total, p.Complete, p.Sheets, at}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
				return fmt.Errorf("SaveProvisional: %w", err)
			}
		}
		return s.batchInsert(ctx, tx, "provisional_results", []string{"school_id", "cycle_id", "student_id", "total", "complete", "sheets", "computed_at"}, rows,
			`ON CONFLICT (school_id, cycle_id, student_id) DO UPDATE SET total = excluded.total, complete = excluded.complete,
			sheets = excluded.sheets, computed_at = excluded.computed_at`, "", nil)
	})
}

// ProvisionalResults lists a cycle's provisional results by student.
func (s *Storage) ProvisionalResults(ctx context.Context, schoolID, cycleID int64) ([]Provisional, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT student_id, total, complete, sheets, computed_at FROM provisional_results
		WHERE school_id = $1 AND cycle_id = $2 ORDER BY student_id`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("ProvisionalResults: %w", err)
	}
	defer rows.Close()
	var out []Provisional
	for rows.Next() {
		var p Provisional
		if err := rows.Scan(&p.StudentID, &p.Total, &p.Complete, &p.Sheets, &p.ComputedAt); err != nil {
			return nil, fmt.Errorf("ProvisionalResults: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// StaleProvisional lists, for every school, the students of open and
// closed cycles whose current sheets are newer than their provisional
// result (or who have none): the queue lives in memory, so a restart, or
// sheets written by a bulk load, leave these behind. Read once when the
// server starts.
func (s *Storage) StaleProvisional(ctx context.Context) (map[[2]int64][]int64, error) {
	out := map[[2]int64][]int64{}
	err := scanAll(ctx, s.db, `SELECT r.school_id, r.cycle_id, r.student_id
		FROM rating_sheets r
		JOIN cycles c ON c.school_id = r.school_id AND c.id = r.cycle_id AND c.state IN ($1, $2)
		LEFT JOIN provisional_results p ON p.school_id = r.school_id AND p.cycle_id = r.cycle_id AND p.student_id = r.student_id
		WHERE r.superseded = FALSE
		GROUP BY r.school_id, r.cycle_id, r.student_id
		HAVING MAX(p.computed_at) IS NULL OR MAX(r.created_at) > MAX(p.computed_at)
		ORDER BY r.school_id, r.cycle_id, r.student_id`, []any{string(model.CycleOpen), string(model.CycleClosed)}, func(r *sql.Rows) error {
		var school, cycle, student int64
		if err := r.Scan(&school, &cycle, &student); err != nil {
			return err
		}
		k := [2]int64{school, cycle}
		out[k] = append(out[k], student)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("StaleProvisional: %w", err)
	}
	return out, nil
}
