package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// Control characters are refused at the door with a Chinese message: on
// PostgreSQL a NUL in a login name or a search answered 500.
func TestControlCharactersRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := s.anon(t)
		code, body, _ := c.postForm("/login", url.Values{"username": {"\x00"}, "password": {"x"}})
		expect(t, "NUL login", code, http.StatusBadRequest, body, "控制字符")
		admin := s.login(t, "admin@a1")
		for _, p := range []string{"/students?q=%00", "/teachers?q=%00", "/users?q=%00", "/classes?q=%1b", "/students?q=%ff"} {
			code, body := admin.get(p)
			expect(t, p, code, http.StatusBadRequest, body, "控制字符")
		}
		code, body, _ = admin.postForm("/classes", url.Values{"name": {"一班\x00"}})
		expect(t, "NUL in a form", code, http.StatusBadRequest, body, "控制字符")
	})
}

// "NaN" is not a number: it passed range checks written f < lo || f > hi,
// was stored, and broke every recompute of its cycle.
func TestNaNHoursRefused(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	stu := s.login(t, "xs1@a1")
	for _, h := range []string{"NaN", "Inf", "-Inf", "0x10"} {
		form := url.Values{"kind": {"service"}, "term_id": {itoa(s.a.Term.ID)}, "title": {"社区服务"}, "category": {"志愿服务"}, "date": {"2026-05-20"}, "hours": {h}}
		code, body, _ := stu.evPost("/evidence", form, "", "", nil)
		expect(t, "hours "+h, code, http.StatusUnprocessableEntity, body, "时长（小时）应为")
	}
}

// The student page masks a 学籍号 that embeds the ID number for roles
// without student:read_id, as it masks the ID number itself.
func TestRegistrationNoMaskedOnStudentPage(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	stu := s.a.StudentA1
	stu.RegistrationNo = "G" + stu.IDNumber
	if err := st.UpdateStudent(context.Background(), s.a.School.ID, model.SystemActor, stu); err != nil {
		t.Fatal(err)
	}
	code, body := s.login(t, "zhuren@a1").get("/students/" + itoa(stu.ID))
	expect(t, "department head", code, 200, body, "G"+stu.IDNumber[:6])
	lacks(t, "department head", body, stu.IDNumber[6:14])
	_, body = s.login(t, "admin@a1").get("/students/" + itoa(stu.ID))
	expect(t, "admin", 200, 200, body, "G"+stu.IDNumber)
}

// A 学籍 change effective 1900-01-01 and an evidence record dated 1990 are
// refused.
func TestImplausibleDatesRefusedOnPages(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	admin := s.login(t, "admin@a1")
	admin.postForm("/students/"+itoa(s.a.StudentA2.ID)+"/enrollment", url.Values{"status": {"休学"}, "date": {"1900-01-01"}, "reason": {"病休"}})
	got, _ := st.Student(context.Background(), s.a.School.ID, s.a.StudentA2.ID)
	if got.EnrollmentStatus != model.StatusEnrolled {
		t.Fatal("a 学籍 change dated 1900-01-01 was recorded")
	}
	stu := s.login(t, "xs1@a1")
	form := url.Values{"kind": {"service"}, "term_id": {itoa(s.a.Term.ID)}, "title": {"社区服务"}, "category": {"志愿服务"}, "date": {"1990-05-20"}, "hours": {"2"}}
	code, body, _ := stu.evPost("/evidence", form, "", "", nil)
	expect(t, "evidence in 1990", code, http.StatusUnprocessableEntity, body, "之间")
}

// The results import refuses a date outside the range, row by row.
func TestEvidenceImportRefusesBadDatesAndControls(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	a1 := s.a.StudentA1
	file := evResultsXLSX(t, [][]string{{a1.StudentNo, a1.Name, "全国职业院校技能大赛", model.AwardNational, model.PrizeSecond, "是", "1990-06-01", ""}})
	code, body, _ := s.login(t, "jiaowu@a1").evPost("/evidence/import", url.Values{"term_id": {itoa(s.a.Term.ID)}}, "file", "results.xlsx", file)
	expect(t, "bad import", code, http.StatusUnprocessableEntity, body, "第 2 行", "日期应在 2000-01-01 到")
}
