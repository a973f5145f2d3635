package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// Proof files of 科研成果 (证明材料: the 立项书, the journal's pages, the
// certificate), checked and bounded by ProofQuota as evidence's are.
// Stage names the 课题 stage a file proves, "" for the output as a whole.

// ResearchFile is a stored proof file of an output.
type ResearchFile struct {
	ProofFile
	Stage string `json:"stage,omitempty"`
}

// AddResearchFile stores a checked proof file of an output (not deleted)
// in one transaction with its audit line.
func (s *Storage) AddResearchFile(ctx context.Context, schoolID int64, a model.Actor, outputID int64, stage string, up ProofUpload) (ResearchFile, error) {
	var f ResearchFile
	ct, err := CheckProofFile(up.Data)
	if err != nil {
		return f, refusal("证明材料“" + up.Name + "”：" + err.Error())
	}
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.researchBefore(ctx, tx, schoolID, outputID); err != nil {
			return err
		}
		if f, err = insertResearchFile(ctx, tx, schoolID, a, outputID, stage, up, ct); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_file", "research_output", outputID, nil, map[string]any{"file_id": f.ID, "name": f.Name, "size": f.Size, "stage": stage})
	})
	return f, researchErr(fmt.Sprintf("research output %d file", outputID), err)
}

// insertResearchFile writes a checked file inside tx after the uploader's
// quota; the caller writes the audit line.
func insertResearchFile(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, outputID int64, stage string, up ProofUpload, ct string) (ResearchFile, error) {
	f := ResearchFile{ProofFile: ProofFile{OwnerID: outputID, Name: up.Name, ContentType: ct, Size: int64(len(up.Data))}, Stage: stage}
	if err := checkProofQuota(ctx, tx, schoolID, a.UserID, f.Size); err != nil {
		return f, err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO research_output_files (school_id, output_id, stage, name, content_type, size, data, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, schoolID, outputID, stage, up.Name, ct, f.Size, up.Data, nullInt(a.UserID), now()).Scan(&f.ID)
	return f, err
}

// ResearchFiles lists an output's files without their data, oldest first.
func (s *Storage) ResearchFiles(ctx context.Context, schoolID, outputID int64) ([]ResearchFile, error) {
	out, err := scanList(ctx, s.db, `SELECT id, output_id, stage, name, content_type, size FROM research_output_files WHERE school_id = $1 AND output_id = $2 ORDER BY id`,
		[]any{schoolID, outputID}, func(r *sql.Rows, f *ResearchFile) error {
			return r.Scan(&f.ID, &f.OwnerID, &f.Stage, &f.Name, &f.ContentType, &f.Size)
		})
	if err != nil {
		return nil, fmt.Errorf("research output %d files: %w", outputID, err)
	}
	return out, nil
}

// ResearchFileData reads one file of the school with its data.
func (s *Storage) ResearchFileData(ctx context.Context, schoolID, fileID int64) (ResearchFile, error) {
	f := ResearchFile{ProofFile: ProofFile{ID: fileID}}
	err := s.db.QueryRowContext(ctx, `SELECT output_id, stage, name, content_type, size, data FROM research_output_files WHERE school_id = $1 AND id = $2`, schoolID, fileID).
		Scan(&f.OwnerID, &f.Stage, &f.Name, &f.ContentType, &f.Size, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("research file %d: %w", fileID, err)
	}
	return f, nil
}
