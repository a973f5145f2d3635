package ui

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/httpx"
)

// Small helpers shared by the forms: trimmed fields, dates, checkboxes,
// ids from the path, and an error list shown above a re-rendered form.

// formErrors collects the Chinese messages of a rejected form.
type formErrors []string

func (e *formErrors) add(msg string) { *e = append(*e, msg) }

// addErr adds err's message, prefixed with a field label when given.
func (e *formErrors) addErr(label string, err error) {
	if err == nil {
		return
	}
	if label != "" {
		*e = append(*e, label+"："+err.Error())
		return
	}
	*e = append(*e, err.Error())
}

func (e formErrors) any() bool { return len(e) > 0 }

// field is a trimmed form value.
func field(r *http.Request, k string) string { return strings.TrimSpace(r.FormValue(k)) }

// checked reports whether a checkbox was ticked.
func checked(r *http.Request, k string) bool {
	v := r.FormValue(k)
	return v != "" && v != "0" && v != "false"
}

// parseDay reads a YYYY-MM-DD date (what <input type="date"> sends).
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// checkDates validates a required start date and an end date (required
// when needEnd) that must not come before it.
func checkDates(errs *formErrors, start, end string, needEnd bool) {
	st, ok := parseDay(start)
	if !ok {
		errs.add("请填写正确的开始日期")
	}
	if end == "" {
		if needEnd {
			errs.add("请填写结束日期")
		}
		return
	}
	en, ok2 := parseDay(end)
	if !ok2 {
		errs.add("请填写正确的结束日期")
		return
	}
	if ok && en.Before(st) {
		errs.add("结束日期不能早于开始日期")
	}
}

// pathID reads {id} from the path (httpx.PathID) and answers a malformed
// id with the missing-page error.
func (s *Server) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
	}
	return id, ok
}

// redirect sends the browser on after a successful POST, with a flash.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		s.flash(r, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func itoa64(v int64) string { return strconv.FormatInt(v, 10) }

var (
	yearNameRe = regexp.MustCompile(`^(\d{4})-(\d{4})$`)
	codeRe     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)
)

// maxLen rejects over-long free text with a named message.
func maxLen(errs *formErrors, label, v string, n int) {
	if len([]rune(v)) > n {
		errs.add(label + "不能超过 " + strconv.Itoa(n) + " 个字")
	}
}

// noStore marks a response that carries a secret (an initial password or
// a token) so no cache or back button shows it again.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}
