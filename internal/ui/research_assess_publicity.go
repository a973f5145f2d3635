package ui

import (
	"net/http"

	"zhijiao/internal/storage"
)

// The 公示 list: every teacher's points and ranks, for the school's
// teachers during and after 公示. Before it each teacher sees only their
// own points (/research/mine), so the list answers 404 until then.
func (s *Server) researchPublicity(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	ra, err := s.st.ResearchAssessment(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if !ra.Publicised() {
		s.errorPage(w, r, http.StatusNotFound, "该考核尚未公示")
		return
	}
	rows, err := s.st.ResearchTotals(ctx, school, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := struct {
		A           storage.ResearchAssessment
		Departments []researchDept
	}{ra, byDepartment(rows)}
	s.render(w, r, http.StatusOK, "research_publicity", "科研考核公示", d)
}
