package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type majorPageData struct {
	Majors      []model.Major
	Pager       pager
	Filter      storage.MajorFilter
	Categories  []model.MajorCategory
	Departments []model.Department
	Errors      formErrors
	Form        string // "category" or "major"
	NewCategory model.MajorCategory
	NewMajor    model.Major
}

// majorPage renders 专业大类与专业: the filtered, paged list of majors and
// the forms to add a category and a major.
func (s *Server) majorPage(w http.ResponseWriter, r *http.Request, status int, d majorPageData) {
	ctx, school := r.Context(), schoolOf(r)
	d.Filter = storage.MajorFilter{ListQuery: listQuery(r), DepartmentID: queryInt(r, "department"), CategoryID: queryInt(r, "category")}
	list, total, err := s.st.Majors(ctx, school, d.Filter)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Majors, d.Pager = list, newPager(r, d.Filter.ListQuery, total)
	if d.Categories, err = s.st.MajorCategories(ctx, school); err == nil {
		d.Departments, err = s.st.Departments(ctx, school)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "org_majors", "专业大类与专业", d)
}

func (s *Server) majorList(w http.ResponseWriter, r *http.Request) {
	s.majorPage(w, r, http.StatusOK, majorPageData{})
}
