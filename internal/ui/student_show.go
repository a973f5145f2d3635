package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
)

type studentShowData struct {
	Student    model.Student
	Guardians  []model.Guardian
	History    []model.EnrollmentChange
	Placements []model.Placement
	ShowID     bool
	Statuses   []model.EnrollmentStatus
	Today      string
}

// loadStudent reads the student named in the path and checks the scope.
// A student outside the scope is reported as not found, not forbidden, so
// URLs do not reveal who exists.
func (s *Server) loadStudent(w http.ResponseWriter, r *http.Request) (model.Student, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Student{}, false
	}
	st, err := s.st.Student(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return st, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return st, false
	}
	if !sc.AllowsStudent(st.ID, st.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return st, false
	}
	return st, true
}

func (s *Server) studentShow(w http.ResponseWriter, r *http.Request) {
	st, ok := s.loadStudent(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	d := studentShowData{Student: st, ShowID: s.authz.Can(userOf(r), "student:read_id"), Statuses: model.EnrollmentStatuses, Today: today()}
	var err error
	if d.Guardians, err = s.st.GuardiansOf(ctx, school, st.ID); err == nil {
		if d.History, err = s.st.EnrollmentHistory(ctx, school, st.ID); err == nil {
			d.Placements, err = s.st.PlacementsOf(ctx, school, st.ID)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "student_show", st.Name, d)
}

// studentEnrollment records a dated 学籍 change.
func (s *Server) studentEnrollment(w http.ResponseWriter, r *http.Request) {
	st, ok := s.loadStudent(w, r)
	if !ok {
		return
	}
	err := s.st.ChangeEnrollment(r.Context(), schoolOf(r), actor(r), st.ID, model.EnrollmentStatus(r.FormValue("status")), r.FormValue("date"), r.FormValue("reason"))
	if err != nil {
		s.flashError(r, err.Error())
	} else {
		s.flash(r, "学籍状态已更新")
	}
	http.Redirect(w, r, "/students/"+strconv.FormatInt(st.ID, 10), http.StatusSeeOther)
}
