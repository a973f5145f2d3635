package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"zhijiao/internal/conduct"
	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// A school's preset descriptors and status rules for 德育 records
// (docs/conduct.md section 2). Descriptors are never deleted, only turned
// off, so every record's descriptor_id keeps naming one.

const descriptorSelect = `SELECT id, name, category, points, active, position FROM conduct_descriptors`

// ConductDescriptors lists a school's descriptors in their order; only the
// active ones when active is true.
func (s *Storage) ConductDescriptors(ctx context.Context, schoolID int64, active bool) ([]conduct.Descriptor, error) {
	q := descriptorSelect + ` WHERE school_id = $1`
	if active {
		q += ` AND active`
	}
	var out []conduct.Descriptor
	err := scanAll(ctx, s.db, q+` ORDER BY position, id`, []any{schoolID}, func(rows *sql.Rows) error {
		var d conduct.Descriptor
		err := rows.Scan(&d.ID, &d.Name, &d.Category, &d.Points, &d.Active, &d.Position)
		out = append(out, d)
		return err
	})
	return out, annotate("德育记录事项", err)
}

// ConductDescriptor reads one descriptor, or ErrNotFound.
func (s *Storage) ConductDescriptor(ctx context.Context, schoolID, id int64) (conduct.Descriptor, error) {
	return s.conductDescriptor(ctx, s.db, schoolID, id)
}

func (s *Storage) conductDescriptor(ctx context.Context, q querier, schoolID, id int64) (conduct.Descriptor, error) {
	var d conduct.Descriptor
	err := q.QueryRowContext(ctx, descriptorSelect+` WHERE school_id = $1 AND id = $2`, schoolID, id).Scan(&d.ID, &d.Name, &d.Category, &d.Points, &d.Active, &d.Position)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	return d, annotate("德育记录事项", err)
}

// SaveConductDescriptor adds a descriptor (ID 0, and sets its ID) or
// changes one, audited. A name already used is refused in Chinese.
func (s *Storage) SaveConductDescriptor(ctx context.Context, schoolID int64, a model.Actor, d *conduct.Descriptor) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM conduct_descriptors WHERE school_id = $1 AND name = $2 AND id <> $3`, schoolID, d.Name, d.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("已有名为“%s”的记录事项", d.Name)
		}
		if d.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO conduct_descriptors (school_id, name, category, points, active, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				schoolID, d.Name, d.Category, d.Points, d.Active, d.Position).Scan(&d.ID); err != nil {
				return err
			}
			return s.audit(ctx, tx, schoolID, a, "create", "conduct_descriptor", d.ID, nil, d)
		}
		before, err := s.conductDescriptor(ctx, tx, schoolID, d.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conduct_descriptors SET name = $3, category = $4, points = $5, active = $6, position = $7 WHERE school_id = $1 AND id = $2`,
			schoolID, d.ID, d.Name, d.Category, d.Points, d.Active, d.Position); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "update", "conduct_descriptor", d.ID, before, d)
	})
	return annotate("保存记录事项", err)
}

// AdoptDefaultDescriptors gives a school without descriptors the shipped
// ones (conduct.DefaultDescriptors) in one transaction; a school that has
// some keeps them. It returns how many were added.
func (s *Storage) AdoptDefaultDescriptors(ctx context.Context, schoolID int64, a model.Actor) (int, error) {
	added := 0
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM conduct_descriptors WHERE school_id = $1`, schoolID).Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, d := range conduct.DefaultDescriptors() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO conduct_descriptors (school_id, name, category, points, active, position) VALUES ($1, $2, $3, $4, $5, $6)`,
				schoolID, d.Name, d.Category, d.Points, d.Active, d.Position); err != nil {
				return err
			}
			added++
		}
		return s.audit(ctx, tx, schoolID, a, "adopt_defaults", "conduct_descriptor", 0, nil, map[string]int{"descriptors": added})
	})
	if err != nil {
		added = 0
	}
	return added, annotate("采用默认记录事项", err)
}

// ConductSettings reads a school's status rules; the defaults when it
// never changed them.
func (s *Storage) ConductSettings(ctx context.Context, schoolID int64) (conduct.Settings, error) {
	return s.conductSettings(ctx, s.db, schoolID)
}

func (s *Storage) conductSettings(ctx context.Context, q querier, schoolID int64) (conduct.Settings, error) {
	var c conduct.Settings
	err := q.QueryRowContext(ctx, `SELECT teachers_count_at_once, council_needs_confirm, approval_above FROM conduct_settings WHERE school_id = $1`, schoolID).
		Scan(&c.TeachersCountAtOnce, &c.CouncilNeedsConfirm, &c.ApprovalAbove)
	if errors.Is(err, sql.ErrNoRows) {
		return conduct.DefaultSettings(), nil
	}
	return c, annotate("德育记录规则", err)
}

// SaveConductSettings stores a school's status rules, audited.
func (s *Storage) SaveConductSettings(ctx context.Context, schoolID int64, a model.Actor, c conduct.Settings) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.conductSettings(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM conduct_settings WHERE school_id = $1`, schoolID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO conduct_settings (school_id, teachers_count_at_once, council_needs_confirm, approval_above) VALUES ($1, $2, $3, $4)`,
			schoolID, c.TeachersCountAtOnce, c.CouncilNeedsConfirm, c.ApprovalAbove); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "update", "conduct_settings", 0, before, c)
	})
	return annotate("保存德育记录规则", err)
}

// HabitCategories are the school's behaviour categories (conduct.Categories)
// from its default framework and latest rule table, or the shipped ones
// where it has none: the one list every form, import and API call checks.
func (s *Storage) HabitCategories(ctx context.Context, schoolID int64) ([]conduct.Category, error) {
	f, err := s.DefaultFramework(ctx, schoolID)
	if errors.Is(err, ErrNotFound) {
		f, err = eval.DefaultFramework(), nil
	}
	if err != nil {
		return nil, err
	}
	p, _, err := s.EvidencePolicy(ctx, schoolID, 0)
	if errors.Is(err, ErrNotFound) {
		p, err = eval.DefaultEvidencePolicy(), nil
	}
	if err != nil {
		return nil, err
	}
	return conduct.Categories(f, p), nil
}

// UsableDescriptors are the active descriptors whose category still
// scores: one whose category left the rule table is not offered.
func (s *Storage) UsableDescriptors(ctx context.Context, schoolID int64) ([]conduct.Descriptor, error) {
	ds, err := s.ConductDescriptors(ctx, schoolID, true)
	if err != nil {
		return nil, err
	}
	cs, err := s.HabitCategories(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	names := conduct.Names(cs)
	var out []conduct.Descriptor
	for _, d := range ds {
		if slices.Contains(names, d.Category) {
			out = append(out, d)
		}
	}
	return out, nil
}
