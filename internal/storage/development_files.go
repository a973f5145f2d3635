package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// Proof files of development records (证书、结业证明、企业盖章的实践证明),
// checked and counted in the uploader's ProofQuota as evidence's are.

// AddDevelopmentFile stores a checked proof file of a record (not
// deleted) in one transaction with its audit line.
func (s *Storage) AddDevelopmentFile(ctx context.Context, schoolID int64, a model.Actor, recordID int64, up ProofUpload) (ProofFile, error) {
	var f ProofFile
	ct, err := CheckProofFile(up.Data)
	if err != nil {
		return f, refusal("证明材料“" + up.Name + "”：" + err.Error())
	}
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.developmentBefore(ctx, tx, schoolID, recordID); err != nil {
			return err
		}
		if f, err = insertDevelopmentFile(ctx, tx, schoolID, a, recordID, up, ct); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_file", "development_record", recordID, nil, map[string]any{"file_id": f.ID, "name": f.Name, "size": f.Size})
	})
	return f, researchErr(fmt.Sprintf("development record %d file", recordID), err)
}

// insertDevelopmentFile writes a checked file inside tx after the
// uploader's quota; the caller writes the audit line.
func insertDevelopmentFile(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, recordID int64, up ProofUpload, ct string) (ProofFile, error) {
	f := ProofFile{OwnerID: recordID, Name: up.Name, ContentType: ct, Size: int64(len(up.Data))}
	if err := checkProofQuota(ctx, tx, schoolID, a.UserID, f.Size); err != nil {
		return f, err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO development_record_files (school_id, record_id, name, content_type, size, data, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, schoolID, recordID, up.Name, ct, f.Size, up.Data, nullInt(a.UserID), now()).Scan(&f.ID)
	return f, err
}

// DevelopmentFiles lists a record's files without their data, oldest first.
func (s *Storage) DevelopmentFiles(ctx context.Context, schoolID, recordID int64) ([]ProofFile, error) {
	out, err := scanList(ctx, s.db, `SELECT id, record_id, name, content_type, size FROM development_record_files WHERE school_id = $1 AND record_id = $2 ORDER BY id`,
		[]any{schoolID, recordID}, func(r *sql.Rows, f *ProofFile) error {
			return r.Scan(&f.ID, &f.OwnerID, &f.Name, &f.ContentType, &f.Size)
		})
	if err != nil {
		return nil, fmt.Errorf("development record %d files: %w", recordID, err)
	}
	return out, nil
}

// DevelopmentFileData reads one file of the school with its data.
func (s *Storage) DevelopmentFileData(ctx context.Context, schoolID, fileID int64) (ProofFile, error) {
	f := ProofFile{ID: fileID}
	err := s.db.QueryRowContext(ctx, `SELECT record_id, name, content_type, size, data FROM development_record_files WHERE school_id = $1 AND id = $2`, schoolID, fileID).
		Scan(&f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("development file %d: %w", fileID, err)
	}
	return f, nil
}
