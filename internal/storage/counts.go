package storage

import "context"

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
	return c, err
}
