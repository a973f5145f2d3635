package ui

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

// Link kinds: the person behind an account.
const (
	linkNone     = ""
	linkTeacher  = "teacher"
	linkStudent  = "student"
	linkGuardian = "guardian"
	linkMentor   = "mentor"
)

type userFormData struct {
	Local        string // the part before @
	DisplayName  string
	Roles        []string
	LinkKind     string
	LinkNo       string
	GuardianName string
	MentorID     int64
	RoleChecks   []roleCheck
	Mentors      []model.Mentor
	Errors       formErrors
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,39}$`)

func (s *Server) userFormPage(w http.ResponseWriter, r *http.Request, status int, d userFormData) {
	var err error
	if d.Mentors, err = s.st.Mentors(r.Context(), schoolOf(r), 0); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.RoleChecks = roleChecks(r, d.Roles)
	s.render(w, r, status, "user_form", "新建账号", d)
}

func (s *Server) userNew(w http.ResponseWriter, r *http.Request) {
	s.userFormPage(w, r, http.StatusOK, userFormData{})
}

// roleNeedsLink says which person a role's scope is computed from: without
// the link the account would see nothing.
var roleNeedsLink = map[string]string{
	model.RoleHeadTeacher:    linkTeacher,
	model.RoleSubjectTeacher: linkTeacher,
	model.RoleStudent:        linkStudent,
	model.RoleParent:         linkGuardian,
	model.RoleMentor:         linkMentor,
}

var linkNames = map[string]string{linkTeacher: "教师（工号）", linkStudent: "学生（学号）", linkGuardian: "家长（学生学号）", linkMentor: "企业导师"}

// checkRoles keeps the roles to what a school admin may grant: never
// platform_admin or district_admin.
func checkRoles(errs *formErrors, roles []string) {
	if len(roles) == 0 {
		errs.add("请至少选择一个角色")
	}
	for _, ro := range roles {
		if !slices.Contains(auth.SchoolRoles, ro) {
			errs.add("不能授予角色「" + ro + "」")
		}
	}
}

// userCreate opens an account with a generated initial password, shown
// once on the result page; the owner must change it at first login.
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sch, err := s.st.School(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	r.ParseForm()
	d := userFormData{Local: strings.ToLower(field(r, "username")), DisplayName: field(r, "display_name"), Roles: r.Form["roles"],
		LinkKind: field(r, "link_kind"), LinkNo: field(r, "link_no"), GuardianName: field(r, "guardian_name"), MentorID: formInt(r, "mentor_id")}
	var errs formErrors
	suffix := "@" + sch.Code
	d.Local = strings.TrimSuffix(d.Local, suffix)
	switch {
	case strings.Contains(d.Local, "@"):
		errs.add("账号必须以 " + suffix + " 结尾")
	case !usernameRe.MatchString(d.Local):
		errs.add("账号 @ 前的部分应为 1–40 位小写字母、数字、点、短横线或下划线，并以字母或数字开头")
	}
	checkRoles(&errs, d.Roles)
	u := model.User{Username: d.Local + suffix, DisplayName: d.DisplayName, Roles: d.Roles, MustChangePassword: true}
	linkName, err := s.linkAccount(ctx, school, d, &u, &errs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, ro := range d.Roles {
		if need, ok := roleNeedsLink[ro]; ok && need != d.LinkKind {
			errs.add("角色「" + auth.RoleNames[ro] + "」需要关联" + linkNames[need])
		}
	}
	if u.DisplayName == "" {
		u.DisplayName = linkName
	}
	if u.DisplayName == "" {
		errs.add("请填写姓名")
	}
	maxLen(&errs, "姓名", u.DisplayName, 50)
	if !errs.any() {
		if taken, err := s.st.UsernameTaken(ctx, u.Username); err != nil {
			s.serverError(w, r, err)
			return
		} else if taken {
			errs.add("账号 " + u.Username + " 已存在")
		}
	}
	pw := auth.RandomPassword()
	if !errs.any() {
		if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
			s.serverError(w, r, err)
			return
		}
		errs.addErr("", s.st.CreateUser(ctx, school, actor(r), &u))
	}
	if errs.any() {
		s.userFormPage(w, r, http.StatusUnprocessableEntity, userFormData{Local: d.Local, DisplayName: d.DisplayName, Roles: d.Roles, LinkKind: d.LinkKind,
			LinkNo: d.LinkNo, GuardianName: d.GuardianName, MentorID: d.MentorID, Errors: errs})
		return
	}
	s.showSecret(w, r, secretData{Heading: "账号已创建", Username: u.Username, DisplayName: u.DisplayName, Secret: pw,
		Note: "初始密码只显示这一次，请立即告知本人。首次登录后必须修改密码。", Back: "/users/" + itoa64(u.ID), BackLabel: "查看账号"})
}

// linkAccount finds the person named by the form's link (teacher by 工号,
// student by 学号, a guardian of a student, a mentor) and sets it on u,
// adding to errs what is wrong with the link. It returns the person's name
// (the account's default display name); an error is a storage failure.
func (s *Server) linkAccount(ctx context.Context, school int64, d userFormData, u *model.User, errs *formErrors) (linkName string, err error) {
	switch d.LinkKind {
	case linkNone:
	case linkTeacher:
		t, err := s.st.TeacherByStaffNo(ctx, school, d.LinkNo)
		switch {
		case d.LinkNo == "":
			errs.add("请填写教师工号")
		case err != nil:
			errs.add("工号 " + d.LinkNo + " 的教师不存在")
		case t.UserID != 0:
			errs.add("工号 " + d.LinkNo + " 的教师已有账号")
		default:
			u.TeacherID, linkName = t.ID, t.Name
		}
	case linkStudent:
		st, err := s.st.StudentByNo(ctx, school, d.LinkNo)
		switch {
		case d.LinkNo == "":
			errs.add("请填写学生学号")
		case err != nil:
			errs.add("学号 " + d.LinkNo + " 的学生不存在")
		case st.UserID != 0:
			errs.add("学号 " + d.LinkNo + " 的学生已有账号")
		default:
			u.StudentID, linkName = st.ID, st.Name
		}
	case linkGuardian:
		st, err := s.st.StudentByNo(ctx, school, d.LinkNo)
		if d.LinkNo == "" {
			errs.add("请填写家长所关联学生的学号")
			break
		}
		if err != nil {
			errs.add("学号 " + d.LinkNo + " 的学生不存在")
			break
		}
		return s.linkGuardian(ctx, school, st.ID, d, u, errs)
	case linkMentor:
		ms, err := s.st.Mentors(ctx, school, 0)
		if err != nil {
			return "", err
		}
		i := slices.IndexFunc(ms, func(m model.Mentor) bool { return m.ID == d.MentorID })
		switch {
		case i < 0:
			errs.add("请选择企业导师")
		case ms[i].UserID != 0:
			errs.add("该企业导师已有账号")
		default:
			u.MentorID, linkName = ms[i].ID, ms[i].Name
		}
	default:
		errs.add("关联对象无效")
	}
	return linkName, nil
}

// linkGuardian links u to the first guardian of the student without an
// account (the one named, when the form names one).
func (s *Server) linkGuardian(ctx context.Context, school, studentID int64, d userFormData, u *model.User, errs *formErrors) (string, error) {
	gs, err := s.st.GuardiansOf(ctx, school, studentID)
	if err != nil {
		return "", err
	}
	for _, g := range gs {
		if g.UserID == 0 && (d.GuardianName == "" || g.Name == d.GuardianName) {
			u.GuardianID = g.ID
			return g.Name, nil
		}
	}
	who := "监护人"
	if d.GuardianName != "" {
		who = "监护人「" + d.GuardianName + "」"
	}
	errs.add("学号 " + d.LinkNo + " 的学生没有尚未开通账号的" + who)
	return "", nil
}
