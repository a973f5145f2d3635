package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestClassVisibility: school offices see every class, teachers and
// department heads their own; everything else is a 404, other schools' too.
func TestClassVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		a := s.a
		both := []model.Class{a.ClassA, a.ClassB}
		cases := []struct {
			user    string
			visible []model.Class
		}{
			{"admin@a1", both},
			{"jiaowu@a1", both},
			{"xuesheng@a1", both},
			{"zhuren@a1", both},
			{"banzhuren@a1", []model.Class{a.ClassA}},
			{"renke@a1", []model.Class{a.ClassB}},
		}
		for _, tc := range cases {
			c := s.login(t, tc.user)
			code, list := c.get("/classes")
			expect(t, tc.user+" /classes", code, 200, list)
			for _, cl := range both {
				want := false
				for _, v := range tc.visible {
					want = want || v.ID == cl.ID
				}
				if got := strings.Contains(list, cl.Name); got != want {
					t.Errorf("%s list shows %s: %v, want %v", tc.user, cl.Name, got, want)
				}
				code, _ := c.get("/classes/" + itoa(cl.ID))
				if (want && code != 200) || (!want && code != 404) {
					t.Errorf("%s GET class %s: %d", tc.user, cl.Name, code)
				}
			}
			notFound(t, tc.user, c, "/classes/"+itoa(s.b.ClassA.ID), "/classes/"+itoa(s.b.ClassB.ID), "/classes/999999", "/classes/abc")
		}
		for _, u := range []string{"xs1@a1", "jiazhang@a1", "daoshi@a1", "keyan@a1"} {
			forbidden(t, u, s.login(t, u), "/classes", "/classes/"+itoa(a.ClassA.ID))
		}
		// The detail page: head teacher, students, this term's teachers.
		c := s.login(t, "admin@a1")
		code, body := c.get("/classes/" + itoa(a.ClassB.ID))
		expect(t, "class B", code, 200, body, "赵老师", "陈三", "/students/"+itoa(a.StudentB1.ID), "数控编程", "李老师", "2026-2027学年第一学期")
		code, body = c.get("/classes?q=数控1班")
		expect(t, "search", code, 200, body, a.ClassA.Name)
		lacks(t, "search", body, a.ClassB.Name)
		code, body = c.get("/classes?year=2025")
		expect(t, "year filter", code, 200, body, "没有符合条件的班级")
	})
}

func TestClassCreateAndEdit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		c := s.login(t, "jiaowu@a1")
		code, body := c.get("/classes/new")
		expect(t, "new class form", code, 200, body, "数控技术应用", "王老师（T001）", "三年制中职")
		count := func() int { _, n, _ := st.Classes(ctx, sid, storage.ClassFilter{}); return n }
		form := url.Values{"name": {""}, "major_id": {itoa(s.b.Major.ID)}, "entry_year": {"1999"}, "program": {"四年制"}, "head_teacher_id": {itoa(s.b.TeacherHead.ID)}}
		code, body, _ = c.postForm("/classes", form)
		expect(t, "bad class", code, http.StatusUnprocessableEntity, body, "班级名称不能为空", "所选专业不存在", "入学年份", "请选择学制", "所选班主任不存在")
		form = url.Values{"name": {s.a.ClassA.Name}, "major_id": {itoa(s.a.Major.ID)}, "entry_year": {"2026"}, "program": {"三年制中职"}}
		code, body, _ = c.postForm("/classes", form)
		expect(t, "duplicate class", code, http.StatusUnprocessableEntity, body, "已存在")
		if count() != 2 {
			t.Fatal("a rejected class was written")
		}
		form.Set("name", "2026级数控3班")
		form.Set("head_teacher_id", itoa(s.a.TeacherSubject.ID))
		code, _, loc := c.postForm("/classes", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/classes/") || count() != 3 {
			t.Fatalf("create class: %d → %s", code, loc)
		}
		// Edit: the audit log records before and after.
		edit := url.Values{"name": {"2026级数控1班（订单班）"}, "major_id": {itoa(s.a.Major.ID)}, "entry_year": {"2026"}, "program": {"3+2"}, "head_teacher_id": {itoa(s.a.TeacherHead.ID)}}
		if code, _, _ := c.postForm("/classes/"+itoa(s.a.ClassA.ID), edit); code != http.StatusSeeOther {
			t.Fatalf("edit class: %d", code)
		}
		got, _ := st.Class(ctx, sid, s.a.ClassA.ID)
		if got.Name != "2026级数控1班（订单班）" || got.Program != model.Program3p2 {
			t.Fatalf("edited class %+v", got)
		}
		log, _, _ := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "class", Action: "update"})
		if len(log) != 1 || !strings.Contains(log[0].Before, "2026级数控1班") || !strings.Contains(log[0].After, "订单班") {
			t.Fatalf("class update audit %+v", log)
		}
		if code, _, _ := c.postForm("/classes/"+itoa(s.b.ClassA.ID), edit); code != http.StatusNotFound {
			t.Fatalf("edit school b's class: %d", code)
		}
		notFound(t, "jiaowu", c, "/classes/"+itoa(s.b.ClassA.ID)+"/edit")
		// Head teachers read classes but do not manage them.
		h := s.login(t, "banzhuren@a1")
		forbidden(t, "head teacher", h, "/classes/new", "/classes/"+itoa(s.a.ClassA.ID)+"/edit")
		if code, _, _ := h.postForm("/classes/"+itoa(s.a.ClassA.ID), edit); code != http.StatusForbidden {
			t.Fatalf("head teacher edits a class: %d", code)
		}
	})
}
