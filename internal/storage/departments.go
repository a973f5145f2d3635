package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
)

// CreateDepartment adds a 专业部.
func (s *Storage) CreateDepartment(ctx context.Context, schoolID int64, a model.Actor, d *model.Department) error {
	d.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO departments (school_id, name, description, head_user_id) VALUES ($1, $2, $3, $4) RETURNING id`,
			schoolID, d.Name, d.Description, nullInt(d.HeadUserID)).Scan(&d.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("专业部「%s」已存在", d.Name)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "department", d.ID, nil, d)
	})
}

// SetDepartmentHead names the user who heads a department.
func (s *Storage) SetDepartmentHead(ctx context.Context, schoolID int64, a model.Actor, deptID, userID int64) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE departments SET head_user_id = $3 WHERE school_id = $1 AND id = $2`, schoolID, deptID, nullInt(userID))
		if err != nil {
			return fmt.Errorf("SetDepartmentHead: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, schoolID, a, "set_head", "department", deptID, nil, map[string]int64{"head_user_id": userID})
	})
}

// Departments lists a school's departments by name.
func (s *Storage) Departments(ctx context.Context, schoolID int64) ([]model.Department, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, name, description, COALESCE(head_user_id, 0) FROM departments WHERE school_id = $1 ORDER BY id`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("Departments: %w", err)
	}
	defer rows.Close()
	var out []model.Department
	for rows.Next() {
		var d model.Department
		if err := rows.Scan(&d.ID, &d.SchoolID, &d.Name, &d.Description, &d.HeadUserID); err != nil {
			return nil, fmt.Errorf("Departments: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DepartmentHeadNames is the display name of each department's head, by
// department id, in one query (departments without a head are absent).
func (s *Storage) DepartmentHeadNames(ctx context.Context, schoolID int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := scanAll(ctx, s.db, `SELECT d.id, u.display_name FROM departments d JOIN users u ON u.school_id = d.school_id AND u.id = d.head_user_id
		WHERE d.school_id = $1`, []any{schoolID}, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		out[id] = name
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("专业部主任: %w", err)
	}
	return out, nil
}

// DepartmentsHeadedBy returns the departments a user heads.
func (s *Storage) DepartmentsHeadedBy(ctx context.Context, schoolID, userID int64) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM departments WHERE school_id = $1 AND head_user_id = $2`, schoolID, userID)
}

// ids runs a query returning one id column.
func (s *Storage) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
