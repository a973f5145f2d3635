// Package ui is the web interface: server-rendered pages, one handler per
// file (noun_verb.go), templates and static files embedded in the binary.
package ui

import (
	"cmp"
	"context"
	"embed"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"zhijiao/internal/auth"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
)

//go:embed all:templates static
var assets embed.FS

// Server holds what every handler needs.
type Server struct {
	st           *storage.Storage
	authz        *auth.Authorizer
	sm           *scs.SessionManager
	provisional  *evalrun.Provisional // cycle_provisional.go
	views        *views
	ipLimit      *auth.Throttle
	log          *slog.Logger
	mux          *http.ServeMux
	api          http.Handler
	names        *auth.NameDelays // waits for login names that are not accounts
	loginLocks   loginStripes
	trusted      []string
	jobs         *reportcard.Runner      // batch report exports
	districtJobs *evalrun.DistrictRunner // district recomputes
	metrics      *metrics
}

// Options tune a server; zero values take defaults.
type Options struct {
	// Secure marks the session cookie Secure (set when served over HTTPS).
	Secure bool
	// TrustedProxies are the addresses of reverse proxies whose
	// X-Forwarded-For names the real client (for login throttling and the
	// audit log).
	TrustedProxies []string
	// API, when set, builds the JSON API mounted under /api/v1/. It gets
	// the server's permission checker and a way to read the web session's
	// user, so the API and the pages enforce the same rules.
	API func(authz *auth.Authorizer, sessionUser func(*http.Request) *model.User) http.Handler
	// Logger receives the access log and errors; nil means slog.Default().
	Logger *slog.Logger
}

// New builds the server and its routes.
func New(ctx context.Context, st *storage.Storage, opt Options) (*Server, error) {
	authz, err := auth.LoadAuthorizer(ctx, st)
	if err != nil {
		return nil, err
	}
	v, err := loadViews()
	if err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = st.Sessions()
	sm.Lifetime = 12 * time.Hour
	sm.IdleTimeout = 2 * time.Hour
	sm.Cookie.Name = "zhijiao_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = opt.Secure
	s := &Server{
		st: st, authz: authz, sm: sm, views: v,
		ipLimit: auth.NewThrottle(20, 15*time.Minute),
		log:     cmp.Or(opt.Logger, slog.Default()),
		mux:     http.NewServeMux(),
		names:   auth.NewNameDelays(),
		trusted: opt.TrustedProxies,
		metrics: newMetrics(),
	}
	if opt.API != nil {
		s.api = opt.API(authz, s.currentUser)
	}
	s.routes()
	// The batch export worker runs with the server and stops with ctx;
	// jobs a previous process left running are resumed or failed first.
	s.jobs = reportcard.NewRunner(st, s.log)
	s.jobs.Start(ctx)
	s.provisional = evalrun.StartProvisional(ctx, st, s.log)
	s.districtJobs = evalrun.NewDistrictRunner(st, s.log)
	s.districtJobs.Start(ctx)
	return s, nil
}

// Authorizer exposes the permission checker, so the route-matrix test
// checks every route against the same rules the guard applies.
func (s *Server) Authorizer() *auth.Authorizer { return s.authz }

// CatchUpProvisional queues the students whose provisional results are
// behind their sheets; `serve` calls it once at start (not ui.New, so a
// test's server does no work it did not ask for).
func (s *Server) CatchUpProvisional(ctx context.Context) {
	n, err := s.provisional.CatchUp(ctx)
	if err != nil {
		s.log.Error("provisional catch-up", "err", err)
		return
	}
	if n > 0 {
		s.log.Info("provisional catch-up", "students", n)
	}
}

// Handler is the whole site with its middleware: panic recovery, access
// log, CSRF protection (Sec-Fetch-Site / Origin checks), sessions.
func (s *Server) Handler() http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "跨站请求被拒绝（CSRF）", http.StatusForbidden)
	}))
	inner := s.securityHeaders(s.sm.LoadAndSave(s.refuseControl(s.mux)))
	protected := csrf.Handler(inner)
	// API calls that carry a bearer token are not ambient-credential
	// requests: a cross-site page cannot set that header without the
	// browser's CORS preflight, so the CSRF check is for cookie users.
	return s.recoverer(realIP(s.trusted, s.accessLog(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") && strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			inner.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	}))))
}

// PurgeSessions deletes expired sessions every hour until ctx ends.
func (s *Server) PurgeSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.st.Sessions().PurgeExpired(ctx); err != nil {
				s.log.Warn("purge sessions", "err", err)
			}
		}
	}
}
