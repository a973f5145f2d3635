package ui

import (
	"net/http"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type schoolRow struct {
	model.School
	Counts storage.SchoolCounts
}

type schoolListData struct {
	Schools []schoolRow
	Code    string
	Name    string
	Errors  formErrors
}

func (s *Server) schoolPage(w http.ResponseWriter, r *http.Request, status int, d schoolListData) {
	ctx := r.Context()
	list, err := s.st.Schools(ctx, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := s.st.AllCounts(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, sc := range list {
		d.Schools = append(d.Schools, schoolRow{School: sc, Counts: counts[sc.ID]})
	}
	s.render(w, r, status, "platform_schools", "学校管理", d)
}

// schoolList is the platform admin's page: every school with its sizes.
func (s *Server) schoolList(w http.ResponseWriter, r *http.Request) {
	s.schoolPage(w, r, http.StatusOK, schoolListData{})
}

// schoolCreate adds a school with its first admin account admin@CODE, in
// one transaction; the admin's initial password is shown once.
func (s *Server) schoolCreate(w http.ResponseWriter, r *http.Request) {
	d := schoolListData{Code: strings.ToLower(field(r, "code")), Name: field(r, "name")}
	if d.Name == "" {
		d.Errors.add("学校名称不能为空")
	}
	maxLen(&d.Errors, "学校名称", d.Name, 100)
	if !storage.ValidSchoolCode(d.Code) {
		d.Errors.add("学校代码只能包含小写字母、数字和短横线，长度 2–32，如 cqjd")
	}
	pw := auth.RandomPassword()
	sc := model.School{Code: d.Code, Name: d.Name}
	admin := model.User{Username: "admin@" + d.Code, DisplayName: d.Name + "管理员", Roles: []string{model.RoleSchoolAdmin}, MustChangePassword: true}
	if !d.Errors.any() {
		h, err := auth.HashPassword(pw)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		admin.PasswordHash = h
		d.Errors.addErr("", s.st.CreateSchoolWithAdmin(r.Context(), actor(r), &sc, &admin))
	}
	if d.Errors.any() {
		s.schoolPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.showSecret(w, r, secretData{Heading: "学校已创建", Username: admin.Username, DisplayName: sc.Name, Secret: pw,
		Note: "这是该校管理员的初始密码，只显示这一次。首次登录后必须修改密码。", Back: "/platform/schools", BackLabel: "返回学校列表"})
}
