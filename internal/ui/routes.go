package ui

import "net/http"

// access says which guard a route goes through.
type access int

const (
	public   access = iota // no login (login page, static files, health)
	anyUser                // any logged-in account, school or platform
	school                 // one school's data: platform accounts are sent away
	platform               // platform accounts only
)

// route is one page or form action. Every field is policy: who may call a
// route is decided here, by the one guard, never inside a handler; the
// handler then narrows to the user's school and scope.
type route struct {
	Method, Path string
	Perm         string // resource:action, "" for any logged-in account
	Access       access
	H            http.HandlerFunc
}

// RouteInfo describes a route for tests and documentation.
type RouteInfo struct {
	Method, Path, Perm string
	School, Platform   bool
}

// Routes lists the site map (without its handlers).
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.routeTable() {
		if r.Access == public {
			continue
		}
		out = append(out, RouteInfo{Method: r.Method, Path: r.Path, Perm: r.Perm, School: r.Access == school, Platform: r.Access == platform})
	}
	return out
}

// routeTable is the site map: one list per area, each in its own file
// (routes_people.go, routes_org.go, routes_eval.go, and the areas that
// grow on their own: evidence, results and appeals, rating entry,
// portraits, the 数据画像, reports). A new area adds one list here.
func (s *Server) routeTable() []route {
	var rt []route
	for _, area := range [][]route{
		s.accountRoutes(),
		s.peopleRoutes(),
		s.orgRoutes(),
		s.evalRoutes(),
		s.evidenceRoutes(),
		s.conductRoutes(),
		s.researchRoutes(),
		s.developmentRoutes(),
		s.researchAssessRoutes(),
		s.developmentProgressRoutes(),
		s.studioRoutes(),
		s.resultRoutes(),
		s.ratingEntryRoutes(),
		s.portraitRoutes(),
		s.kpiRoutes(),
		s.reportRoutes(),
		s.checksRoutes(),
		s.familyRoutes(),
	} {
		rt = append(rt, area...)
	}
	return rt
}

// accountRoutes are the pages every visitor or account has: health and
// metrics, login, language, one's own password and tokens, the home page.
func (s *Server) accountRoutes() []route {
	return []route{
		{"GET", "/healthz", "", public, s.healthz},
		{"GET", "/metrics", "", public, s.serveMetrics}, // loopback or ZHIJIAO_METRICS_TOKEN
		{"GET", "/login", "", public, s.loginShow},
		{"POST", "/login", "", public, s.loginSubmit},
		{"POST", "/logout", "", public, s.logout},
		{"GET", "/lang/{lang}", "", public, s.langSwitch},
		{"GET", "/password", "", anyUser, s.passwordShow},
		{"POST", "/password", "", anyUser, s.passwordSubmit},
		{"GET", "/{$}", "", anyUser, s.home},

		// Tokens belong to an account, not to a school: platform accounts
		// may hold them too (stored with school 0).
		{"GET", "/tokens", "token:manage", anyUser, s.tokenList},
		{"POST", "/tokens", "token:manage", anyUser, s.tokenCreate},
		{"POST", "/tokens/{id}/revoke", "token:manage", anyUser, s.tokenRevoke},
	}
}

// routes registers the table, each route behind its guard.
func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /static/", http.StripPrefix("/static/", staticFS()))
	for _, r := range s.routeTable() {
		h := r.H
		switch r.Access {
		case anyUser:
			h = s.guard(r.Perm, h)
		case school:
			h = s.schoolGuard(r.Perm, h)
		case platform:
			h = s.guard(r.Perm, s.platformOnly(h))
		}
		m.HandleFunc(r.Method+" "+r.Path, named(r.Method+" "+r.Path, h))
	}
	if s.api != nil {
		m.Handle("/api/v1/", s.api)
	}
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusNotFound, "页面不存在")
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.st.DB().PingContext(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok"))
}
