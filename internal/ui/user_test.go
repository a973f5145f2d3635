package ui_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func TestUserListAndPermissions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		a := s.login(t, "admin@a1")
		code, body := a.get("/users")
		expect(t, "users", code, 200, body, "banzhuren@a1", "班主任", "任课教师", "学校管理员")
		lacks(t, "no other school, no platform", body, "@b1", ">root<")
		code, body = a.get("/users?role=parent")
		expect(t, "role filter", code, 200, body, "jiazhang@a1")
		lacks(t, "role filter", body, "banzhuren@a1")
		code, body = a.get("/users?q=xs")
		expect(t, "search", code, 200, body, "xs1@a1", "xs2@a1")
		lacks(t, "search", body, "admin@a1</a>")
		code, body = a.get("/users/" + itoa(s.a.Users[model.RoleHeadTeacher].ID))
		expect(t, "user detail", code, 200, body, "教师 王老师（T001）", "重置密码", "设置角色")
		notFound(t, "admin", a, "/users/"+itoa(s.b.Users[model.RoleSchoolAdmin].ID), "/users/"+itoa(s.a.Users[model.RolePlatformAdmin].ID))
		for _, u := range []string{"jiaowu@a1", "banzhuren@a1", "xs1@a1"} {
			forbidden(t, u, s.login(t, u), "/users", "/users/new", "/users/batch", "/users/"+itoa(s.a.Users[model.RoleStudent].ID))
		}
		// Another school's account cannot be touched by any route.
		bu := itoa(s.b.Users[model.RoleStudent].ID)
		for _, p := range []string{"/users/" + bu + "/password", "/users/" + bu + "/roles", "/users/" + bu + "/disabled"} {
			if code, _, _ := a.postForm(p, url.Values{"roles": {"student"}, "disabled": {"1"}}); code != http.StatusNotFound {
				t.Errorf("POST %s: %d", p, code)
			}
		}
	})
}

func TestUserCreateShowsPasswordOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		a := s.login(t, "admin@a1")
		code, body := a.get("/users/new")
		expect(t, "form", code, 200, body, "@a1", "班主任", "企业导师", "周师傅")
		lacks(t, "no platform roles offered", body, "platform_admin", "district_admin", "平台管理员")
		count := func() int { _, n, _ := st.Users(ctx, sid, storage.UserFilter{}); return n }
		before := count()
		for _, bad := range []struct {
			form url.Values
			msg  string
		}{
			{url.Values{"username": {"Bad Name"}, "display_name": {"某"}, "roles": {"academic_office"}}, "小写字母"},
			{url.Values{"username": {"x@b1"}, "display_name": {"某"}, "roles": {"academic_office"}}, "必须以 @a1 结尾"},
			{url.Values{"username": {"boss"}, "display_name": {"某"}, "roles": {"platform_admin"}}, "不能授予角色「platform_admin」"},
			{url.Values{"username": {"boss"}, "display_name": {"某"}, "roles": {"district_admin"}}, "不能授予"},
			{url.Values{"username": {"boss"}, "display_name": {"某"}}, "请至少选择一个角色"},
			{url.Values{"username": {"admin"}, "display_name": {"某"}, "roles": {"academic_office"}}, "账号 admin@a1 已存在"},
			{url.Values{"username": {"t9"}, "roles": {"head_teacher"}}, "需要关联教师"},
			{url.Values{"username": {"t9"}, "roles": {"head_teacher"}, "link_kind": {"teacher"}, "link_no": {"T001"}}, "已有账号"},
			{url.Values{"username": {"t9"}, "roles": {"head_teacher"}, "link_kind": {"teacher"}, "link_no": {"T999"}}, "不存在"},
			{url.Values{"username": {"p9"}, "roles": {"parent"}, "link_kind": {"guardian"}, "link_no": {s.b.StudentA1.StudentNo}}, "不存在"},
			{url.Values{"username": {"p9"}, "roles": {"parent"}, "link_kind": {"guardian"}, "link_no": {s.a.StudentA1.StudentNo}}, "没有尚未开通账号的监护人"},
		} {
			code, body, _ := a.postForm("/users", bad.form)
			expect(t, "bad user "+bad.form.Encode(), code, http.StatusUnprocessableEntity, body, bad.msg)
		}
		if count() != before {
			t.Fatal("a rejected account was written")
		}
		// A good account: head teacher of class B (赵老师, T003).
		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/users", strings.NewReader(url.Values{
			"username": {"ZhaoLaoShi@a1"}, "roles": {"head_teacher", "subject_teacher"}, "link_kind": {"teacher"}, "link_no": {"T003"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := a.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		body = buf.String()
		expect(t, "created", resp.StatusCode, 200, body, "zhaolaoshi@a1", "赵老师", "只显示这一次")
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Fatalf("password page is cacheable: %q", cc)
		}
		pw := secretOf(t, body)
		u, err := st.UserByUsername(ctx, "zhaolaoshi@a1")
		if err != nil || !u.MustChangePassword || u.TeacherID != s.a.TeacherOther.ID || u.DisplayName != "赵老师" {
			t.Fatalf("created %+v %v", u, err)
		}
		// The password is not shown again anywhere.
		_, body = a.get("/users/" + itoa(u.ID))
		lacks(t, "detail page", body, pw)
		// First login: forced to change the password, then sees class B only.
		c, code, loc := s.loginWith(t, "zhaolaoshi@a1", pw)
		if code != http.StatusSeeOther || loc != "/password" {
			t.Fatalf("first login: %d → %s", code, loc)
		}
		if code, _ := c.get("/classes"); code != http.StatusSeeOther {
			t.Fatalf("pages before changing the password: %d", code)
		}
		if code, _, _ := c.postForm("/password", url.Values{"old": {pw}, "new": {"zhao2026pass"}, "new2": {"zhao2026pass"}}); code != http.StatusSeeOther {
			t.Fatalf("change password: %d", code)
		}
		code, body = c.get("/classes")
		expect(t, "new head teacher's classes", code, 200, body, s.a.ClassB.Name)
		lacks(t, "scope", body, s.a.ClassA.Name)
	})
}

func TestUserResetRolesDisable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		a := s.login(t, "admin@a1")
		stu := s.a.Users[model.RoleStudent]

		// Reset: a new initial password, shown once, must be changed, audited.
		code, body, _ := a.postForm("/users/"+itoa(stu.ID)+"/password", nil)
		expect(t, "reset", code, 200, body, "密码已重置", stu.Username)
		pw := secretOf(t, body)
		if _, code, _ := s.loginWith(t, stu.Username, testfix.Password); code == http.StatusSeeOther {
			t.Fatal("the old password still works")
		}
		if _, code, loc := s.loginWith(t, stu.Username, pw); code != http.StatusSeeOther || loc != "/password" {
			t.Fatalf("login with reset password: %d → %s", code, loc)
		}
		log, _, _ := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "user", Action: "reset_password"})
		if len(log) != 1 || log[0].EntityID != stu.ID || log[0].Username != "admin@a1" {
			t.Fatalf("reset not audited: %+v", log)
		}
		code, body = a.get("/audit?action=reset_password")
		expect(t, "audit page shows the reset", code, 200, body, "重置密码", "admin@a1", "/users/"+itoa(stu.ID))

		// Roles: only school roles, never platform ones.
		code, body, _ = a.postForm("/users/"+itoa(stu.ID)+"/roles", url.Values{"roles": {"student", "platform_admin"}})
		expect(t, "grant platform_admin", code, http.StatusUnprocessableEntity, body, "不能授予")
		if u, _ := st.User(ctx, sid, stu.ID); len(u.Roles) != 1 {
			t.Fatalf("roles changed: %v", u.Roles)
		}
		teacher := s.a.Users[model.RoleSubjectTeacher]
		if code, _, _ := a.postForm("/users/"+itoa(teacher.ID)+"/roles", url.Values{"roles": {"subject_teacher", "head_teacher"}}); code != http.StatusSeeOther {
			t.Fatalf("set roles: %d", code)
		}
		if u, _ := st.User(ctx, sid, teacher.ID); !u.HasRole(model.RoleHeadTeacher) {
			t.Fatalf("roles not set: %v", u.Roles)
		}
		me := s.a.Users[model.RoleSchoolAdmin]
		code, body, _ = a.postForm("/users/"+itoa(me.ID)+"/roles", url.Values{"roles": {"academic_office"}})
		expect(t, "drop own admin role", code, http.StatusUnprocessableEntity, body, "不能取消自己的")

		// Disable and enable.
		code, body, _ = a.postForm("/users/"+itoa(me.ID)+"/disabled", url.Values{"disabled": {"1"}})
		expect(t, "disable oneself", code, http.StatusUnprocessableEntity, body, "不能停用自己的账号")
		j := s.login(t, "jiaowu@a1")
		if code, _, _ := a.postForm("/users/"+itoa(s.a.Users[model.RoleAcademic].ID)+"/disabled", url.Values{"disabled": {"1"}}); code != http.StatusSeeOther {
			t.Fatalf("disable: %d", code)
		}
		if code, _ := j.get("/classes"); code != http.StatusSeeOther {
			t.Fatalf("a disabled account's session still works: %d", code)
		}
		if _, code, _ := s.loginWith(t, "jiaowu@a1", testfix.Password); code != http.StatusForbidden {
			t.Fatalf("disabled login: %d", code)
		}
		if code, _, _ := a.postForm("/users/"+itoa(s.a.Users[model.RoleAcademic].ID)+"/disabled", url.Values{"disabled": {"0"}}); code != http.StatusSeeOther {
			t.Fatalf("enable: %d", code)
		}
		s.login(t, "jiaowu@a1")
		// Only user:manage may change accounts.
		if code, _, _ := j.postForm("/users/"+itoa(stu.ID)+"/password", nil); code != http.StatusForbidden {
			t.Fatalf("academic office resets a password: %d", code)
		}
	})
}

func TestUserBatchAccountSheet(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		// A second guardian without an account, for 张二.
		g := model.Guardian{Name: "张母", Relation: "母亲", Phone: "13700137000"}
		if err := st.AddGuardian(ctx, sid, model.SystemActor, s.a.StudentA2.ID, &g); err != nil {
			t.Fatal(err)
		}
		a := s.login(t, "admin@a1")
		code, body := a.get("/users/batch?class=" + itoa(s.a.ClassA.ID))
		expect(t, "batch form", code, 200, body, s.a.ClassA.Name, "同时为家长开通账号")
		code, body, _ = a.postForm("/users/batch", url.Values{"class_id": {itoa(s.b.ClassA.ID)}, "guardians": {"1"}})
		expect(t, "school b's class", code, http.StatusUnprocessableEntity, body, "请选择班级")

		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/users/batch", strings.NewReader(url.Values{"class_id": {itoa(s.a.ClassA.ID)}, "guardians": {"1"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := a.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") || !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			t.Fatalf("batch: %d %s", resp.StatusCode, resp.Header)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("账号开通单")
		// Title, note, blank, header, then 张二 (张一 has xs1) and 张母 (张父 has jiazhang).
		if len(rows) != 6 || strings.Join(rows[3], ",") != "班级,学号,姓名,身份,账号,初始密码" {
			t.Fatalf("sheet rows %q", rows)
		}
		sNo := strings.ToLower(s.a.StudentA2.StudentNo)
		byUser := map[string][]string{}
		for _, r := range rows[4:] {
			byUser[r[4]] = r
		}
		stuRow, parRow := byUser[sNo+"@a1"], byUser["p"+sNo+"@a1"]
		if stuRow == nil || parRow == nil || stuRow[0] != s.a.ClassA.Name || stuRow[2] != "张二" || !strings.HasPrefix(parRow[2], "张母") {
			t.Fatalf("sheet rows %q", rows)
		}
		for _, r := range [][]string{stuRow, parRow} {
			if _, code, loc := s.loginWith(t, r[4], r[5]); code != http.StatusSeeOther || loc != "/password" {
				t.Fatalf("login %s with its sheet password: %d → %s", r[4], code, loc)
			}
		}
		u, _ := st.UserByUsername(ctx, "p"+sNo+"@a1")
		if u.GuardianID != g.ID || !u.HasRole(model.RoleParent) || !u.MustChangePassword {
			t.Fatalf("parent account %+v", u)
		}
		// Everyone has an account now: nothing more to open.
		code, body, _ = a.postForm("/users/batch", url.Values{"class_id": {itoa(s.a.ClassA.ID)}, "guardians": {"1"}})
		expect(t, "second run", code, 200, body, "均已开通账号")
	})
}
