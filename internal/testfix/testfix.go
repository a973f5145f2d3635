// Package testfix builds small, fully linked schools for HTTP and
// permission tests: one account per role, two classes with their head
// teachers, students with a parent, a mentor with an apprentice — and a
// second school with the same shape, so every test can try to cross it.
package testfix

import (
	"context"
	"fmt"
	"testing"

	"time"
	"zhijiao/internal/auth"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Password is every fixture account's password.
const Password = "test-pass-2026"

var hash string

func pwHash(t testing.TB) string {
	if hash == "" {
		h, err := auth.HashPassword(Password)
		if err != nil {
			t.Fatal(err)
		}
		hash = h
	}
	return hash
}

// School is one fixture school and the ids a test needs.
type School struct {
	School model.School
	Term   model.Term
	// Users by role name (model.Role*), plus "student2" for a student of
	// the other class and "root" for the platform admin (first school only).
	Users map[string]model.User
	// ClassA is headed by the head_teacher user; ClassB by another teacher.
	ClassA, ClassB model.Class
	// StudentA1 is the student user's record (class A, the parent's child,
	// the mentor's apprentice); StudentA2 is a classmate; StudentB1 is in B.
	StudentA1, StudentA2, StudentB1 model.Student
	Major                           model.Major
	Department                      model.Department
	TeacherHead, TeacherSubject     model.Teacher
	TeacherOther                    model.Teacher
	Enterprise                      model.Enterprise
	Mentor                          model.Mentor
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Build makes a school with code code. withPlatform also creates the
// platform admin "root" (only once per database).
func Build(t testing.TB, st *storage.Storage, code string, withPlatform bool) *School {
	t.Helper()
	ctx := context.Background()
	a := model.SystemActor
	f := &School{Users: map[string]model.User{}}
	f.School = model.School{Code: code, Name: "测试学校" + code}
	must(t, st.CreateSchool(ctx, &f.School))
	sid := f.School.ID
	y := model.AcademicYear{Name: "2026-2027", StartDate: "2026-09-01", EndDate: "2027-07-10"}
	must(t, st.CreateAcademicYear(ctx, sid, a, &y))
	f.Term = model.Term{AcademicYearID: y.ID, Semester: 1, StartDate: "2026-09-01", EndDate: "2027-01-20", IsCurrent: true}
	must(t, st.CreateTerm(ctx, sid, a, &f.Term))
	f.Department = model.Department{Name: "智能制造专业部"}
	must(t, st.CreateDepartment(ctx, sid, a, &f.Department))
	cat := model.MajorCategory{Code: "66", Name: "装备制造大类"}
	must(t, st.CreateMajorCategory(ctx, sid, a, &cat))
	f.Major = model.Major{Code: "660103", Name: "数控技术应用", ShortName: "数控", CategoryID: cat.ID, DepartmentID: f.Department.ID, Apprenticeship: true}
	must(t, st.CreateMajor(ctx, sid, a, &f.Major))
	teacher := func(no, name string) model.Teacher {
		tt := model.Teacher{StaffNo: no, Name: name, Gender: model.Female, DepartmentID: f.Department.ID}
		must(t, st.CreateTeacher(ctx, sid, a, &tt))
		return tt
	}
	f.TeacherHead = teacher("T001", "王老师")
	f.TeacherSubject = teacher("T002", "李老师")
	f.TeacherOther = teacher("T003", "赵老师")
	f.ClassA = model.Class{Name: "2026级数控1班", EntryYear: 2026, MajorID: f.Major.ID, HeadTeacherID: f.TeacherHead.ID}
	must(t, st.CreateClass(ctx, sid, a, &f.ClassA))
	f.ClassB = model.Class{Name: "2026级数控2班", EntryYear: 2026, MajorID: f.Major.ID, HeadTeacherID: f.TeacherOther.ID}
	must(t, st.CreateClass(ctx, sid, a, &f.ClassB))
	course := model.Course{Code: "C01", Name: "数控编程", Kind: "专业核心课", MajorID: f.Major.ID}
	must(t, st.CreateCourse(ctx, sid, a, &course))
	must(t, st.CreateTeachingAssignment(ctx, sid, a, &model.TeachingAssignment{TermID: f.Term.ID, CourseID: course.ID, ClassID: f.ClassB.ID, TeacherID: f.TeacherSubject.ID}))
	student := func(no, name string, class int64, seq int) model.Student {
		birth := time.Date(2010, 3, seq+1, 0, 0, 0, 0, time.UTC)
		s := model.Student{StudentNo: no, Name: name, Gender: model.Male, ClassID: class,
			IDNumber: idcheck.MakeIDNumber("500112", birth, seq, true), BirthDate: birth.Format("2006-01-02"), Phone: "13800138000"}
		must(t, st.CreateStudent(ctx, sid, a, &s))
		return s
	}
	f.StudentA1 = student(code+"-A1", "张一", f.ClassA.ID, 1)
	f.StudentA2 = student(code+"-A2", "张二", f.ClassA.ID, 2)
	f.StudentB1 = student(code+"-B1", "陈三", f.ClassB.ID, 3)
	g := model.Guardian{Name: "张父", Relation: "父亲", Phone: "13900139000"}
	must(t, st.AddGuardian(ctx, sid, a, f.StudentA1.ID, &g))
	f.Enterprise = model.Enterprise{Name: "测试汽车服务有限公司", CreditCode: idcheck.MakeCreditCode("91500000MA5U" + fmt.Sprintf("%05d", sid%100000))}
	must(t, st.CreateEnterprise(ctx, sid, a, &f.Enterprise))
	f.Mentor = model.Mentor{EnterpriseID: f.Enterprise.ID, Name: "周师傅"}
	must(t, st.CreateMentor(ctx, sid, a, &f.Mentor))
	must(t, st.CreatePlacement(ctx, sid, a, &model.Placement{StudentID: f.StudentA1.ID, MentorID: f.Mentor.ID, Kind: model.PlacementApprenticeship, StartDate: "2026-09-01"}))

	f.addUsers(t, st, g.ID, withPlatform)
	return f
}

// addUsers creates one account per role (and a second student), all
// with the fixture password; root, the platform admin, only withPlatform.
func (f *School) addUsers(t testing.TB, st *storage.Storage, guardianID int64, withPlatform bool) {
	ctx, a, sid, code := context.Background(), model.SystemActor, f.School.ID, f.School.Code
	user := func(key, name string, u model.User) {
		u.Username = name + "@" + code
		u.DisplayName = name
		u.PasswordHash = pwHash(t)
		school := sid
		if u.SchoolID == -1 {
			school = model.PlatformSchoolID
			u.Username = name
		}
		must(t, st.CreateUser(ctx, school, a, &u))
		f.Users[key] = u
	}
	user(model.RoleSchoolAdmin, "admin", model.User{Roles: []string{model.RoleSchoolAdmin}})
	user(model.RoleAcademic, "jiaowu", model.User{Roles: []string{model.RoleAcademic}})
	user(model.RoleStudentAffairs, "xuesheng", model.User{Roles: []string{model.RoleStudentAffairs}})
	user(model.RoleResearch, "keyan", model.User{Roles: []string{model.RoleResearch}})
	user(model.RoleMoralOffice, "deyu", model.User{Roles: []string{model.RoleMoralOffice}})
	user(model.RolePersonnel, "renshi", model.User{Roles: []string{model.RolePersonnel}})
	user(model.RoleDutyTeacher, "zhizhou", model.User{Roles: []string{model.RoleDutyTeacher, model.RoleSubjectTeacher}, TeacherID: f.TeacherSubject.ID})
	user(model.RoleStudentCouncil, "xsh", model.User{Roles: []string{model.RoleStudentCouncil, model.RoleStudent}, StudentID: f.StudentB1.ID})
	user(model.RoleDeptHead, "zhuren", model.User{Roles: []string{model.RoleDeptHead}})
	must(t, st.SetDepartmentHead(ctx, sid, a, f.Department.ID, f.Users[model.RoleDeptHead].ID))
	user(model.RoleHeadTeacher, "banzhuren", model.User{Roles: []string{model.RoleHeadTeacher, model.RoleSubjectTeacher}, TeacherID: f.TeacherHead.ID})
	user(model.RoleSubjectTeacher, "renke", model.User{Roles: []string{model.RoleSubjectTeacher}, TeacherID: f.TeacherSubject.ID})
	user(model.RoleMentor, "daoshi", model.User{Roles: []string{model.RoleMentor}, MentorID: f.Mentor.ID})
	user(model.RoleStudent, "xs1", model.User{Roles: []string{model.RoleStudent}, StudentID: f.StudentA1.ID})
	user("student2", "xs2", model.User{Roles: []string{model.RoleStudent}, StudentID: f.StudentB1.ID})
	user(model.RoleParent, "jiazhang", model.User{Roles: []string{model.RoleParent}, GuardianID: guardianID})
	if withPlatform {
		user(model.RolePlatformAdmin, "root", model.User{SchoolID: -1, Roles: []string{model.RolePlatformAdmin}})
	}
}
