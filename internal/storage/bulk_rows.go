package storage

// The rows a Bulk load adds, one method per kind of record, each checked
// as the one-row method of its entity checks it (bulk.go holds the buffers,
// ids and flushing).

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// District adds a district (教育局).
func (b *Bulk) District(d *model.District) error {
	if d.Code == "" || d.Name == "" {
		return errors.New("区域代码和名称不能为空")
	}
	var n int
	if err := b.tx.QueryRowContext(b.ctx, `SELECT COUNT(*) FROM districts WHERE code = $1`, d.Code).Scan(&n); err != nil {
		return fmt.Errorf("District: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("区域代码 %q 已被使用", d.Code)
	}
	id, err := b.newID(tDistricts)
	if err != nil {
		return err
	}
	d.ID = id
	return b.add(tDistricts, model.PlatformSchoolID, d.ID, d.Code, d.Name)
}

// School adds a tenant; its code is checked as CreateSchool checks it.
func (b *Bulk) School(sc *model.School) error {
	if !ValidSchoolCode(sc.Code) {
		return fmt.Errorf("学校代码 %q 只能包含小写字母、数字和短横线，长度 2–32", sc.Code)
	}
	var n int
	if err := b.tx.QueryRowContext(b.ctx, `SELECT COUNT(*) FROM schools WHERE code = $1`, sc.Code).Scan(&n); err != nil {
		return fmt.Errorf("School: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("学校代码 %q 已被使用", sc.Code)
	}
	id, err := b.newID(tSchools)
	if err != nil {
		return err
	}
	sc.ID, sc.CreatedAt = id, b.ts
	return b.add(tSchools, sc.ID, sc.ID, sc.Code, sc.Name, nullInt(sc.DistrictID), sc.CreatedAt)
}

// AcademicYear adds a 学年.
func (b *Bulk) AcademicYear(schoolID int64, y *model.AcademicYear) error {
	id, err := b.newID(tAcademicYears)
	if err != nil {
		return err
	}
	y.ID, y.SchoolID = id, schoolID
	return b.add(tAcademicYears, schoolID, schoolID, y.ID, y.Name, y.StartDate, y.EndDate)
}

// Term adds a 学期; a current term un-marks the school's other terms, as
// CreateTerm does.
func (b *Bulk) Term(schoolID int64, t *model.Term) error {
	if t.Semester != 1 && t.Semester != 2 {
		return fmt.Errorf("学期应为 1 或 2，实为 %d", t.Semester)
	}
	if t.IsCurrent {
		if err := b.flushUpTo(tTerms); err != nil {
			return err
		}
		if _, err := b.tx.ExecContext(b.ctx, `UPDATE terms SET is_current = FALSE WHERE school_id = $1`, schoolID); err != nil {
			return fmt.Errorf("Term: %w", err)
		}
	}
	id, err := b.newID(tTerms)
	if err != nil {
		return err
	}
	t.ID, t.SchoolID = id, schoolID
	return b.add(tTerms, schoolID, schoolID, t.ID, t.AcademicYearID, t.Semester, t.StartDate, t.EndDate, t.IsCurrent)
}

// Department adds a 专业部.
func (b *Bulk) Department(schoolID int64, d *model.Department) error {
	if d.Name == "" {
		return errors.New("专业部名称不能为空")
	}
	id, err := b.newID(tDepartments)
	if err != nil {
		return err
	}
	d.ID, d.SchoolID = id, schoolID
	return b.add(tDepartments, schoolID, schoolID, d.ID, d.Name, d.Description, nullInt(d.HeadUserID))
}

// SetDepartmentHead names the user who heads a department.
func (b *Bulk) SetDepartmentHead(schoolID, deptID, userID int64) error {
	if err := b.flushUpTo(tDepartments); err != nil {
		return err
	}
	r, err := b.tx.ExecContext(b.ctx, `UPDATE departments SET head_user_id = $3 WHERE school_id = $1 AND id = $2`, schoolID, deptID, nullInt(userID))
	if err != nil {
		return fmt.Errorf("SetDepartmentHead: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// MajorCategory adds a 专业大类.
func (b *Bulk) MajorCategory(schoolID int64, c *model.MajorCategory) error {
	if !categoryCodeRe.MatchString(c.Code) {
		return fmt.Errorf("专业大类代码 %q 应为两位数字 61–79", c.Code)
	}
	id, err := b.newID(tMajorCategories)
	if err != nil {
		return err
	}
	c.ID, c.SchoolID = id, schoolID
	b.catCodes[[2]int64{schoolID, c.ID}] = c.Code
	return b.add(tMajorCategories, schoolID, schoolID, c.ID, c.Code, c.Name)
}

// Major adds a 专业 after checking its code against its category.
func (b *Bulk) Major(schoolID int64, m *model.Major) error {
	cat, ok := b.catCodes[[2]int64{schoolID, m.CategoryID}]
	if !ok {
		err := b.tx.QueryRowContext(b.ctx, `SELECT code FROM major_categories WHERE school_id = $1 AND id = $2`, schoolID, m.CategoryID).Scan(&cat)
		if errors.Is(err, sql.ErrNoRows) {
			return errors.New("所属专业大类不存在")
		}
		if err != nil {
			return err
		}
		b.catCodes[[2]int64{schoolID, m.CategoryID}] = cat
	}
	if err := ValidateMajorCode(m.Code, cat); err != nil {
		return err
	}
	id, err := b.newID(tMajors)
	if err != nil {
		return err
	}
	m.ID, m.SchoolID = id, schoolID
	return b.add(tMajors, schoolID, schoolID, m.ID, m.Code, m.Name, m.ShortName, m.CategoryID, nullInt(m.DepartmentID), m.Apprenticeship)
}

// Teacher adds a 教师 (active).
func (b *Bulk) Teacher(schoolID int64, t *model.Teacher) error {
	if err := validateTeacher(t); err != nil {
		return err
	}
	id, err := b.newID(tTeachers)
	if err != nil {
		return err
	}
	t.ID, t.SchoolID, t.Active = id, schoolID, true
	return b.add(tTeachers, schoolID, append([]any{t.ID}, teacherRow(schoolID, t, b.ts)...)...)
}

// cohort returns the 年级 of an entry year, adding it if needed.
func (b *Bulk) cohort(schoolID int64, entryYear int) (int64, error) {
	k := [2]int64{schoolID, int64(entryYear)}
	if id, ok := b.cohorts[k]; ok {
		return id, nil
	}
	if entryYear < 2000 || entryYear > 2100 {
		return 0, fmt.Errorf("入学年份 %d 不合理", entryYear)
	}
	var id int64
	err := b.tx.QueryRowContext(b.ctx, `SELECT id FROM cohorts WHERE school_id = $1 AND entry_year = $2`, schoolID, entryYear).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if id, err = b.newID(tCohorts); err == nil {
			err = b.add(tCohorts, schoolID, schoolID, id, entryYear, itoa(entryYear)+"级")
		}
	}
	if err != nil {
		return 0, err
	}
	b.cohorts[k] = id
	return id, nil
}

// Class adds a 班级; its cohort is made from EntryYear if needed.
func (b *Bulk) Class(schoolID int64, c *model.Class) error {
	if err := validateClass(c); err != nil {
		return err
	}
	cid, err := b.cohort(schoolID, c.EntryYear)
	if err != nil {
		return err
	}
	id, err := b.newID(tClasses)
	if err != nil {
		return err
	}
	c.ID, c.SchoolID, c.CohortID = id, schoolID, cid
	b.classes[[2]int64{schoolID, c.ID}] = bulkClass{c.MajorID, c.EntryYear, c.Program}
	return b.add(tClasses, schoolID, append([]any{c.ID}, classRow(schoolID, c)...)...)
}

// Course adds a 课程.
func (b *Bulk) Course(schoolID int64, c *model.Course) error {
	if c.Code == "" || c.Name == "" {
		return errors.New("课程代码和名称不能为空")
	}
	id, err := b.newID(tCourses)
	if err != nil {
		return err
	}
	c.ID, c.SchoolID = id, schoolID
	return b.add(tCourses, schoolID, schoolID, c.ID, c.Code, c.Name, c.Kind, nullInt(c.MajorID))
}

// TeachingAssignment adds course × class × teacher × term.
func (b *Bulk) TeachingAssignment(schoolID int64, t *model.TeachingAssignment) error {
	id, err := b.newID(tTeachingAssignments)
	if err != nil {
		return err
	}
	t.ID, t.SchoolID = id, schoolID
	return b.add(tTeachingAssignments, schoolID, schoolID, t.ID, t.TermID, t.CourseID, t.ClassID, t.TeacherID)
}

// Student adds a student and the first line of their 学籍 history, dated
// enrolledOn (YYYY-MM-DD, reason "入学"); an empty enrolledOn dates it today
// with reason "建档", as CreateStudent does. Major, entry year and program
// come from the class when left empty.
func (b *Bulk) Student(schoolID int64, st *model.Student, enrolledOn string) error {
	if err := validateStudent(st); err != nil {
		return err
	}
	k := [2]int64{schoolID, st.ClassID}
	c, ok := b.classes[k]
	if !ok {
		var prog string
		err := b.tx.QueryRowContext(b.ctx, `SELECT c.major_id, h.entry_year, c.program FROM classes c JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id
			WHERE c.school_id = $1 AND c.id = $2`, schoolID, st.ClassID).Scan(&c.majorID, &c.entryYear, &prog)
		if errors.Is(err, sql.ErrNoRows) {
			return errors.New("所选班级不存在")
		}
		if err != nil {
			return err
		}
		c.program = model.Program(prog)
		b.classes[k] = c
	}
	if st.MajorID == 0 {
		st.MajorID = c.majorID
	}
	if st.EntryYear == 0 {
		st.EntryYear = c.entryYear
	}
	if st.Program == "" {
		st.Program = c.program
	}
	id, err := b.newID(tStudents)
	if err != nil {
		return err
	}
	st.ID, st.SchoolID, st.CreatedAt, st.UpdatedAt = id, schoolID, b.ts, b.ts
	b.ours[id] = true
	if err := b.add(tStudents, schoolID, append([]any{st.ID}, studentRow(schoolID, st, b.ts, b.ts)...)...); err != nil {
		return err
	}
	reason := "入学"
	if enrolledOn == "" {
		enrolledOn, reason = b.ts.Format("2006-01-02"), "建档"
	}
	return b.add(tEnrollmentChanges, schoolID, enrollmentRow(schoolID, st.ID, st.EnrollmentStatus, enrolledOn, reason, b.actor.UserID, b.ts)...)
}

// ChangeEnrollment records a dated 学籍 change and updates the student's
// current status, as Storage.ChangeEnrollment does (without its per-row
// audit line).
func (b *Bulk) ChangeEnrollment(schoolID, studentID int64, status model.EnrollmentStatus, date, reason string) error {
	if !status.Valid() {
		return fmt.Errorf("学籍状态「%s」无效", status)
	}
	if date == "" {
		return errors.New("请填写变动日期")
	}
	if b.ours[studentID] {
		// A student of this load: its status is set at the end, one
		// UPDATE per status for all (see setStatuses), not one round trip
		// per change (a demo school has about a thousand).
		b.statuses[studentID] = bulkStatus{schoolID, status}
		return b.add(tEnrollmentChanges, schoolID, enrollmentRow(schoolID, studentID, status, date, reason, b.actor.UserID, b.ts)...)
	}
	if err := b.flushUpTo(tStudents); err != nil {
		return err
	}
	if err := b.s.markKPIDirty(b.ctx, b.tx, schoolID); err != nil {
		return err
	}
	r, err := b.tx.ExecContext(b.ctx, `UPDATE students SET enrollment_status = $3, updated_at = $4 WHERE school_id = $1 AND id = $2`, schoolID, studentID, string(status), b.ts)
	if err != nil {
		return fmt.Errorf("ChangeEnrollment: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return b.add(tEnrollmentChanges, schoolID, enrollmentRow(schoolID, studentID, status, date, reason, b.actor.UserID, b.ts)...)
}

// Guardian links a guardian to a student. A guardian with ID 0 is created;
// one with an ID (from an earlier call) is only linked, which is how
// siblings share a parent.
func (b *Bulk) Guardian(schoolID, studentID int64, g *model.Guardian) error {
	if g.ID == 0 {
		if g.Name == "" {
			return errors.New("监护人姓名不能为空")
		}
		id, err := b.newID(tGuardians)
		if err != nil {
			return err
		}
		g.ID, g.SchoolID = id, schoolID
		if err := b.add(tGuardians, schoolID, append([]any{g.ID}, guardianRow(schoolID, g.Name, g.Phone)...)...); err != nil {
			return err
		}
	}
	return b.add(tStudentGuardians, schoolID, schoolID, studentID, g.ID, g.Relation)
}

// Enterprise adds a partner enterprise after checking its 统一社会信用代码.
func (b *Bulk) Enterprise(schoolID int64, e *model.Enterprise) error {
	code, err := idcheck.CreditCode(e.CreditCode)
	if err != nil {
		return err
	}
	if e.Name == "" {
		return errors.New("企业名称不能为空")
	}
	id, err := b.newID(tEnterprises)
	if err != nil {
		return err
	}
	e.ID, e.SchoolID, e.CreditCode = id, schoolID, code
	return b.add(tEnterprises, schoolID, schoolID, e.ID, e.Name, e.CreditCode, e.Industry, e.Contact, e.Phone, e.Address)
}

// Mentor adds an 企业导师.
func (b *Bulk) Mentor(schoolID int64, m *model.Mentor) error {
	if m.Name == "" || m.EnterpriseID == 0 {
		return errors.New("导师姓名和所属企业不能为空")
	}
	id, err := b.newID(tMentors)
	if err != nil {
		return err
	}
	m.ID, m.SchoolID = id, schoolID
	b.mentors[[2]int64{schoolID, m.ID}] = m.EnterpriseID
	return b.add(tMentors, schoolID, schoolID, m.ID, m.EnterpriseID, m.Name, m.Title, m.Phone)
}

// Placement puts a student with a mentor; the enterprise is the mentor's.
func (b *Bulk) Placement(schoolID int64, p *model.Placement) error {
	switch p.Kind {
	case model.PlacementApprenticeship, model.PlacementInternship, model.PlacementShadowing:
	default:
		return fmt.Errorf("类型「%s」无效", p.Kind)
	}
	ent, ok := b.mentors[[2]int64{schoolID, p.MentorID}]
	if !ok {
		err := b.tx.QueryRowContext(b.ctx, `SELECT enterprise_id FROM mentors WHERE school_id = $1 AND id = $2`, schoolID, p.MentorID).Scan(&ent)
		if errors.Is(err, sql.ErrNoRows) {
			return errors.New("企业导师不存在")
		}
		if err != nil {
			return err
		}
		b.mentors[[2]int64{schoolID, p.MentorID}] = ent
	}
	id, err := b.newID(tPlacements)
	if err != nil {
		return err
	}
	p.ID, p.SchoolID, p.EnterpriseID = id, schoolID, ent
	return b.add(tPlacements, schoolID, schoolID, p.ID, p.StudentID, p.MentorID, p.EnterpriseID, p.Kind, p.StartDate, p.EndDate)
}

// User adds an account with its roles. PasswordHash must already be a hash
// (package auth makes it); a load of many demo accounts may reuse one.
func (b *Bulk) User(schoolID int64, u *model.User) error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	if u.Username == "" || u.PasswordHash == "" {
		return errors.New("账号和密码不能为空")
	}
	id, err := b.newID(tUsers)
	if err != nil {
		return err
	}
	u.ID, u.SchoolID, u.CreatedAt = id, schoolID, b.ts
	if err := b.add(tUsers, schoolID, append([]any{u.ID}, userRow(schoolID, u)...)...); err != nil {
		return err
	}
	// The login name's platform-wide claim (global_keys.go); a name taken
	// twice fails the load at flush, as the users table's key would.
	if b.s.keysReady.Load() {
		if err := b.add(tGlobalKeys, schoolID, keyUsername, u.Username, schoolID); err != nil {
			return err
		}
	}
	for i, r := range u.Roles {
		dup := false
		for _, q := range u.Roles[:i] {
			dup = dup || q == r
		}
		if dup {
			continue
		}
		if err := b.add(tUserRoles, schoolID, schoolID, u.ID, r); err != nil {
			return err
		}
	}
	return nil
}
