package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type teacherShowData struct {
	Teacher     model.Teacher
	Classes     []model.Class
	Assignments []model.TeachingAssignment
	TermNames   map[int64]string
	CurrentTerm int64
	ShowPhone   bool
	// ShowResearch: the viewer may open the teacher's 科研 tab.
	ShowResearch bool
	// Dual is the teacher's current 双师型 level ("" for none): a
	// recognition (/development/dual), no longer the old checkbox.
	Dual string
}

func (s *Server) loadTeacher(w http.ResponseWriter, r *http.Request) (model.Teacher, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Teacher{}, false
	}
	t, err := s.st.Teacher(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return t, false
	}
	return t, true
}

// teacherShow is one teacher with the classes they head and what they
// teach, term by term. The ID number is always masked here.
func (s *Server) teacherShow(w http.ResponseWriter, r *http.Request) {
	t, ok := s.loadTeacher(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	d := teacherShowData{Teacher: t, TermNames: map[int64]string{}, ShowPhone: s.authz.Can(userOf(r), "teacher:manage"), Dual: t.DualLevel}
	ids, err := s.st.ClassesOfHeadTeacher(ctx, school, t.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(ids) > 0 {
		if d.Classes, _, err = s.st.Classes(ctx, school, storage.ClassFilter{ListQuery: model.AllRows(), Scoped: true, ClassIDs: ids}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if d.Assignments, err = s.st.TeachingAssignments(ctx, school, storage.TeachingFilter{TeacherID: t.ID}); err != nil {
		s.serverError(w, r, err)
		return
	}
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.ShowResearch, _, err = s.researchViewer(r, t); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, tm := range terms {
		d.TermNames[tm.ID] = termName(r, tm)
		if tm.IsCurrent {
			d.CurrentTerm = tm.ID
		}
	}
	s.render(w, r, http.StatusOK, "teacher_show", t.Name, d)
}

// termName is a term as schools say it, in the request's language.
func termName(r *http.Request, t model.Term) string {
	if langOf(r) != "en" {
		return t.Name()
	}
	sem := "第一学期"
	if t.Semester == 2 {
		sem = "第二学期"
	}
	return t.YearName + ", " + translate("en", sem)
}
