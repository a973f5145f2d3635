package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// Proof files (证明材料) of 写实记录 and 申诉 alike: stored in the database
// in <owner>_files tables, bounded per account by ProofQuota.

// ProofFile is a stored proof file (写实记录或申诉的证明材料).
type ProofFile struct {
	ID          int64  `json:"id"`
	OwnerID     int64  `json:"owner_id"` // evidence or appeal id
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Data        []byte `json:"-"`
}

// addFile stores a checked proof file for a row of table (the owner's
// table; its files live in owner_files with an owner_id column), in its
// own transaction with its audit line.
func (s *Storage) addFile(ctx context.Context, schoolID int64, a model.Actor, owner, table string, ownerID int64, name string, data []byte) (ProofFile, error) {
	f := ProofFile{OwnerID: ownerID, Name: name, Size: int64(len(data)), Data: data}
	ct, err := CheckProofFile(data)
	if err != nil {
		return f, err
	}
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE school_id = $1 AND id = $2`, schoolID, ownerID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if f, err = insertFile(ctx, tx, schoolID, a, owner, ownerID, name, ct, data); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_file", owner, ownerID, nil, map[string]any{"file_id": f.ID, "name": name, "size": f.Size, "type": ct})
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		var qe *QuotaError
		if !errors.As(err, &qe) {
			err = fmt.Errorf("%s %d file: %w", owner, ownerID, err)
		}
	}
	return f, err
}

// insertFile writes a checked proof file of content type ct inside tx,
// after the uploader's quota; the caller writes the audit line.
func insertFile(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, owner string, ownerID int64, name, ct string, data []byte) (ProofFile, error) {
	f := ProofFile{OwnerID: ownerID, Name: name, ContentType: ct, Size: int64(len(data)), Data: data}
	if err := checkProofQuota(ctx, tx, schoolID, a.UserID, f.Size); err != nil {
		return f, err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO `+owner+`_files (school_id, `+owner+`_id, name, content_type, size, data, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		schoolID, ownerID, name, ct, f.Size, data, nullInt(a.UserID), now()).Scan(&f.ID)
	if err != nil {
		return f, fmt.Errorf("%s %d file insert: %w", owner, ownerID, err)
	}
	return f, nil
}

// files lists an owner's proof files without their data, oldest first.
func (s *Storage) files(ctx context.Context, owner string, schoolID, ownerID int64) ([]ProofFile, error) {
	return s.filesIn(ctx, owner+"_files", owner+"_id", owner, schoolID, ownerID)
}

// filesIn is files for a table whose owner column does not follow the
// owner_files / owner_id naming (development_record_files.record_id).
func (s *Storage) filesIn(ctx context.Context, table, col, owner string, schoolID, ownerID int64) ([]ProofFile, error) {
	out, err := scanList(ctx, s.db, `SELECT id, `+col+`, name, content_type, size FROM `+table+` WHERE school_id = $1 AND `+col+` = $2 ORDER BY id`,
		[]any{schoolID, ownerID}, func(r *sql.Rows, f *ProofFile) error {
			return r.Scan(&f.ID, &f.OwnerID, &f.Name, &f.ContentType, &f.Size)
		})
	if err != nil {
		return nil, fmt.Errorf("%s %d files: %w", owner, ownerID, err)
	}
	return out, nil
}

func (s *Storage) file(ctx context.Context, owner string, schoolID, fileID int64) (ProofFile, error) {
	return s.fileIn(ctx, owner+"_files", owner+"_id", owner, schoolID, fileID)
}

// fileIn is file for a table named as in filesIn.
func (s *Storage) fileIn(ctx context.Context, table, col, owner string, schoolID, fileID int64) (ProofFile, error) {
	f := ProofFile{ID: fileID}
	err := s.db.QueryRowContext(ctx, `SELECT `+col+`, name, content_type, size, data FROM `+table+` WHERE school_id = $1 AND id = $2`, schoolID, fileID).
		Scan(&f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("%s file %d: %w", owner, fileID, err)
	}
	return f, nil
}

// QuotaError is a refusal for being over ProofQuota; its message is the
// Chinese reason to show.
type QuotaError struct{ msg string }

func (e *QuotaError) Error() string { return e.msg }

// Quota bounds what one account may store.
type Quota struct {
	Files int
	Bytes int64
}

// ProofQuota is how many proof files (写实记录, 申诉 and 科研成果 alike) and how many
// bytes of them one account may store: 200 files and 200 MiB, about a
// photo a week for four school years with room to spare. Files stay in the
// database, so without a bound one account could fill the server's disk
// in 10 MiB steps. A variable so that tests can lower it.
var ProofQuota = Quota{Files: 200, Bytes: 200 << 20}

// checkProofQuota refuses a file that would take the uploader past
// ProofQuota. Files stored by the system (no account) are not counted.
func checkProofQuota(ctx context.Context, tx *sql.Tx, schoolID, userID, size int64) error {
	if userID == 0 {
		return nil
	}
	var n int
	var total int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(size), 0) FROM (
		SELECT size FROM evidence_files WHERE school_id = $1 AND created_by = $2
		UNION ALL SELECT size FROM appeal_files WHERE school_id = $1 AND created_by = $2
		UNION ALL SELECT size FROM research_output_files WHERE school_id = $1 AND created_by = $2
		UNION ALL SELECT size FROM development_record_files WHERE school_id = $1 AND created_by = $2) f`, schoolID, userID).Scan(&n, &total); err != nil {
		return fmt.Errorf("proof quota of user %d: %w", userID, err)
	}
	q := ProofQuota
	if n+1 > q.Files || total+size > q.Bytes {
		return &QuotaError{fmt.Sprintf("每个账号最多保存 %d 个证明材料文件、共 %d MB，已用 %d 个、%.1f MB；请联系学校管理员",
			q.Files, q.Bytes>>20, n, float64(total)/(1<<20))}
	}
	return nil
}
