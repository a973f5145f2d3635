package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestOrgPagesRender(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		admin := s.login(t, "admin@a1")
		for path, has := range map[string][]string{
			"/org":             {"2026-2027学年第一学期", "智能制造专业部", "专业大类与专业"},
			"/org/terms":       {"2026-2027学年第一学期", "当前学期", "新增学年", "新增学期"},
			"/org/departments": {"智能制造专业部", "zhuren@a1", "新增专业部"},
			"/org/majors":      {"660103", "数控技术应用", "装备制造大类", "试点", "新增专业"},
			"/org/majors?q=数控&category=" + itoa(s.a.Major.CategoryID): {"660103"},
			"/org/courses":                  {"C01", "数控编程", "专业核心课"},
			"/org/courses?view=assignments": {"2026级数控2班", "数控编程", "李老师"},
		} {
			code, body := admin.get(path)
			expect(t, "admin "+path, code, 200, body, has...)
		}
		_, body := admin.get("/org/majors?q=不存在的专业")
		lacks(t, "search miss", body, "<td>660103</td>")

		// The research office reads the organisation but may not change it.
		ky := s.login(t, "keyan@a1")
		code, body := ky.get("/org/terms")
		expect(t, "research /org/terms", code, 200, body, "2026-2027")
		lacks(t, "research sees no forms", body, `action="/org/years"`)
		code, _, _ = ky.postForm("/org/years", url.Values{"name": {"2027-2028"}, "start_date": {"2027-09-01"}, "end_date": {"2028-07-10"}})
		if code != http.StatusForbidden {
			t.Fatalf("research office creates a year: %d", code)
		}
		// Teachers, students and parents have no org:read.
		for _, u := range []string{"banzhuren@a1", "xs1@a1", "jiazhang@a1"} {
			forbidden(t, u, s.login(t, u), "/org", "/org/terms", "/org/majors", "/org/courses")
		}
	})
}

func TestOrgTermsAndYears(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		c := s.login(t, "admin@a1")
		years := func() int { y, _ := st.AcademicYears(ctx, sid); return len(y) }
		before := years()
		for _, bad := range []struct{ name, start, end, msg string }{
			{"2025-2027", "2025-09-01", "2026-07-10", "相邻的两个年份"},
			{"2025年", "2025-09-01", "2026-07-10", "学年名称应形如"},
			{"2027-2028", "2028-09-01", "2027-07-10", "结束日期不能早于开始日期"},
			{"2027-2028", "", "2028-07-10", "请填写正确的开始日期"},
			{"2026-2027", "2026-09-01", "2027-07-10", "已存在"},
		} {
			code, body, _ := c.postForm("/org/years", url.Values{"name": {bad.name}, "start_date": {bad.start}, "end_date": {bad.end}})
			expect(t, "bad year "+bad.name, code, http.StatusUnprocessableEntity, body, bad.msg)
		}
		if years() != before {
			t.Fatal("a rejected year was written")
		}
		code, _, loc := c.postForm("/org/years", url.Values{"name": {"2027-2028"}, "start_date": {"2027-09-01"}, "end_date": {"2028-07-10"}})
		if code != http.StatusSeeOther || loc != "/org/terms" || years() != before+1 {
			t.Fatalf("create year: %d → %s", code, loc)
		}
		ys, _ := st.AcademicYears(ctx, sid)
		var y2027 int64
		for _, y := range ys {
			if y.Name == "2027-2028" {
				y2027 = y.ID
			}
		}
		term := url.Values{"academic_year_id": {itoa(y2027)}, "semester": {"1"}, "start_date": {"2027-08-01"}, "end_date": {"2028-01-20"}}
		code, body, _ := c.postForm("/org/terms", term)
		expect(t, "term outside its year", code, http.StatusUnprocessableEntity, body, "之内")
		term.Set("semester", "3")
		code, body, _ = c.postForm("/org/terms", term)
		expect(t, "semester 3", code, http.StatusUnprocessableEntity, body, "请选择第一学期或第二学期")
		term.Set("academic_year_id", itoa(s.b.Term.AcademicYearID))
		code, body, _ = c.postForm("/org/terms", term)
		expect(t, "school b's year", code, http.StatusUnprocessableEntity, body, "请选择学年")
		terms, _ := st.Terms(ctx, sid)
		if len(terms) != 1 {
			t.Fatal("a rejected term was written")
		}
		term = url.Values{"academic_year_id": {itoa(y2027)}, "semester": {"1"}, "start_date": {"2027-09-01"}, "end_date": {"2028-01-20"}, "current": {"1"}}
		if code, _, _ := c.postForm("/org/terms", term); code != http.StatusSeeOther {
			t.Fatalf("create term: %d", code)
		}
		cur, _ := st.CurrentTerm(ctx, sid)
		if cur.YearName != "2027-2028" {
			t.Fatalf("new term is not current: %+v", cur)
		}
		// Set the first term current again; school b's term is not found.
		if code, _, _ := c.postForm("/org/terms/"+itoa(s.a.Term.ID)+"/current", nil); code != http.StatusSeeOther {
			t.Fatalf("set current: %d", code)
		}
		if cur, _ := st.CurrentTerm(ctx, sid); cur.ID != s.a.Term.ID {
			t.Fatal("current term not switched back")
		}
		if code, _, _ := c.postForm("/org/terms/"+itoa(s.b.Term.ID)+"/current", nil); code != http.StatusNotFound {
			t.Fatalf("school b's term: %d", code)
		}
		if cur, _ := st.CurrentTerm(ctx, s.b.School.ID); cur.ID != s.b.Term.ID {
			t.Fatal("school b's current term changed")
		}
	})
}

func TestOrgDepartmentsMajorsCourses(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		c := s.login(t, "admin@a1")

		// Departments: a name is required; the head must be a department
		// head of this school.
		code, body, _ := c.postForm("/org/departments", url.Values{"name": {""}})
		expect(t, "nameless department", code, http.StatusUnprocessableEntity, body, "专业部名称不能为空")
		code, body, _ = c.postForm("/org/departments", url.Values{"name": {"交通运输专业部"}, "head_user_id": {itoa(s.b.Users["department_head"].ID)}})
		expect(t, "head from school b", code, http.StatusUnprocessableEntity, body, "所选主任账号不存在")
		code, body, _ = c.postForm("/org/departments", url.Values{"name": {"交通运输专业部"}, "head_user_id": {itoa(s.a.Users["head_teacher"].ID)}})
		expect(t, "head without the role", code, http.StatusUnprocessableEntity, body, "专业部主任")
		if d, _ := st.Departments(ctx, sid); len(d) != 1 {
			t.Fatal("a rejected department was written")
		}
		if code, _, _ := c.postForm("/org/departments", url.Values{"name": {"交通运输专业部"}, "description": {"汽修、物流"}}); code != http.StatusSeeOther {
			t.Fatalf("create department: %d", code)
		}
		code, _, _ = c.postForm("/org/departments/"+itoa(s.b.Department.ID)+"/head", url.Values{"head_user_id": {"0"}})
		if code != http.StatusNotFound {
			t.Fatalf("school b's department: %d", code)
		}
		if code, _, _ := c.postForm("/org/departments/"+itoa(s.a.Department.ID)+"/head", url.Values{"head_user_id": {"0"}}); code != http.StatusSeeOther {
			t.Fatalf("clear head: %d", code)
		}

		// Categories and majors: codes are checked.
		code, body, _ = c.postForm("/org/categories", url.Values{"code": {"99"}, "name": {"错误大类"}})
		expect(t, "category 99", code, http.StatusUnprocessableEntity, body, "61–79")
		if code, _, _ := c.postForm("/org/categories", url.Values{"code": {"70"}, "name": {"交通运输大类"}}); code != http.StatusSeeOther {
			t.Fatalf("create category: %d", code)
		}
		cats, _ := st.MajorCategories(ctx, sid)
		var cat70 int64
		for _, ct := range cats {
			if ct.Code == "70" {
				cat70 = ct.ID
			}
		}
		major := url.Values{"code": {"12345"}, "name": {"汽车运用与维修"}, "category_id": {itoa(cat70)}}
		code, body, _ = c.postForm("/org/majors", major)
		expect(t, "5-digit major code", code, http.StatusUnprocessableEntity, body, "6位数字")
		major.Set("code", "660201")
		code, body, _ = c.postForm("/org/majors", major)
		expect(t, "major outside its category", code, http.StatusUnprocessableEntity, body, "前两位应与所属专业大类代码 70 一致")
		major.Set("code", "700206")
		major.Set("department_id", itoa(s.b.Department.ID))
		code, body, _ = c.postForm("/org/majors", major)
		expect(t, "department of school b", code, http.StatusUnprocessableEntity, body, "所选专业部不存在")
		if _, n, _ := st.Majors(ctx, sid, storage.MajorFilter{}); n != 1 {
			t.Fatal("a rejected major was written")
		}
		major.Set("department_id", itoa(s.a.Department.ID))
		major.Set("apprenticeship", "1")
		if code, _, _ := c.postForm("/org/majors", major); code != http.StatusSeeOther {
			t.Fatalf("create major: %d", code)
		}
		// Edit: names and flags change, code stays; school b's major is 404.
		notFound(t, "admin", c, "/org/majors/"+itoa(s.b.Major.ID)+"/edit")
		code, body = c.get("/org/majors/" + itoa(s.a.Major.ID) + "/edit")
		expect(t, "edit major", code, 200, body, "660103", "数控技术应用")
		code, body, _ = c.postForm("/org/majors/"+itoa(s.a.Major.ID), url.Values{"name": {""}})
		expect(t, "nameless major", code, http.StatusUnprocessableEntity, body, "专业名称不能为空")
		if code, _, _ := c.postForm("/org/majors/"+itoa(s.a.Major.ID), url.Values{"name": {"数控技术"}, "short_name": {"数控"}, "department_id": {itoa(s.a.Department.ID)}}); code != http.StatusSeeOther {
			t.Fatalf("update major: %d", code)
		}
		if m, _ := st.Major(ctx, sid, s.a.Major.ID); m.Name != "数控技术" || m.Code != "660103" || m.Apprenticeship {
			t.Fatalf("updated major %+v", m)
		}
		if code, _, _ := c.postForm("/org/majors/"+itoa(s.b.Major.ID), url.Values{"name": {"改名"}}); code != http.StatusNotFound {
			t.Fatalf("update school b's major: %d", code)
		}

		// Courses and teaching assignments.
		code, body, _ = c.postForm("/org/courses", url.Values{"code": {"C02"}, "name": {"语文"}, "kind": {"选修课"}})
		expect(t, "unknown course kind", code, http.StatusUnprocessableEntity, body, "请选择课程类别")
		if code, _, _ := c.postForm("/org/courses", url.Values{"code": {"C02"}, "name": {"语文"}, "kind": {"公共基础课"}}); code != http.StatusSeeOther {
			t.Fatalf("create course: %d", code)
		}
		code, body, _ = c.postForm("/org/courses", url.Values{"code": {"C02"}, "name": {"语文"}, "kind": {"公共基础课"}})
		expect(t, "duplicate course", code, http.StatusUnprocessableEntity, body, "已存在")
		courses, _, _ := st.Courses(ctx, sid, storage.MajorFilter{}.ListQuery)
		var c02 int64
		for _, co := range courses {
			if co.Code == "C02" {
				c02 = co.ID
			}
		}
		assign := url.Values{"term_id": {itoa(s.a.Term.ID)}, "course_id": {itoa(c02)}, "class_id": {itoa(s.b.ClassA.ID)}, "teacher_id": {itoa(s.a.TeacherOther.ID)}}
		code, body, _ = c.postForm("/org/assignments", assign)
		expect(t, "class of school b", code, http.StatusUnprocessableEntity, body, "请选择班级")
		if ta, _ := st.TeachingAssignments(ctx, sid, storage.TeachingFilter{}); len(ta) != 1 {
			t.Fatal("a rejected assignment was written")
		}
		assign.Set("class_id", itoa(s.a.ClassA.ID))
		if code, _, _ := c.postForm("/org/assignments", assign); code != http.StatusSeeOther {
			t.Fatalf("create assignment: %d", code)
		}
		code, body = c.get("/org/courses?view=assignments&class=" + itoa(s.a.ClassA.ID))
		expect(t, "assignments of class A", code, 200, body, "语文", "赵老师")
		lacks(t, "filtered by class", body, "李老师</a>")
	})
}

// TestPagesInEnglish: the language switch turns the new pages English,
// terms included.
func TestPagesInEnglish(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	c := s.login(t, "admin@a1")
	if code, _ := c.get("/lang/en?next=/org"); code != http.StatusSeeOther {
		t.Fatalf("switch language: %d", code)
	}
	for path, has := range map[string][]string{
		"/org":                            {"Organisation", "Current term", "2026-2027, First term"},
		"/org/terms":                      {"Years and terms", "Make current", "Add school year"},
		"/classes/" + itoa(s.a.ClassA.ID): {"Head teacher", "Enrolment status"},
		"/users/new":                      {"New account", "Subject teacher", "Student"},
		"/audit":                          {"Audit log", "Acting account"},
	} {
		code, body := c.get(path)
		expect(t, "English "+path, code, 200, body, has...)
		lacks(t, "English "+path, body, "请选择", "组织机构")
	}
}
