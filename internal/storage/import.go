package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
)

// StudentImport is one validated roster row ready to be written.
type StudentImport struct {
	Row       int
	Student   model.Student
	Guardians []model.Guardian
}

// ImportSummary counts what an import did.
type ImportSummary struct {
	Created, Updated, Unchanged int
}

// classInfo is what a student row takes from its class.
type classInfo struct {
	major int64
	year  int
	prog  string
}

func (s *Storage) classInfos(ctx context.Context, q querier, schoolID int64) (map[int64]classInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.major_id, h.entry_year, c.program FROM classes c JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id WHERE c.school_id = $1`, schoolID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]classInfo{}
	for rows.Next() {
		var id int64
		var ci classInfo
		if err := rows.Scan(&id, &ci.major, &ci.year, &ci.prog); err != nil {
			return nil, err
		}
		out[id] = ci
	}
	return out, rows.Err()
}

// sameStudent compares the fields an import may set.
func sameStudent(a, b model.Student) bool {
	return a.StudentNo == b.StudentNo && a.Name == b.Name && a.Gender == b.Gender && a.IDType == b.IDType && a.IDNumber == b.IDNumber &&
		a.RegistrationNo == b.RegistrationNo && a.BirthDate == b.BirthDate && a.Ethnicity == b.Ethnicity && a.Phone == b.Phone &&
		a.ClassID == b.ClassID && a.MajorID == b.MajorID && a.EntryYear == b.EntryYear && a.Program == b.Program && a.EnrollmentStatus == b.EnrollmentStatus
}

// ImportStudents writes a validated roster in one transaction: new 学号 are
// created, known ones updated where something changed, and identical rows
// left alone, so importing the same file twice changes nothing the second
// time. Any error rolls the whole file back.
func (s *Storage) ImportStudents(ctx context.Context, schoolID int64, a model.Actor, rows []StudentImport) (ImportSummary, error) {
	var sum ImportSummary
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		sum = ImportSummary{}
		classes, err := s.classInfos(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		existing := map[string]model.Student{}
		w := schoolWhere("s.school_id", schoolID)
		rs, err := tx.QueryContext(ctx, studentSelect+w.sql(), w.args...)
		if err != nil {
			return err
		}
		for rs.Next() {
			st, err := scanStudent(rs)
			if err != nil {
				rs.Close()
				return err
			}
			existing[st.StudentNo] = st
		}
		rs.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO students (school_id, student_no, name, gender, id_type, id_number, registration_no, birth_date, ethnicity, phone,
			class_id, major_id, entry_year, program, enrollment_status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id`)
		if err != nil {
			return err
		}
		defer ins.Close()
		hist, err := tx.PrepareContext(ctx, `INSERT INTO enrollment_changes (school_id, student_id, status, effective_date, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`)
		if err != nil {
			return err
		}
		defer hist.Close()
		ts := now()
		for _, row := range rows {
			st := row.Student
			st.SchoolID = schoolID
			ci, ok := classes[st.ClassID]
			if !ok {
				return fmt.Errorf("第 %d 行：班级不存在", row.Row)
			}
			if st.MajorID == 0 {
				st.MajorID = ci.major
			}
			if st.EntryYear == 0 {
				st.EntryYear = ci.year
			}
			if st.Program == "" {
				st.Program = model.Program(ci.prog)
			}
			if st.EnrollmentStatus == "" {
				st.EnrollmentStatus = model.StatusEnrolled
			}
			if st.IDType == "" {
				st.IDType = model.IDResident
			}
			if old, ok := existing[st.StudentNo]; ok {
				st.ID = old.ID
				if sameStudent(old, st) {
					sum.Unchanged++
				} else {
					if err := s.updateStudent(ctx, tx, schoolID, a, old, st); err != nil {
						return fmt.Errorf("第 %d 行：%w", row.Row, err)
					}
					sum.Updated++
				}
			} else {
				err := ins.QueryRowContext(ctx, schoolID, st.StudentNo, st.Name, string(st.Gender), string(st.IDType), st.IDNumber, st.RegistrationNo, st.BirthDate,
					st.Ethnicity, st.Phone, st.ClassID, nullInt(st.MajorID), st.EntryYear, string(st.Program), string(st.EnrollmentStatus), ts).Scan(&st.ID)
				if err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
				if _, err := hist.ExecContext(ctx, schoolID, st.ID, string(st.EnrollmentStatus), entryDate(st.EntryYear, ts), "导入建档", nullInt(a.UserID), ts); err != nil {
					return err
				}
				if err := s.audit(ctx, tx, schoolID, a, "import", "student", st.ID, nil, st); err != nil {
					return err
				}
				existing[st.StudentNo] = st
				sum.Created++
			}
			for _, g := range row.Guardians {
				if err := s.ensureGuardian(ctx, tx, schoolID, a, st.ID, g); err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
			}
		}
		return nil
	})
	return sum, err
}

// ensureGuardian links a guardian unless the student already has one of
// that name, so re-imports do not pile up duplicates.
func (s *Storage) ensureGuardian(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, studentID int64, g model.Guardian) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM student_guardians sg JOIN guardians g ON g.school_id = sg.school_id AND g.id = sg.guardian_id
		WHERE sg.school_id = $1 AND sg.student_id = $2 AND g.name = $3`, schoolID, studentID, g.Name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return s.addGuardian(ctx, tx, schoolID, a, studentID, &g)
}

// TeacherImport is one validated teacher row.
type TeacherImport struct {
	Row     int
	Teacher model.Teacher
}

// ImportTeachers upserts teachers by 工号 in one transaction.
func (s *Storage) ImportTeachers(ctx context.Context, schoolID int64, a model.Actor, rows []TeacherImport) (ImportSummary, error) {
	var sum ImportSummary
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		sum = ImportSummary{}
		for _, row := range rows {
			t := row.Teacher
			t.SchoolID = schoolID
			old, err := scanTeacher(tx.QueryRowContext(ctx, teacherSelect+` WHERE t.school_id = $1 AND t.staff_no = $2`, schoolID, t.StaffNo))
			switch {
			case err == ErrNotFound:
				if err := s.createTeacher(ctx, tx, schoolID, a, &t); err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
				sum.Created++
			case err != nil:
				return err
			default:
				t.ID, t.Active, t.UserID, t.DepartmentName = old.ID, old.Active, old.UserID, ""
				o := old
				o.DepartmentName = ""
				if o == t {
					sum.Unchanged++
					continue
				}
				if err := s.updateTeacher(ctx, tx, schoolID, a, t); err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
				sum.Updated++
			}
		}
		return nil
	})
	return sum, err
}

// ClassImport is one validated class row.
type ClassImport struct {
	Row   int
	Class model.Class
}

// ImportClasses upserts classes by name in one transaction.
func (s *Storage) ImportClasses(ctx context.Context, schoolID int64, a model.Actor, rows []ClassImport) (ImportSummary, error) {
	var sum ImportSummary
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		sum = ImportSummary{}
		for _, row := range rows {
			c := row.Class
			if err := validateClass(&c); err != nil {
				return fmt.Errorf("第 %d 行：%w", row.Row, err)
			}
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM classes WHERE school_id = $1 AND name = $2`, schoolID, c.Name).Scan(&id)
			if err == sql.ErrNoRows {
				if err := s.createClass(ctx, tx, schoolID, a, &c); err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
				sum.Created++
				continue
			}
			if err != nil {
				return err
			}
			old, err := s.class(ctx, tx, schoolID, id)
			if err != nil {
				return err
			}
			c.ID = id
			if old.MajorID == c.MajorID && old.EntryYear == c.EntryYear && old.Program == c.Program && old.HeadTeacherID == c.HeadTeacherID {
				sum.Unchanged++
				continue
			}
			if err := s.updateClass(ctx, tx, schoolID, a, c); err != nil {
				return fmt.Errorf("第 %d 行：%w", row.Row, err)
			}
			sum.Updated++
		}
		return nil
	})
	return sum, err
}
