package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"

	"zhijiao/internal/model"
)

var (
	categoryCodeRe = regexp.MustCompile(`^(6[1-9]|7[0-9])$`)
	majorCodeRe    = regexp.MustCompile(`^(6[1-9]|7[0-9])[0-9]{4}$`)
)

// ValidateMajorCode checks a 6-digit 专业代码 and that it sits under its
// category's 2-digit code. The catalogue itself is school data: Zhijiao does
// not ship or invent "official" codes.
func ValidateMajorCode(code, categoryCode string) error {
	if !majorCodeRe.MatchString(code) {
		return fmt.Errorf("专业代码 %q 应为6位数字，前两位为中职专业大类代码 61–79", code)
	}
	if categoryCode != "" && code[:2] != categoryCode {
		return fmt.Errorf("专业代码 %s 的前两位应与所属专业大类代码 %s 一致", code, categoryCode)
	}
	return nil
}

// CreateMajorCategory adds a 专业大类.
func (s *Storage) CreateMajorCategory(ctx context.Context, schoolID int64, a model.Actor, c *model.MajorCategory) error {
	if !categoryCodeRe.MatchString(c.Code) {
		return fmt.Errorf("专业大类代码 %q 应为两位数字 61–79", c.Code)
	}
	c.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO major_categories (school_id, code, name) VALUES ($1, $2, $3) RETURNING id`,
			schoolID, c.Code, c.Name).Scan(&c.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("专业大类代码 %s 已存在", c.Code)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "major_category", c.ID, nil, c)
	})
}

// MajorCategories lists a school's categories by code.
func (s *Storage) MajorCategories(ctx context.Context, schoolID int64) ([]model.MajorCategory, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, code, name FROM major_categories WHERE school_id = $1 ORDER BY code`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("MajorCategories: %w", err)
	}
	defer rows.Close()
	var out []model.MajorCategory
	for rows.Next() {
		var c model.MajorCategory
		if err := rows.Scan(&c.ID, &c.SchoolID, &c.Code, &c.Name); err != nil {
			return nil, fmt.Errorf("MajorCategories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateMajor adds a 专业 after checking its code against its category.
func (s *Storage) CreateMajor(ctx context.Context, schoolID int64, a model.Actor, m *model.Major) error {
	m.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var catCode string
		err := tx.QueryRowContext(ctx, `SELECT code FROM major_categories WHERE school_id = $1 AND id = $2`, schoolID, m.CategoryID).Scan(&catCode)
		if errors.Is(err, sql.ErrNoRows) {
			return errors.New("所属专业大类不存在")
		}
		if err != nil {
			return err
		}
		if err := ValidateMajorCode(m.Code, catCode); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO majors (school_id, code, name, short_name, category_id, department_id, apprenticeship)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, m.Code, m.Name, m.ShortName, m.CategoryID, nullInt(m.DepartmentID), m.Apprenticeship).Scan(&m.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("专业代码 %s 已存在", m.Code)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "major", m.ID, nil, m)
	})
}

// UpdateMajor changes a major's names, department and apprenticeship flag.
func (s *Storage) UpdateMajor(ctx context.Context, schoolID int64, a model.Actor, m model.Major) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.major(ctx, tx, schoolID, m.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE majors SET name = $3, short_name = $4, department_id = $5, apprenticeship = $6 WHERE school_id = $1 AND id = $2`,
			schoolID, m.ID, m.Name, m.ShortName, nullInt(m.DepartmentID), m.Apprenticeship); err != nil {
			return fmt.Errorf("UpdateMajor: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "update", "major", m.ID, before, m)
	})
}

const majorSelect = `SELECT m.id, m.school_id, m.code, m.name, m.short_name, m.category_id, c.name, COALESCE(m.department_id, 0), COALESCE(d.name, ''), m.apprenticeship
	FROM majors m JOIN major_categories c ON c.school_id = m.school_id AND c.id = m.category_id
	LEFT JOIN departments d ON d.school_id = m.school_id AND d.id = m.department_id`

func scanMajor(row interface{ Scan(...any) error }) (model.Major, error) {
	var m model.Major
	err := row.Scan(&m.ID, &m.SchoolID, &m.Code, &m.Name, &m.ShortName, &m.CategoryID, &m.CategoryName, &m.DepartmentID, &m.DepartmentName, &m.Apprenticeship)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return m, err
}

func (s *Storage) major(ctx context.Context, q querier, schoolID, id int64) (model.Major, error) {
	return scanMajor(q.QueryRowContext(ctx, majorSelect+` WHERE m.school_id = $1 AND m.id = $2`, schoolID, id))
}

// Major reads one major.
func (s *Storage) Major(ctx context.Context, schoolID, id int64) (model.Major, error) {
	return s.major(ctx, s.db, schoolID, id)
}

// MajorFilter narrows the majors list.
type MajorFilter struct {
	model.ListQuery
	DepartmentID int64
	CategoryID   int64
}

// Majors lists majors by code with search and paging.
func (s *Storage) Majors(ctx context.Context, schoolID int64, f MajorFilter) ([]model.Major, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("m.school_id", schoolID)
	if f.DepartmentID != 0 {
		w.add("m.department_id = ?", f.DepartmentID)
	}
	if f.CategoryID != 0 {
		w.add("m.category_id = ?", f.CategoryID)
	}
	if f.Q != "" {
		w.add(`(LOWER(m.name) LIKE ? ESCAPE '\' OR m.code LIKE ? ESCAPE '\' OR LOWER(m.short_name) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM majors m`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Majors: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, majorSelect+w.sql()+` ORDER BY m.code`+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Majors: %w", err)
	}
	defer rows.Close()
	var out []model.Major
	for rows.Next() {
		m, err := scanMajor(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}
