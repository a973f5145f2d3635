package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type teacherListData struct {
	Teachers    []model.Teacher
	Pager       pager
	Filter      storage.TeacherFilter
	Dual        string // "", "1" or "0"
	Departments []model.Department
}

// teacherList lists the school's teachers with search and the 专业部 and
// 双师型 filters. Phone numbers are masked in the list.
func (s *Server) teacherList(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	f := storage.TeacherFilter{ListQuery: listQuery(r), DepartmentID: queryInt(r, "department")}
	dual := r.URL.Query().Get("dual")
	switch dual {
	case "1", "0":
		v := dual == "1"
		f.DualQualified = &v
	default:
		dual = ""
	}
	list, total, err := s.st.Teachers(ctx, school, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := teacherListData{Teachers: list, Pager: newPager(r, f.ListQuery, total), Filter: f, Dual: dual}
	if d.Departments, err = s.st.Departments(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "teacher_list", "教师", d)
}
