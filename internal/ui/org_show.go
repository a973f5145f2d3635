package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type orgShowData struct {
	Counts      storage.SchoolCounts
	Term        model.Term
	HasTerm     bool
	Courses     int
	Departments []deptRow
}

// orgShow is the overview of the school's organisation: the current term
// and what each section holds, with links into the sections.
func (s *Server) orgShow(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	d := orgShowData{}
	var err error
	if d.Counts, err = s.st.Counts(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if t, err := s.st.CurrentTerm(ctx, school); err == nil {
		d.Term, d.HasTerm = t, true
	}
	if _, d.Courses, err = s.st.Courses(ctx, school, model.ListQuery{PerPage: 1}); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Departments, err = s.departmentRows(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org", "组织机构", d)
}
