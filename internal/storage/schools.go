package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
)

// CreateSchool adds a tenant. Codes are short, unique and used in usernames
// (admin@CODE), so they are restricted to lower-case letters and digits;
// a code given in capitals is stored in lower case (NormalizeSchoolCode).
func (s *Storage) CreateSchool(ctx context.Context, sc *model.School) error {
	sc.Code = NormalizeSchoolCode(sc.Code)
	if !ValidSchoolCode(sc.Code) {
		return fmt.Errorf("学校代码 %q 只能包含小写字母、数字和短横线，长度 2–32", sc.Code)
	}
	sc.CreatedAt = now()
	err := s.db.QueryRowContext(ctx, `INSERT INTO schools (code, name, district_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		sc.Code, sc.Name, nullInt(sc.DistrictID), sc.CreatedAt).Scan(&sc.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("学校代码 %q 已被使用", sc.Code)
	}
	return err
}

// NormalizeSchoolCode is the one spelling of a school code: codes are
// case-insensitive everywhere (ABC01 on the command line finds abc01), so
// they are stored and looked up in lower case.
func NormalizeSchoolCode(c string) string { return strings.ToLower(strings.TrimSpace(c)) }

// ValidSchoolCode is the rule for school codes: 2–32 lower-case letters,
// digits or hyphens, since codes end every username (admin@CODE).
func ValidSchoolCode(c string) bool {
	if len(c) < 2 || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

const schoolCols = `id, code, name, COALESCE(district_id, 0), created_at`

func scanSchool(row interface{ Scan(...any) error }) (model.School, error) {
	var sc model.School
	err := row.Scan(&sc.ID, &sc.Code, &sc.Name, &sc.DistrictID, &sc.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return sc, err
}

// School reads one school by id.
func (s *Storage) School(ctx context.Context, id int64) (model.School, error) {
	return scanSchool(s.db.QueryRowContext(ctx, `SELECT `+schoolCols+` FROM schools WHERE id = $1`, id))
}

// SchoolByCode reads one school by its code, in any case.
func (s *Storage) SchoolByCode(ctx context.Context, code string) (model.School, error) {
	return scanSchool(s.db.QueryRowContext(ctx, `SELECT `+schoolCols+` FROM schools WHERE code = $1`, NormalizeSchoolCode(code)))
}

// Schools lists every school; only platform and district views call it.
// districtID 0 means all districts.
func (s *Storage) Schools(ctx context.Context, districtID int64) ([]model.School, error) {
	q := `SELECT ` + schoolCols + ` FROM schools`
	args := []any{}
	if districtID != 0 {
		q += ` WHERE district_id = $1`
		args = append(args, districtID)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY code`, args...)
	if err != nil {
		return nil, fmt.Errorf("Schools: %w", err)
	}
	defer rows.Close()
	var out []model.School
	for rows.Next() {
		sc, err := scanSchool(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// UpdateSchool renames a school (or moves it to another district), with
// its audit line (before and after) in the same transaction.
func (s *Storage) UpdateSchool(ctx context.Context, a model.Actor, sc model.School) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := scanSchool(tx.QueryRowContext(ctx, `SELECT `+schoolCols+` FROM schools WHERE id = $1`, sc.ID))
		if err != nil {
			return fmt.Errorf("修改学校: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE schools SET name = $2, district_id = $3 WHERE id = $1`, sc.ID, sc.Name, nullInt(sc.DistrictID)); err != nil {
			return fmt.Errorf("修改学校: %w", err)
		}
		after := before
		after.Name, after.DistrictID = sc.Name, sc.DistrictID
		return s.audit(ctx, tx, sc.ID, a, "update", "school", sc.ID, before, after)
	})
}

// CreateDistrict adds a district (教育局).
func (s *Storage) CreateDistrict(ctx context.Context, d *model.District) error {
	err := s.db.QueryRowContext(ctx, `INSERT INTO districts (code, name) VALUES ($1, $2) RETURNING id`, d.Code, d.Name).Scan(&d.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("区域代码 %q 已被使用", d.Code)
	}
	return err
}

// DistrictByCode reads a district.
func (s *Storage) DistrictByCode(ctx context.Context, code string) (model.District, error) {
	var d model.District
	err := s.db.QueryRowContext(ctx, `SELECT id, code, name FROM districts WHERE code = $1`, code).Scan(&d.ID, &d.Code, &d.Name)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return d, err
}

// CreateSchoolWithAdmin adds a tenant together with its first account, in
// one transaction, so a school never exists without someone to run it.
func (s *Storage) CreateSchoolWithAdmin(ctx context.Context, a model.Actor, sc *model.School, admin *model.User) error {
	if !ValidSchoolCode(sc.Code) {
		return fmt.Errorf("学校代码 %q 只能包含小写字母、数字和短横线，长度 2–32", sc.Code)
	}
	if sc.Name == "" {
		return errors.New("学校名称不能为空")
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		sc.CreatedAt = now()
		err := tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, district_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			sc.Code, sc.Name, nullInt(sc.DistrictID), sc.CreatedAt).Scan(&sc.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("学校代码 %q 已被使用", sc.Code)
		}
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, sc.ID, a, "create", "school", sc.ID, nil, sc); err != nil {
			return err
		}
		return s.createUser(ctx, tx, sc.ID, a, admin)
	})
}
