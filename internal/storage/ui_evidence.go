package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"zhijiao/internal/model"
)

// What the 写实记录 pages read beyond evidence.go: records with their
// student and class, narrowed to a user's scope and searchable by name or
// 学号; one record; the list of a record's proof files (without data); and
// the team members text of a team award.

// EvidenceViewFilter narrows EvidenceView; zero fields do not filter.
// Scoped limits the rows to the students of ClassIDs and StudentIDs (an
// empty scope matches nothing).
type EvidenceViewFilter struct {
	model.ListQuery
	Kind       model.EvidenceKind
	Status     model.EvidenceStatus
	ClassID    int64
	TermID     int64
	Scoped     bool
	ClassIDs   []int64
	StudentIDs []int64
}

// EvidenceRow is a record with its student, class and review.
type EvidenceRow struct {
	EvidenceRecord
	StudentNo   string
	StudentName string
	ClassID     int64
	ClassName   string
	TeamMembers string
}

const evidenceViewSelect = `SELECT e.id, e.student_id, e.term_id, e.kind, e.title, e.category, e.level, e.prize, e.team, e.passed, e.hours, e.points, e.mentor_score, e.occurred_on, e.status, COALESCE(e.reviewed_by, 0), e.note, e.review_reason,
	s.student_no, s.name, s.class_id, c.name, e.team_members
	FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
	JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id`

func scanEvidenceRow(sc interface{ Scan(...any) error }, schoolID int64) (EvidenceRow, error) {
	var r EvidenceRow
	var kind, status string
	err := sc.Scan(&r.ID, &r.StudentID, &r.TermID, &kind, &r.Title, &r.Category, &r.Level, &r.Prize, &r.Team, &r.Passed, &r.Hours, &r.Points, &r.MentorScore, &r.Date, &status, &r.VerifiedBy, &r.Note, &r.ReviewReason,
		&r.StudentNo, &r.StudentName, &r.ClassID, &r.ClassName, &r.TeamMembers)
	r.SchoolID, r.Kind, r.Status = schoolID, model.EvidenceKind(kind), model.EvidenceStatus(status)
	return r, err
}

// EvidenceView lists records newest first, one page at a time, with the
// total count.
func (s *Storage) EvidenceView(ctx context.Context, schoolID int64, f EvidenceViewFilter) ([]EvidenceRow, int, error) {
	f.Normalize()
	w := schoolWhere("e.school_id", schoolID)
	if f.Kind != "" {
		w.add("e.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		w.add("e.status = ?", string(f.Status))
	}
	if f.ClassID != 0 {
		w.add("s.class_id = ?", f.ClassID)
	}
	if f.TermID != 0 {
		w.add("e.term_id = ?", f.TermID)
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
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, evidenceViewSelect+w.sql()+` ORDER BY e.id DESC LIMIT `+itoa(f.PerPage)+` OFFSET `+itoa(f.Offset()), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []EvidenceRow
	for rows.Next() {
		r, err := scanEvidenceRow(rows, schoolID)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// EvidenceByID reads one record with its student and class.
func (s *Storage) EvidenceByID(ctx context.Context, schoolID, id int64) (EvidenceRow, error) {
	r, err := scanEvidenceRow(s.db.QueryRowContext(ctx, evidenceViewSelect+` WHERE e.school_id = $1 AND e.id = $2`, schoolID, id), schoolID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// EvidenceFiles lists a record's proof files, without their data.
func (s *Storage) EvidenceFiles(ctx context.Context, schoolID, evidenceID int64) ([]ProofFile, error) {
	return s.files(ctx, "evidence", schoolID, evidenceID)
}

// SetEvidenceTeamMembers stores the team members text of a team award
// (the model has no field for it; the column exists).
func (s *Storage) SetEvidenceTeamMembers(ctx context.Context, schoolID, id int64, members string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE evidence SET team_members = $3 WHERE school_id = $1 AND id = $2`, schoolID, id, members)
	return err
}

// CreateEvidenceVerifiedBulk stores many records already verified, in one
// transaction (all or none), for an office's import of an official result
// list: the importer is the reviewer, and reason says where the list came
// from. The audit log records the import and the verification.
func (s *Storage) CreateEvidenceVerifiedBulk(ctx context.Context, schoolID int64, a model.Actor, es []*model.Evidence, reason string) error {
	for i, e := range es {
		if err := checkEvidence(e); err != nil {
			return errors.New("第 " + itoa(i+1) + " 条：" + err.Error())
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		at := now()
		for _, e := range es {
			row := evidenceRow(schoolID, a, e)
			ph := make([]string, len(row))
			for i := range ph {
				ph[i] = "$" + itoa(i+1)
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO evidence (`+strings.Join(evidenceCols, ", ")+`) VALUES (`+strings.Join(ph, ", ")+`) RETURNING id`, row...).Scan(&e.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE evidence SET status = $3, reviewed_by = $4, reviewed_at = $5, review_reason = $6 WHERE school_id = $1 AND id = $2`,
				schoolID, e.ID, string(model.EvidenceVerified), nullInt(a.UserID), at, reason); err != nil {
				return err
			}
			e.SchoolID, e.Status, e.VerifiedBy = schoolID, model.EvidenceVerified, a.UserID
		}
		return s.audit(ctx, tx, schoolID, a, "import_verified", "evidence", singleID(es), nil, map[string]any{"records": len(es), "reason": reason})
	})
}
