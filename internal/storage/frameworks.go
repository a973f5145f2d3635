package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// SaveFrameworkVersion stores f as a new version of its code (version 1 for
// a new code) and sets f.ID and f.Version. Existing versions are never
// changed: a cycle that pinned one keeps computing the same results. The
// caller validates f (eval.Validate) first, to show every problem in its
// form; the rules for new input (eval.ValidateNew) are checked here too,
// so no way in can store what they refuse.
func (s *Storage) SaveFrameworkVersion(ctx context.Context, schoolID int64, a model.Actor, f *model.Framework) error {
	if f.Code == "" || f.Name == "" {
		return errors.New("评价方案的代码和名称不能为空")
	}
	check := *f
	check.Version = 1 // the version is given below
	if err := eval.ValidateNew(check); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var top sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM frameworks WHERE school_id = $1 AND code = $2`, schoolID, f.Code).Scan(&top); err != nil {
			return err
		}
		f.SchoolID, f.Version, f.CreatedAt = schoolID, int(top.Int64)+1, now()
		f.ID = 0
		body, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO frameworks (school_id, code, version, name, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, f.Code, f.Version, f.Name, string(body), nullInt(a.UserID), f.CreatedAt).Scan(&f.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "framework", f.ID, nil, map[string]any{"code": f.Code, "version": f.Version, "name": f.Name})
	})
}

func scanFramework(row interface{ Scan(...any) error }) (model.Framework, error) {
	var f model.Framework
	var id int64
	var body string
	var def bool
	if err := row.Scan(&id, &body, &def); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return f, ErrNotFound
		}
		return f, err
	}
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		return f, fmt.Errorf("评价方案 %d 数据损坏: %w", id, err)
	}
	f.ID = id
	return f, nil
}

// Framework reads one framework version.
func (s *Storage) Framework(ctx context.Context, schoolID, id int64) (model.Framework, error) {
	return s.framework(ctx, s.db, schoolID, id)
}

// FrameworkSummary is one line of the framework list.
type FrameworkSummary struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Version   int    `json:"version"`
	Versions  int    `json:"versions"`
	IsDefault bool   `json:"is_default"`
}

// Frameworks lists the latest version of each of a school's frameworks.
func (s *Storage) Frameworks(ctx context.Context, schoolID int64) ([]FrameworkSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.id, f.code, f.name, f.version, v.n,
		EXISTS (SELECT 1 FROM frameworks d WHERE d.school_id = f.school_id AND d.code = f.code AND d.is_default)
		FROM frameworks f JOIN (SELECT code, MAX(version) AS top, COUNT(*) AS n FROM frameworks WHERE school_id = $1 GROUP BY code) v
		ON v.code = f.code AND v.top = f.version
		WHERE f.school_id = $1 ORDER BY f.code`, schoolID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FrameworkSummary
	for rows.Next() {
		var x FrameworkSummary
		if err := rows.Scan(&x.ID, &x.Code, &x.Name, &x.Version, &x.Versions, &x.IsDefault); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// FrameworkVersions lists every version of one framework, newest first.
func (s *Storage) FrameworkVersions(ctx context.Context, schoolID int64, code string) ([]FrameworkSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, code, name, version, is_default FROM frameworks WHERE school_id = $1 AND code = $2 ORDER BY version DESC`, schoolID, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FrameworkSummary
	for rows.Next() {
		var x FrameworkSummary
		if err := rows.Scan(&x.ID, &x.Code, &x.Name, &x.Version, &x.IsDefault); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// SetDefaultFramework marks the framework (all its versions' code) that new
// cycles start from.
func (s *Storage) SetDefaultFramework(ctx context.Context, schoolID int64, a model.Actor, id int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM frameworks WHERE school_id = $1 AND id = $2`, schoolID, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `UPDATE frameworks SET is_default = (id = $2) WHERE school_id = $1`, schoolID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "set_default", "framework", id, nil, nil)
	})
}

// DefaultFramework returns the version marked default, or ErrNotFound.
func (s *Storage) DefaultFramework(ctx context.Context, schoolID int64) (model.Framework, error) {
	return scanFramework(s.db.QueryRowContext(ctx, `SELECT id, body, is_default FROM frameworks WHERE school_id = $1 AND is_default`, schoolID))
}

// SaveEvidencePolicy stores a new version of the school's rule table.
func (s *Storage) SaveEvidencePolicy(ctx context.Context, schoolID int64, a model.Actor, p model.EvidencePolicy) (int, error) {
	var version int
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var top sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM evidence_policies WHERE school_id = $1`, schoolID).Scan(&top); err != nil {
			return err
		}
		version = int(top.Int64) + 1
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO evidence_policies (school_id, version, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, version, string(body), nullInt(a.UserID), now()).Scan(&id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "evidence_policy", id, nil, map[string]int{"version": version, "rules": len(p.Rules)})
	})
	return version, err
}

// EvidencePolicy reads a version of the rule table; version 0 means the
// latest. ErrNotFound when the school has none yet.
func (s *Storage) EvidencePolicy(ctx context.Context, schoolID int64, version int) (model.EvidencePolicy, int, error) {
	q := `SELECT version, body FROM evidence_policies WHERE school_id = $1 ORDER BY version DESC LIMIT 1`
	args := []any{schoolID}
	if version > 0 {
		q = `SELECT version, body FROM evidence_policies WHERE school_id = $1 AND version = $2`
		args = append(args, version)
	}
	var p model.EvidencePolicy
	var v int
	var body string
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return p, 0, ErrNotFound
	}
	if err != nil {
		return p, 0, err
	}
	return p, v, json.Unmarshal([]byte(body), &p)
}
