package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestTokenPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		a := s.login(t, "jiaowu@a1")
		code, body := a.get("/tokens")
		expect(t, "tokens", code, 200, body, "还没有令牌", "创建令牌")
		code, body, _ = a.postForm("/tokens", url.Values{"name": {""}, "days": {"90"}})
		expect(t, "nameless token", code, http.StatusUnprocessableEntity, body, "请填写令牌名称")
		code, body, _ = a.postForm("/tokens", url.Values{"name": {"对接"}, "days": {"7"}})
		expect(t, "odd expiry", code, http.StatusUnprocessableEntity, body, "请选择有效期")
		code, body, _ = a.postForm("/tokens", url.Values{"name": {"教务系统对接"}, "days": {"90"}})
		expect(t, "created", code, 200, body, "只显示这一次", `curl -H &#34;Authorization: Bearer zj_`, "/api/v1/me")
		tok := secretOf(t, body)
		u, err := st.UserByTokenHash(ctx, auth.HashToken(tok))
		if err != nil || u.Username != "jiaowu@a1" {
			t.Fatalf("token does not resolve to its owner: %v %v", u.Username, err)
		}
		_, body = a.get("/tokens")
		expect(t, "list", 200, 200, body, "教务系统对接", tok[:10]+"…", "有效")
		lacks(t, "token not shown again", body, tok)

		// Another user's token cannot be revoked; one's own can.
		other := s.a.Users[model.RoleSchoolAdmin]
		ot := model.APIToken{UserID: other.ID, Name: "别人的"}
		_, prefix, hash := auth.NewAPIToken()
		ot.Prefix = prefix
		if err := st.CreateAPIToken(ctx, s.a.School.ID, model.SystemActor, &ot, hash); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := a.postForm("/tokens/"+itoa(ot.ID)+"/revoke", nil); code != http.StatusNotFound {
			t.Fatalf("revoke another user's token: %d", code)
		}
		toks, _ := st.APITokens(ctx, s.a.School.ID, u.ID)
		if code, _, _ := a.postForm("/tokens/"+itoa(toks[0].ID)+"/revoke", nil); code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", code)
		}
		if _, err := st.UserByTokenHash(ctx, auth.HashToken(tok)); err == nil {
			t.Fatal("a revoked token still works")
		}
		_, body = a.get("/tokens")
		if !strings.Contains(body, "已吊销") {
			t.Fatal("revoked token not marked")
		}
		// Every staff member may make their own tokens; students and
		// parents may not.
		if code, _ := s.login(t, "banzhuren@a1").get("/tokens"); code != http.StatusOK {
			t.Fatalf("head teacher's token page: %d", code)
		}
		for _, u := range []string{"xs1@a1", "jiazhang@a1"} {
			forbidden(t, u, s.login(t, u), "/tokens")
		}
	})
}
