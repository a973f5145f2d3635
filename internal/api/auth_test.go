package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

func TestAuthentication(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin := e.tokens["a1/school_admin"]

		r := e.do("GET", "/students", "", nil).want(401, "no credentials")
		if r.Header().Get("WWW-Authenticate") == "" || !strings.Contains(r.json()["error"].(string), "登录") {
			t.Errorf("401 without challenge or Chinese message: %v %s", r.Header(), r.Body.String())
		}
		e.do("GET", "/students", "", nil, "Authorization", "Basic YWRtaW46eA==").want(401, "basic auth")
		e.do("GET", "/students", "zj_0000", nil).want(401, "unknown token")

		// A revoked token stops working at once.
		tok, tid := e.newToken(e.a.Users[model.RoleSchoolAdmin])
		e.do("GET", "/me", tok, nil).want(200, "fresh token")
		e.do("DELETE", "/tokens/"+id(tid), admin, nil).want(204, "revoke own token")
		e.do("GET", "/me", tok, nil).want(401, "revoked token")
		e.do("DELETE", "/tokens/"+id(tid), e.tokens["a1/"+model.RoleAcademic], nil).want(404, "another user's token")

		// An expired token is refused.
		raw, prefix, hash := auth.NewAPIToken()
		u := e.a.Users[model.RoleAcademic]
		exp := model.APIToken{UserID: u.ID, Name: "过期", Prefix: prefix, ExpiresAt: time.Now().Add(-time.Hour)}
		if err := e.st.CreateAPIToken(ctx, u.SchoolID, model.SystemActor, &exp, hash); err != nil {
			t.Fatal(err)
		}
		e.do("GET", "/me", raw, nil).want(401, "expired token")

		// A disabled account is refused even with a live token.
		p := e.a.Users[model.RoleParent]
		if err := e.st.SetDisabled(ctx, p.SchoolID, model.SystemActor, p.ID, true); err != nil {
			t.Fatal(err)
		}
		r = e.do("GET", "/me", e.tokens["a1/parent"], nil).want(401, "disabled user")
		if !strings.Contains(r.Body.String(), "停用") {
			t.Errorf("disabled: %s", r.Body.String())
		}

		// Must change password: only GET /me answers.
		j := e.a.Users[model.RoleAcademic]
		if err := e.st.SetPassword(ctx, j.SchoolID, model.SystemActor, j.ID, j.PasswordHash, true); err != nil {
			t.Fatal(err)
		}
		// The reset revoked the account's tokens; one made after it works
		// only as far as the must-change rule allows.
		e.do("GET", "/me", e.tokens["a1/"+model.RoleAcademic], nil).want(401, "token made before a password reset")
		jt, _ := e.newToken(j)
		r = e.do("GET", "/students", jt, nil).want(403, "must change password")
		if !strings.Contains(r.json()["error"].(string), "修改初始密码") {
			t.Errorf("must-change message: %s", r.Body.String())
		}
		e.do("POST", "/tokens", jt, map[string]any{"name": "x"}).want(403, "must change password, write")
		if m := e.do("GET", "/me", jt, nil).want(200, "me before password change").json(); m["user"].(map[string]any)["must_change_password"] != true {
			t.Errorf("me: %v", m)
		}
	})
}

func TestSessionAndSchoolSelection(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ht := e.a.Users[model.RoleHeadTeacher]
		r := e.do("GET", "/students", "", nil, sessionHeader, id(ht.ID)).want(200, "session user")
		if got := r.ids(); len(got) != 2 {
			t.Errorf("head teacher via session sees %v", got)
		}
		// A presented token is judged alone, even with a valid session.
		e.do("GET", "/students", "zj_bad", nil, sessionHeader, id(ht.ID)).want(401, "bad token with session")

		root := e.tokens["a1/"+model.RolePlatformAdmin]
		r = e.do("GET", "/students", root, nil).want(400, "platform admin without school")
		if !strings.Contains(r.json()["error"].(string), "?school=") {
			t.Errorf("platform message: %s", r.Body.String())
		}
		e.do("GET", "/students?school=nosuch", root, nil).want(404, "unknown school")
		r = e.do("GET", "/students?school=b1", root, nil).want(200, "platform admin in b1")
		if got := r.ids(); len(got) != 3 || r.json()["items"].([]any)[0].(map[string]any)["school_id"].(float64) != float64(e.b.School.ID) {
			t.Errorf("root in b1: %s", r.Body.String())
		}
		e.do("GET", "/me", root, nil).want(200, "platform me needs no school")
		e.do("GET", "/tokens", root, nil).want(200, "platform tokens need no school")

		admin := e.tokens["a1/school_admin"]
		e.do("GET", "/students?school=b1", admin, nil).want(403, "school admin naming another school")
		e.do("GET", "/students?school=nosuch", admin, nil).want(403, "school admin naming unknown school: same answer")
		e.do("GET", "/students?school=a1", admin, nil).want(200, "school admin naming own school")
	})
}

func TestRoutingErrors(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin := e.tokens["a1/school_admin"]
		r := e.do("GET", "/nosuch", admin, nil).want(404, "unknown path")
		if r.json()["error"] == nil {
			t.Errorf("404 not JSON: %s", r.Body.String())
		}
		r = e.do("DELETE", "/students", admin, nil).want(405, "wrong method")
		if r.Header().Get("Allow") != "GET, POST" {
			t.Errorf("Allow = %q", r.Header().Get("Allow"))
		}
		e.do("GET", "/students/abc", admin, nil).want(404, "malformed id")
		e.do("GET", "/students/999999", admin, nil).want(404, "missing id")
		e.do("GET", "/students?page=0", admin, nil).want(400, "bad page")
		r = e.do("GET", "/students?class=x&status=在校&year=99", admin, nil).want(400, "bad filters")
		if d := r.json()["details"].([]any); len(d) != 3 {
			t.Errorf("want all three filter errors: %s", r.Body.String())
		}
		if r.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("personal data must not be cached")
		}
	})
}
