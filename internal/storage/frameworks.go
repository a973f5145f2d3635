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

// ErrFrameworkExists refuses adopting the shipped framework in a school
// that already has one.
var ErrFrameworkExists = errors.New("学校已有评价方案，请在现有方案上复制新版本或导入")

// SaveFrameworkVersion stores f as a new version of its code (version 1 for
// a new code) and sets f.ID and f.Version. Existing versions are never
// changed: a cycle that pinned one keeps computing the same results. The
// caller validates f (eval.Validate) first, to show every problem in its
// form; the rules for new input (eval.ValidateNew) are checked here too,
// so no way in can store what they refuse.
func (s *Storage) SaveFrameworkVersion(ctx context.Context, schoolID int64, a model.Actor, f *model.Framework) error {
	if err := checkNewFramework(f); err != nil {
		return err
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var top sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM frameworks WHERE school_id = $1 AND code = $2`, schoolID, f.Code).Scan(&top); err != nil {
			return err
		}
		return s.insertFramework(ctx, tx, schoolID, a, f, int(top.Int64)+1, false)
	})
	if err != nil {
		return fmt.Errorf("评价方案 %s: %w", f.Code, err)
	}
	return nil
}

// AdoptDefaultFramework stores f as version 1 of the school's first
// framework and marks it default, in one transaction with one audit line.
// A school that has any framework gets ErrFrameworkExists; of two adopts
// at the same moment one wins and the other gets ErrFrameworkExists,
// since the unique default index (frameworks_one_default) and the unique
// (school, code, version) refuse the second row.
func (s *Storage) AdoptDefaultFramework(ctx context.Context, schoolID int64, a model.Actor, f *model.Framework) error {
	if err := checkNewFramework(f); err != nil {
		return err
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM frameworks WHERE school_id = $1`, schoolID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrFrameworkExists
		}
		return s.insertFramework(ctx, tx, schoolID, a, f, 1, true)
	})
	if isUniqueViolation(err) {
		return ErrFrameworkExists
	}
	if err != nil && !errors.Is(err, ErrFrameworkExists) {
		return fmt.Errorf("评价方案 %s: %w", f.Code, err)
	}
	return err
}

// checkNewFramework applies the rules for new input (eval.ValidateNew).
func checkNewFramework(f *model.Framework) error {
	if f.Code == "" || f.Name == "" {
		return errors.New("评价方案的代码和名称不能为空")
	}
	check := *f
	check.Version = 1 // the version is given when stored
	return eval.ValidateNew(check)
}

// insertFramework writes f as the given version inside tx, sets its ID,
// version and time, and writes the audit line.
func (s *Storage) insertFramework(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, f *model.Framework, version int, def bool) error {
	f.SchoolID, f.Version, f.CreatedAt = schoolID, version, now()
	f.ID = 0
	body, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO frameworks (school_id, code, version, name, body, is_default, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		schoolID, f.Code, f.Version, f.Name, string(body), def, nullInt(a.UserID), f.CreatedAt).Scan(&f.ID); err != nil {
		return err
	}
	after := map[string]any{"code": f.Code, "version": f.Version, "name": f.Name}
	if def {
		after["default"] = true
	}
	return s.audit(ctx, tx, schoolID, a, "create", "framework", f.ID, nil, after)
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
	out, err := scanList(ctx, s.db, `SELECT f.id, f.code, f.name, f.version, v.n,
		EXISTS (SELECT 1 FROM frameworks d WHERE d.school_id = f.school_id AND d.code = f.code AND d.is_default)
		FROM frameworks f JOIN (SELECT code, MAX(version) AS top, COUNT(*) AS n FROM frameworks WHERE school_id = $1 GROUP BY code) v
		ON v.code = f.code AND v.top = f.version
		WHERE f.school_id = $1 ORDER BY f.code`, []any{schoolID}, func(r *sql.Rows, x *FrameworkSummary) error {
		return r.Scan(&x.ID, &x.Code, &x.Name, &x.Version, &x.Versions, &x.IsDefault)
	})
	return out, annotate("frameworks", err)
}

// FrameworkVersions lists every version of one framework, newest first.
func (s *Storage) FrameworkVersions(ctx context.Context, schoolID int64, code string) ([]FrameworkSummary, error) {
	out, err := scanList(ctx, s.db, `SELECT id, code, name, version, is_default FROM frameworks WHERE school_id = $1 AND code = $2 ORDER BY version DESC`,
		[]any{schoolID, code}, func(r *sql.Rows, x *FrameworkSummary) error {
			return r.Scan(&x.ID, &x.Code, &x.Name, &x.Version, &x.IsDefault)
		})
	return out, annotate("评价方案 "+code+" 的版本", err)
}

// SetDefaultFramework marks the framework (all its versions' code) that new
// cycles start from. The old mark is cleared before the new one is set:
// the unique default index allows one marked row at any moment. Two
// changes at once queue on the school's versions (setDefaultFramework), so
// the last change wins, as it would one after the other; a new version
// saved as default at the same moment can still meet the index, and the
// change is then run again on what that wrote.
func (s *Storage) SetDefaultFramework(ctx context.Context, schoolID int64, a model.Actor, id int64) error {
	var err error
	for range 5 {
		if err = s.setDefaultFramework(ctx, schoolID, a, id); !isUniqueViolation(err) {
			break
		}
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("评价方案 %d: %w", id, err)
	}
	return err
}

func (s *Storage) setDefaultFramework(ctx context.Context, schoolID int64, a model.Actor, id int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		// Two changes at once each clear the old default and set their own:
		// on PostgreSQL they could meet in the unique default index in
		// opposite orders and deadlock. Locking the school's versions in id
		// order first makes the second wait for the first. SQLite's write
		// transactions are serialised already.
		if s.dialect == Postgres {
			if _, err := tx.ExecContext(ctx, `SELECT id FROM frameworks WHERE school_id = $1 ORDER BY id FOR UPDATE`, schoolID); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM frameworks WHERE school_id = $1 AND id = $2`, schoolID, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `UPDATE frameworks SET is_default = FALSE WHERE school_id = $1 AND is_default AND id <> $2`, schoolID, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE frameworks SET is_default = TRUE WHERE school_id = $1 AND id = $2`, schoolID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "set_default", "framework", id, nil, nil)
	})
}

// DefaultFramework returns the version marked default, or ErrNotFound.
func (s *Storage) DefaultFramework(ctx context.Context, schoolID int64) (model.Framework, error) {
	f, err := scanFramework(s.db.QueryRowContext(ctx, `SELECT id, body, is_default FROM frameworks WHERE school_id = $1 AND is_default`, schoolID))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return f, annotate("default framework", err)
	}
	return f, err
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
	return version, annotate("加分规则", err)
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
		return p, 0, annotate("加分规则", err)
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return p, v, fmt.Errorf("加分规则第 %d 版数据损坏: %w", v, err)
	}
	return p, v, nil
}
