package api

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// TestScopeSpotChecks spells out the cases the brief names, beside the
// exhaustive table.
func TestScopeSpotChecks(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f, o := e.a, e.b
		tok := func(k string) string { return e.tokens["a1/"+k] }
		if got := e.do("GET", "/students", tok(model.RoleStudent), nil).want(200, "student list").ids(); !slices.Equal(got, []int64{f.StudentA1.ID}) {
			t.Errorf("student sees %v, want only themself", got)
		}
		e.do("GET", "/students/"+id(f.StudentA2.ID), tok(model.RoleStudent), nil).want(404, "student → classmate")
		e.do("GET", "/students/"+id(f.StudentB1.ID), tok(model.RoleHeadTeacher), nil).want(404, "head teacher → class B")
		e.do("GET", "/students/"+id(f.StudentA1.ID), tok(model.RoleParent), nil).want(200, "parent → child")
		e.do("GET", "/students/"+id(f.StudentA2.ID), tok(model.RoleParent), nil).want(404, "parent → other child")
		e.do("GET", "/students/"+id(f.StudentA1.ID), tok(model.RoleMentor), nil).want(200, "mentor → apprentice")
		e.do("GET", "/students/"+id(f.StudentB1.ID), tok(model.RoleMentor), nil).want(404, "mentor → not apprentice")
		for _, p := range []string{"/students/" + id(o.StudentA1.ID), "/classes/" + id(o.ClassA.ID), "/teachers/" + id(o.TeacherHead.ID)} {
			e.do("GET", p, tok(model.RoleSchoolAdmin), nil).want(404, "school admin → other school "+p)
		}
		e.do("POST", "/students", tok(model.RoleSubjectTeacher), map[string]any{"student_no": "X1", "name": "某", "class_id": f.ClassB.ID}).
			want(403, "subject teacher creates a student")
	})
}

func TestMasking(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.a
		whole := f.StudentA1.IDNumber
		path := "/students/" + id(f.StudentA1.ID)
		for _, c := range []struct {
			key   string
			whole bool
		}{{model.RoleSchoolAdmin, true}, {model.RoleHeadTeacher, true}, {model.RoleDeptHead, false}, {model.RoleStudent, false}, {model.RoleParent, false}} {
			s := e.do("GET", path, e.tokens["a1/"+c.key], nil).want(200, c.key).json()
			if got := s["id_number"] == whole && s["phone"] == "13800138000"; got != c.whole {
				t.Errorf("%s: whole=%v, got id %v phone %v", c.key, c.whole, s["id_number"], s["phone"])
			}
			g := e.do("GET", path+"/guardians", e.tokens["a1/"+c.key], nil).want(200, c.key+" guardians").json()["items"].([]any)[0].(map[string]any)
			if got := g["phone"] == "13900139000"; got != c.whole {
				t.Errorf("%s guardians: whole=%v, got %v", c.key, c.whole, g["phone"])
			}
		}
		// Lists are masked even for those who may read ID numbers.
		for _, it := range e.do("GET", "/students", e.tokens["a1/school_admin"], nil).json()["items"].([]any) {
			s := it.(map[string]any)
			if !strings.Contains(s["id_number"].(string), "*") || !strings.Contains(s["phone"].(string), "*") {
				t.Errorf("list not masked: %v", s)
			}
		}
		if idn := e.do("GET", "/students?q="+whole, e.tokens["a1/school_admin"], nil).json()["items"].([]any); len(idn) != 1 {
			t.Errorf("search by whole ID number should still find the student")
		}
	})
}

func TestStudentValidation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.a
		admin := e.tokens["a1/school_admin"]
		goodID := idcheck.MakeIDNumber("500112", time.Date(2010, 5, 6, 0, 0, 0, 0, time.UTC), 7, false)
		badID := goodID[:17] + map[bool]string{true: "0", false: "1"}[goodID[17] != '0']
		base := func(kv ...any) map[string]any {
			m := map[string]any{"student_no": "V-1", "name": "李四", "class_id": f.ClassA.ID, "id_number": goodID}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		}
		details := func(r resp) map[string]string {
			out := map[string]string{}
			for _, d := range r.json()["details"].([]any) {
				m := d.(map[string]any)
				out[m["field"].(string)] = m["reason"].(string)
			}
			return out
		}
		cases := []struct {
			name   string
			body   any
			status int
			field  string
			reason string // a Chinese fragment of the reason
		}{
			{"bad checksum", base("id_number", badID), 422, "id_number", "校验位"},
			{"birth disagrees", base("birth_date", "2010-05-07"), 422, "birth_date", "不一致"},
			{"bad birth date", base("birth_date", "2010-13-01"), 422, "birth_date", "YYYY-MM-DD"},
			{"bad phone", base("phone", "12345"), 422, "phone", "手机号应为11位"},
			{"no name", base("name", " "), 422, "name", "不能为空"},
			{"bad student no", base("student_no", "学号1"), 422, "student_no", "字母"},
			{"other school's class", base("class_id", e.b.ClassA.ID), 422, "class_id", "班级不存在"},
			{"bad gender", base("gender", "未知"), 422, "gender", "男 或 女"},
			{"bad status", base("enrollment_status", "在校"), 422, "enrollment_status", "学籍状态"},
			{"unknown field", base("nickname", "小李"), 400, "nickname", "没有这个字段"},
			{"wrong type", base("class_id", "一班"), 400, "class_id", "应为数字"},
		}
		for _, c := range cases {
			r := e.do("POST", "/students", admin, c.body).want(c.status, c.name)
			if !strings.ContainsFunc(r.json()["error"].(string), func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Errorf("%s: error not in Chinese: %s", c.name, r.Body.String())
			}
			if got := details(r)[c.field]; !strings.Contains(got, c.reason) {
				t.Errorf("%s: details %s, want %s containing %q", c.name, r.Body.String(), c.field, c.reason)
			}
		}
		e.do("POST", "/students", admin, `{"name": "x",`).want(400, "truncated JSON")
		e.do("POST", "/students", admin, `{"name": "x"} {}`).want(400, "two objects")
		e.do("POST", "/students", admin, `[1]`).want(400, "not an object")
		e.do("POST", "/students", admin, "").want(400, "empty body")
		e.do("POST", "/students", admin, `{"name":"`+strings.Repeat("长", 400_000)+`"}`).want(413, "body over 1 MiB")
		e.do("POST", "/students", admin, base(), "Content-Type", "text/plain").want(415, "not JSON")

		// A valid student: gender and birth date come from the ID number.
		r := e.do("POST", "/students", admin, base()).want(201, "create")
		s := r.json()
		if s["gender"] != "女" || s["birth_date"] != "2010-05-06" || s["enrollment_status"] != "在籍" || s["class_name"] != f.ClassA.Name {
			t.Errorf("created: %s", r.Body.String())
		}
		if loc := r.Header().Get("Location"); loc != Prefix+"/students/"+id(int64(s["id"].(float64))) {
			t.Errorf("Location = %q", loc)
		}
		e.do("POST", "/students", admin, base("id_number", "", "gender", "男")).want(409, "duplicate 学号")
		sid := id(int64(s["id"].(float64)))
		e.do("PATCH", "/students/"+sid, admin, map[string]any{"student_no": f.StudentA1.StudentNo}).want(409, "patch to a taken 学号")
		e.do("PATCH", "/students/"+sid, admin, map[string]any{"enrollment_status": "毕业"}).want(400, "status is not patched")

		// PATCH changes only what is sent; a new ID number brings its date.
		other := idcheck.MakeIDNumber("500112", time.Date(2009, 1, 2, 0, 0, 0, 0, time.UTC), 8, false)
		p := e.do("PATCH", "/students/"+sid, admin, map[string]any{"id_number": other, "phone": "+86 139 0000 1111"}).want(200, "patch").json()
		if p["birth_date"] != "2009-01-02" || p["phone"] != "13900001111" || p["name"] != "李四" {
			t.Errorf("patched: %v", p)
		}

		p = e.do("PATCH", "/students/"+sid, admin, map[string]any{"id_type": "护照", "id_number": "E12345678"}).want(200, "passport").json()
		if p["birth_date"] != "2009-01-02" || p["id_type"] != "护照" {
			t.Errorf("a passport must keep the birth date: %v", p)
		}

		// Enrollment: a dated change, kept as history.
		e.do("POST", "/students/"+sid+"/enrollment", admin, map[string]any{"status": "休学", "effective_date": "2026/10/01"}).want(422, "bad date")
		ch := e.do("POST", "/students/"+sid+"/enrollment", admin, map[string]any{"status": "休学", "effective_date": "2026-10-01", "reason": "病休"}).want(201, "enrollment").json()
		if ch["status"] != "休学" || ch["effective_date"] != "2026-10-01" {
			t.Errorf("change: %v", ch)
		}
		h := e.do("GET", "/students/"+sid+"/enrollment", admin, nil).want(200, "history").json()
		if h["total"].(float64) != 2 {
			t.Errorf("history: %v", h)
		}
		if st := e.do("GET", "/students/"+sid, admin, nil).json()["enrollment_status"]; st != "休学" {
			t.Errorf("status after change: %v", st)
		}
		if got := e.do("GET", "/students?status=休学", admin, nil).ids(); len(got) != 1 {
			t.Errorf("status filter: %v", got)
		}

		// Every change is audited.
		a := e.do("GET", "/audit?entity=student&action=enrollment&from=2000-01-01", admin, nil).want(200, "audit").json()
		if a["total"].(float64) != 1 {
			t.Errorf("audit: %v", a)
		}
		e.do("GET", "/audit?from=2026-02-01&to=2026-01-01", admin, nil).want(400, "reversed audit range")
	})
}

func TestClassesAndTeachers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.a
		admin := e.tokens["a1/school_admin"]
		e.do("POST", "/classes", admin, map[string]any{"name": f.ClassA.Name, "major_id": f.Major.ID, "entry_year": 2026}).want(409, "duplicate class")
		r := e.do("POST", "/classes", admin, map[string]any{"name": "2027级数控1班", "major_id": e.b.Major.ID, "entry_year": 1990, "program": "四年制"}).want(422, "bad class")
		if n := len(r.json()["details"].([]any)); n != 3 {
			t.Errorf("want major, year and program errors: %s", r.Body.String())
		}
		c := e.do("POST", "/classes", admin, map[string]any{"name": "2027级数控1班", "major_id": f.Major.ID, "entry_year": 2027, "head_teacher_id": f.TeacherSubject.ID}).
			want(201, "class").json()
		if c["program"] != "三年制中职" || c["head_teacher_name"] != f.TeacherSubject.Name || c["entry_year"].(float64) != 2027 {
			t.Errorf("class: %v", c)
		}
		cid := id(int64(c["id"].(float64)))
		c = e.do("PATCH", "/classes/"+cid, admin, map[string]any{"head_teacher_id": 0}).want(200, "clear head teacher").json()
		if _, has := c["head_teacher_id"]; has || c["name"] != "2027级数控1班" {
			t.Errorf("patched class: %v", c)
		}
		e.do("PATCH", "/classes/"+cid, admin, map[string]any{"head_teacher_id": e.b.TeacherHead.ID}).want(422, "other school's teacher")

		e.do("POST", "/teachers", admin, map[string]any{"staff_no": f.TeacherHead.StaffNo, "name": "重名"}).want(409, "duplicate 工号")
		e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": "新", "department_id": e.b.Department.ID}).want(422, "other school's department")
		// 双师型 is read only (a recognition); 入职日期 is a real day, not ahead.
		e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": "新", "dual_qualified": true}).want(400, "dual_qualified is read only")
		e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": "新", "hired_on": "2019-02-30"}).want(422, "no such day")
		e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": "新", "hired_on": time.Now().AddDate(0, 0, 3).Format(time.DateOnly)}).want(422, "hired in the future")
		tc := e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": "新", "phone": "023-6123 4567", "hired_on": "2019-09-01"}).want(201, "teacher").json()
		if tc["phone"] != "023-61234567" || tc["active"] != true || tc["hired_on"] != "2019-09-01" || tc["dual_level"] != "" || tc["dual_qualified"] != false {
			t.Errorf("teacher: %v", tc)
		}
		tid := id(int64(tc["id"].(float64)))
		if tc = e.do("PATCH", "/teachers/"+tid, admin, map[string]any{"active": false, "hired_on": "2020-03-01"}).want(200, "teacher leaves").json(); tc["active"] != false || tc["staff_no"] != "T9" || tc["hired_on"] != "2020-03-01" {
			t.Errorf("teacher after leaving: %v", tc)
		}
		if got := e.do("GET", "/teachers?dual_qualified=true", admin, nil).json()["total"].(float64); got != 0 {
			t.Errorf("dual-qualified filter before any recognition: %v", got)
		}
		if err := e.st.Recognise(context.Background(), e.a.School.ID, model.Actor{Username: "test"},
			&teacherdev.Recognition{TeacherID: e.a.TeacherSubject.ID, Level: "中级", RecognisedOn: storage.Today()}); err != nil {
			t.Fatal(err)
		}
		dual := e.do("GET", "/teachers?dual_qualified=true", admin, nil).json()
		if items := dual["items"].([]any); dual["total"].(float64) != 1 || items[0].(map[string]any)["dual_level"] != "中级" || items[0].(map[string]any)["dual_qualified"] != true {
			t.Errorf("dual-qualified filter: %v", dual)
		}
		// A department head may read teachers but not see their numbers whole.
		e.do("GET", "/teachers/"+tid, e.tokens["a1/"+model.RoleDeptHead], nil).want(200, "dept head reads teacher")
	})
}

func TestTokens(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		// Tokens are made from the web session (a token cannot mint one).
		session := []string{sessionHeader, id(e.a.Users[model.RoleSchoolAdmin].ID)}
		e.do("POST", "/tokens", "", map[string]any{"name": ""}, session...).want(422, "nameless token")
		e.do("POST", "/tokens", "", map[string]any{"name": "x", "expires_in_days": 99999}, session...).want(422, "too long")
		c := e.do("POST", "/tokens", "", map[string]any{"name": "夜间同步", "expires_in_days": 30}, session...).want(201, "token").json()
		tok, _ := c["token"].(string)
		if !strings.HasPrefix(tok, "zj_") || !strings.HasPrefix(tok, c["prefix"].(string)) {
			t.Fatalf("token: %v", c)
		}
		e.do("GET", "/me", tok, nil).want(200, "new token works")
		list := e.do("GET", "/tokens", tok, nil).want(200, "tokens").json()
		for _, it := range list["items"].([]any) {
			if _, leaked := it.(map[string]any)["token"]; leaked {
				t.Errorf("token listed: %v", it)
			}
		}
		if list["total"].(float64) != 2 {
			t.Errorf("tokens: %v", list)
		}
		ctx := context.Background()
		if hash, err := e.st.UserByTokenHash(ctx, tok); err == nil {
			t.Errorf("the raw token must not be what is stored: %v", hash)
		}
	})
}
