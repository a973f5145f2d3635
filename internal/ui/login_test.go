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
	"zhijiao/internal/testfix"
)

func TestLoginLogoutAndSessionCookie(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := s.anon(t)
		if code, _ := c.get("/students"); code != http.StatusSeeOther {
			t.Fatalf("anonymous /students: %d", code)
		}
		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/login", strings.NewReader(url.Values{"username": {"admin@a1"}, "password": {testfix.Password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ck := resp.Header.Get("Set-Cookie")
		if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") {
			t.Fatalf("session cookie flags: %s", ck)
		}
		a := s.login(t, "ADMIN@a1 ") // usernames are case- and space-insensitive
		if code, body := a.get("/"); code != 200 || !strings.Contains(body, "测试学校a1") {
			t.Fatalf("home after login: %d", code)
		}
		if code, _, _ := a.postForm("/logout", nil); code != http.StatusSeeOther {
			t.Fatalf("logout: %d", code)
		}
		if code, _ := a.get("/students"); code != http.StatusSeeOther {
			t.Fatalf("after logout /students: %d", code)
		}
	})
}

// Wrong passwords make the account wait (auth.LoginDelay) rather than lock
// it; the right password from a browser the account never used is refused
// during the wait, with the same words an unknown name gets.
func TestWrongPasswordsDelayAccount(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	c := s.anon(t)
	for i := 1; i <= auth.FreeFailures; i++ {
		code, body, _ := c.postForm("/login", url.Values{"username": {"renke@a1"}, "password": {"wrong-password1"}})
		if code != http.StatusUnauthorized || !strings.Contains(body, "账号或密码错误") {
			t.Fatalf("attempt %d: %d", i, code)
		}
	}
	// Waiting: even the right password is refused now.
	code, body, _ := c.postForm("/login", url.Values{"username": {"renke@a1"}, "password": {testfix.Password}})
	if code != http.StatusTooManyRequests || !strings.Contains(body, "登录失败次数过多") {
		t.Fatalf("a waiting account logged in: %d", code)
	}
	// An unknown user is told the same thing as a wrong password.
	code, body, _ = c.postForm("/login", url.Values{"username": {"nobody@a1"}, "password": {"x"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "账号或密码错误") {
		t.Fatalf("unknown user: %d", code)
	}
	log, _, _ := st.AuditLog(context.Background(), s.a.School.ID, storage.AuditFilter{Action: "login_failed"})
	if len(log) != auth.FreeFailures {
		t.Fatalf("failed logins audited: %d", len(log))
	}
}

func TestAddressThrottle(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	c := s.anon(t)
	var code int
	for i := 0; i < 21; i++ {
		code, _, _ = c.postForm("/login", url.Values{"username": {"guess" + string(rune('a'+i)) + "@a1"}, "password": {"x"}})
	}
	if code != http.StatusTooManyRequests {
		t.Fatalf("21st failure from one address: %d", code)
	}
}

func TestMustChangePassword(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	ctx := context.Background()
	u := s.a.Users[model.RoleStudent]
	h, _ := auth.HashPassword(testfix.Password)
	if err := st.SetPassword(ctx, s.a.School.ID, model.SystemActor, u.ID, h, true); err != nil {
		t.Fatal(err)
	}
	c := s.anon(t)
	_, _, loc := c.postForm("/login", url.Values{"username": {u.Username}, "password": {testfix.Password}})
	if loc != "/password" {
		t.Fatalf("initial password login went to %q", loc)
	}
	if code, _ := c.get("/students"); code != http.StatusSeeOther {
		t.Fatalf("pages reachable before changing the password: %d", code)
	}
	code, body, _ := c.postForm("/password", url.Values{"old": {testfix.Password}, "new": {"short"}, "new2": {"short"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "至少 8 位") {
		t.Fatalf("weak password: %d", code)
	}
	code, _, _ = c.postForm("/password", url.Values{"old": {testfix.Password}, "new": {"newpass2026"}, "new2": {"newpass2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("change password: %d", code)
	}
	if code, _ := c.get("/students"); code != http.StatusOK {
		t.Fatalf("after change: %d", code)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	a := s.login(t, "admin@a1")
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/students/"+itoa(s.a.StudentA1.ID)+"/enrollment",
		strings.NewReader(url.Values{"status": {"退学"}, "date": {"2026-11-01"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	code, _, _ := a.do(req)
	if code != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", code)
	}
	got, _ := st.Student(context.Background(), s.a.School.ID, s.a.StudentA1.ID)
	if got.EnrollmentStatus != model.StatusEnrolled {
		t.Fatal("cross-site POST changed data")
	}
}
