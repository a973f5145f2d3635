package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// deptRow is a department with its head's name.
type deptRow struct {
	model.Department
	HeadName   string
	HeadListed bool // the head is among the selectable heads
}

type departmentPageData struct {
	Departments []deptRow
	Heads       []model.User // accounts holding the 专业部主任 role
	Errors      formErrors
	Form        string
	New         model.Department
}

// departmentRows lists the school's departments with their heads' names.
func (s *Server) departmentRows(r *http.Request) ([]deptRow, error) {
	ctx, school := r.Context(), schoolOf(r)
	deps, err := s.st.Departments(ctx, school)
	if err != nil {
		return nil, err
	}
	heads, err := s.st.DepartmentHeadNames(ctx, school)
	if err != nil {
		return nil, err
	}
	out := make([]deptRow, len(deps))
	for i, d := range deps {
		out[i].Department, out[i].HeadName = d, heads[d.ID]
	}
	return out, nil
}

// departmentHeads lists the accounts that may head a department.
func (s *Server) departmentHeads(r *http.Request) ([]model.User, error) {
	users, _, err := s.st.Users(r.Context(), schoolOf(r), storage.UserFilter{Role: model.RoleDeptHead, ListQuery: model.AllRows()})
	return users, err
}

func (s *Server) departmentPage(w http.ResponseWriter, r *http.Request, status int, d departmentPageData) {
	var err error
	if d.Departments, err = s.departmentRows(r); err == nil {
		d.Heads, err = s.departmentHeads(r)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i := range d.Departments {
		for _, h := range d.Heads {
			d.Departments[i].HeadListed = d.Departments[i].HeadListed || h.ID == d.Departments[i].HeadUserID
		}
	}
	s.render(w, r, status, "org_departments", "专业部", d)
}

func (s *Server) departmentList(w http.ResponseWriter, r *http.Request) {
	s.departmentPage(w, r, http.StatusOK, departmentPageData{})
}
