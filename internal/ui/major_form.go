package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// categoryCreate adds a 专业大类 (2-digit code 61–79).
func (s *Server) categoryCreate(w http.ResponseWriter, r *http.Request) {
	c := model.MajorCategory{Code: field(r, "code"), Name: field(r, "name")}
	var errs formErrors
	if c.Name == "" {
		errs.add("专业大类名称不能为空")
	}
	maxLen(&errs, "专业大类名称", c.Name, 50)
	if !errs.any() {
		errs.addErr("", s.st.CreateMajorCategory(r.Context(), schoolOf(r), actor(r), &c))
	}
	if errs.any() {
		s.majorPage(w, r, http.StatusUnprocessableEntity, majorPageData{Errors: errs, Form: "category", NewCategory: c})
		return
	}
	s.redirect(w, r, "/org/majors", "已新增专业大类")
}

// majorFromForm reads the fields a major's create and edit forms share.
func (s *Server) majorFromForm(r *http.Request, m *model.Major, errs *formErrors) {
	m.Name, m.ShortName = field(r, "name"), field(r, "short_name")
	m.DepartmentID, m.Apprenticeship = formInt(r, "department_id"), checked(r, "apprenticeship")
	if m.Name == "" {
		errs.add("专业名称不能为空")
	}
	maxLen(errs, "专业名称", m.Name, 50)
	maxLen(errs, "简称", m.ShortName, 20)
	if m.DepartmentID != 0 {
		deps, err := s.st.Departments(r.Context(), schoolOf(r))
		found := false
		for _, d := range deps {
			found = found || d.ID == m.DepartmentID
		}
		if err != nil || !found {
			errs.add("所选专业部不存在")
		}
	}
}

// majorCreate adds a 专业; its 6-digit code must sit under its category.
func (s *Server) majorCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	m := model.Major{Code: field(r, "code"), CategoryID: formInt(r, "category_id")}
	var errs formErrors
	cats, err := s.st.MajorCategories(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	catCode := ""
	for _, c := range cats {
		if c.ID == m.CategoryID {
			catCode = c.Code
		}
	}
	if catCode == "" {
		errs.add("请选择所属专业大类")
	}
	errs.addErr("", storage.ValidateMajorCode(m.Code, catCode))
	s.majorFromForm(r, &m, &errs)
	if !errs.any() {
		errs.addErr("", s.st.CreateMajor(ctx, school, actor(r), &m))
	}
	if errs.any() {
		s.majorPage(w, r, http.StatusUnprocessableEntity, majorPageData{Errors: errs, Form: "major", NewMajor: m})
		return
	}
	s.redirect(w, r, "/org/majors", "已新增专业")
}

type majorFormData struct {
	Major       model.Major
	Departments []model.Department
	Errors      formErrors
}

func (s *Server) majorFormPage(w http.ResponseWriter, r *http.Request, status int, d majorFormData) {
	var err error
	if d.Departments, err = s.st.Departments(r.Context(), schoolOf(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "major_form", "编辑专业", d)
}

func (s *Server) loadMajor(w http.ResponseWriter, r *http.Request) (model.Major, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Major{}, false
	}
	m, err := s.st.Major(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return m, false
	}
	return m, true
}

func (s *Server) majorEdit(w http.ResponseWriter, r *http.Request) {
	m, ok := s.loadMajor(w, r)
	if !ok {
		return
	}
	s.majorFormPage(w, r, http.StatusOK, majorFormData{Major: m})
}

// majorUpdate changes a major's names, department and 现代学徒制 flag; its
// code and category are fixed once created.
func (s *Server) majorUpdate(w http.ResponseWriter, r *http.Request) {
	m, ok := s.loadMajor(w, r)
	if !ok {
		return
	}
	var errs formErrors
	s.majorFromForm(r, &m, &errs)
	if !errs.any() {
		errs.addErr("", s.st.UpdateMajor(r.Context(), schoolOf(r), actor(r), m))
	}
	if errs.any() {
		s.majorFormPage(w, r, http.StatusUnprocessableEntity, majorFormData{Major: m, Errors: errs})
		return
	}
	s.redirect(w, r, "/org/majors", "已保存")
}
