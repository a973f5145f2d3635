package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// SchoolCounts are the sizes the home page and first-run guide show.
type SchoolCounts struct {
	Terms, Departments, Majors, Classes, Teachers, Students, Enrolled, Enterprises, Users int
}

// Counts reads a school's sizes in one round trip.
func (s *Storage) Counts(ctx context.Context, schoolID int64) (SchoolCounts, error) {
	var c SchoolCounts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM terms WHERE school_id = $1),
		(SELECT COUNT(*) FROM departments WHERE school_id = $1),
		(SELECT COUNT(*) FROM majors WHERE school_id = $1),
		(SELECT COUNT(*) FROM classes WHERE school_id = $1),
		(SELECT COUNT(*) FROM teachers WHERE school_id = $1),
		(SELECT COUNT(*) FROM students WHERE school_id = $1),
		(SELECT COUNT(*) FROM students WHERE school_id = $1 AND enrollment_status = '在籍'),
		(SELECT COUNT(*) FROM enterprises WHERE school_id = $1),
		(SELECT COUNT(*) FROM users WHERE school_id = $1)`, schoolID).Scan(
		&c.Terms, &c.Departments, &c.Majors, &c.Classes, &c.Teachers, &c.Students, &c.Enrolled, &c.Enterprises, &c.Users)
	if err != nil {
		return c, fmt.Errorf("学校规模: %w", err)
	}
	return c, nil
}

// AllCounts reads every school's sizes in one query (the platform's school
// list), by school id; a school with no rows at all is absent.
func (s *Storage) AllCounts(ctx context.Context) (map[int64]SchoolCounts, error) {
	out := map[int64]SchoolCounts{}
	err := scanAll(ctx, s.db, `SELECT 'terms', school_id, COUNT(*) FROM terms GROUP BY school_id
		UNION ALL SELECT 'departments', school_id, COUNT(*) FROM departments GROUP BY school_id
		UNION ALL SELECT 'majors', school_id, COUNT(*) FROM majors GROUP BY school_id
		UNION ALL SELECT 'classes', school_id, COUNT(*) FROM classes GROUP BY school_id
		UNION ALL SELECT 'teachers', school_id, COUNT(*) FROM teachers GROUP BY school_id
		UNION ALL SELECT 'students', school_id, COUNT(*) FROM students GROUP BY school_id
		UNION ALL SELECT 'enrolled', school_id, COUNT(*) FROM students WHERE enrollment_status = '在籍' GROUP BY school_id
		UNION ALL SELECT 'enterprises', school_id, COUNT(*) FROM enterprises GROUP BY school_id
		UNION ALL SELECT 'users', school_id, COUNT(*) FROM users GROUP BY school_id`, nil, func(r *sql.Rows) error {
		var what string
		var school int64
		var n int
		if err := r.Scan(&what, &school, &n); err != nil {
			return err
		}
		c := out[school]
		*map[string]*int{"terms": &c.Terms, "departments": &c.Departments, "majors": &c.Majors, "classes": &c.Classes, "teachers": &c.Teachers,
			"students": &c.Students, "enrolled": &c.Enrolled, "enterprises": &c.Enterprises, "users": &c.Users}[what] = n
		out[school] = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("各校规模: %w", err)
	}
	return out, nil
}
