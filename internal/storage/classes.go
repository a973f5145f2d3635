package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"zhijiao/internal/model"
)

// EnsureCohort returns the 年级 for an entry year, creating it if needed.
func (s *Storage) EnsureCohort(ctx context.Context, schoolID int64, entryYear int) (int64, error) {
	return s.ensureCohort(ctx, s.db, schoolID, entryYear)
}

func (s *Storage) ensureCohort(ctx context.Context, q querier, schoolID int64, entryYear int) (int64, error) {
	if entryYear < 2000 || entryYear > 2100 {
		return 0, fmt.Errorf("入学年份 %d 不合理", entryYear)
	}
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM cohorts WHERE school_id = $1 AND entry_year = $2`, schoolID, entryYear).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	err = q.QueryRowContext(ctx, `INSERT INTO cohorts (school_id, entry_year, name) VALUES ($1, $2, $3)
		ON CONFLICT (school_id, entry_year) DO UPDATE SET name = excluded.name RETURNING id`,
		schoolID, entryYear, strconv.Itoa(entryYear)+"级").Scan(&id)
	return id, err
}

// Cohorts lists a school's 年级, newest first.
func (s *Storage) Cohorts(ctx context.Context, schoolID int64) ([]model.Cohort, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, entry_year, name FROM cohorts WHERE school_id = $1 ORDER BY entry_year DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("Cohorts: %w", err)
	}
	defer rows.Close()
	var out []model.Cohort
	for rows.Next() {
		var c model.Cohort
		if err := rows.Scan(&c.ID, &c.SchoolID, &c.EntryYear, &c.Name); err != nil {
			return nil, fmt.Errorf("Cohorts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func validateClass(c *model.Class) error {
	if c.Name == "" {
		return errors.New("班级名称不能为空")
	}
	if c.Program == "" {
		c.Program = model.Program3Year
	}
	if !c.Program.Valid() {
		return fmt.Errorf("学制「%s」无效", c.Program)
	}
	if c.MajorID == 0 {
		return errors.New("请选择专业")
	}
	return nil
}

// CreateClass adds a 班级; its cohort is made from EntryYear if needed.
func (s *Storage) CreateClass(ctx context.Context, schoolID int64, a model.Actor, c *model.Class) error {
	if err := validateClass(c); err != nil {
		return err
	}
	c.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.createClass(ctx, tx, schoolID, a, c) })
}

// classColumns are the columns the form, the import and the bulk load
// (which puts "id" first) fill for a new class, in classRow's order.
var classColumns = []string{"school_id", "name", "cohort_id", "major_id", "program", "head_teacher_id"}

// classRow is a new class's values for classColumns (its cohort set).
func classRow(schoolID int64, c *model.Class) []any {
	return []any{schoolID, c.Name, c.CohortID, c.MajorID, string(c.Program), nullInt(c.HeadTeacherID)}
}

func (s *Storage) createClass(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, c *model.Class) error {
	cid, err := s.ensureCohort(ctx, tx, schoolID, c.EntryYear)
	if err != nil {
		return err
	}
	c.CohortID = cid
	err = tx.QueryRowContext(ctx, insertSQL("classes", classColumns, 1, s.dialect)+` RETURNING id`, classRow(schoolID, c)...).Scan(&c.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("班级「%s」已存在", c.Name)
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "create", "class", c.ID, nil, c)
}

// UpdateClass changes a class's name, major, program or head teacher.
func (s *Storage) UpdateClass(ctx context.Context, schoolID int64, a model.Actor, c model.Class) error {
	if err := validateClass(&c); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.updateClass(ctx, tx, schoolID, a, c) })
}

func (s *Storage) updateClass(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, c model.Class) error {
	before, err := s.class(ctx, tx, schoolID, c.ID)
	if err != nil {
		return err
	}
	cid := before.CohortID
	if c.EntryYear != 0 && c.EntryYear != before.EntryYear {
		if cid, err = s.ensureCohort(ctx, tx, schoolID, c.EntryYear); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE classes SET name = $3, cohort_id = $4, major_id = $5, program = $6, head_teacher_id = $7 WHERE school_id = $1 AND id = $2`,
		schoolID, c.ID, c.Name, cid, c.MajorID, string(c.Program), nullInt(c.HeadTeacherID))
	if isUniqueViolation(err) {
		return fmt.Errorf("班级「%s」已存在", c.Name)
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "update", "class", c.ID, before, c)
}

const classSelect = `SELECT c.id, c.school_id, c.name, c.cohort_id, h.entry_year, c.major_id, m.name, COALESCE(m.department_id, 0), c.program,
	COALESCE(c.head_teacher_id, 0), COALESCE(t.name, ''),
	(SELECT COUNT(*) FROM students s WHERE s.school_id = c.school_id AND s.class_id = c.id AND s.enrollment_status = '在籍')
	FROM classes c
	JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id
	JOIN majors m ON m.school_id = c.school_id AND m.id = c.major_id
	LEFT JOIN teachers t ON t.school_id = c.school_id AND t.id = c.head_teacher_id`

func scanClass(row interface{ Scan(...any) error }) (model.Class, error) {
	var c model.Class
	var prog string
	err := row.Scan(&c.ID, &c.SchoolID, &c.Name, &c.CohortID, &c.EntryYear, &c.MajorID, &c.MajorName, &c.DepartmentID, &prog,
		&c.HeadTeacherID, &c.HeadTeacherName, &c.StudentCount)
	c.Program = model.Program(prog)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return c, err
}

func (s *Storage) class(ctx context.Context, q querier, schoolID, id int64) (model.Class, error) {
	return scanClass(q.QueryRowContext(ctx, classSelect+` WHERE c.school_id = $1 AND c.id = $2`, schoolID, id))
}

// Class reads one class.
func (s *Storage) Class(ctx context.Context, schoolID, id int64) (model.Class, error) {
	return s.class(ctx, s.db, schoolID, id)
}

// ClassFilter narrows the class list. ClassIDs, when not nil, restricts the
// list to a permission scope (a head teacher's own classes).
type ClassFilter struct {
	model.ListQuery
	DepartmentID int64
	MajorID      int64
	EntryYear    int
	ClassIDs     []int64
	Scoped       bool // when true, ClassIDs is enforced even if empty
}

// Classes lists classes with search, filters and paging.
func (s *Storage) Classes(ctx context.Context, schoolID int64, f ClassFilter) ([]model.Class, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("c.school_id", schoolID)
	if f.Scoped {
		w.in("c.id", f.ClassIDs)
	}
	if f.DepartmentID != 0 {
		w.add("m.department_id = ?", f.DepartmentID)
	}
	if f.MajorID != 0 {
		w.add("c.major_id = ?", f.MajorID)
	}
	if f.EntryYear != 0 {
		w.add("h.entry_year = ?", f.EntryYear)
	}
	if f.Q != "" {
		w.add(`(LOWER(c.name) LIKE ? ESCAPE '\' OR LOWER(m.name) LIKE ? ESCAPE '\' OR LOWER(COALESCE(t.name, '')) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	from := ` FROM classes c JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id
		JOIN majors m ON m.school_id = c.school_id AND m.id = c.major_id
		LEFT JOIN teachers t ON t.school_id = c.school_id AND t.id = c.head_teacher_id`
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*)`+from+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Classes: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, classSelect+w.sql()+` ORDER BY h.entry_year DESC, `+s.zh("c.name")+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Classes: %w", err)
	}
	defer rows.Close()
	var out []model.Class
	for rows.Next() {
		c, err := scanClass(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// ClassesOfHeadTeacher returns the classes a teacher heads.
func (s *Storage) ClassesOfHeadTeacher(ctx context.Context, schoolID, teacherID int64) ([]int64, error) {
	return s.ids(ctx, `SELECT id FROM classes WHERE school_id = $1 AND head_teacher_id = $2 ORDER BY id`, schoolID, teacherID)
}

// ClassesOfDepartments returns the classes whose major belongs to one of the
// departments.
func (s *Storage) ClassesOfDepartments(ctx context.Context, schoolID int64, deptIDs []int64) ([]int64, error) {
	w := schoolWhere("c.school_id", schoolID)
	w.in("m.department_id", deptIDs)
	return s.ids(ctx, `SELECT c.id FROM classes c JOIN majors m ON m.school_id = c.school_id AND m.id = c.major_id`+w.sql()+` ORDER BY c.id`, w.args...)
}

// ClassNameIndex maps every class name of a school to its id, for imports.
func (s *Storage) ClassNameIndex(ctx context.Context, schoolID int64) (map[string]int64, error) {
	return s.nameIndex(ctx, `SELECT name, id FROM classes WHERE school_id = $1`, schoolID)
}

func (s *Storage) nameIndex(ctx context.Context, q string, args ...any) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("nameIndex: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return nil, fmt.Errorf("nameIndex: %w", err)
		}
		if name != "" {
			out[name] = id
		}
	}
	return out, rows.Err()
}

// MajorNameIndex maps each major's name, short name and code to its id.
func (s *Storage) MajorNameIndex(ctx context.Context, schoolID int64) (map[string]int64, error) {
	return s.nameIndex(ctx, `SELECT name, id FROM majors WHERE school_id = $1
		UNION ALL SELECT short_name, id FROM majors WHERE school_id = $1
		UNION ALL SELECT code, id FROM majors WHERE school_id = $1`, schoolID)
}

// DepartmentNameIndex maps department names to ids.
func (s *Storage) DepartmentNameIndex(ctx context.Context, schoolID int64) (map[string]int64, error) {
	return s.nameIndex(ctx, `SELECT name, id FROM departments WHERE school_id = $1`, schoolID)
}
