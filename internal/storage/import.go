package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

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
		return nil, fmt.Errorf("classInfos: %w", err)
	}
	defer rows.Close()
	out := map[int64]classInfo{}
	for rows.Next() {
		var id int64
		var ci classInfo
		if err := rows.Scan(&id, &ci.major, &ci.year, &ci.prog); err != nil {
			return nil, fmt.Errorf("classInfos: %w", err)
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
	im, err := s.BeginStudentImport(ctx, schoolID, a)
	if err != nil {
		return ImportSummary{}, err
	}
	if err := im.Add(rows); err != nil {
		im.Rollback()
		return ImportSummary{}, err
	}
	return im.Commit()
}

// StudentImporter writes a roster batch by batch inside one transaction, so
// the rows of a large file can be written while later rows are still being
// read and checked. Nothing is visible to anyone else until Commit; a file
// found invalid half-way is dropped whole with Rollback.
//
// New students, their 学籍 lines, guardians, links and audit lines are
// written with multi-row INSERTs: a 10,000-row roster is otherwise spent
// parsing the same INSERT text 60,000 times.
type StudentImporter struct {
	s        *Storage
	ctx      context.Context
	tx       *sql.Tx
	school   int64
	actor    model.Actor
	ts       time.Time
	classes  map[int64]classInfo
	existing map[string]model.Student
	byIDNo   map[string]string         // ID number → 学号 of the student holding it
	known    map[guardianKey]int64     // guardians of the school by name and phone
	linked   map[int64]map[string]bool // student → names of their guardians
	sum      ImportSummary
	newRows  int // new students so far, to refresh PostgreSQL's statistics
	newGuard int
}

// BeginStudentImport opens the transaction and reads what the import
// compares against: the school's classes, students and guardians.
func (s *Storage) BeginStudentImport(ctx context.Context, schoolID int64, a model.Actor) (*StudentImporter, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("BeginStudentImport: %w", err)
	}
	im := &StudentImporter{s: s, ctx: ctx, tx: tx, school: schoolID, actor: a, ts: now(), existing: map[string]model.Student{}, byIDNo: map[string]string{}}
	if err := im.load(); err != nil {
		tx.Rollback()
		return nil, err
	}
	return im, nil
}

func (im *StudentImporter) load() error {
	ctx, tx, s := im.ctx, im.tx, im.s
	var err error
	if im.classes, err = s.classInfos(ctx, tx, im.school); err != nil {
		return err
	}
	w := schoolWhere("s.school_id", im.school)
	rs, err := tx.QueryContext(ctx, studentSelect+w.sql(), w.args...)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	for rs.Next() {
		st, err := scanStudent(rs)
		if err != nil {
			rs.Close()
			return err
		}
		im.existing[st.StudentNo] = st
		if st.IDNumber != "" {
			im.byIDNo[st.IDNumber] = st.StudentNo
		}
	}
	rs.Close()
	im.known, im.linked, err = s.guardianIndex(ctx, tx, im.school)
	return err
}

// Add writes one batch of validated rows.
func (im *StudentImporter) Add(rows []StudentImport) error {
	ctx, tx, s := im.ctx, im.tx, im.s
	var fresh []*StudentImport
	var touched []StudentImport
	for i := range rows {
		row := &rows[i]
		st := &row.Student
		st.SchoolID = im.school
		ci, ok := im.classes[st.ClassID]
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
		// One person, one student: an ID number already held by another
		// 学号 is refused, or the next export would no longer re-import.
		if holder, taken := im.byIDNo[st.IDNumber]; st.IDNumber != "" && taken && holder != st.StudentNo {
			return refusal(fmt.Sprintf("第 %d 行：证件号码与学号 %s 的学生相同，同一个人不能有两个学号", row.Row, holder))
		}
		if st.IDNumber != "" {
			if prev, ok := im.existing[st.StudentNo]; ok && prev.IDNumber != st.IDNumber {
				delete(im.byIDNo, prev.IDNumber)
			}
			im.byIDNo[st.IDNumber] = st.StudentNo
		}
		old, ok := im.existing[st.StudentNo]
		switch {
		case !ok:
			st.CreatedAt, st.UpdatedAt = im.ts, im.ts
			fresh = append(fresh, row)
		case sameStudent(old, *st):
			st.ID = old.ID
			im.sum.Unchanged++
			touched = append(touched, *row) // guardians may still be new
		default:
			st.ID = old.ID
			if err := s.updateStudent(ctx, tx, im.school, im.actor, old, *st); err != nil {
				return fmt.Errorf("第 %d 行：%w", row.Row, err)
			}
			im.existing[st.StudentNo] = *st
			im.sum.Updated++
			touched = append(touched, *row)
		}
	}
	if err := s.insertStudents(ctx, tx, im.school, im.actor, im.ts, fresh); err != nil {
		return err
	}
	for _, r := range fresh {
		im.existing[r.Student.StudentNo] = r.Student
		touched = append(touched, *r)
	}
	im.sum.Created += len(fresh)
	im.newRows += len(fresh)
	if err := s.analyzeIfStale(ctx, tx, "students", im.newRows); err != nil {
		return err
	}
	return im.importGuardians(touched)
}

// Commit makes the whole file visible at once.
func (im *StudentImporter) Commit() (ImportSummary, error) {
	return im.sum, im.tx.Commit()
}

// Rollback drops everything written so far.
func (im *StudentImporter) Rollback() { im.tx.Rollback() }

// insertStudents writes new students with their first 学籍 line and one
// audit line each, and sets their ids.
func (s *Storage) insertStudents(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, ts time.Time, fresh []*StudentImport) error {
	if len(fresh) == 0 {
		return nil
	}
	byNo := make(map[string]*model.Student, len(fresh))
	vals := make([][]any, len(fresh))
	for i, r := range fresh {
		st := &r.Student
		byNo[st.StudentNo] = st
		vals[i] = studentRow(schoolID, st, ts, ts)
	}
	err := s.batchInsert(ctx, tx, "students", studentColumns, vals, "", "id, student_no",
		func(rs *sql.Rows) error {
			var id int64
			var no string
			if err := rs.Scan(&id, &no); err != nil {
				return err
			}
			byNo[no].ID = id
			return nil
		})
	if err != nil {
		return fmt.Errorf("写入学生: %w", err)
	}
	hist := make([][]any, len(fresh))
	audit := make([][]any, len(fresh))
	for i, r := range fresh {
		st := r.Student
		hist[i] = enrollmentRow(schoolID, st.ID, st.EnrollmentStatus, entryDate(st.EntryYear, ts), "导入建档", a.UserID, ts)
		after := struct {
			model.Student
			Guardians []model.Guardian `json:"guardians,omitempty"`
		}{st, r.Guardians}
		audit[i] = []any{schoolID, ts, nullInt(a.UserID), a.Username, "import", "student", st.ID, "", toJSON(after), a.IP}
	}
	if err := s.batchInsert(ctx, tx, "enrollment_changes", enrollmentColumns, hist, "", "", nil); err != nil {
		return fmt.Errorf("insertStudents: %w", err)
	}
	if err := markKPIDirty(ctx, tx, schoolID); err != nil {
		return err
	}
	return s.batchInsert(ctx, tx, "audit_log", []string{"school_id", "at", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json", "ip"}, audit, "", "", nil)
}

type guardianKey struct{ name, phone string }

// guardianIndex reads the school's guardians by name and phone, and the
// names of each student's guardians.
func (s *Storage) guardianIndex(ctx context.Context, tx *sql.Tx, schoolID int64) (map[guardianKey]int64, map[int64]map[string]bool, error) {
	known := map[guardianKey]int64{}
	rs, err := tx.QueryContext(ctx, `SELECT id, name, phone FROM guardians WHERE school_id = $1 ORDER BY id`, schoolID)
	if err != nil {
		return nil, nil, fmt.Errorf("guardianIndex: %w", err)
	}
	for rs.Next() {
		var id int64
		var k guardianKey
		if err := rs.Scan(&id, &k.name, &k.phone); err != nil {
			rs.Close()
			return nil, nil, err
		}
		if _, dup := known[k]; !dup {
			known[k] = id
		}
	}
	rs.Close()
	linked := map[int64]map[string]bool{}
	rs, err = tx.QueryContext(ctx, `SELECT sg.student_id, g.name FROM student_guardians sg JOIN guardians g ON g.school_id = sg.school_id AND g.id = sg.guardian_id WHERE sg.school_id = $1`, schoolID)
	if err != nil {
		return nil, nil, fmt.Errorf("guardianIndex: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var sid int64
		var name string
		if err := rs.Scan(&sid, &name); err != nil {
			return nil, nil, fmt.Errorf("guardianIndex: %w", err)
		}
		if linked[sid] == nil {
			linked[sid] = map[string]bool{}
		}
		linked[sid][name] = true
	}
	return known, linked, rs.Err()
}

// importGuardians links each row's guardians. A guardian with the same name
// and phone in the school is reused (siblings share one parent account),
// and a student who already has a guardian of that name is left alone, so
// re-imports add nothing.
func (im *StudentImporter) importGuardians(rows []StudentImport) error {
	ctx, tx, s, known, linked := im.ctx, im.tx, im.s, im.known, im.linked
	type link struct {
		student  int64
		key      guardianKey
		relation string
	}
	var links []link
	var newKeys []guardianKey
	for _, r := range rows {
		for _, g := range r.Guardians {
			if g.Name == "" || linked[r.Student.ID][g.Name] {
				continue
			}
			if linked[r.Student.ID] == nil {
				linked[r.Student.ID] = map[string]bool{}
			}
			linked[r.Student.ID][g.Name] = true
			k := guardianKey{g.Name, g.Phone}
			if _, ok := known[k]; !ok {
				known[k] = 0
				newKeys = append(newKeys, k)
			}
			links = append(links, link{r.Student.ID, k, g.Relation})
		}
	}
	vals := make([][]any, len(newKeys))
	for i, k := range newKeys {
		vals[i] = guardianRow(im.school, k.name, k.phone)
	}
	err := s.batchInsert(ctx, tx, "guardians", guardianColumns, vals, "", "id, name, phone", func(rs *sql.Rows) error {
		var id int64
		var k guardianKey
		if err := rs.Scan(&id, &k.name, &k.phone); err != nil {
			return err
		}
		known[k] = id
		return nil
	})
	if err != nil {
		return fmt.Errorf("写入监护人: %w", err)
	}
	im.newGuard += len(newKeys)
	if err := s.analyzeIfStale(ctx, tx, "guardians", im.newGuard); err != nil {
		return err
	}
	lv := make([][]any, len(links))
	for i, l := range links {
		lv[i] = []any{im.school, l.student, known[l.key], l.relation}
	}
	return s.batchInsert(ctx, tx, "student_guardians", []string{"school_id", "student_id", "guardian_id", "relation"}, lv, "ON CONFLICT (school_id, student_id, guardian_id) DO NOTHING", "", nil)
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
			case errors.Is(err, ErrNotFound):
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
			if errors.Is(err, sql.ErrNoRows) {
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
