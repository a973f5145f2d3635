package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"reflect"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionStore keeps web sessions in the database (the scs CtxStore
// interface), so a restart or a second process keeps everyone logged in.
//
// With an idle timeout scs commits the session after every request only
// to move its expiry on: on PostgreSQL that is a second durable commit
// (a WAL flush) per rating form. The store remembers what each request
// read and skips a commit whose data is unchanged and whose expiry moves
// less than sessionTouch; the stored expiry then lags by at most that,
// so a session idles out at most sessionTouch early — never late.
type SessionStore struct {
	s    *Storage
	mu   sync.Mutex
	read map[string]sessionRead // token → what FindCtx returned, until its commit
}

// sessionTouch is how far an unchanged session's expiry may move before
// it is written again.
const sessionTouch = 5 * time.Minute

// sessionReadCap bounds the map should requests read sessions without
// committing them (an error page, a panic): it is cleared when full,
// which only costs the next commits their skip.
const sessionReadCap = 10000

type sessionRead struct {
	data   []byte
	expiry time.Time
}

// Sessions returns the session store on this database (one per Storage,
// so every server on it shares what was read).
func (s *Storage) Sessions() *SessionStore {
	s.sessionsOnce.Do(func() { s.sessions = &SessionStore{s: s, read: map[string]sessionRead{}} })
	return s.sessions
}

// FindCtx returns a live session's data.
func (st *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	var expiry time.Time
	err := st.s.db.QueryRowContext(ctx, `SELECT data, expiry FROM sessions WHERE token = $1 AND expiry > $2`, token, now()).Scan(&b, &expiry)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	st.mu.Lock()
	if len(st.read) >= sessionReadCap {
		clear(st.read)
	}
	st.read[token] = sessionRead{data: b, expiry: expiry}
	st.mu.Unlock()
	return b, true, nil
}

// CommitCtx saves a session, unless only its expiry would move and by
// less than sessionTouch.
func (st *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	st.mu.Lock()
	r, ok := st.read[token]
	delete(st.read, token)
	st.mu.Unlock()
	if ok && sameSession(r.data, b) && !expiry.Before(r.expiry) && expiry.Sub(r.expiry) < sessionTouch {
		return nil
	}
	_, err := st.s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry.UTC())
	return err
}

// sameSession reports whether two encoded sessions hold the same data.
// scs's gob codec writes the values map in Go's random iteration order,
// so equal sessions of two or more values differ in bytes: they are
// compared decoded.
func sameSession(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	da, va, err1 := scs.GobCodec{}.Decode(a)
	db, vb, err2 := scs.GobCodec{}.Decode(b)
	return err1 == nil && err2 == nil && da.Equal(db) && reflect.DeepEqual(va, vb)
}

// DeleteCtx removes a session.
func (st *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	st.mu.Lock()
	delete(st.read, token)
	st.mu.Unlock()
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
