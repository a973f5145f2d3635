package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// audit appends one line to the audit log inside the caller's transaction,
// so a change and its record land together or not at all. before and after
// are stored whole as JSON: the log is admin-only and must show what
// changed. Password hashes never reach it (model.User hides them from JSON).
func (s *Storage) audit(ctx context.Context, q querier, schoolID int64, a model.Actor, action, entity string, entityID int64, before, after any) error {
	if staffEntities[entity] && action != "export" {
		// A change the 师资 block reads leaves the district summaries behind,
		// in the same transaction: marked here, where every such write
		// passes, so no writer can forget it.
		if err := s.markKPIDirty(ctx, q, schoolID); err != nil {
			return err
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (school_id, at, user_id, username, action, entity, entity_id, before_json, after_json, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		schoolID, now(), nullInt(a.UserID), a.Username, action, entity, nullInt(entityID), toJSON(before), toJSON(after), a.IP)
	return err
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// Audit records an event that is not a row change (login, password reset,
// export). Row changes are audited by the storage method that makes them.
func (s *Storage) Audit(ctx context.Context, schoolID int64, a model.Actor, action, entity string, entityID int64, detail any) error {
	return s.audit(ctx, s.db, schoolID, a, action, entity, entityID, nil, detail)
}

// AuditFilter narrows the audit log view.
type AuditFilter struct {
	model.ListQuery
	Entity string
	Action string
	UserID int64
	From   time.Time
	To     time.Time
}

// AuditLog lists a school's audit entries, newest first.
func (s *Storage) AuditLog(ctx context.Context, schoolID int64, f AuditFilter) ([]model.AuditEntry, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("school_id", schoolID)
	add := w.add
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.UserID != 0 {
		add("user_id = ?", f.UserID)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if f.Q != "" {
		add("(LOWER(username) LIKE ? ESCAPE '\\' OR LOWER(before_json) LIKE ? ESCAPE '\\' OR LOWER(after_json) LIKE ? ESCAPE '\\')", likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("AuditLog: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, at, COALESCE(user_id, 0), username, action, entity, COALESCE(entity_id, 0), before_json, after_json, ip
		FROM audit_log`+w.sql()+` ORDER BY at DESC, id DESC`+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("AuditLog: %w", err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		if err := rows.Scan(&e.ID, &e.SchoolID, &e.At, &e.UserID, &e.Username, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.IP); err != nil {
			return nil, 0, fmt.Errorf("AuditLog: %w", err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
