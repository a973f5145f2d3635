package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestStudentVisibility: each role sees exactly the students of its scope,
// and anything else — including the other school's students — is a 404.
func TestStudentVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		a := s.a
		all := []model.Student{a.StudentA1, a.StudentA2, a.StudentB1}
		cases := []struct {
			user    string
			visible []model.Student
		}{
			{"admin@a1", all},
			{"jiaowu@a1", all},
			{"xuesheng@a1", all},
			{"zhuren@a1", all}, // heads the department of both classes
			{"banzhuren@a1", []model.Student{a.StudentA1, a.StudentA2}},
			{"renke@a1", []model.Student{a.StudentB1}}, // teaches class B
			{"daoshi@a1", []model.Student{a.StudentA1}},
			{"xs1@a1", []model.Student{a.StudentA1}},
			{"jiazhang@a1", []model.Student{a.StudentA1}},
		}
		for _, tc := range cases {
			c := s.login(t, tc.user)
			code, list := c.get("/students")
			if code != 200 {
				t.Fatalf("%s /students: %d", tc.user, code)
			}
			for _, stu := range all {
				want := false
				for _, v := range tc.visible {
					want = want || v.ID == stu.ID
				}
				if got := strings.Contains(list, stu.StudentNo); got != want {
					t.Errorf("%s list shows %s: %v, want %v", tc.user, stu.StudentNo, got, want)
				}
				code, _ := c.get("/students/" + itoa(stu.ID))
				if (code == 200) != want || (!want && code != 404) {
					t.Errorf("%s GET student %s: %d", tc.user, stu.StudentNo, code)
				}
			}
			for _, other := range []model.Student{s.b.StudentA1, s.b.StudentB1} {
				if code, _ := c.get("/students/" + itoa(other.ID)); code != 404 {
					t.Errorf("%s reached school b's student: %d", tc.user, code)
				}
			}
		}
		// The research office has no business with student records.
		c := s.login(t, "keyan@a1")
		if code, _ := c.get("/students"); code != http.StatusForbidden {
			t.Errorf("research office /students: %d", code)
		}
	})
}

func TestStudentListMasksIDs(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	c := s.login(t, "admin@a1")
	_, body := c.get("/students")
	id := s.a.StudentA1.IDNumber
	if strings.Contains(body, id) || !strings.Contains(body, id[:6]+"********"+id[14:]) {
		t.Fatal("list does not mask ID numbers")
	}
	_, body = c.get("/students/" + itoa(s.a.StudentA1.ID))
	if !strings.Contains(body, id) {
		t.Fatal("detail hides the ID number from a role that may read it")
	}
	p := s.login(t, "jiazhang@a1")
	_, body = p.get("/students/" + itoa(s.a.StudentA1.ID))
	if strings.Contains(body, id) {
		t.Fatal("parent sees the full ID number")
	}
}

func TestStudentCreateValidatesAndAudits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := s.login(t, "admin@a1")
		form := url.Values{"student_no": {"N100"}, "name": {"新同学"}, "gender": {"女"}, "class_id": {itoa(s.a.ClassA.ID)},
			"id_type": {"居民身份证"}, "id_number": {"11010519491231002x"}, "birth_date": {"1949-12-30"}, "enrollment_status": {"在籍"}}
		code, body, _ := c.postForm("/students", form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "不一致") {
			t.Fatalf("birth date disagreement: %d", code)
		}
		form.Set("birth_date", "")
		code, _, loc := c.postForm("/students", form)
		if code != http.StatusSeeOther {
			t.Fatalf("create: %d", code)
		}
		got, err := st.StudentByNo(context.Background(), s.a.School.ID, "N100")
		if err != nil || got.IDNumber != "11010519491231002X" || got.BirthDate != "1949-12-31" || loc != "/students/"+itoa(got.ID) {
			t.Fatalf("created %+v %v (→ %s)", got, err, loc)
		}
		// A class of the other school is refused.
		form.Set("student_no", "N101")
		form.Set("id_number", "")
		form.Set("class_id", itoa(s.b.ClassA.ID))
		if code, _, _ := c.postForm("/students", form); code != http.StatusUnprocessableEntity {
			t.Fatalf("student in school b's class: %d", code)
		}
		log, _, _ := st.AuditLog(context.Background(), s.a.School.ID, storage.AuditFilter{Entity: "student", Action: "create"})
		found := false
		for _, e := range log {
			found = found || (e.EntityID == got.ID && e.Username == "admin@a1")
		}
		if !found {
			t.Fatal("creation not audited with its actor")
		}
		// Subject teachers may not create students.
		r := s.login(t, "renke@a1")
		if code, _, _ := r.postForm("/students", form); code != http.StatusForbidden {
			t.Fatalf("subject teacher create: %d", code)
		}
	})
}

func TestImportAndExportThroughPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := s.login(t, "admin@a1")
		csv := "\ufeff学号,学生姓名,性别,身份证件号,班级名称,备注\nI001,导入甲,男,,2026级数控1班,无\nI002,导入乙,女,,不存在的班,\n"
		code, body := c.postFile("/import/students", "r.csv", []byte(csv))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "不存在") || !strings.Contains(body, "/import/errors/") {
			t.Fatalf("bad import: %d", code)
		}
		if _, err := st.StudentByNo(context.Background(), s.a.School.ID, "I001"); err == nil {
			t.Fatal("a file with a bad row was half-written")
		}
		i := strings.Index(body, "/import/errors/")
		tok := body[i : i+len("/import/errors/")+32]
		if code, _ := c.get(tok); code != 200 {
			t.Fatalf("error report download: %d", code)
		}
		if code, _ := s.login(t, "jiaowu@a1").get(tok); code != 404 {
			t.Fatal("another user downloaded my error report")
		}
		csv = strings.Replace(csv, "不存在的班", "2026级数控2班", 1)
		code, body = c.postFile("/import/students", "r.csv", []byte(csv))
		if code != 200 || !strings.Contains(body, "新增 2") || !strings.Contains(body, "备注") {
			t.Fatalf("good import: %d %s", code, body)
		}
		// Head teachers may not import; their export holds only their class.
		h := s.login(t, "banzhuren@a1")
		if code, _ := h.postFile("/import/students", "r.csv", []byte(csv)); code != http.StatusForbidden {
			t.Fatalf("head teacher import: %d", code)
		}
		code, out := h.get("/export/students?format=csv")
		if code != 200 || !strings.Contains(out, s.a.StudentA1.StudentNo) || strings.Contains(out, s.a.StudentB1.StudentNo) || strings.Contains(out, "I002") {
			t.Fatalf("head teacher export: %d\n%s", code, out)
		}
	})
}
