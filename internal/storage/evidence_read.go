package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// Reading 写实记录: one row type (EvidenceRow, the record with its review,
// student, class and team members), one SELECT and one scanner for every
// list and lookup.

// EvidenceFilter narrows ListEvidence; zero fields do not filter. Q
// searches the student's name or 学号. Scoped limits the rows to the
// students of ClassIDs and StudentIDs (an empty scope matches nothing).
type EvidenceFilter struct {
	model.ListQuery
	StudentID  int64
	ClassID    int64
	TermID     int64
	Kind       model.EvidenceKind
	Status     model.EvidenceStatus
	Scoped     bool
	ClassIDs   []int64
	StudentIDs []int64
}

// EvidenceRow is a record with its review, student, class and the team
// members of a team award.
type EvidenceRow struct {
	model.Evidence
	ReviewReason string `json:"review_reason,omitempty"`
	StudentNo    string `json:"student_no,omitempty"`
	StudentName  string `json:"student_name,omitempty"`
	ClassID      int64  `json:"class_id,omitempty"`
	ClassName    string `json:"class_name,omitempty"`
	TeamMembers  string `json:"team_members,omitempty"`
}

const evidenceFrom = ` FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
	JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id`

const evidenceSelect = `SELECT e.id, e.student_id, e.term_id, e.kind, e.title, e.category, e.level, e.prize, e.team, e.passed, e.hours, e.points, e.mentor_score, e.occurred_on, e.status, COALESCE(e.reviewed_by, 0), e.note, e.review_reason,
	s.student_no, s.name, s.class_id, c.name, e.team_members` + evidenceFrom

func scanEvidence(sc interface{ Scan(...any) error }, schoolID int64) (EvidenceRow, error) {
	var r EvidenceRow
	var kind, status string
	err := sc.Scan(&r.ID, &r.StudentID, &r.TermID, &kind, &r.Title, &r.Category, &r.Level, &r.Prize, &r.Team, &r.Passed, &r.Hours, &r.Points, &r.MentorScore, &r.Date, &status, &r.VerifiedBy, &r.Note, &r.ReviewReason,
		&r.StudentNo, &r.StudentName, &r.ClassID, &r.ClassName, &r.TeamMembers)
	r.SchoolID, r.Kind, r.Status = schoolID, model.EvidenceKind(kind), model.EvidenceStatus(status)
	return r, err
}

// where turns a filter into the WHERE clause of ListEvidence.
func (f EvidenceFilter) where(schoolID int64) *where {
	w := schoolWhere("e.school_id", schoolID)
	if f.StudentID != 0 {
		w.add("e.student_id = ?", f.StudentID)
	}
	if f.ClassID != 0 {
		w.add("s.class_id = ?", f.ClassID)
	}
	if f.TermID != 0 {
		w.add("e.term_id = ?", f.TermID)
	}
	if f.Kind != "" {
		w.add("e.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		w.add("e.status = ?", string(f.Status))
	}
	if f.Q != "" {
		w.add(`(LOWER(s.name) LIKE ? ESCAPE '\' OR LOWER(s.student_no) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	if f.Scoped {
		switch {
		case len(f.ClassIDs) == 0:
			w.in("e.student_id", f.StudentIDs)
		case len(f.StudentIDs) == 0:
			w.in("s.class_id", f.ClassIDs)
		default:
			a := &where{args: w.args}
			a.in("s.class_id", f.ClassIDs)
			a.in("e.student_id", f.StudentIDs)
			w.args = a.args
			w.conds = append(w.conds, "("+a.conds[0]+" OR "+a.conds[1]+")")
		}
	}
	return w
}

// ListEvidence lists records newest first, one page at a time, with the
// total count.
func (s *Storage) ListEvidence(ctx context.Context, schoolID int64, f EvidenceFilter) ([]EvidenceRow, int, error) {
	f.Normalize()
	w := f.where(schoolID)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*)`+evidenceFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("evidence count: %w", err)
	}
	out, err := s.evidenceRows(ctx, schoolID, w.sql()+` ORDER BY e.id DESC`+pageSQL(f.ListQuery), w.args...)
	return out, total, err
}

// VerifiedEvidence lists the verified records of a term: what Recompute
// counts.
func (s *Storage) VerifiedEvidence(ctx context.Context, schoolID, termID int64) ([]model.Evidence, error) {
	return s.evidenceWhere(ctx, schoolID, ` WHERE e.school_id = $1 AND e.term_id = $2 AND e.status = $3 ORDER BY e.id`, schoolID, termID, string(model.EvidenceVerified))
}

// evidenceWhere reads the records a WHERE clause (starting with the
// school) selects, without their student and class.
func (s *Storage) evidenceWhere(ctx context.Context, schoolID int64, where string, args ...any) ([]model.Evidence, error) {
	rows, err := s.evidenceRows(ctx, schoolID, where, args...)
	out := make([]model.Evidence, len(rows))
	for i, r := range rows {
		out[i] = r.Evidence
	}
	return out, err
}

// evidenceRows reads the records a WHERE clause (starting with the
// school) selects.
func (s *Storage) evidenceRows(ctx context.Context, schoolID int64, where string, args ...any) ([]EvidenceRow, error) {
	var out []EvidenceRow
	err := scanAll(ctx, s.db, evidenceSelect+where, args, func(rows *sql.Rows) error {
		r, err := scanEvidence(rows, schoolID)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("evidence list: %w", err)
	}
	return out, nil
}

// EvidenceByID reads one record with its student and class.
func (s *Storage) EvidenceByID(ctx context.Context, schoolID, id int64) (EvidenceRow, error) {
	r, err := scanEvidence(s.db.QueryRowContext(ctx, evidenceSelect+` WHERE e.school_id = $1 AND e.id = $2`, schoolID, id), schoolID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("写实记录 %d: %w", id, err)
	}
	return r, nil
}
