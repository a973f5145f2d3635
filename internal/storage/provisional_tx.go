package storage

import (
	"context"
	"database/sql"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// On SQLite a provisional result is computed inside the submission's own
// transaction (docs/evaluation.md, provisional results). SQLite has one
// writer: a second transaction for the result waits for the lock behind
// every other submission, sleeping in SQLite's busy handler, which is
// where the save → stored time went (p99 34.5 ms at 316 saves a second).
// Inside the submission's transaction the result lands in the same
// commit as the sheets, and the reads it needs are in-process calls. On
// PostgreSQL every statement in a transaction is a round trip while the
// transaction holds its row locks, so there the worker stays beside the
// submissions.

// ProvisionalInputs are what some students' provisional results are
// computed from: their lines of the cycle's roster, their current
// complete sheets and their verified records of the term.
type ProvisionalInputs struct {
	Roster   []CycleStudent
	Sheets   []eval.Sheet
	Evidence []model.Evidence
}

// ProvisionalInputsOf reads the inputs through tx, so a submission's own
// sheets are seen before it commits, or through the pool when tx is nil.
func (s *Storage) ProvisionalInputsOf(ctx context.Context, tx *sql.Tx, schoolID, cycleID, termID int64, students []int64) (ProvisionalInputs, error) {
	var q querier = s.db
	if tx != nil {
		q = tx
	}
	var in ProvisionalInputs
	var err error
	if in.Roster, err = s.cycleStudentsIn(ctx, q, schoolID, cycleID, students); err != nil {
		return in, err
	}
	if in.Sheets, err = s.studentsSheetsIn(ctx, q, schoolID, cycleID, students); err != nil {
		return in, err
	}
	in.Evidence, err = s.verifiedEvidenceOfStudentsIn(ctx, q, schoolID, termID, students)
	return in, err
}

// SheetsSavedTx is told, inside a submission's transaction and after its
// sheets are written, which students' sheets changed. It returns true
// when it stored their provisional results in tx; false leaves them to
// the OnSheetsSaved hook after the commit. A statement it ran that
// failed is undone by SQLite alone, so returning false is always safe
// there; it is never set on PostgreSQL, where a failed statement ends
// the whole transaction.
type SheetsSavedTx func(ctx context.Context, tx *sql.Tx, schoolID, cycleID int64, students []int64) bool

// OnSheetsSavedTx sets the in-transaction hook. Nil removes it.
func (s *Storage) OnSheetsSavedTx(fn SheetsSavedTx) {
	if fn == nil {
		s.sheetsSavedTx.Store(nil)
		return
	}
	s.sheetsSavedTx.Store(&fn)
}

// sheetsSavedInTx calls the in-transaction hook, if any.
func (s *Storage) sheetsSavedInTx(ctx context.Context, tx *sql.Tx, schoolID, cycleID int64, students []int64) bool {
	fn := s.sheetsSavedTx.Load()
	return fn != nil && len(students) > 0 && (*fn)(ctx, tx, schoolID, cycleID, students)
}
