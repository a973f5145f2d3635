package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
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
// New students, their 学籍 lines, guardians and audit lines are written
// with COPY on PostgreSQL (copy.go) and multi-row INSERTs on SQLite: a
// 10,000-row roster is otherwise spent parsing the same INSERT text
// 60,000 times.
type StudentImporter struct {
	s        *Storage
	ctx      context.Context
	p        pinnedTx // p.tx, on the connection COPY uses on PostgreSQL
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
	// statsAt is newRows / newGuard when their table was last offered for
	// ANALYZE (see refreshStats).
	statsAt [2]int
}

// BeginStudentImport opens the transaction and reads what the import
// compares against: the school's classes, students and guardians.
func (s *Storage) BeginStudentImport(ctx context.Context, schoolID int64, a model.Actor) (*StudentImporter, error) {
	p, err := s.beginPinned(ctx)
	if err != nil {
		return nil, fmt.Errorf("BeginStudentImport: %w", err)
	}
	tx := p.tx
	im := &StudentImporter{s: s, ctx: ctx, p: p, tx: tx, school: schoolID, actor: a, ts: now(), existing: map[string]model.Student{}, byIDNo: map[string]string{}}
	if err := im.load(); err != nil {
		tx.Rollback()
		p.release()
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
	if err := s.insertStudents(ctx, im.p, im.school, im.actor, im.ts, fresh); err != nil {
		return err
	}
	for _, r := range fresh {
		im.existing[r.Student.StudentNo] = r.Student
		touched = append(touched, *r)
	}
	im.sum.Created += len(fresh)
	im.newRows += len(fresh)
	if err := im.refreshStats(0, "students", im.newRows); err != nil {
		return err
	}
	return im.importGuardians(touched, len(touched)-len(fresh))
}

// refreshStats offers a table for ANALYZE only when this import's rows in
// it have doubled since the last offer. Offering it after every batch (the
// count is cumulative, so it always looked "stale" against a table that
// holds little more than this import) ran ANALYZE 19 times for a
// 10,000-row roster on PostgreSQL, 2.7 s of the 3.6 s import. Doubling
// keeps the statistics within a factor of two of the truth, which is all
// the foreign-key checks' plans need, for four ANALYZEs at most.
func (im *StudentImporter) refreshStats(i int, table string, written int) error {
	if written < 1000 || written < 2*im.statsAt[i] {
		return nil
	}
	im.statsAt[i] = written
	// The children written next (学籍 lines, guardian links) check their
	// keys against this table: its key columns are all they need.
	return im.s.analyzeIfStale(im.ctx, im.tx, table, written, "school_id", "id")
}

// Commit makes the whole file visible at once.
func (im *StudentImporter) Commit() (ImportSummary, error) {
	defer im.p.release()
	return im.sum, im.tx.Commit()
}

// Rollback drops everything written so far.
func (im *StudentImporter) Rollback() {
	im.tx.Rollback()
	im.p.release()
}

// insertStudents writes new students with their first 学籍 line and one
// audit line each, and sets their ids.
func (s *Storage) insertStudents(ctx context.Context, p pinnedTx, schoolID int64, a model.Actor, ts time.Time, fresh []*StudentImport) error {
	if len(fresh) == 0 {
		return nil
	}
	students := make([]*model.Student, len(fresh))
	for i, r := range fresh {
		students[i] = &r.Student
	}
	if err := s.writeStudents(ctx, p, schoolID, ts, students); err != nil {
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
	if err := s.copyOrInsert(ctx, p, "enrollment_changes", enrollmentColumns, hist); err != nil {
		return fmt.Errorf("insertStudents: %w", err)
	}
	if err := s.markKPIDirty(ctx, p.tx, schoolID); err != nil {
		return err
	}
	return s.copyOrInsert(ctx, p, "audit_log", auditColumns, audit)
}

// auditColumns are the columns of an audit line written in bulk.
var auditColumns = []string{"school_id", "at", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json", "ip"}

// copyOrInsert writes rows with COPY where it can, else with multi-row
// INSERTs.
func (s *Storage) copyOrInsert(ctx context.Context, p pinnedTx, table string, cols []string, rows [][]any) error {
	if done, err := p.copyInto(ctx, table, cols, rows); done || err != nil {
		return err
	}
	return s.batchInsert(ctx, p.tx, table, cols, rows, "", "", nil)
}

// writeStudents writes new students and sets their ids: on PostgreSQL the
// ids are drawn from the sequence first and the rows go by COPY; otherwise
// a multi-row INSERT returns them.
func (s *Storage) writeStudents(ctx context.Context, p pinnedTx, schoolID int64, ts time.Time, students []*model.Student) error {
	vals := make([][]any, len(students))
	if p.canCopy() {
		ids, err := reserveIDs(ctx, p.tx, "students", len(students))
		if err != nil {
			return err
		}
		for i, st := range students {
			st.ID = ids[i]
			vals[i] = append([]any{st.ID}, studentRow(schoolID, st, ts, ts)...)
		}
		if done, err := p.copyInto(ctx, "students", append([]string{"id"}, studentColumns...), vals); done || err != nil {
			return err
		}
	}
	byNo := make(map[string]*model.Student, len(students))
	for i, st := range students {
		byNo[st.StudentNo] = st
		vals[i] = studentRow(schoolID, st, ts, ts)
	}
	return s.batchInsert(ctx, p.tx, "students", studentColumns, vals, "", "id, student_no",
		func(rs *sql.Rows) error {
			var id int64
			var no string
			if err := rs.Scan(&id, &no); err != nil {
				return err
			}
			byNo[no].ID = id
			return nil
		})
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
//
// rows[nOld:] are students this import created: their links go by COPY on
// PostgreSQL, since no other transaction can hold a link to a student
// whose id was only just drawn. Links of known students keep the INSERT
// that skips a link someone else added meanwhile.
func (im *StudentImporter) importGuardians(rows []StudentImport, nOld int) error {
	ctx, tx, s, known, linked := im.ctx, im.tx, im.s, im.known, im.linked
	type link struct {
		student  int64
		key      guardianKey
		relation string
		fresh    bool
	}
	var links []link
	var newKeys []guardianKey
	for i, r := range rows {
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
			links = append(links, link{r.Student.ID, k, g.Relation, i >= nOld})
		}
	}
	if err := im.writeGuardians(newKeys); err != nil {
		return fmt.Errorf("写入监护人: %w", err)
	}
	im.newGuard += len(newKeys)
	if err := im.refreshStats(1, "guardians", im.newGuard); err != nil {
		return err
	}
	var old, fresh [][]any
	for _, l := range links {
		row := []any{im.school, l.student, known[l.key], l.relation}
		if l.fresh {
			fresh = append(fresh, row)
		} else {
			old = append(old, row)
		}
	}
	cols := []string{"school_id", "student_id", "guardian_id", "relation"}
	if done, err := im.p.copyInto(ctx, "student_guardians", cols, fresh); err != nil {
		return err
	} else if !done {
		old = append(old, fresh...)
	}
	return s.batchInsert(ctx, tx, "student_guardians", cols, old, "ON CONFLICT (school_id, student_id, guardian_id) DO NOTHING", "", nil)
}

// writeGuardians writes the new guardians and records their ids in
// im.known: by COPY with ids drawn first on PostgreSQL, else by a
// multi-row INSERT returning them.
func (im *StudentImporter) writeGuardians(keys []guardianKey) error {
	if len(keys) == 0 {
		return nil
	}
	vals := make([][]any, len(keys))
	if im.p.canCopy() {
		ids, err := reserveIDs(im.ctx, im.tx, "guardians", len(keys))
		if err != nil {
			return err
		}
		for i, k := range keys {
			im.known[k] = ids[i]
			vals[i] = append([]any{ids[i]}, guardianRow(im.school, k.name, k.phone)...)
		}
		if done, err := im.p.copyInto(im.ctx, "guardians", append([]string{"id"}, guardianColumns...), vals); done || err != nil {
			return err
		}
	}
	for i, k := range keys {
		vals[i] = guardianRow(im.school, k.name, k.phone)
	}
	return im.s.batchInsert(im.ctx, im.tx, "guardians", guardianColumns, vals, "", "id, name, phone", func(rs *sql.Rows) error {
		var id int64
		var k guardianKey
		if err := rs.Scan(&id, &k.name, &k.phone); err != nil {
			return err
		}
		im.known[k] = id
		return nil
	})
}

// TeacherImport is one validated teacher row. Teacher.DualLevel is the
// 双师型 column's level ("" leaves the recognitions as they are) and an
// empty Teacher.HiredOn keeps the stored 入职日期.
type TeacherImport struct {
	Row     int
	Teacher model.Teacher
}

// ImportTeachers upserts teachers by 工号 in one transaction. A 双师型
// level for a teacher with no current recognition recognises them that
// day (basis 花名册导入); a level other than the current one is refused,
// since a roster is no place to change or withdraw a recognition
// (docs/teachers.md §3.5).
func (s *Storage) ImportTeachers(ctx context.Context, schoolID int64, a model.Actor, rows []TeacherImport) (ImportSummary, error) {
	var sum ImportSummary
	today := Today()
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		sum = ImportSummary{}
		for _, row := range rows {
			t := row.Teacher
			t.SchoolID = schoolID
			want := t.DualLevel
			t.DualLevel, t.DualQualified = "", false
			old, err := scanTeacher(tx.QueryRowContext(ctx, teacherSelectAt("$3")+` WHERE t.school_id = $1 AND t.staff_no = $2`, schoolID, t.StaffNo, today))
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
				t.DualLevel, t.DualQualified = old.DualLevel, old.DualQualified
				if t.HiredOn == "" {
					t.HiredOn = old.HiredOn
				}
				o := old
				o.DepartmentName = ""
				dualNew := want != "" && want != old.DualLevel
				if dualNew && old.DualLevel != "" {
					return refusal(fmt.Sprintf("第 %d 行：「双师型」“%s”与现有认定“%s”不同；更改或撤销认定请到“教师发展 → 双师型”页办理，名单中可留空或写现有等级",
						row.Row, want, old.DualLevel))
				}
				if o == t && !dualNew {
					sum.Unchanged++
					continue
				}
				sum.Updated++
				if o != t {
					if err := s.updateTeacher(ctx, tx, schoolID, a, t); err != nil {
						return fmt.Errorf("第 %d 行：%w", row.Row, err)
					}
				}
				if !dualNew {
					continue
				}
			}
			if want != "" {
				g := teacherdev.Recognition{TeacherID: t.ID, Level: want, RecognisedOn: today, Basis: "花名册导入"}
				if err := s.recognise(ctx, tx, schoolID, a, &g); err != nil {
					return fmt.Errorf("第 %d 行：%w", row.Row, err)
				}
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
