package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A next parameter that a browser would turn into another site is refused
// on /login and /lang/{lang}: browsers drop tabs and newlines from URLs, so
// "/\t/evil.example" becomes "//evil.example".
func TestNextCannotLeaveTheSite(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	evil := []string{"/\t/evil.example/login", "/\n/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example",
		"https://evil.example/", " //evil.example", "/\x00/evil.example"}
	for _, n := range evil {
		c := s.anon(t)
		_, body := c.get("/login?next=" + url.QueryEscape(n))
		lacks(t, "login form next "+strconv.Quote(n), body, "evil.example")
		// A control character is refused outright (400) before any
		// redirect is made; anything else must redirect home.
		req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/lang/en?next="+url.QueryEscape(n), nil)
		if code, _, loc := c.do(req); loc != "/" && code != http.StatusBadRequest {
			t.Errorf("lang switch next %q → %q", n, loc)
		}
		code, _, loc := c.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {testfix.Password}, "next": {n}})
		if (code != http.StatusSeeOther || loc != "/") && code != http.StatusBadRequest {
			t.Errorf("login next %q → %d %q", n, code, loc)
		}
	}
	c := s.anon(t)
	if _, _, loc := c.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {testfix.Password}, "next": {"/students?q=a"}}); loc != "/students?q=a" {
		t.Errorf("a same-site next is kept: %q", loc)
	}
}

// Changing one's password ends every other session and revokes every API
// token of the account; so does a reset by an administrator.
func TestPasswordChangeEndsOtherSessionsAndTokens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		u := s.a.Users[model.RoleAcademic]
		tok, prefix, hash := auth.NewAPIToken()
		if err := st.CreateAPIToken(ctx, s.a.School.ID, model.SystemActor, &model.APIToken{UserID: u.ID, Name: "对接", Prefix: prefix}, hash); err != nil {
			t.Fatal(err)
		}
		phone := s.login(t, u.Username)
		desk := s.login(t, u.Username)
		code, _, _ := desk.postForm("/password", url.Values{"old": {testfix.Password}, "new": {"newpass2026"}, "new2": {"newpass2026"}})
		if code != http.StatusSeeOther {
			t.Fatalf("change password: %d", code)
		}
		if code, _ := desk.get("/students"); code != http.StatusOK {
			t.Fatalf("the session that changed the password was ended: %d", code)
		}
		if code, _ := phone.get("/students"); code != http.StatusSeeOther {
			t.Fatalf("another session survives a password change: %d", code)
		}
		if _, err := st.UserByTokenHash(ctx, auth.HashToken(tok)); err == nil {
			t.Fatal("an API token survives a password change")
		}

		// A reset by the administrator ends the owner's sessions too.
		again := s.loginWithOK(t, u.Username, "newpass2026")
		admin := s.login(t, "admin@a1")
		if code, _, _ := admin.postForm("/users/"+itoa(u.ID)+"/password", nil); code != http.StatusOK {
			t.Fatalf("reset: %d", code)
		}
		if code, _ := again.get("/"); code != http.StatusSeeOther {
			t.Fatalf("a session survives a password reset: %d", code)
		}
	})
}

func (s *site) loginWithOK(t *testing.T, username, password string) *client {
	t.Helper()
	c, code, loc := s.loginWith(t, username, password)
	if code != http.StatusSeeOther || strings.HasPrefix(loc, "/login") {
		t.Fatalf("login %s: %d %q", username, code, loc)
	}
	return c
}

// A successful login does not reset the address's failure count: a
// logged-in student cannot keep guessing from the same address.
func TestAddressFailuresSurviveSuccess(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	c := s.anon(t)
	for i := 0; i < 19; i++ {
		c.postForm("/login", url.Values{"username": {"guess" + itoa(int64(i)) + "@a1"}, "password": {"x"}})
	}
	s.login(t, "xs1@a1")
	c.postForm("/login", url.Values{"username": {"guessx@a1"}, "password": {"x"}})
	if code, _, _ := c.postForm("/login", url.Values{"username": {"guessy@a1"}, "password": {"x"}}); code != http.StatusTooManyRequests {
		t.Fatalf("21st failure after an unrelated success: %d", code)
	}
}

// Wrong passwords slow an account down instead of locking it: a guesser
// is held off, the owner's known browser still gets in with the right
// password, and nothing tells real accounts from unknown ones.
func TestGuessingDelaysWithoutLockingOut(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	owner := s.login(t, "admin@a1") // this browser is now known to the account
	owner.postForm("/logout", nil)
	guesser := s.anon(t)
	var last string
	for i := 0; i < 8; i++ {
		_, last, _ = guesser.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {"wrong-password1"}})
	}
	gcode, body, _ := guesser.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {testfix.Password}})
	if gcode != http.StatusTooManyRequests {
		t.Fatalf("a guesser's browser gets in during the delay: %d", gcode)
	}
	code, _, loc := owner.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {testfix.Password}})
	if code != http.StatusSeeOther || strings.HasPrefix(loc, "/login") {
		t.Fatalf("the owner's known browser is locked out: %d %q", code, loc)
	}
	// An unknown account answers exactly like a real one, at every step.
	other := s.anon(t)
	var lastUnknown string
	for i := 0; i < 8; i++ {
		_, lastUnknown, _ = other.postForm("/login", url.Values{"username": {"admin@zz"}, "password": {"wrong-password1"}})
	}
	code2, body2, _ := other.postForm("/login", url.Values{"username": {"admin@zz"}, "password": {testfix.Password}})
	if code2 != gcode || errorOf(body2) != errorOf(body) || errorOf(last) != errorOf(lastUnknown) {
		t.Fatalf("unknown and real accounts answer differently:\n%d %q / %q\n%d %q / %q", gcode, errorOf(body), errorOf(last), code2, errorOf(body2), errorOf(lastUnknown))
	}
	for _, b := range []string{last, body} {
		lacks(t, "hint at the account", b, "再错", "锁定")
	}
}

func errorOf(body string) string {
	i := strings.Index(body, `role="alert"`)
	if i < 0 {
		return ""
	}
	body = body[i:]
	if j := strings.Index(body, "</"); j >= 0 {
		body = body[:j]
	}
	return body
}

// A wrong password for a real account and one for an unknown name take
// the same time: every failed answer waits for the same floor, which is
// longer than the work either does.
func TestFailedLoginsTakeTheSameTime(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	for _, name := range []string{"renke@a1", "nobody@a1", "jiaowu@a1", "nobody2@a1"} {
		c := s.anon(t)
		start := time.Now()
		code, _, _ := c.postForm("/login", url.Values{"username": {name}, "password": {"wrong-password1"}})
		if d := time.Since(start); code != http.StatusUnauthorized || d < 100*time.Millisecond {
			t.Errorf("%s: %d in %v, want 401 after at least 100 ms", name, code, d)
		}
	}
}

// rss reads the process's resident memory from /proc.
func rss(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// 64 parallel wrong logins from one address: the address throttle is
// checked before hashing and at most auth.HashSlots argon2id hashes run at
// once, so the server's memory stays bounded (it reached 1.24 GB before).
func TestParallelLoginsBoundMemory(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	debug.FreeOSMemory()
	base := rss(t)
	peak := base
	done := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				if m := rss(t); m > peak {
					peak = m
				}
			}
		}
	}()
	var wg sync.WaitGroup
	codes := make([]int, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := s.anon(t)
			form := url.Values{"username": {"renke@a1"}, "password": {"wrong-password" + itoa(int64(i))}}
			req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := c.http.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	close(done)
	sampler.Wait()
	grew := (peak - base) >> 20
	t.Logf("64 parallel wrong logins: RSS %d MiB → peak %d MiB (+%d MiB); at most %d hashes at once", base>>20, peak>>20, grew, auth.HashSlots)
	const bound = 200 // MiB
	if grew > bound {
		t.Fatalf("memory grew by %d MiB, bound %d MiB", grew, bound)
	}
	throttled := 0
	for _, c := range codes {
		if c == http.StatusTooManyRequests {
			throttled++
		}
	}
	if throttled < 64-20 {
		t.Fatalf("only %d of 64 parallel guesses were throttled", throttled)
	}
}

// A known browser passing a full address limit does not take back
// anyone else's failure when it logs in.
func TestKnownBrowserDoesNotForgiveOthers(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	owner := s.login(t, "admin@a1")
	owner.postForm("/logout", nil)
	c := s.anon(t)
	for i := 0; i < 20; i++ {
		c.postForm("/login", url.Values{"username": {"guess" + itoa(int64(i)) + "@a1"}, "password": {"x"}})
	}
	if code, _, _ := owner.postForm("/login", url.Values{"username": {"admin@a1"}, "password": {testfix.Password}}); code != http.StatusSeeOther {
		t.Fatalf("known browser at a full address limit: %d", code)
	}
	if code, _, _ := c.postForm("/login", url.Values{"username": {"guessz@a1"}, "password": {"x"}}); code != http.StatusTooManyRequests {
		t.Fatalf("the address got a guess back: %d", code)
	}
}
