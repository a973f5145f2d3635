package ui

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type ctxKey int

const (
	ctxUser ctxKey = iota
	ctxScope
)

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(c int)           { w.status = c; w.ResponseWriter.WriteHeader(c) }
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "err", v, "stack", string(debug.Stack()))
				http.Error(w, "服务器内部错误", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// clientIP is the address a request came from: the socket address, which
// realIP has already replaced for requests relayed by a trusted proxy.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// currentUser loads the logged-in user from the session, or nil.
func (s *Server) currentUser(r *http.Request) *model.User {
	if u, ok := r.Context().Value(ctxUser).(*model.User); ok {
		return u
	}
	id := s.sm.GetInt64(r.Context(), "user_id")
	if id == 0 {
		return nil
	}
	var u model.User
	var err error
	if s.sm.Exists(r.Context(), "school_id") {
		u, err = s.st.User(r.Context(), s.sm.GetInt64(r.Context(), "school_id"), id)
	} else { // a session from before the school was kept in it
		u, err = s.st.UserByID(r.Context(), id)
	}
	if err != nil || u.Disabled || s.sm.GetString(r.Context(), "pw") != passwordMark(u.PasswordHash) {
		return nil
	}
	return &u
}

// actor is the audit identity of a request.
func actor(r *http.Request) model.Actor {
	u := userOf(r)
	if u == nil {
		return model.Actor{IP: clientIP(r)}
	}
	return model.Actor{UserID: u.ID, Username: u.Username, IP: clientIP(r)}
}

func userOf(r *http.Request) *model.User {
	u, _ := r.Context().Value(ctxUser).(*model.User)
	return u
}

// schoolOf is the school every query of this request is scoped to.
func schoolOf(r *http.Request) int64 {
	if u := userOf(r); u != nil {
		return u.SchoolID
	}
	return -1
}

// scopeOf returns the user's visibility scope, computed once per request.
func (s *Server) scopeOf(r *http.Request) (auth.Scope, error) {
	if sc, ok := r.Context().Value(ctxScope).(*auth.Scope); ok {
		return *sc, nil
	}
	return auth.ScopeOf(r.Context(), s.st, userOf(r))
}

// guard wraps a handler with the one permission check: a logged-in user,
// not forced to change a password first, holding perm ("" = any logged-in
// user). It also computes the scope for the handler.
func (s *Server) guard(perm string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := s.currentUser(r)
		if u == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.errorPage(w, r, http.StatusUnauthorized, "请先登录")
			return
		}
		if u.MustChangePassword && r.URL.Path != "/password" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		if perm != "" && !s.authz.Can(u, perm) {
			s.errorPage(w, r, http.StatusForbidden, "您没有权限访问此页面")
			return
		}
		ctx := context.WithValue(r.Context(), ctxUser, u)
		if i := infoOf(r); i != nil {
			i.user = u.Username
		}
		if u.SchoolID != model.PlatformSchoolID {
			sc, err := auth.ScopeOf(ctx, s.st, u)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			ctx = context.WithValue(ctx, ctxScope, &sc)
		}
		h(w, r.WithContext(ctx))
	}
}

// notFoundOr turns storage.ErrNotFound into a 404 page and other errors
// into a 500.
func (s *Server) notFoundOr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storage.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	s.serverError(w, r, err)
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	slog.Error("handler", "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "服务器内部错误，请稍后再试")
}

// realIP replaces RemoteAddr with the client address a trusted reverse
// proxy reports in X-Forwarded-For (its right-most entry, the one that
// proxy itself appended). Without it every user behind the proxy would
// share one address, and one guesser would lock everyone out of logging in.
// Requests from any other address keep their socket address, so the header
// cannot be forged from outside.
func realIP(trusted []string, next http.Handler) http.Handler {
	set := map[string]bool{}
	for _, t := range trusted {
		if t = strings.TrimSpace(t); t != "" {
			set[t] = true
		}
	}
	if len(set) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil && set[host] {
			if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
				parts := strings.Split(xff, ",")
				if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
					r.RemoteAddr = net.JoinHostPort(ip.String(), "0")
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
