package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type classListData struct {
	Classes     []model.Class
	Pager       pager
	Filter      storage.ClassFilter
	Departments []model.Department
	Majors      []model.Major
	Cohorts     []model.Cohort
}

// classList shows the classes the user may see: every class for school
// offices, their own for head teachers, subject teachers and department
// heads (the scope's ClassIDs).
func (s *Server) classList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	f := storage.ClassFilter{ListQuery: listQuery(r), DepartmentID: queryInt(r, "department"), MajorID: queryInt(r, "major"), EntryYear: int(queryInt(r, "year"))}
	if !sc.All {
		f.Scoped, f.ClassIDs = true, sc.ClassIDs
	}
	list, total, err := s.st.Classes(ctx, school, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := classListData{Classes: list, Pager: newPager(r, f.ListQuery, total), Filter: f}
	if d.Departments, err = s.st.Departments(ctx, school); err == nil {
		if d.Majors, _, err = s.st.Majors(ctx, school, storage.MajorFilter{ListQuery: model.AllRows()}); err == nil {
			d.Cohorts, err = s.st.Cohorts(ctx, school)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "class_list", "班级", d)
}
