package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type studentListData struct {
	Students []model.Student
	Pager    pager
	Filter   storage.StudentFilter
	Classes  []model.Class
	Majors   []model.Major
	Statuses []model.EnrollmentStatus
	ShowID   bool
}

// studentList shows the students the user may see: everyone for school
// offices, their classes for head and subject teachers, their children or
// apprentices for parents and mentors. ID numbers are masked in the list.
func (s *Server) studentList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	school := schoolOf(r)
	f := storage.StudentFilter{ListQuery: listQuery(r), ClassID: queryInt(r, "class"), MajorID: queryInt(r, "major"),
		Status: model.EnrollmentStatus(r.URL.Query().Get("status"))}
	f.EntryYear = int(queryInt(r, "year"))
	if !sc.All {
		f.Scoped, f.ClassIDs, f.StudentIDs = true, sc.ClassIDs, sc.StudentIDs
	}
	list, total, err := s.st.Students(r.Context(), school, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cf := storage.ClassFilter{ListQuery: model.AllRows()}
	if !sc.All {
		cf.Scoped, cf.ClassIDs = true, sc.ClassIDs
	}
	classes, _, err := s.st.Classes(r.Context(), school, cf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var majors []model.Major
	if sc.All {
		majors, _, _ = s.st.Majors(r.Context(), school, storage.MajorFilter{ListQuery: model.AllRows()})
	}
	s.render(w, r, http.StatusOK, "student_list", "学生", studentListData{
		Students: list, Pager: newPager(r, f.ListQuery, total), Filter: f, Classes: classes, Majors: majors,
		Statuses: model.EnrollmentStatuses,
	})
}
