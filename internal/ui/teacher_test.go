package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
)

func TestTeacherPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		a := s.login(t, "admin@a1")
		code, body := a.get("/teachers")
		expect(t, "teachers", code, 200, body, "T001", "王老师", "李老师", "智能制造专业部")
		code, body = a.get("/teachers?dual=1")
		expect(t, "dual filter", code, 200, body, "没有符合条件的教师")
		// 双师型 is the current recognition: one given today counts, one
		// from the day after tomorrow does not yet.
		for id, g := range map[int64]teacherdev.Recognition{s.a.TeacherSubject.ID: {Level: "中级", RecognisedOn: storage.Today()},
			s.a.TeacherHead.ID: {Level: "高级", RecognisedOn: time.Now().AddDate(0, 0, 2).Format(time.DateOnly)}} {
			g.TeacherID = id
			if err := st.Recognise(ctx, sid, model.Actor{Username: "test"}, &g); err != nil {
				t.Fatal(err)
			}
		}
		code, body = a.get("/teachers?dual=1")
		expect(t, "dual filter reads recognitions", code, 200, body, "李老师", "双师型 中级</span>")
		lacks(t, "dual filter: not yet recognised", body, "王老师")
		code, body = a.get("/teachers?dual=0")
		expect(t, "not dual", code, 200, body, "王老师")
		lacks(t, "not dual", body, "李老师")
		code, body = a.get("/teachers?q=T002")
		expect(t, "search", code, 200, body, "李老师")
		lacks(t, "search", body, "王老师")
		code, body = a.get("/teachers/" + itoa(s.a.TeacherHead.ID))
		expect(t, "head teacher detail", code, 200, body, s.a.ClassA.Name, "担任班主任")
		code, body = a.get("/teachers/" + itoa(s.a.TeacherSubject.ID))
		expect(t, "subject teacher detail", code, 200, body, "数控编程", s.a.ClassB.Name, "当前")
		notFound(t, "admin", a, "/teachers/"+itoa(s.b.TeacherHead.ID), "/teachers/"+itoa(s.b.TeacherHead.ID)+"/edit")

		// Department heads and the research office read; class teachers do not.
		for _, u := range []string{"zhuren@a1", "keyan@a1"} {
			c := s.login(t, u)
			code, _ := c.get("/teachers")
			expect(t, u+" /teachers", code, 200, "")
			forbidden(t, u, c, "/teachers/new")
		}
		forbidden(t, "banzhuren", s.login(t, "banzhuren@a1"), "/teachers", "/teachers/"+itoa(s.a.TeacherHead.ID))

		// Create: bad phone, bad ID number and an unknown title are refused.
		count := func() int { _, n, _ := st.Teachers(ctx, sid, storage.TeacherFilter{}); return n }
		form := url.Values{"staff_no": {"T100"}, "name": {"钱老师"}, "gender": {"男"}, "title": {"教授"}, "phone": {"1380013800"}, "id_number": {"110105194912310021"}}
		code, body, _ = a.postForm("/teachers", form)
		expect(t, "bad teacher", code, http.StatusUnprocessableEntity, body, "联系电话", "身份证号", "请从列表中选择职称")
		form.Set("staff_no", "T001")
		form.Set("title", "讲师")
		form.Set("phone", "13800138000")
		id := idcheck.MakeIDNumber("500112", time.Date(1985, 5, 6, 0, 0, 0, 0, time.UTC), 7, true)
		form.Set("id_number", id)
		code, body, _ = a.postForm("/teachers", form)
		expect(t, "duplicate staff no", code, http.StatusUnprocessableEntity, body, "工号 T001 已存在")
		if count() != 3 {
			t.Fatal("a rejected teacher was written")
		}
		form.Set("staff_no", "T100")
		form.Set("hired_on", time.Now().AddDate(0, 0, 3).Format(time.DateOnly))
		code, body, _ = a.postForm("/teachers", form)
		expect(t, "hired in the future", code, http.StatusUnprocessableEntity, body, "入职日期应在 1950-01-01 到")
		form.Set("hired_on", "2018-09-01")
		form.Set("dual_qualified", "1") // no longer on the form: ignored
		form.Set("department_id", itoa(s.a.Department.ID))
		code, _, loc := a.postForm("/teachers", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/teachers/") {
			t.Fatalf("create teacher: %d", code)
		}
		code, body = a.get(loc)
		expect(t, "new teacher", code, 200, body, "钱老师", idcheck.MaskID(id), "2018-09-01")
		lacks(t, "双师型 comes from a recognition, not the form", body, "双师型")
		lacks(t, "ID number is masked", body, id)
		code, body = a.get(loc + "/edit")
		expect(t, "edit form", code, 200, body, idcheck.MaskID(id), "留空表示不修改")
		lacks(t, "edit form hides the ID number", body, id)
		// Editing with the ID field left empty keeps the number.
		tid := strings.TrimPrefix(loc, "/teachers/")
		edit := url.Values{"staff_no": {"T100"}, "name": {"钱老师"}, "gender": {"男"}, "title": {"高级讲师"}, "active": {"1"}}
		if code, _, _ := a.postForm("/teachers/"+tid, edit); code != http.StatusSeeOther {
			t.Fatalf("edit teacher: %d", code)
		}
		tt, _ := st.TeacherByStaffNo(ctx, sid, "T100")
		if tt.IDNumber != id || tt.Title != "高级讲师" || tt.DualQualified || !tt.Active || tt.HiredOn != "" {
			t.Fatalf("edited teacher %+v", tt)
		}
		if code, _, _ := a.postForm("/teachers/"+itoa(s.b.TeacherHead.ID), edit); code != http.StatusNotFound {
			t.Fatalf("edit school b's teacher: %d", code)
		}
	})
}
