package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// QuotaError is a refusal for being over ProofQuota; its message is the
// Chinese reason to show.
type QuotaError struct{ msg string }

func (e *QuotaError) Error() string { return e.msg }

// Quota bounds what one account may store.
type Quota struct {
	Files int
	Bytes int64
}

// ProofQuota is how many proof files (写实记录 and 申诉 alike) and how many
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
		UNION ALL SELECT size FROM appeal_files WHERE school_id = $1 AND created_by = $2) f`, schoolID, userID).Scan(&n, &total); err != nil {
		return err
	}
	q := ProofQuota
	if n+1 > q.Files || total+size > q.Bytes {
		return &QuotaError{fmt.Sprintf("每个账号最多保存 %d 个证明材料文件、共 %d MB，已用 %d 个、%.1f MB；请联系学校管理员",
			q.Files, q.Bytes>>20, n, float64(total)/(1<<20))}
	}
	return nil
}
