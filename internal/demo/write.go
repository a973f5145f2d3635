package demo

import (
	"fmt"
	"slices"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// counts of one written school, for the progress line.
type counts struct{ students, teachers, classes, users, records int }

// write puts the plan into the database through one Bulk, in dependency
// order; ids come back from Bulk at once, so relations are filled as we go.
// hash is the one demo password hash every account shares.
func (p *plan) write(b *storage.Bulk, sc *model.School, hash string) (counts, error) {
	var n counts
	if err := b.School(sc); err != nil {
		return n, err
	}
	id := sc.ID
	current, lastYear, err := writeTerms(b, id)
	if err != nil {
		return n, err
	}
	if err := p.writeOrg(b, id, current, lastYear); err != nil {
		return n, err
	}
	n.teachers, n.classes = len(p.teachers), len(p.classes)
	if err := p.writeStudents(b, id); err != nil {
		return n, err
	}
	n.students = len(p.students)
	if err := p.writePartners(b, id); err != nil {
		return n, err
	}
	if err := p.writeGraduates(b, id); err != nil {
		return n, err
	}
	err = p.writeAccounts(b, id, func(u *model.User) error {
		u.PasswordHash, u.MustChangePassword = hash, false
		n.users++
		return b.User(id, u)
	})
	return n, err
}

// writeTerms writes three school years with both terms each. current is
// this term (the first of 2026-2027), lastYear the terms of 2025-2026.
func writeTerms(b *storage.Bulk, id int64) (current int64, lastYear []int64, err error) {
	// 学年 and 学期: three years, both terms each; the current term is the
	// first term of 2026-2027.
	for _, y := range entryYears {
		ay := model.AcademicYear{Name: fmt.Sprintf("%d-%d", y, y+1), StartDate: fmt.Sprintf("%d-09-01", y), EndDate: fmt.Sprintf("%d-07-10", y+1)}
		if err := b.AcademicYear(id, &ay); err != nil {
			return 0, nil, err
		}
		t1 := model.Term{AcademicYearID: ay.ID, Semester: 1, StartDate: fmt.Sprintf("%d-09-01", y), EndDate: fmt.Sprintf("%d-01-20", y+1), IsCurrent: y == 2026}
		t2 := model.Term{AcademicYearID: ay.ID, Semester: 2, StartDate: fmt.Sprintf("%d-02-20", y+1), EndDate: fmt.Sprintf("%d-07-10", y+1)}
		if err := b.Term(id, &t1); err != nil {
			return 0, nil, err
		}
		if err := b.Term(id, &t2); err != nil {
			return 0, nil, err
		}
		if t1.IsCurrent {
			current = t1.ID
		}
		if y == 2025 {
			lastYear = append(lastYear, t1.ID, t2.ID)
		}
	}

	return current, lastYear, nil
}

// writeOrg writes departments, major categories, majors, teachers,
// classes, courses and this term's lessons (last year's too, for the
// cohorts then at school: kept simple, the same course and teacher).
func (p *plan) writeOrg(b *storage.Bulk, id, current int64, lastYear []int64) error {
	// Organisation.
	for _, d := range p.depts {
		if err := b.Department(id, &d.m); err != nil {
			return err
		}
	}
	catIDs := map[string]int64{}
	for _, c := range categories {
		mc := model.MajorCategory{Code: c.code, Name: c.name}
		if err := b.MajorCategory(id, &mc); err != nil {
			return err
		}
		catIDs[c.code] = mc.ID
	}
	for _, m := range p.majors {
		m.m.CategoryID, m.m.DepartmentID = catIDs[m.def.cat], m.dept.m.ID
		if err := b.Major(id, &m.m); err != nil {
			return err
		}
	}
	for _, t := range p.teachers {
		t.t.DepartmentID = t.dept.m.ID
		if err := b.Teacher(id, &t.t); err != nil {
			return err
		}
	}
	for _, c := range p.classes {
		if err := c.write(b, id); err != nil {
			return err
		}
	}
	for _, co := range p.public {
		if err := b.Course(id, co); err != nil {
			return err
		}
	}
	for _, m := range p.majors {
		for _, co := range m.courses {
			co.MajorID = m.m.ID
			if err := b.Course(id, co); err != nil {
				return err
			}
		}
	}
	for _, c := range p.classes {
		for _, l := range c.lessons {
			l.ta = model.TeachingAssignment{TermID: current, CourseID: l.course.ID, ClassID: c.c.ID, TeacherID: l.teacher.t.ID}
			if err := b.TeachingAssignment(id, &l.ta); err != nil {
				return err
			}
			// Last year's terms: kept simple, the same course and teacher.
			for _, t := range lastYear {
				if c.year > 2025 {
					break
				}
				ta := l.ta
				ta.ID, ta.TermID = 0, t
				if err := b.TeachingAssignment(id, &ta); err != nil {
					return err
				}
			}
		}
	}

	return nil
}

// writeStudents writes the students, their 学籍 history and guardians.
func (p *plan) writeStudents(b *storage.Bulk, id int64) error {
	// Students, their 学籍 history and guardians.
	for _, st := range p.students {
		st.s.ClassID = st.class.c.ID
		if err := b.Student(id, &st.s, fmt.Sprintf("%d-09-01", st.class.year)); err != nil {
			return err
		}
	}
	for _, st := range p.students {
		for _, ch := range st.changes {
			if err := b.ChangeEnrollment(id, st.s.ID, ch.status, ch.date, ch.reason); err != nil {
				return err
			}
			st.s.EnrollmentStatus = ch.status
		}
	}
	for _, st := range p.students {
		for _, gd := range st.guardians {
			if err := b.Guardian(id, st.s.ID, &gd.g); err != nil {
				return err
			}
		}
	}

	return nil
}

// writePartners writes the enterprises, their mentors and the placements.
func (p *plan) writePartners(b *storage.Bulk, id int64) error {
	// Partners, mentors, placements.
	for _, e := range p.enterprises {
		if err := b.Enterprise(id, &e.e); err != nil {
			return err
		}
		for _, m := range e.mentors {
			m.m.EnterpriseID = e.e.ID
			if err := b.Mentor(id, &m.m); err != nil {
				return err
			}
			m.m.EnterpriseName = e.e.Name
		}
	}
	for _, pl := range p.placements {
		pl.p = model.Placement{StudentID: pl.st.s.ID, StudentName: pl.st.s.Name, MentorID: pl.mentor.m.ID, MentorName: pl.mentor.m.Name,
			Kind: pl.kind, StartDate: pl.from, EndDate: pl.to}
		if err := b.Placement(id, &pl.p); err != nil {
			return err
		}
	}

	return nil
}

// writeGraduates writes the graduated cohort: classes and students with
// their 毕业 change.
func (p *plan) writeGraduates(b *storage.Bulk, id int64) error {
	// The graduated cohort: classes and students with their 毕业 change.
	for _, c := range p.gradClasses {
		if err := c.write(b, id); err != nil {
			return err
		}
		for _, st := range c.students {
			st.s.ClassID = c.c.ID
			if err := b.Student(id, &st.s, fmt.Sprintf("%d-09-01", c.year)); err != nil {
				return err
			}
			for _, ch := range st.changes {
				if err := b.ChangeEnrollment(id, st.s.ID, ch.status, ch.date, ch.reason); err != nil {
					return err
				}
				st.s.EnrollmentStatus = ch.status
			}
		}
	}

	return nil
}

// writeAccounts opens the offices' accounts, then one per person; user
// stores one account.
func (p *plan) writeAccounts(b *storage.Bulk, id int64, user func(*model.User) error) error {
	// Accounts: the offices, then one per person.
	for _, o := range offices {
		u := model.User{Username: o.name + "@" + p.code, DisplayName: o.display, Roles: []string{o.role}}
		if err := user(&u); err != nil {
			return err
		}
	}
	duty, council := p.dutyTeachers(), p.councilMembers()
	for _, t := range p.teachers {
		roles := []string{model.RoleSubjectTeacher}
		if slices.Contains(duty, t) {
			roles = append(roles, model.RoleDutyTeacher)
		}
		if t.heads != nil {
			roles = append(roles, model.RoleHeadTeacher)
		}
		if t.headsDep != nil {
			roles = append(roles, model.RoleDeptHead)
		}
		t.u = model.User{Username: t.t.StaffNo + "@" + p.code, DisplayName: t.t.Name, TeacherID: t.t.ID, Roles: roles}
		if err := user(&t.u); err != nil {
			return err
		}
	}
	for _, d := range p.depts {
		if d.head != nil {
			if err := b.SetDepartmentHead(id, d.m.ID, d.head.u.ID); err != nil {
				return err
			}
			d.m.HeadUserID = d.head.u.ID
		}
	}
	for _, st := range p.students {
		st.u = model.User{Username: st.s.StudentNo + "@" + p.code, DisplayName: st.s.Name, StudentID: st.s.ID, Roles: []string{model.RoleStudent}}
		if slices.Contains(council, st) {
			st.u.Roles = append(st.u.Roles, model.RoleStudentCouncil)
		}
		if err := user(&st.u); err != nil {
			return err
		}
		for i, gd := range st.guardians {
			name := "p" + st.s.StudentNo
			if i > 0 {
				name += fmt.Sprintf("-%d", i+1)
			}
			gd.u = model.User{Username: name + "@" + p.code, DisplayName: gd.g.Name, GuardianID: gd.g.ID, Roles: []string{model.RoleParent}}
			if err := user(&gd.u); err != nil {
				return err
			}
		}
	}
	for _, m := range p.mentors {
		m.u = model.User{Username: fmt.Sprintf("m%03d@%s", m.no, p.code), DisplayName: m.m.Name, MentorID: m.m.ID, Roles: []string{model.RoleMentor}}
		if err := user(&m.u); err != nil {
			return err
		}
	}
	return nil
}

// offices are the school-wide accounts.
var offices = []struct{ name, display, role, roleName, note string }{
	{"admin", "学校管理员", model.RoleSchoolAdmin, "学校管理员", "全校数据、组织机构与账号"},
	{"jiaowu", "教务处", model.RoleAcademic, "教务处", "专业、班级、课程与任课安排"},
	{"xuesheng", "学生处", model.RoleStudentAffairs, "学生处", "学籍、学生与家长信息"},
	{"keyan", "科研处", model.RoleResearch, "科研处", "科研成果审核、科研考核与教改创新成果"},
	{"deyu", "德育处", model.RoleMoralOffice, "德育处", "习惯养成、班级量化与家校联系"},
	{"renshi", "人事处", model.RolePersonnel, "人事处", "教师发展、双师型认定与工作室"},
}

// logins are the accounts printed for trying the product: one per role,
// all pointing into the same story.
func (p *plan) logins() []Login {
	var out []Login
	add := func(role, roleName, username, note string) {
		out = append(out, Login{Role: role, RoleName: roleName, Username: username, Password: Password, Note: note})
	}
	for _, o := range offices {
		add(o.role, o.roleName, o.name+"@"+p.code, p.name+" "+o.note)
	}
	s := p.show
	if t := s.deptHead; t != nil {
		add(model.RoleDeptHead, "专业部主任", t.u.Username, fmt.Sprintf("%s主任 %s（%s，工号 %s），查看本部 %d 个班", t.headsDep.m.Name, t.t.Name, t.t.Title, t.t.StaffNo, t.headsDep.classes))
	}
	if c := s.class; c != nil && c.head != nil {
		t := c.head
		note := fmt.Sprintf("%s 班主任 %s", c.c.Name, t.t.Name)
		if teaches(t, c) {
			note += "，教本班" + courseList(t, c)
		}
		add(model.RoleHeadTeacher, "班主任", t.u.Username, note)
	}
	if t := s.subject; t != nil {
		note := fmt.Sprintf("任课教师 %s，本学期教 %d 个班", t.t.Name, len(t.taught))
		if s.class != nil && teaches(t, s.class) {
			note += fmt.Sprintf("，含 %s 的%s", s.class.c.Name, courseList(t, s.class))
		}
		add(model.RoleSubjectTeacher, "任课教师", t.u.Username, note)
	}
	out = append(out, p.checkLogins()...)
	if m := s.mentor; m != nil {
		add(model.RoleMentor, "企业导师", m.u.Username, fmt.Sprintf("%s %s %s，带 %d 名学生", m.ent.e.Name, m.m.Title, m.m.Name, len(m.students)))
	}
	if st := s.student; st != nil {
		note := fmt.Sprintf("%s 学生 %s（学号 %s）", st.class.c.Name, st.s.Name, st.s.StudentNo)
		if pl := st.placement; pl != nil {
			kind := pl.kind
			if kind == model.PlacementApprenticeship {
				kind += "学徒"
			}
			note += "，" + kind + "，导师 " + pl.mentor.m.Name
		}
		add(model.RoleStudent, "学生", st.u.Username, note)
		if len(st.guardians) > 0 {
			gd := st.guardians[0]
			rel := gd.g.Relation
			if rel == "其他" {
				rel = "监护人"
			}
			add(model.RoleParent, "家长", gd.u.Username, fmt.Sprintf("%s 的%s %s", st.s.Name, rel, gd.g.Name))
		}
	}
	return out
}

func teaches(t *teacher, c *class) bool {
	for _, x := range t.taught {
		if x == c {
			return true
		}
	}
	return false
}

// courseList names the courses t teaches in c: "《语文》" or "《语文》《历史》".
func courseList(t *teacher, c *class) string {
	var sb strings.Builder
	for _, l := range c.lessons {
		if l.teacher == t {
			sb.WriteString("《" + l.course.Name + "》")
		}
	}
	return sb.String()
}

// write adds the class with its major and head teacher.
func (c *class) write(b *storage.Bulk, schoolID int64) error {
	c.c.MajorID = c.major.m.ID
	if c.head != nil {
		c.c.HeadTeacherID = c.head.t.ID
	}
	return b.Class(schoolID, &c.c)
}
