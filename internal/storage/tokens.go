package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// CreateAPIToken stores a token's hash; the token itself is shown once to
// its owner and never stored.
func (s *Storage) CreateAPIToken(ctx context.Context, schoolID int64, a model.Actor, t *model.APIToken, hash string) error {
	t.SchoolID = schoolID
	t.CreatedAt = now()
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.claimKey(ctx, tx, keyAPIToken, hash, schoolID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (school_id, user_id, name, prefix, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, t.UserID, t.Name, t.Prefix, hash, t.CreatedAt, nullTime(t.ExpiresAt)).Scan(&t.ID); err != nil {
			return fmt.Errorf("CreateAPIToken: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "create", "api_token", t.ID, nil, t)
	})
}

// UserByTokenHash finds the live account behind a token hash and stamps
// the token's last use.
func (s *Storage) UserByTokenHash(ctx context.Context, hash string) (model.User, error) {
	var userID int64
	var expires sql.NullTime
	var revoked bool
	school, err := s.schoolOfKey(ctx, keyAPIToken, hash)
	if err != nil {
		return model.User{}, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT user_id, expires_at, revoked FROM api_tokens WHERE school_id = $1 AND token_hash = $2`, school, hash).Scan(&userID, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return model.User{}, ErrNotFound
	}
	if err != nil {
		return model.User{}, err
	}
	if revoked || (expires.Valid && expires.Time.Before(time.Now())) {
		return model.User{}, ErrNotFound
	}
	s.db.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $3 WHERE school_id = $1 AND token_hash = $2`, school, hash, now())
	return s.User(ctx, school, userID)
}

// APITokens lists a user's tokens.
func (s *Storage) APITokens(ctx context.Context, schoolID, userID int64) ([]model.APIToken, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked
		FROM api_tokens WHERE school_id = $1 AND user_id = $2 ORDER BY created_at DESC`, schoolID, userID)
	if err != nil {
		return nil, fmt.Errorf("APITokens: %w", err)
	}
	defer rows.Close()
	var out []model.APIToken
	for rows.Next() {
		var t model.APIToken
		var used, exp sql.NullTime
		if err := rows.Scan(&t.ID, &t.SchoolID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &used, &exp, &t.Revoked); err != nil {
			return nil, fmt.Errorf("APITokens: %w", err)
		}
		t.LastUsedAt, t.ExpiresAt = used.Time, exp.Time
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes one of a user's tokens.
func (s *Storage) RevokeAPIToken(ctx context.Context, schoolID int64, a model.Actor, userID, tokenID int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE school_id = $1 AND user_id = $2 AND id = $3`, schoolID, userID, tokenID)
		if err != nil {
			return fmt.Errorf("RevokeAPIToken: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, schoolID, a, "revoke", "api_token", tokenID, nil, nil)
	})
}
