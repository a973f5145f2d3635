package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type loginData struct {
	Username, Next, Error string
}

func (s *Server) loginShow(w http.ResponseWriter, r *http.Request) {
	if u := s.currentUser(r); u != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "登录", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps post-login redirects on this site. It judges the path
// as a browser will read it: browsers drop ASCII tabs and newlines anywhere
// in a URL and read a backslash as '/', so "/\t/evil.example" would become
// "//evil.example". Only a path with no scheme, no host and no control
// character passes.
func safeNext(n string) string {
	n = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(n)
	if n == "" || n[0] != '/' || strings.HasPrefix(n, "//") || strings.Contains(n, "\\") || strings.ContainsFunc(n, unicode.IsControl) {
		return "/"
	}
	u, err := url.Parse(n)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return n
}

// dummyHash makes a failed lookup cost as much as a wrong password, so
// response times do not reveal which usernames exist.
var dummyHash, _ = auth.HashPassword("zhijiao-timing-equaliser")

// loginSubmit checks a password behind two brakes, both checked before
// any hashing: failures per address (in memory, never reset by someone
// else's success) and growing waits per account name (in the database for
// accounts, in memory for unknown names, answered alike). A browser the
// account logged in from before passes both, so guessing never locks the
// owner out. Every failure answers "账号或密码错误" or "登录失败次数过多"
// after the same floor time, whether the account exists or not.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ip := clientIP(r)
	username := strings.ToLower(strings.TrimSpace(r.FormValue("username")))
	pw := r.FormValue("password")
	next := safeNext(r.FormValue("next"))
	fail := func(status int, msg string) {
		time.Sleep(time.Until(start.Add(loginFloor)))
		s.render(w, r, status, "login", "登录", loginData{Username: username, Next: next, Error: msg})
	}
	tooMany := func(until time.Time) {
		fail(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试", int(time.Until(until).Minutes())+1))
	}
	if username == "" || pw == "" {
		fail(http.StatusBadRequest, "请输入账号和密码")
		return
	}
	unlock := s.loginLocks.lock(username)
	var u *model.User
	found, err := s.st.UserByUsername(r.Context(), username)
	switch {
	case err == nil:
		u = &found
	case !errors.Is(err, storage.ErrNotFound):
		unlock()
		s.serverError(w, r, err)
		return
	}
	known := knownDevice(r, u)
	if !known {
		wait := s.names.Until(username)
		if u != nil {
			wait = u.LockedUntil
		}
		if wait.After(time.Now()) {
			unlock()
			tooMany(wait)
			return
		}
	}
	reserved := s.ipLimit.Reserve(ip)
	if !reserved && !known {
		unlock()
		_, left := s.ipLimit.Blocked(ip)
		tooMany(time.Now().Add(left))
		return
	}
	if u == nil {
		auth.CheckPassword(dummyHash, pw)
		s.names.Fail(username)
		unlock()
		fail(http.StatusUnauthorized, "账号或密码错误")
		return
	}
	if !auth.CheckPassword(u.PasswordHash, pw) {
		_, err := s.st.RecordLoginFailure(r.Context(), u.SchoolID, u.ID, auth.LoginDelay, auth.ForgetFailures)
		unlock()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.st.Audit(r.Context(), u.SchoolID, actorFor(u, ip), "login_failed", "user", u.ID, nil)
		fail(http.StatusUnauthorized, "账号或密码错误")
		return
	}
	unlock()
	if reserved { // give back only this attempt's own reservation
		s.ipLimit.Forgive(ip)
	}
	if u.Disabled {
		fail(http.StatusForbidden, "该账号已停用，请联系学校管理员")
		return
	}
	s.startSession(w, r, u, ip, next)
}

// startSession logs u in after a correct password: a new session token
// (no fixation), the password mark that ends the session when the password
// changes, the remembered device, the audit line, and on to the page asked
// for, or to the password page when the password must be changed first.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *model.User, ip, next string) {
	if err := s.sm.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sm.Put(r.Context(), "user_id", u.ID)
	s.sm.Put(r.Context(), "school_id", u.SchoolID) // the account's key is (school_id, id)
	s.sm.Put(r.Context(), "pw", passwordMark(u.PasswordHash))
	s.rememberDevice(w, u)
	s.st.RecordLoginSuccess(r.Context(), u.SchoolID, u.ID)
	s.st.Audit(r.Context(), u.SchoolID, actorFor(u, ip), "login", "user", u.ID, nil)
	if u.MustChangePassword {
		http.Redirect(w, r, "/password", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.sm.Destroy(r.Context())
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) langSwitch(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang != "en" {
		lang = "zh-CN"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	back := safeNext(r.URL.Query().Get("next"))
	http.Redirect(w, r, back, http.StatusSeeOther)
}
