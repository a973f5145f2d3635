package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type classShowData struct {
	Class       model.Class
	Major       model.Major
	Students    []model.Student
	Pager       pager
	Term        model.Term
	HasTerm     bool
	Assignments []model.TeachingAssignment
}

// loadClass reads the class named in the path and checks the scope: a
// class outside it is reported as not found.
func (s *Server) loadClass(w http.ResponseWriter, r *http.Request) (model.Class, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Class{}, false
	}
	c, err := s.st.Class(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return c, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return c, false
	}
	if !sc.AllowsClass(c.ID) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return c, false
	}
	return c, true
}

// classShow is one class: its head teacher, its students (paged) and who
// teaches it this term.
func (s *Server) classShow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClass(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	d := classShowData{Class: c}
	var err error
	if d.Major, err = s.st.Major(ctx, school, c.MajorID); err != nil {
		s.serverError(w, r, err)
		return
	}
	q := listQuery(r)
	q.PerPage = 60
	students, total, err := s.st.Students(ctx, school, storage.StudentFilter{ListQuery: q, ClassID: c.ID})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Students, d.Pager = students, newPager(r, q, total)
	if t, err := s.st.CurrentTerm(ctx, school); err == nil {
		d.Term, d.HasTerm = t, true
		if d.Assignments, err = s.st.TeachingAssignments(ctx, school, storage.TeachingFilter{TermID: t.ID, ClassID: c.ID}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "class_show", c.Name, d)
}
