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

// routeTable is the site map. Areas that grow on their own (evidence,
// results and appeals, rating entry, portraits, the 数据画像, reports) add
// their routes from their own files.
func (s *Server) routeTable() []route {
	rt := []route{
		{"GET", "/healthz", "", public, s.healthz},
		{"GET", "/metrics", "", public, s.serveMetrics}, // loopback or ZHIJIAO_METRICS_TOKEN
		{"GET", "/login", "", public, s.loginShow},
		{"POST", "/login", "", public, s.loginSubmit},
		{"POST", "/logout", "", public, s.logout},
		{"GET", "/lang/{lang}", "", public, s.langSwitch},
		{"GET", "/password", "", anyUser, s.passwordShow},
		{"POST", "/password", "", anyUser, s.passwordSubmit},
		{"GET", "/{$}", "", anyUser, s.home},

		{"GET", "/students", "student:read", school, s.studentList},
		{"GET", "/students/new", "student:manage", school, s.studentNew},
		{"POST", "/students", "student:manage", school, s.studentCreate},
		{"GET", "/students/{id}", "student:read", school, s.studentShow},
		{"GET", "/students/{id}/edit", "student:manage", school, s.studentEdit},
		{"POST", "/students/{id}", "student:manage", school, s.studentUpdate},
		{"POST", "/students/{id}/enrollment", "student:manage", school, s.studentEnrollment},

		// Import and export check the permission of the roster kind named
		// in the path (importer.Kinds) in kindAllowed.
		{"GET", "/import", "student:import", school, s.importShow},
		{"POST", "/import/{kind}", "", school, s.importSubmit},
		{"GET", "/import/template/{kind}", "", school, s.importTemplate},
		{"GET", "/import/errors/{token}", "", school, s.importErrors},
		{"GET", "/export/{kind}", "", school, s.exportDownload},

		{"GET", "/org", "org:read", school, s.orgShow},
		{"GET", "/org/terms", "org:read", school, s.termList},
		{"POST", "/org/years", "org:manage", school, s.yearCreate},
		{"POST", "/org/terms", "org:manage", school, s.termCreate},
		{"POST", "/org/terms/{id}/current", "org:manage", school, s.termSetCurrent},
		{"GET", "/org/departments", "org:read", school, s.departmentList},
		{"POST", "/org/departments", "org:manage", school, s.departmentCreate},
		{"POST", "/org/departments/{id}/head", "org:manage", school, s.departmentSetHead},
		{"GET", "/org/majors", "org:read", school, s.majorList},
		{"POST", "/org/categories", "org:manage", school, s.categoryCreate},
		{"POST", "/org/majors", "org:manage", school, s.majorCreate},
		{"GET", "/org/majors/{id}/edit", "org:manage", school, s.majorEdit},
		{"POST", "/org/majors/{id}", "org:manage", school, s.majorUpdate},
		{"GET", "/org/courses", "org:read", school, s.courseList},
		{"POST", "/org/courses", "org:manage", school, s.courseCreate},
		{"POST", "/org/assignments", "org:manage", school, s.assignmentCreate},

		{"GET", "/classes", "class:read", school, s.classList},
		{"GET", "/classes/new", "class:manage", school, s.classNew},
		{"POST", "/classes", "class:manage", school, s.classCreate},
		{"GET", "/classes/{id}", "class:read", school, s.classShow},
		{"GET", "/classes/{id}/edit", "class:manage", school, s.classEdit},
		{"POST", "/classes/{id}", "class:manage", school, s.classUpdate},

		{"GET", "/teachers", "teacher:read", school, s.teacherList},
		{"GET", "/teachers/new", "teacher:manage", school, s.teacherNew},
		{"POST", "/teachers", "teacher:manage", school, s.teacherCreate},
		{"GET", "/teachers/{id}", "teacher:read", school, s.teacherShow},
		{"GET", "/teachers/{id}/edit", "teacher:manage", school, s.teacherEdit},
		{"POST", "/teachers/{id}", "teacher:manage", school, s.teacherUpdate},

		{"GET", "/enterprises", "enterprise:read", school, s.enterpriseList},
		{"GET", "/enterprises/new", "enterprise:manage", school, s.enterpriseNew},
		{"POST", "/enterprises", "enterprise:manage", school, s.enterpriseCreate},
		{"GET", "/enterprises/{id}", "enterprise:read", school, s.enterpriseShow},
		{"POST", "/enterprises/{id}/mentors", "enterprise:manage", school, s.mentorCreate},
		{"POST", "/enterprises/{id}/placements", "enterprise:manage", school, s.placementCreate},

		{"GET", "/users", "user:read", school, s.userList},
		{"GET", "/users/new", "user:manage", school, s.userNew},
		{"POST", "/users", "user:manage", school, s.userCreate},
		{"GET", "/users/batch", "user:manage", school, s.userBatchShow},
		{"POST", "/users/batch", "user:manage", school, s.userBatchCreate},
		{"GET", "/users/{id}", "user:read", school, s.userShow},
		{"POST", "/users/{id}/roles", "user:manage", school, s.userSetRoles},
		{"POST", "/users/{id}/password", "user:manage", school, s.userResetPassword},
		{"POST", "/users/{id}/disabled", "user:manage", school, s.userSetDisabled},

		{"GET", "/frameworks", "framework:read", school, s.frameworkList},
		{"POST", "/frameworks/default", "framework:manage", school, s.frameworkAdoptDefault},
		{"POST", "/frameworks/import", "framework:manage", school, s.frameworkImport},
		{"GET", "/frameworks/{id}", "framework:read", school, s.frameworkShow},
		{"POST", "/frameworks/{id}/default", "framework:manage", school, s.frameworkSetDefault},
		{"GET", "/frameworks/{id}/edit", "framework:manage", school, s.frameworkEdit},
		{"POST", "/frameworks/{id}/versions", "framework:manage", school, s.frameworkSaveVersion},
		{"GET", "/frameworks/{id}/export.json", "framework:read", school, s.frameworkExportJSON},
		{"GET", "/frameworks/{id}/export.xlsx", "framework:read", school, s.frameworkExportXLSX},
		{"GET", "/evidence-rules", "framework:read", school, s.evidenceRules},
		{"POST", "/evidence-rules/default", "framework:manage", school, s.evidenceRulesAdopt},
		{"GET", "/evidence-rules/edit", "framework:manage", school, s.evidenceRulesEdit},
		{"POST", "/evidence-rules", "framework:manage", school, s.evidenceRulesSave},

		{"GET", "/audit", "audit:read", school, s.auditList},

		{"GET", "/cycles", "cycle:read", school, s.cycleList},
		{"POST", "/cycles", "cycle:manage", school, s.cycleCreate},
		{"GET", "/cycles/{id}", "cycle:read", school, s.cycleShow},
		{"POST", "/cycles/{id}/state", "cycle:manage", school, s.cycleMove},
		{"GET", "/cycles/{id}/fairness", "cycle:read", school, s.cycleFairness},
		{"GET", "/rate", "rating:submit", school, s.rateHome},
		{"GET", "/rate/{cycle}/{role}/{student}", "rating:submit", school, s.rateShow},
		{"POST", "/rate/{cycle}/{role}/{student}", "rating:submit", school, s.rateSubmit},

		// Tokens belong to an account, not to a school: platform accounts
		// may hold them too (stored with school 0).
		{"GET", "/tokens", "token:manage", anyUser, s.tokenList},
		{"POST", "/tokens", "token:manage", anyUser, s.tokenCreate},
		{"POST", "/tokens/{id}/revoke", "token:manage", anyUser, s.tokenRevoke},

		{"GET", "/platform/schools", "platform:manage", platform, s.schoolList},
		{"POST", "/platform/schools", "platform:manage", platform, s.schoolCreate},
	}
	rt = append(rt, s.evidenceRoutes()...)
	rt = append(rt, s.resultRoutes()...)
	rt = append(rt, s.ratingEntryRoutes()...)
	rt = append(rt, s.portraitRoutes()...)
	rt = append(rt, s.kpiRoutes()...)
	return append(rt, s.reportRoutes()...)
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
