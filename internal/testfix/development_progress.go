package testfix

import (
	"context"
	"testing"
	"time"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// ProgressRecord inserts one development record as the records pages
// would have left it (entered, then verified or not), with plain SQL: the
// progress tests only read the table. It returns the record's id.
func ProgressRecord(t testing.TB, st *storage.Storage, schoolID, teacherID int64, r teacherdev.Fact, title string) int64 {
	t.Helper()
	if r.Status == "" {
		r.Status = teacherdev.StatusVerified
	}
	at := time.Now().UTC()
	var id int64
	err := st.DB().QueryRowContext(context.Background(), `INSERT INTO development_records (school_id, teacher_id, kind, title, starts_on, ends_on,
		hours, days, enterprise_confirmed, level, expires_on, source, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'office', $12, $13, $13) RETURNING id`,
		schoolID, teacherID, string(r.Kind), title, r.StartsOn, r.EndsOn, r.Hours, r.Days, r.EnterpriseConfirmed, r.Level, r.ExpiresOn, r.Status, at).Scan(&id)
	must(t, err)
	return id
}

// SetHiredOn sets a teacher's hiring day.
func SetHiredOn(t testing.TB, st *storage.Storage, schoolID, teacherID int64, day string) {
	t.Helper()
	_, err := st.DB().ExecContext(context.Background(), `UPDATE teachers SET hired_on = $3 WHERE school_id = $1 AND id = $2`, schoolID, teacherID, day)
	must(t, err)
}
