package ui

import "net/http"

// routes is the site map. Every route names the permission it needs;
// handlers then narrow to the user's school and scope.
func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /static/", http.StripPrefix("/static/", staticFS()))
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /login", s.loginShow)
	m.HandleFunc("POST /login", s.loginSubmit)
	m.HandleFunc("POST /logout", s.logout)
	m.HandleFunc("GET /lang/{lang}", s.langSwitch)
	m.HandleFunc("GET /password", s.guard("", s.passwordShow))
	m.HandleFunc("POST /password", s.guard("", s.passwordSubmit))
	m.HandleFunc("GET /{$}", s.guard("", s.home))

	m.HandleFunc("GET /students", s.guard("student:read", s.studentList))
	m.HandleFunc("GET /students/new", s.guard("student:manage", s.studentNew))
	m.HandleFunc("POST /students", s.guard("student:manage", s.studentCreate))
	m.HandleFunc("GET /students/{id}", s.guard("student:read", s.studentShow))
	m.HandleFunc("GET /students/{id}/edit", s.guard("student:manage", s.studentEdit))
	m.HandleFunc("POST /students/{id}", s.guard("student:manage", s.studentUpdate))
	m.HandleFunc("POST /students/{id}/enrollment", s.guard("student:manage", s.studentEnrollment))

	m.HandleFunc("GET /import", s.guard("student:import", s.importShow))
	m.HandleFunc("POST /import/{kind}", s.guard("", s.importSubmit))
	m.HandleFunc("GET /import/template/{kind}", s.guard("", s.importTemplate))
	m.HandleFunc("GET /import/errors/{token}", s.guard("", s.importErrors))
	m.HandleFunc("GET /export/{kind}", s.guard("", s.exportDownload))

	s.extraRoutes(m)

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
