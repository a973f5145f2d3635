package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SessionStore keeps web sessions in the database (the scs CtxStore
// interface), so a restart or a second process keeps everyone logged in.
type SessionStore struct{ s *Storage }

// Sessions returns the session store on this database.
func (s *Storage) Sessions() *SessionStore { return &SessionStore{s} }

// FindCtx returns a live session's data.
func (st *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := st.s.db.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, token, now()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

// CommitCtx saves a session.
func (st *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := st.s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry.UTC())
	return err
}

// DeleteCtx removes a session.
func (st *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := st.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

// Find, Commit and Delete satisfy the plain scs.Store interface.
func (st *SessionStore) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}
func (st *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, b, expiry)
}
func (st *SessionStore) Delete(token string) error { return st.DeleteCtx(context.Background(), token) }

// PurgeExpired deletes expired sessions; serve calls it periodically.
func (st *SessionStore) PurgeExpired(ctx context.Context) error {
	_, err := st.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expiry < $1`, now())
	return err
}
