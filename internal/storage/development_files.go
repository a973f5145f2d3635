package storage

import (
	"context"
	"database/sql"
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
	return s.filesIn(ctx, "development_record_files", "record_id", "development record", schoolID, recordID)
}

// DevelopmentFileData reads one file of the school with its data.
func (s *Storage) DevelopmentFileData(ctx context.Context, schoolID, fileID int64) (ProofFile, error) {
	return s.fileIn(ctx, "development_record_files", "record_id", "development", schoolID, fileID)
}
