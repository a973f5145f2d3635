package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// MaxEvidenceFile is the largest proof file accepted (10 MiB).
const MaxEvidenceFile = 10 << 20

// evidenceTypes are the proof file types accepted, as sniffed by
// http.DetectContentType (the name and the client's claim are not trusted).
var evidenceTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true, "application/pdf": true}

// CheckProofFile returns the sniffed content type of a proof file, or a
// Chinese error when it is too large, empty or of a type not accepted.
func CheckProofFile(data []byte) (string, error) {
	if len(data) == 0 {
		return "", errors.New("文件为空")
	}
	if len(data) > MaxEvidenceFile {
		return "", errors.New("文件超过 10 MB")
	}
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if !evidenceTypes[ct] {
		return "", errors.New("只接受 JPEG、PNG、WebP 图片或 PDF 文件")
	}
	return ct, nil
}

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

var evidenceCols = []string{"school_id", "student_id", "term_id", "kind", "title", "category", "level", "prize", "team", "passed", "hours", "points", "mentor_score", "occurred_on", "status", "note", "submitted_by", "submitted_at"}

func evidenceRow(schoolID int64, a model.Actor, e *model.Evidence) []any {
	return []any{schoolID, e.StudentID, e.TermID, string(e.Kind), e.Title, e.Category, e.Level, e.Prize, e.Team, e.Passed, e.Hours, e.Points, e.MentorScore, e.Date, string(model.EvidencePending), e.Note, nullInt(a.UserID), now()}
}

// CreateEvidence stores a record as pending (待审核) and sets its ID.
func (s *Storage) CreateEvidence(ctx context.Context, schoolID int64, a model.Actor, e *model.Evidence) error {
	return s.CreateEvidenceBulk(ctx, schoolID, a, []*model.Evidence{e})
}

// CreateEvidenceBulk stores many pending records in one transaction (all
// or none) and sets their IDs, for an .xlsx import.
func (s *Storage) CreateEvidenceBulk(ctx context.Context, schoolID int64, a model.Actor, es []*model.Evidence) error {
	for i, e := range es {
		if err := checkEvidence(e); err != nil {
			return fmt.Errorf("第 %d 条：%w", i+1, err)
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		for _, e := range es {
			row := evidenceRow(schoolID, a, e)
			ph := make([]string, len(row))
			for i := range ph {
				ph[i] = "$" + itoa(i+1)
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO evidence (`+strings.Join(evidenceCols, ", ")+`) VALUES (`+strings.Join(ph, ", ")+`) RETURNING id`, row...).Scan(&e.ID); err != nil {
				return err
			}
			e.SchoolID, e.Status = schoolID, model.EvidencePending
		}
		return s.audit(ctx, tx, schoolID, a, "create", "evidence", singleID(es), nil, map[string]int{"records": len(es)})
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
	return s.InTx(ctx, func(tx *sql.Tx) error {
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
		return s.audit(ctx, tx, schoolID, a, "review", "evidence", id, map[string]string{"status": before}, map[string]string{"status": string(status), "reason": reason})
	})
}

// EvidenceFilter narrows ListEvidence; zero fields do not filter.
type EvidenceFilter struct {
	model.ListQuery
	StudentID int64
	ClassID   int64
	TermID    int64
	Status    model.EvidenceStatus
}

// EvidenceRecord is a record with its review.
type EvidenceRecord struct {
	model.Evidence
	ReviewReason string `json:"review_reason,omitempty"`
}

const evidenceSelect = `SELECT e.id, e.student_id, e.term_id, e.kind, e.title, e.category, e.level, e.prize, e.team, e.passed, e.hours, e.points, e.mentor_score, e.occurred_on, e.status, COALESCE(e.reviewed_by, 0), e.note, e.review_reason FROM evidence e`

func scanEvidence(rows *sql.Rows, schoolID int64) (EvidenceRecord, error) {
	var r EvidenceRecord
	var kind, status string
	err := rows.Scan(&r.ID, &r.StudentID, &r.TermID, &kind, &r.Title, &r.Category, &r.Level, &r.Prize, &r.Team, &r.Passed, &r.Hours, &r.Points, &r.MentorScore, &r.Date, &status, &r.VerifiedBy, &r.Note, &r.ReviewReason)
	r.SchoolID, r.Kind, r.Status = schoolID, model.EvidenceKind(kind), model.EvidenceStatus(status)
	return r, err
}

// ListEvidence lists records by student, class, term and status, newest
// first, one page at a time, with the total count.
func (s *Storage) ListEvidence(ctx context.Context, schoolID int64, f EvidenceFilter) ([]EvidenceRecord, int, error) {
	w := schoolWhere("e.school_id", schoolID)
	if f.StudentID != 0 {
		w.add("e.student_id = ?", f.StudentID)
	}
	if f.TermID != 0 {
		w.add("e.term_id = ?", f.TermID)
	}
	if f.Status != "" {
		w.add("e.status = ?", string(f.Status))
	}
	if f.ClassID != 0 {
		w.add("e.student_id IN (SELECT id FROM students WHERE school_id = e.school_id AND class_id = ?)", f.ClassID)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM evidence e`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	f.Normalize()
	rows, err := s.db.QueryContext(ctx, evidenceSelect+w.sql()+` ORDER BY e.id DESC`+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []EvidenceRecord
	for rows.Next() {
		r, err := scanEvidence(rows, schoolID)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// VerifiedEvidence lists the verified records of a term: what Recompute
// counts.
func (s *Storage) VerifiedEvidence(ctx context.Context, schoolID, termID int64) ([]model.Evidence, error) {
	return s.evidenceWhere(ctx, schoolID, ` WHERE e.school_id = $1 AND e.term_id = $2 AND e.status = $3 ORDER BY e.id`, schoolID, termID, string(model.EvidenceVerified))
}

// evidenceWhere reads the records a WHERE clause (starting with the
// school) selects.
func (s *Storage) evidenceWhere(ctx context.Context, schoolID int64, where string, args ...any) ([]model.Evidence, error) {
	rows, err := s.db.QueryContext(ctx, evidenceSelect+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Evidence
	for rows.Next() {
		r, err := scanEvidence(rows, schoolID)
		if err != nil {
			return nil, err
		}
		out = append(out, r.Evidence)
	}
	return out, rows.Err()
}

// ProofFile is a stored proof file (写实记录或申诉的证明材料).
type ProofFile struct {
	ID          int64  `json:"id"`
	OwnerID     int64  `json:"owner_id"` // evidence or appeal id
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Data        []byte `json:"-"`
}

// AddEvidenceFile attaches a proof file after CheckProofFile.
func (s *Storage) AddEvidenceFile(ctx context.Context, schoolID int64, a model.Actor, evidenceID int64, name string, data []byte) (ProofFile, error) {
	return s.addFile(ctx, schoolID, a, "evidence", "evidence", evidenceID, name, data)
}

// EvidenceFile reads one proof file of a record.
func (s *Storage) EvidenceFile(ctx context.Context, schoolID, fileID int64) (ProofFile, error) {
	return s.file(ctx, "evidence", schoolID, fileID)
}

// addFile stores a checked proof file for a row of table (the owner's
// table; its files live in owner_files with an owner_id column).
func (s *Storage) addFile(ctx context.Context, schoolID int64, a model.Actor, owner, table string, ownerID int64, name string, data []byte) (ProofFile, error) {
	f := ProofFile{OwnerID: ownerID, Name: name, Size: int64(len(data)), Data: data}
	ct, err := CheckProofFile(data)
	if err != nil {
		return f, err
	}
	f.ContentType = ct
	err = s.InTx(ctx, func(tx *sql.Tx) error { return s.addFileTx(ctx, tx, schoolID, a, owner, table, &f) })
	return f, err
}

// addFileTx stores f (checked, its owner id set) inside tx, with its
// audit line, so an owner and its files can land together.
func (s *Storage) addFileTx(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, owner, table string, f *ProofFile) error {
	ownerID, name, ct, data := f.OwnerID, f.Name, f.ContentType, f.Data
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE school_id = $1 AND id = $2`, schoolID, ownerID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	if err := checkProofQuota(ctx, tx, schoolID, a.UserID, f.Size); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO `+owner+`_files (school_id, `+owner+`_id, name, content_type, size, data, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		schoolID, ownerID, name, ct, f.Size, data, nullInt(a.UserID), now()).Scan(&f.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "add_file", owner, ownerID, nil, map[string]any{"file_id": f.ID, "name": name, "size": f.Size, "type": ct})
}

// files lists an owner's proof files without their data, oldest first.
func (s *Storage) files(ctx context.Context, owner string, schoolID, ownerID int64) ([]ProofFile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, `+owner+`_id, name, content_type, size FROM `+owner+`_files WHERE school_id = $1 AND `+owner+`_id = $2 ORDER BY id`, schoolID, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProofFile
	for rows.Next() {
		var f ProofFile
		if err := rows.Scan(&f.ID, &f.OwnerID, &f.Name, &f.ContentType, &f.Size); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (s *Storage) file(ctx context.Context, owner string, schoolID, fileID int64) (ProofFile, error) {
	f := ProofFile{ID: fileID}
	err := s.db.QueryRowContext(ctx, `SELECT `+owner+`_id, name, content_type, size, data FROM `+owner+`_files WHERE school_id = $1 AND id = $2`, schoolID, fileID).
		Scan(&f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	return f, err
}
