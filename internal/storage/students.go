package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

func validateStudent(st *model.Student) error {
	if st.StudentNo == "" || st.Name == "" {
		return errors.New("学号和姓名不能为空")
	}
	if st.Gender != model.Male && st.Gender != model.Female {
		return fmt.Errorf("性别「%s」无效，应为 男 或 女", st.Gender)
	}
	if st.ClassID == 0 {
		return errors.New("请选择班级")
	}
	if st.EnrollmentStatus == "" {
		st.EnrollmentStatus = model.StatusEnrolled
	}
	if !st.EnrollmentStatus.Valid() {
		return fmt.Errorf("学籍状态「%s」无效", st.EnrollmentStatus)
	}
	if st.IDType == "" {
		st.IDType = model.IDResident
	}
	return nil
}

// fillFromClass takes major, entry year and program from the class when the
// student row leaves them empty.
func (s *Storage) fillFromClass(ctx context.Context, q querier, schoolID int64, st *model.Student) error {
	var major int64
	var year int
	var prog string
	err := q.QueryRowContext(ctx, `SELECT c.major_id, h.entry_year, c.program FROM classes c JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id
		WHERE c.school_id = $1 AND c.id = $2`, schoolID, st.ClassID).Scan(&major, &year, &prog)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("所选班级不存在")
	}
	if err != nil {
		return err
	}
	if st.MajorID == 0 {
		st.MajorID = major
	}
	if st.EntryYear == 0 {
		st.EntryYear = year
	}
	if st.Program == "" {
		st.Program = model.Program(prog)
	}
	return nil
}

// studentColumns are the columns every writer of a new student fills —
// the form, the roster import and the bulk load (which puts "id" first) —
// in the order studentRow gives their values: one list, so a new column
// cannot be forgotten by one of them.
var studentColumns = []string{"school_id", "student_no", "name", "gender", "id_type", "id_number", "registration_no", "birth_date",
	"ethnicity", "phone", "class_id", "major_id", "entry_year", "program", "enrollment_status", "created_at", "updated_at"}

// enrollmentColumns and enrollmentRow are the one column list of a 学籍
// line, shared by the form, the import, the bulk load and every change.
var enrollmentColumns = []string{"school_id", "student_id", "status", "effective_date", "reason", "created_by", "created_at"}

func enrollmentRow(schoolID, studentID int64, status model.EnrollmentStatus, date, reason string, by int64, at time.Time) []any {
	return []any{schoolID, studentID, string(status), date, reason, nullInt(by), at}
}

// studentRow is a new student's values for studentColumns.
func studentRow(schoolID int64, st *model.Student, created, updated time.Time) []any {
	return []any{schoolID, st.StudentNo, st.Name, string(st.Gender), string(st.IDType), st.IDNumber, st.RegistrationNo, st.BirthDate,
		st.Ethnicity, st.Phone, st.ClassID, nullInt(st.MajorID), st.EntryYear, string(st.Program), string(st.EnrollmentStatus), created, updated}
}

// CreateStudent adds a student and the first line of their 学籍 history.
func (s *Storage) CreateStudent(ctx context.Context, schoolID int64, a model.Actor, st *model.Student) error {
	if err := validateStudent(st); err != nil {
		return err
	}
	st.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.createStudent(ctx, tx, schoolID, a, st) })
}

func (s *Storage) createStudent(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, st *model.Student) error {
	if err := s.fillFromClass(ctx, tx, schoolID, st); err != nil {
		return err
	}
	if err := s.idNumberFree(ctx, tx, schoolID, st.IDNumber, 0); err != nil {
		return err
	}
	ts := now()
	st.CreatedAt, st.UpdatedAt = ts, ts
	err := tx.QueryRowContext(ctx, insertSQL("students", studentColumns, 1, s.dialect)+` RETURNING id`, studentRow(schoolID, st, ts, ts)...).Scan(&st.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("学号 %s 已存在", st.StudentNo)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, insertSQL("enrollment_changes", enrollmentColumns, 1, s.dialect),
		enrollmentRow(schoolID, st.ID, st.EnrollmentStatus, entryDate(st.EntryYear, ts), "入学建档", a.UserID, ts)...); err != nil {
		return fmt.Errorf("createStudent: %w", err)
	}
	if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "create", "student", st.ID, nil, st)
}

// entryDate dates a student's first 学籍 line at the start of their entry
// year's autumn term, so later changes entered afterwards sort after it.
func entryDate(year int, ts time.Time) string {
	if year > 0 && year <= ts.Year() {
		return fmt.Sprintf("%d-09-01", year)
	}
	return ts.Format("2006-01-02")
}

// UpdateStudent changes a student's details. The enrollment status is not
// changed here: that is ChangeEnrollment, which keeps the dated history.
func (s *Storage) UpdateStudent(ctx context.Context, schoolID int64, a model.Actor, st model.Student) error {
	if err := validateStudent(&st); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.student(ctx, tx, schoolID, st.ID)
		if err != nil {
			return err
		}
		return s.updateStudent(ctx, tx, schoolID, a, before, st)
	})
}

func (s *Storage) updateStudent(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, before, st model.Student) error {
	if st.ClassID != before.ClassID {
		st.MajorID, st.EntryYear, st.Program = 0, 0, ""
	}
	if err := s.fillFromClass(ctx, tx, schoolID, &st); err != nil {
		return err
	}
	if st.IDNumber != before.IDNumber {
		if err := s.idNumberFree(ctx, tx, schoolID, st.IDNumber, st.ID); err != nil {
			return err
		}
	}
	st.UpdatedAt = now()
	_, err := tx.ExecContext(ctx, `UPDATE students SET student_no = $3, name = $4, gender = $5, id_type = $6, id_number = $7, registration_no = $8, birth_date = $9,
		ethnicity = $10, phone = $11, class_id = $12, major_id = $13, entry_year = $14, program = $15, updated_at = $16 WHERE school_id = $1 AND id = $2`,
		schoolID, st.ID, st.StudentNo, st.Name, string(st.Gender), string(st.IDType), st.IDNumber, st.RegistrationNo, st.BirthDate,
		st.Ethnicity, st.Phone, st.ClassID, nullInt(st.MajorID), st.EntryYear, string(st.Program), st.UpdatedAt)
	if isUniqueViolation(err) {
		return fmt.Errorf("学号 %s 已存在", st.StudentNo)
	}
	if err != nil {
		return err
	}
	if st.EnrollmentStatus != before.EnrollmentStatus && st.EnrollmentStatus != "" {
		if err := s.changeEnrollment(ctx, tx, schoolID, a, st.ID, st.EnrollmentStatus, st.UpdatedAt.Format("2006-01-02"), "导入更新"); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, schoolID, a, "update", "student", st.ID, before, st)
}

// ChangeEnrollment records a dated 学籍 change (休学, 退学, 转出, 毕业, back
// to 在籍) and updates the student's current status.
func (s *Storage) ChangeEnrollment(ctx context.Context, schoolID int64, a model.Actor, studentID int64, status model.EnrollmentStatus, date, reason string) error {
	if !status.Valid() {
		return fmt.Errorf("学籍状态「%s」无效", status)
	}
	if date == "" {
		return errors.New("请填写变动日期")
	}
	if r := validate.ChangeDates.Check(date); r != "" {
		return errors.New(r)
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.student(ctx, tx, schoolID, studentID)
		if err != nil {
			return err
		}
		if err := s.changeEnrollment(ctx, tx, schoolID, a, studentID, status, date, reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "enrollment", "student", studentID,
			map[string]string{"status": string(before.EnrollmentStatus)}, map[string]string{"status": string(status), "date": date, "reason": reason})
	})
}

func (s *Storage) changeEnrollment(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, studentID int64, status model.EnrollmentStatus, date, reason string) error {
	ts := now()
	if _, err := tx.ExecContext(ctx, `UPDATE students SET enrollment_status = $3, updated_at = $4 WHERE school_id = $1 AND id = $2`, schoolID, studentID, string(status), ts); err != nil {
		return fmt.Errorf("changeEnrollment: %w", err)
	}
	if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, insertSQL("enrollment_changes", enrollmentColumns, 1, s.dialect), enrollmentRow(schoolID, studentID, status, date, reason, a.UserID, ts)...)
	return err
}

// EnrollmentHistory lists a student's 学籍 changes, oldest first.
func (s *Storage) EnrollmentHistory(ctx context.Context, schoolID, studentID int64) ([]model.EnrollmentChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, student_id, status, effective_date, reason, COALESCE(created_by, 0), created_at
		FROM enrollment_changes WHERE school_id = $1 AND student_id = $2 ORDER BY effective_date, id`, schoolID, studentID)
	if err != nil {
		return nil, fmt.Errorf("EnrollmentHistory: %w", err)
	}
	defer rows.Close()
	var out []model.EnrollmentChange
	for rows.Next() {
		var e model.EnrollmentChange
		var st string
		if err := rows.Scan(&e.ID, &e.SchoolID, &e.StudentID, &st, &e.EffectiveDate, &e.Reason, &e.CreatedBy, &e.CreatedAt); err != nil {
			return nil, fmt.Errorf("EnrollmentHistory: %w", err)
		}
		e.Status = model.EnrollmentStatus(st)
		out = append(out, e)
	}
	return out, rows.Err()
}

const studentSelect = `SELECT s.id, s.school_id, s.student_no, s.name, s.gender, s.id_type, s.id_number, s.registration_no, s.birth_date, s.ethnicity, s.phone,
	s.class_id, c.name, COALESCE(s.major_id, 0), COALESCE(m.name, ''), s.entry_year, s.program, s.enrollment_status, s.created_at, s.updated_at,
	COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = s.school_id AND u.student_id = s.id), 0)
	FROM students s
	JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id
	LEFT JOIN majors m ON m.school_id = s.school_id AND m.id = s.major_id`

func scanStudent(row interface{ Scan(...any) error }) (model.Student, error) {
	var st model.Student
	var g, idt, prog, status string
	err := row.Scan(&st.ID, &st.SchoolID, &st.StudentNo, &st.Name, &g, &idt, &st.IDNumber, &st.RegistrationNo, &st.BirthDate, &st.Ethnicity, &st.Phone,
		&st.ClassID, &st.ClassName, &st.MajorID, &st.MajorName, &st.EntryYear, &prog, &status, &st.CreatedAt, &st.UpdatedAt, &st.UserID)
	st.Gender, st.IDType, st.Program, st.EnrollmentStatus = model.Gender(g), model.IDType(idt), model.Program(prog), model.EnrollmentStatus(status)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return st, err
}

func (s *Storage) student(ctx context.Context, q querier, schoolID, id int64) (model.Student, error) {
	return scanStudent(q.QueryRowContext(ctx, studentSelect+` WHERE s.school_id = $1 AND s.id = $2`, schoolID, id))
}

// Student reads one student.
func (s *Storage) Student(ctx context.Context, schoolID, id int64) (model.Student, error) {
	return s.student(ctx, s.db, schoolID, id)
}

// StudentByNo reads one student by 学号.
func (s *Storage) StudentByNo(ctx context.Context, schoolID int64, no string) (model.Student, error) {
	return scanStudent(s.db.QueryRowContext(ctx, studentSelect+` WHERE s.school_id = $1 AND s.student_no = $2`, schoolID, no))
}

// StudentFilter narrows the student list. When Scoped is true the list is
// limited to ClassIDs and StudentIDs (either may match): that is how a head
// teacher, parent or mentor sees only their own students.
type StudentFilter struct {
	model.ListQuery
	ClassID      int64
	MajorID      int64
	DepartmentID int64
	EntryYear    int
	Status       model.EnrollmentStatus
	Scoped       bool
	ClassIDs     []int64
	StudentIDs   []int64
}

func (f StudentFilter) where(schoolID int64) *where {
	w := schoolWhere("s.school_id", schoolID)
	if f.Scoped {
		w.scoped("s.class_id", "s.id", f.ClassIDs, f.StudentIDs)
	}
	if f.ClassID != 0 {
		w.add("s.class_id = ?", f.ClassID)
	}
	if f.MajorID != 0 {
		w.add("s.major_id = ?", f.MajorID)
	}
	if f.DepartmentID != 0 {
		w.add("m.department_id = ?", f.DepartmentID)
	}
	if f.EntryYear != 0 {
		w.add("s.entry_year = ?", f.EntryYear)
	}
	if f.Status != "" {
		w.add("s.enrollment_status = ?", string(f.Status))
	}
	if f.Q != "" {
		w.add(`(LOWER(s.name) LIKE ? ESCAPE '\' OR LOWER(s.student_no) LIKE ? ESCAPE '\' OR LOWER(s.id_number) LIKE ? ESCAPE '\' OR LOWER(c.name) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	return w
}

// Students lists students with search, filters and paging.
func (s *Storage) Students(ctx context.Context, schoolID int64, f StudentFilter) ([]model.Student, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := f.where(schoolID)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM students s JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id
		LEFT JOIN majors m ON m.school_id = s.school_id AND m.id = s.major_id`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Students: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, studentSelect+w.sql()+` ORDER BY s.student_no`+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Students: %w", err)
	}
	defer rows.Close()
	out := make([]model.Student, 0, f.PerPage)
	for rows.Next() {
		st, err := scanStudent(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, st)
	}
	return out, total, rows.Err()
}

// AllStudents streams every student matching f to fn, in 学号 order, for
// exports; it ignores paging.
func (s *Storage) AllStudents(ctx context.Context, schoolID int64, f StudentFilter, fn func(model.Student) error) error {
	w := f.where(schoolID)
	rows, err := s.db.QueryContext(ctx, studentSelect+w.sql()+` ORDER BY s.student_no`, w.args...)
	if err != nil {
		return fmt.Errorf("AllStudents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		st, err := scanStudent(rows)
		if err != nil {
			return err
		}
		if err := fn(st); err != nil {
			return err
		}
	}
	return rows.Err()
}

// idNumberFree refuses an ID number another student of the school holds
// (except the student being edited, self): one person, one 学号.
func (s *Storage) idNumberFree(ctx context.Context, q querier, schoolID int64, idNumber string, self int64) error {
	if idNumber == "" {
		return nil
	}
	var no string
	err := q.QueryRowContext(ctx, `SELECT student_no FROM students WHERE school_id = $1 AND id_number = $2 AND id <> $3`, schoolID, idNumber, self).Scan(&no)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return refusal(fmt.Sprintf("证件号码与学号 %s 的学生相同，同一个人不能有两个学号", no))
}

// scoped keeps the rows of a viewer's scope: students of classIDs or among
// studentIDs (either may match; both empty matches nothing).
func (w *where) scoped(classCol, studentCol string, classIDs, studentIDs []int64) {
	sub := &where{args: w.args}
	sub.in(classCol, classIDs)
	sub.in(studentCol, studentIDs)
	w.args = sub.args
	w.conds = append(w.conds, "("+sub.conds[0]+" OR "+sub.conds[1]+")")
}
