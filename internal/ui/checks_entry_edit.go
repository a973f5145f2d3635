package ui

import (
	"net/http"

	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// checksEntryDelete removes an entry: any checker before its day is
// published; after, a manager with a written reason (check:manage is
// asked here, the storage refuses a published day without a reason).
func (s *Server) checksEntryDelete(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadCheckEntry(w, r)
	if !ok {
		return
	}
	back := "/checks/entry?day=" + e.Day + "&item=" + itoa64(e.ItemID)
	why := field(r, "why")
	if why != "" && !s.authz.Can(userOf(r), "check:manage") {
		why = "" // only managers change a published day
	}
	if err := s.st.DeleteCheckEntry(r.Context(), schoolOf(r), actor(r), e.ID, why); err != nil {
		s.refusedOr(w, r, err, back)
		return
	}
	s.redirect(w, r, back, "已删除")
}

// checksEntryCorrect changes an entry's points and reason (check:manage);
// after publication a written reason is required and audited.
func (s *Server) checksEntryCorrect(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadCheckEntry(w, r)
	if !ok {
		return
	}
	back := "/checks/entry?day=" + e.Day + "&item=" + itoa64(e.ItemID)
	var errs formErrors
	pts, reason := validate.CheckEntry(validate.CheckEntryText{Points: field(r, "points"), Reason: field(r, "reason")}, &errs)
	if errs.any() {
		s.flashError(r, errs[0])
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	if err := s.st.CorrectCheckEntry(r.Context(), schoolOf(r), actor(r), e.ID, pts, reason, field(r, "why")); err != nil {
		s.refusedOr(w, r, err, back)
		return
	}
	s.redirect(w, r, back, "已更正")
}

// loadCheckEntry reads the entry named in the path, of the user's school.
func (s *Server) loadCheckEntry(w http.ResponseWriter, r *http.Request) (storage.CheckEntry, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return storage.CheckEntry{}, false
	}
	e, err := s.st.CheckEntryByID(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return e, false
	}
	return e, true
}
