package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// 写实记录: writing records (a submission with its team members and proof
// files, bulk imports, review) and reading them with their student and
// class. Each user action is one method and one transaction with its audit
// line, so a failure half-way writes nothing.

// MaxEvidenceFile is the largest proof file accepted (10 MiB).
const MaxEvidenceFile = validate.MaxProofFile

// CheckProofFile returns the sniffed content type of a proof file, or a
// Chinese error when it is too large, empty or of a type not accepted.
func CheckProofFile(data []byte) (string, error) { return validate.ProofFile(data) }

// checkEvidence is the last guard before a row is written, whatever way
// it came in: the page and the imports check the same rules earlier with
// validate.Evidence, to show every problem at once.
func checkEvidence(e *model.Evidence) error {
	if !e.Kind.Valid() {
		return fmt.Errorf("未知的写实记录类型 %q", e.Kind)
	}
	if strings.TrimSpace(e.Title) == "" {
		return errors.New("写实记录标题不能为空")
	}
	// NaN and ±Inf pass any range check a caller wrote as f < lo || f > hi;
	// stored, they broke every recompute of the term's cycles.
	if !validate.Finite(e.Hours) || !validate.Finite(e.Points) || !validate.Finite(e.MentorScore) {
		return errors.New("写实记录的时长、分值和导师评分须为有效数字")
	}
	return nil
}

// evidenceCols is the one column list of an evidence row as written;
// evidenceRow gives the values in the same order.
var evidenceCols = []string{"school_id", "student_id", "term_id", "kind", "title", "category", "level", "prize", "team", "passed", "hours", "points", "mentor_score", "occurred_on", "status", "note", "submitted_by", "submitted_at", "team_members"}

// evidenceStatusCol is the index of "status" in evidenceCols.
const evidenceStatusCol = 14

func evidenceRow(schoolID int64, a model.Actor, e *model.Evidence, members string) []any {
	return []any{schoolID, e.StudentID, e.TermID, string(e.Kind), e.Title, e.Category, e.Level, e.Prize, e.Team, e.Passed, e.Hours, e.Points, e.MentorScore, e.Date, string(model.EvidencePending), e.Note, nullInt(a.UserID), now(), members}
}

var evidenceInsert = `INSERT INTO evidence (` + strings.Join(evidenceCols, ", ") + `) VALUES (` + placeholders(len(evidenceCols)) + `) RETURNING id`

// placeholders is "$1, $2, …, $n".
func placeholders(n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + itoa(i+1)
	}
	return strings.Join(ph, ", ")
}

// ProofUpload is a proof file sent with a record, not yet stored.
type ProofUpload struct {
	Name string
	Data []byte
}

// EvidenceInput is one submission: the record, the team members of a team
// award (stored only for a team competition) and its proof files.
type EvidenceInput struct {
	Evidence    *model.Evidence
	TeamMembers string
	Files       []ProofUpload
}

// SubmitEvidence stores a record as pending (待审核) with its team members
// and proof files in one transaction with one audit line, and sets its ID.
// A bad file, a file over the uploader's ProofQuota (a *QuotaError) or bad
// team members writes nothing.
func (s *Storage) SubmitEvidence(ctx context.Context, schoolID int64, a model.Actor, in EvidenceInput) error {
	e := in.Evidence
	if err := checkEvidence(e); err != nil {
		return err
	}
	members := ""
	if e.Kind == model.EvidenceCompetition && e.Team {
		members = in.TeamMembers
	}
	if r := validate.Text(members, validate.MaxTeamMembers, false); r != "" {
		return errors.New("团体成员" + r)
	}
	types := make([]string, len(in.Files))
	for i, f := range in.Files {
		ct, err := CheckProofFile(f.Data)
		if err != nil {
			return fmt.Errorf("证明材料“%s”：%w", f.Name, err)
		}
		types[i] = ct
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, evidenceInsert, evidenceRow(schoolID, a, e, members)...).Scan(&e.ID); err != nil {
			return fmt.Errorf("evidence insert: %w", err)
		}
		e.SchoolID, e.Status = schoolID, model.EvidencePending
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		var files []map[string]any
		for i, f := range in.Files {
			pf, err := insertFile(ctx, tx, schoolID, a, "evidence", e.ID, f.Name, types[i], f.Data)
			if err != nil {
				return err
			}
			files = append(files, map[string]any{"file_id": pf.ID, "name": pf.Name, "size": pf.Size, "type": pf.ContentType})
		}
		after := map[string]any{"records": 1}
		if members != "" {
			after["team_members"] = members
		}
		if len(files) > 0 {
			after["files"] = files
		}
		return s.audit(ctx, tx, schoolID, a, "create", "evidence", e.ID, nil, after)
	})
	if err != nil {
		e.ID, e.SchoolID, e.Status = 0, 0, "" // rolled back: nothing was stored
	}
	return err
}

// CreateEvidence stores a record as pending (待审核) and sets its ID.
func (s *Storage) CreateEvidence(ctx context.Context, schoolID int64, a model.Actor, e *model.Evidence) error {
	return s.SubmitEvidence(ctx, schoolID, a, EvidenceInput{Evidence: e})
}

// CreateEvidenceBulk stores many pending records in one transaction (all
// or none) and sets their IDs, for an .xlsx import.
func (s *Storage) CreateEvidenceBulk(ctx context.Context, schoolID int64, a model.Actor, es []*model.Evidence) error {
	return s.insertEvidence(ctx, schoolID, a, es, "", "create", map[string]any{"records": len(es)})
}

// CreateEvidenceVerifiedBulk stores many records already verified, in one
// transaction (all or none), for an office's import of an official result
// list: the importer is the reviewer, and reason says where the list came
// from. The audit log records the import and the verification.
func (s *Storage) CreateEvidenceVerifiedBulk(ctx context.Context, schoolID int64, a model.Actor, es []*model.Evidence, reason string) error {
	return s.insertEvidence(ctx, schoolID, a, es, reason, "import_verified", map[string]any{"records": len(es), "reason": reason})
}

// insertEvidence writes records in one transaction with one audit line;
// a non-empty reason stores them as verified by a, for that reason.
func (s *Storage) insertEvidence(ctx context.Context, schoolID int64, a model.Actor, es []*model.Evidence, reason, action string, after any) error {
	for i, e := range es {
		if err := checkEvidence(e); err != nil {
			return fmt.Errorf("第 %d 条：%w", i+1, err)
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		at := now()
		for i, e := range es {
			if err := tx.QueryRowContext(ctx, evidenceInsert, evidenceRow(schoolID, a, e, "")...).Scan(&e.ID); err != nil {
				return fmt.Errorf("evidence %d of %d: %w", i+1, len(es), err)
			}
			e.SchoolID, e.Status = schoolID, model.EvidencePending
			if reason == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE evidence SET status = $3, reviewed_by = $4, reviewed_at = $5, review_reason = $6 WHERE school_id = $1 AND id = $2`,
				schoolID, e.ID, string(model.EvidenceVerified), nullInt(a.UserID), at, reason); err != nil {
				return fmt.Errorf("evidence %d verify: %w", e.ID, err)
			}
			e.Status, e.VerifiedBy = model.EvidenceVerified, a.UserID
		}
		return s.audit(ctx, tx, schoolID, a, action, "evidence", singleID(es), nil, after)
	})
}

func singleID(es []*model.Evidence) int64 {
	if len(es) == 1 {
		return es[0].ID
	}
	return 0
}

// ReviewEvidence verifies (ok) or rejects a record; a rejection needs a
// reason. Audited with the status before and after.
func (s *Storage) ReviewEvidence(ctx context.Context, schoolID int64, a model.Actor, id int64, ok bool, reason string) error {
	if !ok && strings.TrimSpace(reason) == "" {
		return errors.New("退回写实记录需要填写理由")
	}
	status := model.EvidenceVerified
	if !ok {
		status = model.EvidenceRejected
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var before string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM evidence WHERE school_id = $1 AND id = $2`, schoolID, id).Scan(&before); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evidence SET status = $3, reviewed_by = $4, reviewed_at = $5, review_reason = $6 WHERE school_id = $1 AND id = $2`,
			schoolID, id, string(status), nullInt(a.UserID), now(), reason); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "review", "evidence", id, map[string]string{"status": before}, map[string]string{"status": string(status), "reason": reason})
	})
	if err != nil {
		return fmt.Errorf("写实记录 %d: %w", id, err)
	}
	return nil
}

// AddEvidenceFile attaches a proof file to a stored record after
// CheckProofFile.
func (s *Storage) AddEvidenceFile(ctx context.Context, schoolID int64, a model.Actor, evidenceID int64, name string, data []byte) (ProofFile, error) {
	return s.addFile(ctx, schoolID, a, "evidence", "evidence", evidenceID, name, data)
}

// EvidenceFile reads one proof file of a record.
func (s *Storage) EvidenceFile(ctx context.Context, schoolID, fileID int64) (ProofFile, error) {
	return s.file(ctx, "evidence", schoolID, fileID)
}

// EvidenceFiles lists a record's proof files, without their data.
func (s *Storage) EvidenceFiles(ctx context.Context, schoolID, evidenceID int64) ([]ProofFile, error) {
	return s.files(ctx, "evidence", schoolID, evidenceID)
}

// annotate gives a storage error its context and keeps it matchable with
// errors.Is (ErrNotFound) and errors.As; nil stays nil.
func annotate(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
