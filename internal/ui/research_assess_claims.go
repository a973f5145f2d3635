package ui

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The 科研处 claims for a teacher (认领) who cannot, or forgot: the same
// checklist as the teacher's, while claiming or reviewing.

type researchOfficeClaimsPage struct {
	A        storage.ResearchAssessment
	Teachers []model.Teacher
	Teacher  int64
	Claim    researchClaimForm
}

func (s *Server) researchOfficeClaims(w http.ResponseWriter, r *http.Request) {
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
	d := researchOfficeClaimsPage{A: ra, Teacher: queryInt(r, "teacher")}
	if d.Teachers, err = s.st.AllTeachers(ctx, school, storage.TeacherFilter{}); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Teacher != 0 {
		if !slices.ContainsFunc(d.Teachers, func(t model.Teacher) bool { return t.ID == d.Teacher }) {
			s.errorPage(w, r, http.StatusNotFound, "记录不存在")
			return
		}
		d.Claim = researchClaimForm{Action: "/research/assessments/" + itoa64(id) + "/claims", AssessmentID: id, TeacherID: d.Teacher,
			Open: ra.State == research.StateClaiming || ra.State == research.StateReviewing}
		if d.Claim.Rows, err = s.st.ResearchClaimable(ctx, school, id, d.Teacher); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "research_assess_claims", "代教师认领", d)
}

func (s *Server) researchOfficeClaimsSave(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	r.ParseForm()
	tid, _ := strconv.ParseInt(field(r, "teacher_id"), 10, 64)
	back := "/research/assessments/" + itoa64(id) + "/claims?teacher=" + itoa64(tid)
	err := s.st.ClaimResearch(r.Context(), schoolOf(r), actor(r), id, tid, outputIDs(r), true)
	switch {
	case err == nil:
		s.redirect(w, r, back, "已保存认领")
	case refused(err):
		s.flashError(r, err.Error())
		s.redirect(w, r, back, "")
	case errors.Is(err, storage.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
	default:
		s.serverError(w, r, err)
	}
}

// researchClaimAll claims, for every teacher, each verified output of the
// period they have not claimed: the office's start of a term, so nobody
// types what the office already verified.
func (s *Server) researchClaimAll(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	n, err := s.st.ClaimAllResearch(r.Context(), schoolOf(r), actor(r), id, nil)
	s.researchAfter(w, r, id, err, "已为教师认领 "+strconv.Itoa(n)+" 项已核实的成果")
}
