package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// SyncPermissions makes the role_permissions table equal to rules. The
// rules ship with the binary, so an upgrade that changes them takes effect
// at the next start.
func (s *Storage) SyncPermissions(ctx context.Context, rules map[string][]string) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM role_permissions`); err != nil {
			return fmt.Errorf("SyncPermissions: %w", err)
		}
		for role, perms := range rules {
			for _, p := range perms {
				if _, err := tx.ExecContext(ctx, `INSERT INTO role_permissions (role, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING`, role, p); err != nil {
					return fmt.Errorf("SyncPermissions: %w", err)
				}
			}
		}
		return nil
	})
}

// RolePermissions reads the whole table as role → permissions.
func (s *Storage) RolePermissions(ctx context.Context) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT role, permission FROM role_permissions ORDER BY role, permission`)
	if err != nil {
		return nil, fmt.Errorf("RolePermissions: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var r, p string
		if err := rows.Scan(&r, &p); err != nil {
			return nil, fmt.Errorf("RolePermissions: %w", err)
		}
		out[r] = append(out[r], p)
	}
	return out, rows.Err()
}
