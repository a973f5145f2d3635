package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/model"
)

// checkHead validates a chosen department head: 0 (none) or an account of
// this school that holds the 专业部主任 role.
func (s *Server) checkHead(r *http.Request, errs *formErrors, userID int64) {
	if userID == 0 {
		return
	}
	u, err := s.st.User(r.Context(), schoolOf(r), userID)
	if err != nil {
		errs.add("所选主任账号不存在")
		return
	}
	if !slices.Contains(u.Roles, model.RoleDeptHead) {
		errs.add("账号 " + u.Username + " 没有「专业部主任」角色")
	}
}

// departmentCreate adds a 专业部.
func (s *Server) departmentCreate(w http.ResponseWriter, r *http.Request) {
	d := model.Department{Name: field(r, "name"), Description: field(r, "description"), HeadUserID: formInt(r, "head_user_id")}
	var errs formErrors
	if d.Name == "" {
		errs.add("专业部名称不能为空")
	}
	maxLen(&errs, "专业部名称", d.Name, 50)
	maxLen(&errs, "说明", d.Description, 200)
	s.checkHead(r, &errs, d.HeadUserID)
	if !errs.any() {
		errs.addErr("", s.st.CreateDepartment(r.Context(), schoolOf(r), actor(r), &d))
	}
	if errs.any() {
		s.departmentPage(w, r, http.StatusUnprocessableEntity, departmentPageData{Errors: errs, Form: "new", New: d})
		return
	}
	s.redirect(w, r, "/org/departments", "已新增专业部")
}

// departmentSetHead names (or clears) the head of a department.
func (s *Server) departmentSetHead(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	head := formInt(r, "head_user_id")
	var errs formErrors
	s.checkHead(r, &errs, head)
	if errs.any() {
		s.departmentPage(w, r, http.StatusUnprocessableEntity, departmentPageData{Errors: errs})
		return
	}
	if err := s.st.SetDepartmentHead(r.Context(), schoolOf(r), actor(r), id, head); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.redirect(w, r, "/org/departments", "已设置专业部主任")
}
