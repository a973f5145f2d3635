package ui

import (
	"net/http"

	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// checksEntryDelete removes an entry: a checker before its day is
// published (a council member only their own); after, a manager with a
// written reason (check:manage is asked here, the storage refuses a
// published day without a reason).
func (s *Server) checksEntryDelete(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEditableEntry(w, r)
	if !ok {
		return
	}
	back := "/checks/entry?day=" + e.Day + "&item=" + itoa64(e.ItemID)
	if err := s.st.DeleteCheckEntry(r.Context(), schoolOf(r), actor(r), e.ID, s.checkWhy(r)); err != nil {
		s.refusedOr(w, r, err, back)
		return
	}
	s.redirect(w, r, back, "已删除")
}

// checksEntryCorrect changes an entry's points and reason, under the
// rules of checksEntryDelete: after publication only a manager, with a
// written reason, audited.
func (s *Server) checksEntryCorrect(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEditableEntry(w, r)
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
	if err := s.st.CorrectCheckEntry(r.Context(), schoolOf(r), actor(r), e.ID, pts, reason, s.checkWhy(r)); err != nil {
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

// loadEditableEntry is loadCheckEntry for a change: a council member may
// change only the entries they made.
func (s *Server) loadEditableEntry(w http.ResponseWriter, r *http.Request) (storage.CheckEntry, bool) {
	e, ok := s.loadCheckEntry(w, r)
	if ok && isCouncil(userOf(r)) && e.EnteredBy != userOf(r).ID {
		s.errorPage(w, r, http.StatusForbidden, "学生会干部只能修改自己录入的记录")
		return e, false
	}
	return e, ok
}

// checkWhy is the posted reason for changing a published day; only a
// manager's counts, so a checker's change of a published day is refused.
func (s *Server) checkWhy(r *http.Request) string {
	if !s.authz.Can(userOf(r), "check:manage") {
		return ""
	}
	return field(r, "why")
}
