package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ReportCode is an issued verification code of a printed report card of
// one cycle; a graduation archive prints each term's card with its own
// code. (The table allows cycle 0, for a code of a whole archive; none is
// issued.)
type ReportCode struct {
	ID         int64
	SchoolID   int64
	Code       string
	StudentID  int64
	CycleID    int64
	Digest     string // SHA-256 of Shown
	Shown      string // JSON of what the verification page shows
	CreatedAt  time.Time
	Superseded bool
}

// IssueReportCode returns the current code of a student's card when its
// digest is unchanged; otherwise it supersedes that code and stores a new
// one made by newCode. So re-downloading an unchanged card prints the
// same code, and a card printed before a result changed stops verifying.
func (s *Storage) IssueReportCode(ctx context.Context, schoolID, studentID, cycleID int64, digest, shown string, newCode func() (string, error)) (string, error) {
	var code string
	var err error
	// Two first downloads at the same moment race for the one current
	// row (report_codes_current); the loser reads the winner's code.
	for range 3 {
		err = s.InTx(ctx, func(tx *sql.Tx) error {
			var id int64
			var cur, curDigest string
			e := tx.QueryRowContext(ctx, `SELECT id, code, digest FROM report_codes WHERE school_id = $1 AND student_id = $2 AND cycle_id = $3 AND superseded_at IS NULL`,
				schoolID, studentID, cycleID).Scan(&id, &cur, &curDigest)
			switch {
			case e == nil && curDigest == digest:
				code = cur
				return nil
			case e == nil:
				if _, e := tx.ExecContext(ctx, `UPDATE report_codes SET superseded_at = $2 WHERE school_id = $1 AND id = $3`, schoolID, now(), id); e != nil {
					return e
				}
			case !errors.Is(e, sql.ErrNoRows):
				return e
			}
			c, e := newCode()
			if e != nil {
				return e
			}
			if e := s.claimKey(ctx, tx, keyReportCode, c, schoolID); e != nil {
				return e // a collision with another school's code: the loop draws again
			}
			if _, e := tx.ExecContext(ctx, `INSERT INTO report_codes (school_id, code, student_id, cycle_id, digest, shown, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				schoolID, c, studentID, cycleID, digest, shown, now()); e != nil {
				return e
			}
			code = c
			return nil
		})
		if err == nil {
			return code, nil
		}
	}
	return "", err
}

// ReportCodeByCode finds an issued code. Like a survey link it is a lookup
// that starts without a school: the code names it.
func (s *Storage) ReportCodeByCode(ctx context.Context, code string) (ReportCode, error) {
	var c ReportCode
	var sup sql.NullTime
	school, err := s.schoolOfKey(ctx, keyReportCode, code)
	if err != nil {
		return c, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT id, school_id, code, student_id, cycle_id, digest, shown, created_at, superseded_at FROM report_codes WHERE school_id = $1 AND code = $2`, school, code).
		Scan(&c.ID, &c.SchoolID, &c.Code, &c.StudentID, &c.CycleID, &c.Digest, &c.Shown, &c.CreatedAt, &sup)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.Superseded = sup.Valid
	c.CreatedAt = c.CreatedAt.UTC()
	return c, err
}
