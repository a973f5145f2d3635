package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhijiao/internal/model"
)

func validateTeacher(t *model.Teacher) error {
	if t.StaffNo == "" || t.Name == "" {
		return errors.New("工号和姓名不能为空")
	}
	return nil
}

// CreateTeacher adds a 教师.
func (s *Storage) CreateTeacher(ctx context.Context, schoolID int64, a model.Actor, t *model.Teacher) error {
	if err := validateTeacher(t); err != nil {
		return err
	}
	t.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.createTeacher(ctx, tx, schoolID, a, t) })
}

// teacherColumns are the columns the form and the bulk load (which puts
// "id" first) fill for a new teacher, in the order teacherRow gives them.
// The old 双师型 checkbox (dual_qualified) is history: 双师型 is a
// recognition now (dual_teacher.go), so nothing writes the column.
var teacherColumns = []string{"school_id", "staff_no", "name", "gender", "title", "department_id", "hired_on", "phone", "id_number", "active", "created_at", "updated_at"}

// teacherRow is a new (active) teacher's values for teacherColumns.
func teacherRow(schoolID int64, t *model.Teacher, at time.Time) []any {
	return []any{schoolID, t.StaffNo, t.Name, string(t.Gender), t.Title, nullInt(t.DepartmentID), t.HiredOn, t.Phone, t.IDNumber, true, at, at}
}

func (s *Storage) createTeacher(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, t *model.Teacher) error {
	cols, vals := teacherColumns, teacherRow(schoolID, t, now())
	if t.HiredOn == "" {
		// Left to its default, hired_on stays out of the statement: the
		// migration tests build their fixtures on schemas before 0028.
		i := slices.Index(cols, "hired_on")
		cols, vals = slices.Delete(slices.Clone(cols), i, i+1), slices.Delete(vals, i, i+1)
	}
	err := tx.QueryRowContext(ctx, insertSQL("teachers", cols, 1, s.dialect)+` RETURNING id`, vals...).Scan(&t.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("工号 %s 已存在", t.StaffNo)
	}
	if err != nil {
		return err
	}
	t.Active = true
	return s.audit(ctx, tx, schoolID, a, "create", "teacher", t.ID, nil, t)
}

// UpdateTeacher changes a teacher's details.
func (s *Storage) UpdateTeacher(ctx context.Context, schoolID int64, a model.Actor, t model.Teacher) error {
	if err := validateTeacher(&t); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.updateTeacher(ctx, tx, schoolID, a, t) })
}

func (s *Storage) updateTeacher(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, t model.Teacher) error {
	before, err := s.teacher(ctx, tx, schoolID, t.ID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE teachers SET staff_no = $3, name = $4, gender = $5, title = $6, department_id = $7, hired_on = $8, phone = $9, id_number = $10, active = $11, updated_at = $12
		WHERE school_id = $1 AND id = $2`,
		schoolID, t.ID, t.StaffNo, t.Name, string(t.Gender), t.Title, nullInt(t.DepartmentID), t.HiredOn, t.Phone, t.IDNumber, t.Active, now())
	if isUniqueViolation(err) {
		return fmt.Errorf("工号 %s 已存在", t.StaffNo)
	}
	if err != nil {
		return err
	}
	// 双师型 is not edited here: the audit line keeps the level as it was.
	t.DualLevel, t.DualQualified = before.DualLevel, before.DualQualified
	return s.audit(ctx, tx, schoolID, a, "update", "teacher", t.ID, before, t)
}

// teacherSelectAt reads teachers with their current 双师型 level on the
// day bound to placeholder day (teachers_dual.go), in the one statement.
func teacherSelectAt(day string) string {
	return `SELECT t.id, t.school_id, t.staff_no, t.name, t.gender, t.title, COALESCE(t.department_id, 0), COALESCE(d.name, ''),
	t.hired_on, t.phone, t.id_number, t.active, COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = t.school_id AND u.teacher_id = t.id), 0),
	` + strings.ReplaceAll(currentLevelSQL, "?", day) + `
	FROM teachers t LEFT JOIN departments d ON d.school_id = t.school_id AND d.id = t.department_id`
}

func scanTeacher(row interface{ Scan(...any) error }) (model.Teacher, error) {
	var t model.Teacher
	var g string
	err := row.Scan(&t.ID, &t.SchoolID, &t.StaffNo, &t.Name, &g, &t.Title, &t.DepartmentID, &t.DepartmentName, &t.HiredOn, &t.Phone, &t.IDNumber, &t.Active, &t.UserID,
		&t.DualLevel)
	t.Gender = model.Gender(g)
	t.DualQualified = t.DualLevel != ""
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return t, err
}

func (s *Storage) teacher(ctx context.Context, q querier, schoolID, id int64) (model.Teacher, error) {
	return scanTeacher(q.QueryRowContext(ctx, teacherSelectAt("$3")+` WHERE t.school_id = $1 AND t.id = $2`, schoolID, id, Today()))
}

// Teacher reads one teacher.
func (s *Storage) Teacher(ctx context.Context, schoolID, id int64) (model.Teacher, error) {
	return s.teacher(ctx, s.db, schoolID, id)
}

// TeacherFilter narrows the teacher list.
type TeacherFilter struct {
	model.ListQuery
	DepartmentID  int64
	DualQualified *bool // holds a current 双师型 recognition (or not)
}

// Teachers lists teachers with search, filters and paging.
func (s *Storage) Teachers(ctx context.Context, schoolID int64, f TeacherFilter) ([]model.Teacher, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("t.school_id", schoolID)
	if f.DepartmentID != 0 {
		w.add("t.department_id = ?", f.DepartmentID)
	}
	if f.DualQualified != nil {
		cond := currentDualSQL
		if !*f.DualQualified {
			cond = "NOT " + cond
		}
		w.add(cond, Today())
	}
	if f.Q != "" {
		w.add(`(LOWER(t.name) LIKE ? ESCAPE '\' OR LOWER(t.staff_no) LIKE ? ESCAPE '\' OR LOWER(t.title) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM teachers t`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Teachers: %w", err)
	}
	args := append(w.args, Today())
	rows, err := s.db.QueryContext(ctx, teacherSelectAt("$"+itoa(len(args)))+w.sql()+` ORDER BY t.staff_no`+pageSQL(f.ListQuery), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Teachers: %w", err)
	}
	defer rows.Close()
	var out []model.Teacher
	for rows.Next() {
		t, err := scanTeacher(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, t)
	}
	return out, total, rows.Err()
}

// TeacherStaffIndex maps 工号 to teacher id, for imports.
func (s *Storage) TeacherStaffIndex(ctx context.Context, schoolID int64) (map[string]int64, error) {
	return s.nameIndex(ctx, `SELECT staff_no, id FROM teachers WHERE school_id = $1`, schoolID)
}

// AllTeachers reads every teacher matching the filter (its paging is
// ignored), for exports.
func (s *Storage) AllTeachers(ctx context.Context, schoolID int64, f TeacherFilter) ([]model.Teacher, error) {
	f.ListQuery = f.ListQuery.All()
	ts, _, err := s.Teachers(ctx, schoolID, f)
	return ts, err
}

// TeacherByStaffNo reads one teacher by 工号.
func (s *Storage) TeacherByStaffNo(ctx context.Context, schoolID int64, staffNo string) (model.Teacher, error) {
	return scanTeacher(s.db.QueryRowContext(ctx, teacherSelectAt("$3")+` WHERE t.school_id = $1 AND t.staff_no = $2`, schoolID, staffNo, Today()))
}
