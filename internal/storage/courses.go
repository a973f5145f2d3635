package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
)

// CreateCourse adds a 课程.
func (s *Storage) CreateCourse(ctx context.Context, schoolID int64, a model.Actor, c *model.Course) error {
	c.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO courses (school_id, code, name, kind, major_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, c.Code, c.Name, c.Kind, nullInt(c.MajorID)).Scan(&c.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("课程代码 %s 已存在", c.Code)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "course", c.ID, nil, c)
	})
}

// Courses lists courses with search and paging.
func (s *Storage) Courses(ctx context.Context, schoolID int64, f model.ListQuery) ([]model.Course, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("school_id", schoolID)
	if f.Q != "" {
		w.add(`(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(code) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM courses`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Courses: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, code, name, kind, COALESCE(major_id, 0) FROM courses`+w.sql()+
		` ORDER BY code`+pageSQL(f), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Courses: %w", err)
	}
	defer rows.Close()
	var out []model.Course
	for rows.Next() {
		var c model.Course
		if err := rows.Scan(&c.ID, &c.SchoolID, &c.Code, &c.Name, &c.Kind, &c.MajorID); err != nil {
			return nil, 0, fmt.Errorf("Courses: %w", err)
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// CreateTeachingAssignment records that a teacher teaches a course to a
// class in a term (course × class × teacher × term).
func (s *Storage) CreateTeachingAssignment(ctx context.Context, schoolID int64, a model.Actor, t *model.TeachingAssignment) error {
	t.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO teaching_assignments (school_id, term_id, course_id, class_id, teacher_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, t.TermID, t.CourseID, t.ClassID, t.TeacherID).Scan(&t.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("该任课安排已存在")
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "teaching_assignment", t.ID, nil, t)
	})
}

// TeachingFilter narrows teaching assignments.
type TeachingFilter struct {
	TermID    int64
	ClassID   int64
	TeacherID int64
}

// TeachingAssignments lists assignments with names filled in.
func (s *Storage) TeachingAssignments(ctx context.Context, schoolID int64, f TeachingFilter) ([]model.TeachingAssignment, error) {
	w := schoolWhere("ta.school_id", schoolID)
	if f.TermID != 0 {
		w.add("ta.term_id = ?", f.TermID)
	}
	if f.ClassID != 0 {
		w.add("ta.class_id = ?", f.ClassID)
	}
	if f.TeacherID != 0 {
		w.add("ta.teacher_id = ?", f.TeacherID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ta.id, ta.school_id, ta.term_id, ta.course_id, co.name, ta.class_id, c.name, ta.teacher_id, t.name
		FROM teaching_assignments ta
		JOIN courses co ON co.school_id = ta.school_id AND co.id = ta.course_id
		JOIN classes c ON c.school_id = ta.school_id AND c.id = ta.class_id
		JOIN teachers t ON t.school_id = ta.school_id AND t.id = ta.teacher_id`+w.sql()+` ORDER BY `+s.zh("c.name")+`, `+s.zh("co.name"), w.args...)
	if err != nil {
		return nil, fmt.Errorf("TeachingAssignments: %w", err)
	}
	defer rows.Close()
	var out []model.TeachingAssignment
	for rows.Next() {
		var t model.TeachingAssignment
		if err := rows.Scan(&t.ID, &t.SchoolID, &t.TermID, &t.CourseID, &t.CourseName, &t.ClassID, &t.ClassName, &t.TeacherID, &t.TeacherName); err != nil {
			return nil, fmt.Errorf("TeachingAssignments: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ClassesTaughtBy returns the classes a teacher teaches in a term (all terms
// when termID is 0).
func (s *Storage) ClassesTaughtBy(ctx context.Context, schoolID, teacherID, termID int64) ([]int64, error) {
	if termID == 0 {
		return s.ids(ctx, `SELECT DISTINCT class_id FROM teaching_assignments WHERE school_id = $1 AND teacher_id = $2 ORDER BY class_id`, schoolID, teacherID)
	}
	return s.ids(ctx, `SELECT DISTINCT class_id FROM teaching_assignments WHERE school_id = $1 AND teacher_id = $2 AND term_id = $3 ORDER BY class_id`, schoolID, teacherID, termID)
}
