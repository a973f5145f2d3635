package ui_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// Scope edges: access that outlived its reason, and offices that read
// named students they should only count.
func TestScopeEdges(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	f := s.a
	ctx, sid, a := context.Background(), f.School.ID, model.SystemActor
	rec := testfix.SeedKPI(t, st, f)
	year := "?p=custom&from=" + testfix.KPIYearFrom + "&to=" + testfix.KPIYearTo

	// A subject teacher who taught class A in another (not current) term
	// no longer reads its students; this term's class B stays visible.
	past := model.Term{AcademicYearID: f.Term.AcademicYearID, Semester: 2, StartDate: "2027-02-20", EndDate: "2027-07-10"}
	if err := st.CreateTerm(ctx, sid, a, &past); err != nil {
		t.Fatal(err)
	}
	course := model.Course{Code: "C99", Name: "机械制图", Kind: "专业基础课", MajorID: f.Major.ID}
	if err := st.CreateCourse(ctx, sid, a, &course); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateTeachingAssignment(ctx, sid, a, &model.TeachingAssignment{TermID: past.ID, CourseID: course.ID, ClassID: f.ClassA.ID, TeacherID: f.TeacherSubject.ID}); err != nil {
		t.Fatal(err)
	}
	renke := s.login(t, "renke@a1")
	if code, _ := renke.get("/students/" + itoa(f.StudentA2.ID)); code != 404 {
		t.Errorf("subject teacher reads a student of another term's class: %d", code)
	}
	if code, _ := renke.get("/students/" + itoa(f.StudentB1.ID)); code != 200 {
		t.Errorf("subject teacher loses this term's class: %d", code)
	}

	// A mentor whose placement ended no longer reads the student; an open
	// placement still counts.
	if err := st.CreatePlacement(ctx, sid, a, &model.Placement{StudentID: f.StudentB1.ID, MentorID: f.Mentor.ID, Kind: model.PlacementApprenticeship,
		StartDate: "2024-09-01", EndDate: "2025-06-30"}); err != nil {
		t.Fatal(err)
	}
	daoshi := s.login(t, "daoshi@a1")
	if code, _ := daoshi.get("/students/" + itoa(f.StudentB1.ID)); code != 404 {
		t.Errorf("mentor reads a student after the placement ended: %d", code)
	}
	if code, _ := daoshi.get("/students/" + itoa(f.StudentA1.ID)); code != 200 {
		t.Errorf("mentor loses a current apprentice: %d", code)
	}

	// The research office counts students but never reads them by name:
	// the figure stays, the drill-down and the graduates list name no one.
	keyan := s.login(t, "keyan@a1")
	code, body := keyan.get("/kpi/student_awards" + year)
	if code != 200 || strings.Contains(body, f.StudentA1.Name) || strings.Contains(body, "/evidence/"+itoa(rec.AwardNationalFirst)) {
		t.Errorf("research office drill-down names students: %d", code)
	}
	if !strings.Contains(body, "不在您管理范围内") {
		t.Error("the drill-down does not say that records are hidden")
	}
	if code, body := keyan.get("/outcomes"); code != 200 || strings.Contains(body, f.StudentA1.Name) || strings.Contains(body, f.StudentA2.Name) {
		t.Errorf("research office lists graduates: %d", code)
	}
	if code, body := keyan.get("/kpi/staff_ability_awards" + year); code != 200 || !strings.Contains(body, f.TeacherHead.Name) {
		t.Errorf("research office loses teachers' awards: %d", code)
	}

	// A department head sees their departments' graduates only.
	dept := model.Department{Name: "财经商贸专业部"}
	if err := st.CreateDepartment(ctx, sid, a, &dept); err != nil {
		t.Fatal(err)
	}
	major := model.Major{Code: "660301", Name: "会计事务", CategoryID: f.Major.CategoryID, DepartmentID: dept.ID}
	if err := st.CreateMajor(ctx, sid, a, &major); err != nil {
		t.Fatal(err)
	}
	class := model.Class{Name: "2023级会计1班", EntryYear: 2023, MajorID: major.ID, HeadTeacherID: f.TeacherOther.ID}
	if err := st.CreateClass(ctx, sid, a, &class); err != nil {
		t.Fatal(err)
	}
	other := model.Student{StudentNo: "a1-K1", Name: "钱会计", Gender: model.Female, ClassID: class.ID}
	if err := st.CreateStudent(ctx, sid, a, &other); err != nil {
		t.Fatal(err)
	}
	d := model.GraduateDestination{StudentID: other.ID, Kind: "employed", Employer: "某会计师事务所", SurveyDate: "2026-08-30", FirstSurvey: true}
	if err := st.AddDestination(ctx, sid, a, &d); err != nil {
		t.Fatal(err)
	}
	zhuren := s.login(t, "zhuren@a1")
	if code, body := zhuren.get("/outcomes"); code != 200 || strings.Contains(body, other.Name) || !strings.Contains(body, f.StudentA1.Name) {
		t.Errorf("department head's graduates: %d, other department listed %v, own listed %v", code, strings.Contains(body, other.Name), strings.Contains(body, f.StudentA1.Name))
	}
	if code, body := zhuren.get("/kpi/initial_employment_rate" + year); code != 200 || strings.Contains(body, other.Name) {
		t.Errorf("department head's drill-down names another department's graduate: %d", code)
	}
	if code, body := s.login(t, "admin@a1").get("/outcomes"); code != 200 || !strings.Contains(body, other.Name) {
		t.Errorf("the school admin no longer sees every graduate: %d", code)
	}
}
