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

func TestPlatformSchools(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		root := s.login(t, "root")
		code, body := root.get("/platform/schools")
		expect(t, "schools", code, 200, body, "测试学校a1", "测试学校b1", "新建学校")
		lacks(t, "nav has no school pages", body, `href="/classes"`, `href="/students"`)
		// School pages have no school for a platform account.
		if code, _ := root.get("/classes"); code != http.StatusSeeOther {
			t.Fatalf("root /classes: %d", code)
		}
		if code, _, _ := root.postForm("/org/years", url.Values{"name": {"2030-2031"}}); code != http.StatusForbidden {
			t.Fatalf("root POST /org/years: %d", code)
		}
		code, body, _ = root.postForm("/platform/schools", url.Values{"code": {"A B"}, "name": {""}})
		expect(t, "bad school", code, http.StatusUnprocessableEntity, body, "学校名称不能为空", "学校代码只能包含")
		code, body, _ = root.postForm("/platform/schools", url.Values{"code": {"a1"}, "name": {"重名"}})
		expect(t, "taken code", code, http.StatusUnprocessableEntity, body, "已被使用")
		schools, _ := st.Schools(ctx, 0)
		if len(schools) != 2 {
			t.Fatal("a rejected school was written")
		}
		code, body, _ = root.postForm("/platform/schools", url.Values{"code": {"c1"}, "name": {"重庆市第三职业教育中心"}})
		expect(t, "create school", code, 200, body, "admin@c1", "只显示这一次")
		pw := secretOf(t, body)
		sc, err := st.SchoolByCode(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		c, code, loc := s.loginWith(t, "admin@c1", pw)
		if code != http.StatusSeeOther || loc != "/password" {
			t.Fatalf("new admin's first login: %d → %s", code, loc)
		}
		if code, _, _ := c.postForm("/password", url.Values{"old": {pw}, "new": {"c1admin2026"}, "new2": {"c1admin2026"}}); code != http.StatusSeeOther {
			t.Fatalf("change password: %d", code)
		}
		code, body = c.get("/org/terms")
		expect(t, "new school's org page", code, 200, body, "还没有学期")
		u, _ := st.UserByUsername(ctx, "admin@c1")
		if u.SchoolID != sc.ID || !u.HasRole(model.RoleSchoolAdmin) {
			t.Fatalf("admin %+v", u)
		}
		// School admins are not platform admins.
		forbidden(t, "admin@a1", s.login(t, "admin@a1"), "/platform/schools")
	})
}
