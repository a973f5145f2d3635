package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// TeacherTitles are the 职称 of 中职 teachers.
var TeacherTitles = []string{"正高级讲师", "高级讲师", "讲师", "助理讲师", "实习指导教师", "其他"}

type teacherFormData struct {
	Teacher     model.Teacher
	MaskedID    string // the stored ID number, masked, as the edit form's hint
	Departments []model.Department
	Titles      []string
	Errors      formErrors
	New         bool
	Today       string // the latest 入职日期 the date field offers
}

func (s *Server) teacherFormPage(w http.ResponseWriter, r *http.Request, status int, d teacherFormData) {
	var err error
	if d.Departments, err = s.st.Departments(r.Context(), schoolOf(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Titles, d.Today = TeacherTitles, storage.Today()
	title := "编辑教师"
	if d.New {
		title = "新增教师"
	}
	s.render(w, r, status, "teacher_form", title, d)
}

func (s *Server) teacherNew(w http.ResponseWriter, r *http.Request) {
	s.teacherFormPage(w, r, http.StatusOK, teacherFormData{New: true, Teacher: model.Teacher{Gender: model.Female, Title: "讲师", DepartmentID: queryInt(r, "department"), Active: true}})
}

// teacherEdit never puts the stored ID number into the page: the field is
// left empty (meaning "keep") with the masked number as a hint.
func (s *Server) teacherEdit(w http.ResponseWriter, r *http.Request) {
	t, ok := s.loadTeacher(w, r)
	if !ok {
		return
	}
	masked := idcheck.MaskID(t.IDNumber)
	t.IDNumber = ""
	s.teacherFormPage(w, r, http.StatusOK, teacherFormData{Teacher: t, MaskedID: masked})
}

// teacherFromForm reads and checks a teacher form with the roster rules
// (ID checksum, phone format).
func (s *Server) teacherFromForm(r *http.Request) (model.Teacher, formErrors) {
	t := model.Teacher{StaffNo: field(r, "staff_no"), Name: field(r, "name"), Gender: model.Gender(field(r, "gender")), Title: field(r, "title"),
		DepartmentID: formInt(r, "department_id"), Phone: field(r, "phone"), IDNumber: field(r, "id_number"),
		HiredOn: field(r, "hired_on"), Active: checked(r, "active")}
	var errs formErrors
	if !codeRe.MatchString(t.StaffNo) {
		errs.add("工号应为 1–32 位字母、数字、点、短横线或下划线")
	}
	if t.Name == "" {
		errs.add("姓名不能为空")
	}
	maxLen(&errs, "姓名", t.Name, 50)
	if t.Gender != model.Male && t.Gender != model.Female {
		errs.add("请选择性别")
	}
	if t.Title != "" && !slices.Contains(TeacherTitles, t.Title) {
		errs.add("请从列表中选择职称")
	}
	if t.DepartmentID != 0 {
		deps, err := s.st.Departments(r.Context(), schoolOf(r))
		if err != nil || !slices.ContainsFunc(deps, func(d model.Department) bool { return d.ID == t.DepartmentID }) {
			errs.add("所选专业部不存在")
		}
	}
	if t.HiredOn != "" {
		if reason := validate.HireDates.Check(t.HiredOn); reason != "" {
			errs.add(reason)
		}
	}
	if t.Phone != "" {
		p, err := idcheck.Phone(t.Phone)
		errs.addErr("联系电话", err)
		if err == nil {
			t.Phone = p
		}
	}
	if t.IDNumber != "" {
		n, _, err := idcheck.IDNumber(t.IDNumber)
		errs.addErr("身份证号", err)
		if err == nil {
			t.IDNumber = n
		}
	}
	return t, errs
}

func (s *Server) teacherCreate(w http.ResponseWriter, r *http.Request) {
	t, errs := s.teacherFromForm(r)
	t.Active = true
	if !errs.any() {
		errs.addErr("", s.st.CreateTeacher(r.Context(), schoolOf(r), actor(r), &t))
	}
	if errs.any() {
		s.teacherFormPage(w, r, http.StatusUnprocessableEntity, teacherFormData{New: true, Teacher: t, Errors: errs})
		return
	}
	s.redirect(w, r, "/teachers/"+itoa64(t.ID), "已新增教师")
}

func (s *Server) teacherUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.loadTeacher(w, r)
	if !ok {
		return
	}
	t, errs := s.teacherFromForm(r)
	// 双师型 is a recognition now (/development/dual), not on this form.
	t.ID = old.ID
	keepID := t.IDNumber == ""
	if keepID {
		t.IDNumber = old.IDNumber
	}
	if !errs.any() {
		errs.addErr("", s.st.UpdateTeacher(r.Context(), schoolOf(r), actor(r), t))
	}
	if errs.any() {
		masked := idcheck.MaskID(old.IDNumber)
		if keepID {
			t.IDNumber = ""
		}
		s.teacherFormPage(w, r, http.StatusUnprocessableEntity, teacherFormData{Teacher: t, MaskedID: masked, Errors: errs})
		return
	}
	s.redirect(w, r, "/teachers/"+itoa64(t.ID), "已保存")
}
