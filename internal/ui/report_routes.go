package ui

import (
	"errors"
	"net/http"
	"os"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
)

// reportRoutes are report-card PDFs, their printable pages, the graduation
// archive, class workbooks, batch exports and the public verification.
//
// The PDF and the printable page share one route each: Go's router
// matches whole path segments, so "{student}.pdf" is the {student}
// segment with a suffix (see splitExt). /reports/archive/… is more
// specific than /reports/{cycle}/… and wins.
func (s *Server) reportRoutes() []route {
	return []route{
		{"GET", "/reports", "report:read", school, s.reportList},
		{"GET", "/reports/{cycle}/students/{student}", "report:read", school, s.reportShow},
		{"GET", "/reports/archive/students/{student}", "report:read", school, s.reportArchive},
		{"GET", "/reports/{cycle}/classes/{class}", "report:export", school, s.reportClassXLSX},
		{"POST", "/reports/jobs", "report:export", school, s.reportJobCreate},
		// {id} is the progress page, {id}.zip the finished ZIP.
		{"GET", "/reports/jobs/{id}", "report:export", school, s.reportJobShow},
		// Anyone holding a printed card may check it: no login.
		{"GET", "/verify", "", public, s.verifyShow},
		{"GET", "/verify/{code}", "", public, s.verifyShow},
	}
}

// splitExt splits "12.pdf" into "12" and "pdf".
func splitExt(v string) (string, string) {
	if i := strings.LastIndexByte(v, '.'); i >= 0 {
		return v[:i], v[i+1:]
	}
	return v, ""
}

// publicBase is the address links sent outside point to (printed cards'
// QR codes, employer-survey links): ZHIJIAO_PUBLIC_URL
// when set (behind a proxy the request's host may be an internal one),
// else the address this request came to, https when served over TLS or
// with secure cookies (HTTPS ends at a proxy).
func (s *Server) publicBase(r *http.Request) string {
	if u := os.Getenv("ZHIJIAO_PUBLIC_URL"); u != "" {
		return strings.TrimRight(u, "/")
	}
	scheme := "http"
	if r.TLS != nil || s.sm.Cookie.Secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// reportCycle reads the {cycle} of a report path: a cycle of the user's
// school with results, and for students and parents one that is
// publicised or final. ok false means the answer has been sent.
func (s *Server) reportCycle(w http.ResponseWriter, r *http.Request, sc auth.Scope) (storage.EvalCycle, bool) {
	c, ok := s.loadResultCycle(w, r)
	if !ok {
		return c, false
	}
	if familyOnly(sc) && !c.State.FamilyMayView() {
		s.errorPage(w, r, http.StatusNotFound, "结果尚未公示，公示开始后才能下载报告单")
		return c, false
	}
	return c, true
}

// reportStudent reads a student id path value (with or without an
// extension) the user may see in cycle c (classID of their result): any
// other student — another class, another school, a stranger's child —
// answers 404, the same as a student that does not exist.
func (s *Server) reportStudent(w http.ResponseWriter, r *http.Request, sc auth.Scope, id int64, classID int64) bool {
	if id <= 0 || !sc.AllowsStudent(id, classID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return false
	}
	return true
}

// cardError answers a loader error: a missing result is a 404 with its
// reason, anything else a 500.
func (s *Server) cardError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, reportcard.ErrNoResult) {
		s.errorPage(w, r, http.StatusNotFound, reportcard.ErrNoResult.Error())
		return
	}
	s.notFoundOr(w, r, err)
}
