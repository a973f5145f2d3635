// Package api is the JSON API v1, mounted by the web server under /api/v1/.
// It enforces exactly the rules of the HTML pages: the same permission
// strings (auth.Authorizer.Can), the same scope (auth.ScopeOf), the same
// school on every query, and "not found" for anything outside the scope so
// ids do not reveal who exists. The route table (routes.go) is the single
// list that the mux, the OpenAPI document's test and the docs agree on.
package api

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Prefix is where the web server mounts the API.
const Prefix = "/api/v1"

// API serves /api/v1/. Build it with New.
type API struct {
	st          *storage.Storage
	authz       *auth.Authorizer
	sessionUser func(*http.Request) *model.User
	mux         *http.ServeMux
	log         *slog.Logger
}

// New builds the API handler. sessionUser reads the web session's user (nil
// when there is none), so the site's own pages can call the API with their
// cookie; it may be nil when only bearer tokens are accepted.
func New(st *storage.Storage, authz *auth.Authorizer, sessionUser func(*http.Request) *model.User) http.Handler {
	a := &API{st: st, authz: authz, sessionUser: sessionUser, mux: http.NewServeMux(), log: slog.Default()}
	methods := map[string][]string{}
	for _, rt := range routeTable() {
		a.mux.HandleFunc(rt.Method+" "+Prefix+rt.Path, a.wrap(rt))
		methods[rt.Path] = append(methods[rt.Path], rt.Method)
	}
	// A known path asked with another method is a 405 with Allow, not a
	// 404: the pattern without a method is less specific than the routes
	// above, so it only catches the methods they do not serve.
	for p, ms := range methods {
		allow := strings.Join(slices.Sorted(slices.Values(ms)), ", ")
		a.mux.HandleFunc(Prefix+p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			fail(w, http.StatusMethodNotAllowed, "此接口不支持 "+r.Method+" 方法，可用："+allow)
		})
	}
	a.mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		fail(w, http.StatusNotFound, "接口不存在："+r.URL.Path)
	})
	return a
}

// ServeHTTP marks every answer as personal data that no cache may keep.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	a.mux.ServeHTTP(w, r)
}
