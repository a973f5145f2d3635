package storage

import (
	"context"
	"database/sql"
	"errors"
)

// Kinds of platform-wide keys (migration 0014): each is unique across
// every school and names the school it belongs to, so a lookup that starts
// without a school (a login, an API call, a public page) reads the school
// here first and then the row inside that school.
const (
	keyUsername    = "username"
	keyAPIToken    = "api_token"
	keyReportCode  = "report_code"
	keySurveyToken = "survey_token"
)

// errKeyTaken is a claim on a key another row already holds.
var errKeyTaken = errors.New("key taken")

// globalKeysVersion is the migration that made global_keys, and
// kpiSummariesVersion the one that made the district summaries.
const (
	globalKeysVersion   = 14
	kpiSummariesVersion = 16
)

// refreshKeysReady notes whether global_keys exists yet: a database still
// being upgraded through older versions (the upgrade tests write data at
// those versions) has no claims to write, and migration 0014 claims every
// existing row when it creates the table. Likewise for the marks that
// keep the district summaries current: a school written before 0016 is
// rebuilt when it is first read.
func (s *Storage) refreshKeysReady(ctx context.Context) {
	var keys, summaries int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE version = $1), COUNT(*) FILTER (WHERE version = $2) FROM schema_migrations`,
		globalKeysVersion, kpiSummariesVersion).Scan(&keys, &summaries)
	s.keysReady.Store(err == nil && keys > 0)
	s.summariesReady.Store(err == nil && summaries > 0)
}

// claimKey records that key of kind belongs to school, in tx, or returns
// errKeyTaken.
func (s *Storage) claimKey(ctx context.Context, tx *sql.Tx, kind, key string, school int64) error {
	if !s.keysReady.Load() {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO global_keys (kind, key, school_id) VALUES ($1, $2, $3)`, kind, key, school)
	if isUniqueViolation(err) {
		return errKeyTaken
	}
	return err
}

// schoolOfKey is the school that holds key, or ErrNotFound.
func (s *Storage) schoolOfKey(ctx context.Context, kind, key string) (int64, error) {
	var school int64
	err := s.db.QueryRowContext(ctx, `SELECT school_id FROM global_keys WHERE kind = $1 AND key = $2`, kind, key).Scan(&school)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return school, err
}
