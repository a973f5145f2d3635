package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"zhijiao/internal/auth"
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

// safeNext keeps post-login redirects on this site.
func safeNext(n string) string {
	if n == "" || !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.Contains(n, "\\") {
		return "/"
	}
	return n
}

// dummyHash makes a failed lookup cost as much as a wrong password, so
// response times do not reveal which usernames exist.
var dummyHash, _ = auth.HashPassword("zhijiao-timing-equaliser")

// loginSubmit checks the password with two brakes: per address (in memory)
// and per account (a lock stored on the user after repeated failures).
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	username := strings.ToLower(strings.TrimSpace(r.FormValue("username")))
	pw := r.FormValue("password")
	next := safeNext(r.FormValue("next"))
	fail := func(status int, msg string) {
		s.render(w, r, status, "login", "登录", loginData{Username: username, Next: next, Error: msg})
	}
	if blocked, wait := s.ipLimit.Blocked(ip); blocked {
		fail(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试", int(wait.Minutes())+1))
		return
	}
	if username == "" || pw == "" {
		fail(http.StatusBadRequest, "请输入账号和密码")
		return
	}
	u, err := s.st.UserByUsername(r.Context(), username)
	if errors.Is(err, storage.ErrNotFound) {
		auth.CheckPassword(dummyHash, pw)
		s.ipLimit.Fail(ip)
		fail(http.StatusUnauthorized, "账号或密码错误")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !u.LockedUntil.IsZero() && u.LockedUntil.After(time.Now()) {
		fail(http.StatusTooManyRequests, fmt.Sprintf("该账号因多次密码错误已临时锁定，请 %d 分钟后再试或联系管理员", int(time.Until(u.LockedUntil).Minutes())+1))
		return
	}
	if !auth.CheckPassword(u.PasswordHash, pw) {
		s.ipLimit.Fail(ip)
		n, err := s.st.RecordLoginFailure(r.Context(), u.ID, s.maxFails, s.lockFor)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.st.Audit(r.Context(), u.SchoolID, actorFor(&u, ip), "login_failed", "user", u.ID, nil)
		if n == 0 || n >= s.maxFails {
			fail(http.StatusTooManyRequests, fmt.Sprintf("密码错误次数过多，账号已锁定 %d 分钟", int(s.lockFor.Minutes())))
			return
		}
		fail(http.StatusUnauthorized, fmt.Sprintf("账号或密码错误（再错 %d 次将临时锁定）", s.maxFails-n))
		return
	}
	if u.Disabled {
		fail(http.StatusForbidden, "该账号已停用，请联系学校管理员")
		return
	}
	s.ipLimit.Reset(ip)
	if err := s.sm.RenewToken(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sm.Put(r.Context(), "user_id", u.ID)
	s.st.RecordLoginSuccess(r.Context(), u.ID)
	s.st.Audit(r.Context(), u.SchoolID, actorFor(&u, ip), "login", "user", u.ID, nil)
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
