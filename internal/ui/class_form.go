package ui

import (
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type classFormData struct {
	Class    model.Class
	Majors   []model.Major
	Teachers []model.Teacher
	Programs []model.Program
	Errors   formErrors
	New      bool
}

func (s *Server) classFormPage(w http.ResponseWriter, r *http.Request, status int, d classFormData) {
	ctx, school := r.Context(), schoolOf(r)
	all := model.AllRows()
	var err error
	if d.Majors, _, err = s.st.Majors(ctx, school, storage.MajorFilter{ListQuery: all}); err == nil {
		d.Teachers, _, err = s.st.Teachers(ctx, school, storage.TeacherFilter{ListQuery: all})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Programs = model.Programs
	title := "编辑班级"
	if d.New {
		title = "新增班级"
	}
	s.render(w, r, status, "class_form", title, d)
}

func (s *Server) classNew(w http.ResponseWriter, r *http.Request) {
	year := time.Now().Year()
	if time.Now().Month() < time.July {
		year--
	}
	s.classFormPage(w, r, http.StatusOK, classFormData{New: true, Class: model.Class{EntryYear: year, Program: model.Program3Year, MajorID: queryInt(r, "major")}})
}

func (s *Server) classEdit(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClass(w, r)
	if !ok {
		return
	}
	s.classFormPage(w, r, http.StatusOK, classFormData{Class: c})
}

// classFromForm reads and checks a class form; the major and head teacher
// must be of this school.
func (s *Server) classFromForm(r *http.Request) (model.Class, formErrors) {
	ctx, school := r.Context(), schoolOf(r)
	c := model.Class{Name: field(r, "name"), MajorID: formInt(r, "major_id"), Program: model.Program(field(r, "program")), HeadTeacherID: formInt(r, "head_teacher_id")}
	c.EntryYear, _ = strconv.Atoi(field(r, "entry_year"))
	var errs formErrors
	if c.Name == "" {
		errs.add("班级名称不能为空")
	}
	maxLen(&errs, "班级名称", c.Name, 50)
	if c.MajorID == 0 {
		errs.add("请选择专业")
	} else if _, err := s.st.Major(ctx, school, c.MajorID); err != nil {
		errs.add("所选专业不存在")
	}
	if c.EntryYear < 2000 || c.EntryYear > time.Now().Year()+1 {
		errs.add("入学年份应为 2000 至 " + strconv.Itoa(time.Now().Year()+1) + " 之间的四位年份")
	}
	if !c.Program.Valid() {
		errs.add("请选择学制")
	}
	if c.HeadTeacherID != 0 {
		if _, err := s.st.Teacher(ctx, school, c.HeadTeacherID); err != nil {
			errs.add("所选班主任不存在")
		}
	}
	return c, errs
}

func (s *Server) classCreate(w http.ResponseWriter, r *http.Request) {
	c, errs := s.classFromForm(r)
	if !errs.any() {
		errs.addErr("", s.st.CreateClass(r.Context(), schoolOf(r), actor(r), &c))
	}
	if errs.any() {
		s.classFormPage(w, r, http.StatusUnprocessableEntity, classFormData{New: true, Class: c, Errors: errs})
		return
	}
	s.redirect(w, r, "/classes/"+itoa64(c.ID), "已新增班级")
}

func (s *Server) classUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.loadClass(w, r)
	if !ok {
		return
	}
	c, errs := s.classFromForm(r)
	c.ID = old.ID
	if !errs.any() {
		errs.addErr("", s.st.UpdateClass(r.Context(), schoolOf(r), actor(r), c))
	}
	if errs.any() {
		s.classFormPage(w, r, http.StatusUnprocessableEntity, classFormData{Class: c, Errors: errs})
		return
	}
	s.redirect(w, r, "/classes/"+itoa64(c.ID), "已保存")
}
