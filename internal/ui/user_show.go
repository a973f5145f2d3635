package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

type userShowData struct {
	Account    model.User
	Linked     string // the person behind the account, as "教师 王老师（T001）"
	RoleChecks []roleCheck
	RoleLabels map[string]string
	Self       bool
	Foreign    bool // holds a role a school admin may not manage
	Errors     formErrors
}

// loadUser reads an account of this school; another school's account is
// not found.
func (s *Server) loadUser(w http.ResponseWriter, r *http.Request) (model.User, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.User{}, false
	}
	u, err := s.st.User(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return u, false
	}
	return u, true
}

// manageable reports whether every role of u is one a school admin grants.
func manageable(u model.User) bool {
	for _, ro := range u.Roles {
		if !slices.Contains(auth.SchoolRoles, ro) {
			return false
		}
	}
	return true
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request, status int, u model.User, errs formErrors) {
	ctx, school := r.Context(), schoolOf(r)
	d := userShowData{Account: u, RoleChecks: roleChecks(r, u.Roles), RoleLabels: roleLabels(r), Self: u.ID == userOf(r).ID, Foreign: !manageable(u), Errors: errs}
	switch {
	case u.TeacherID != 0:
		if t, err := s.st.Teacher(ctx, school, u.TeacherID); err == nil {
			d.Linked = "教师 " + t.Name + "（" + t.StaffNo + "）"
		}
	case u.StudentID != 0:
		if st, err := s.st.Student(ctx, school, u.StudentID); err == nil {
			d.Linked = "学生 " + st.Name + "（" + st.StudentNo + "）"
		}
	case u.MentorID != 0:
		if ms, err := s.st.Mentors(ctx, school, 0); err == nil {
			for _, m := range ms {
				if m.ID == u.MentorID {
					d.Linked = "企业导师 " + m.Name + "（" + m.EnterpriseName + "）"
				}
			}
		}
	case u.GuardianID != 0:
		d.Linked = "家长"
	}
	s.render(w, r, status, "user_show", u.Username, d)
}

func (s *Server) userShow(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loadUser(w, r)
	if !ok {
		return
	}
	s.userPage(w, r, http.StatusOK, u, nil)
}

// loadManaged is loadUser for changes: accounts holding a role outside
// the school's roles are not the school admin's to change.
func (s *Server) loadManaged(w http.ResponseWriter, r *http.Request) (model.User, bool) {
	u, ok := s.loadUser(w, r)
	if ok && !manageable(u) {
		s.errorPage(w, r, http.StatusForbidden, "您没有权限修改此账号")
		return u, false
	}
	return u, ok
}

// userSetRoles replaces an account's roles. One may not take the school
// admin role away from oneself (that would lock the school out).
func (s *Server) userSetRoles(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loadManaged(w, r)
	if !ok {
		return
	}
	r.ParseForm()
	roles := r.Form["roles"]
	var errs formErrors
	checkRoles(&errs, roles)
	if u.ID == userOf(r).ID && u.HasRole(model.RoleSchoolAdmin) && !slices.Contains(roles, model.RoleSchoolAdmin) {
		errs.add("不能取消自己的「学校管理员」角色")
	}
	if !errs.any() {
		errs.addErr("", s.st.SetRoles(r.Context(), schoolOf(r), actor(r), u.ID, roles))
	}
	if errs.any() {
		u.Roles = roles
		s.userPage(w, r, http.StatusUnprocessableEntity, u, errs)
		return
	}
	s.redirect(w, r, "/users/"+itoa64(u.ID), "角色已更新")
}

// userSetDisabled disables or re-enables an account; a disabled account
// cannot log in and its sessions stop working at once.
func (s *Server) userSetDisabled(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loadManaged(w, r)
	if !ok {
		return
	}
	disable := checked(r, "disabled")
	if u.ID == userOf(r).ID && disable {
		s.userPage(w, r, http.StatusUnprocessableEntity, u, formErrors{"不能停用自己的账号"})
		return
	}
	if err := s.st.SetDisabled(r.Context(), schoolOf(r), actor(r), u.ID, disable); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	msg := "账号已启用"
	if disable {
		msg = "账号已停用"
	}
	s.redirect(w, r, "/users/"+itoa64(u.ID), msg)
}

// userResetPassword gives an account a new random initial password, shown
// once; the owner must change it at the next login. SetPassword audits it
// as reset_password and clears any lock.
func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loadManaged(w, r)
	if !ok {
		return
	}
	pw := auth.RandomPassword()
	h, err := auth.HashPassword(pw)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.SetPassword(r.Context(), schoolOf(r), actor(r), u.ID, h, true); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.showSecret(w, r, secretData{Heading: "密码已重置", Username: u.Username, DisplayName: u.DisplayName, Secret: pw,
		Note: "新的初始密码只显示这一次，请告知本人。下次登录后必须修改密码。", Back: "/users/" + itoa64(u.ID), BackLabel: "返回账号"})
}
