package ui

import (
	"net/http"
	"net/url"
	"strings"

	"zhijiao/internal/reportcard"
)

type verifyData struct {
	Code    string // as typed, for the form
	Checked bool
	Blocked bool // too many invalid codes from this address
	Verdict reportcard.Verdict
}

// verifyShow is the public verification page: a form to type a code, and
// for /verify/{code} (what the QR code opens) the verdict. A valid code
// shows only name, school, term and levels; a tampered, unknown or
// superseded one says 无效 and nothing else.
func (s *Server) verifyShow(w http.ResponseWriter, r *http.Request) {
	if q := strings.TrimSpace(r.URL.Query().Get("code")); q != "" && r.PathValue("code") == "" {
		http.Redirect(w, r, "/verify/"+url.PathEscape(q), http.StatusSeeOther)
		return
	}
	d := verifyData{Code: r.PathValue("code")}
	status := http.StatusOK
	if d.Code != "" {
		// Codes are unguessable; still, an address that keeps trying
		// codes that are not valid is slowed down like failed logins.
		key := "verify:" + clientIP(r)
		if blocked, _ := s.ipLimit.Blocked(key); blocked {
			d.Blocked, status = true, http.StatusTooManyRequests
		} else {
			l := &reportcard.Loader{St: s.st}
			v, err := l.Verify(r.Context(), d.Code)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if !v.Valid {
				s.ipLimit.Fail(key)
			}
			d.Checked, d.Verdict = true, v
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, status, "report_verify", "报告单验证", d)
}
