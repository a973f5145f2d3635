package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// bulkReview is a review queue whose ticked rows (or the one row of a
// show page) are verified or rejected together: where the queue is, which
// pages a "back" field may return to, and the done messages (with the
// count).
type bulkReview struct {
	queue, backPrefix  string
	verified, rejected string
}

// decideBulk reads the ticked ids, the decision (verify or reject) and the
// reason, runs decide (one transaction in the store) and goes back with
// the count done, or with the refusal's reason.
func (s *Server) decideBulk(w http.ResponseWriter, r *http.Request, q bulkReview, decide func(ids []int64, ok bool, reason string) error) {
	r.ParseForm()
	var ids []int64
	for _, v := range r.Form["id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	ok := r.FormValue("decision") == "verify"
	err := decide(ids, ok, field(r, "reason"))
	var errs formErrors
	if err != nil && !errs.refused(err) {
		s.notFoundOr(w, r, err)
		return
	}
	back := q.queue
	if b := r.FormValue("back"); strings.HasPrefix(b, q.backPrefix) {
		back = b
	}
	if errs.any() {
		s.flashError(r, strings.Join(errs, "；"))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	done := q.verified
	if !ok {
		done = q.rejected
	}
	s.redirect(w, r, back, fmt.Sprintf(done, len(ids)))
}
