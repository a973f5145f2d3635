package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/model"
)

// courseCreate adds a 课程.
func (s *Server) courseCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	c := model.Course{Code: field(r, "code"), Name: field(r, "name"), Kind: field(r, "kind"), MajorID: formInt(r, "major_id")}
	var errs formErrors
	if !codeRe.MatchString(c.Code) {
		errs.add("课程代码应为 1–32 位字母、数字、点、短横线或下划线")
	}
	if c.Name == "" {
		errs.add("课程名称不能为空")
	}
	maxLen(&errs, "课程名称", c.Name, 50)
	if !slices.Contains(CourseKinds, c.Kind) {
		errs.add("请选择课程类别")
	}
	if c.MajorID != 0 {
		if _, err := s.st.Major(ctx, school, c.MajorID); err != nil {
			errs.add("所选专业不存在")
		}
	}
	if !errs.any() {
		errs.addErr("", s.st.CreateCourse(ctx, school, actor(r), &c))
	}
	if errs.any() {
		s.coursePage(w, r, http.StatusUnprocessableEntity, coursePageData{View: "courses", Errors: errs, Form: "course", NewCourse: c})
		return
	}
	s.redirect(w, r, "/org/courses", "已新增课程")
}

// assignmentCreate records who teaches which course to which class in a
// term. Every id is checked against this school before the insert.
func (s *Server) assignmentCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	a := model.TeachingAssignment{TermID: formInt(r, "term_id"), CourseID: formInt(r, "course_id"), ClassID: formInt(r, "class_id"), TeacherID: formInt(r, "teacher_id")}
	var errs formErrors
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(terms, func(t model.Term) bool { return t.ID == a.TermID }) {
		errs.add("请选择学期")
	}
	courses, _, err := s.st.Courses(ctx, school, model.AllRows())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(courses, func(c model.Course) bool { return c.ID == a.CourseID }) {
		errs.add("请选择课程")
	}
	if _, err := s.st.Class(ctx, school, a.ClassID); err != nil {
		errs.add("请选择班级")
	}
	if _, err := s.st.Teacher(ctx, school, a.TeacherID); err != nil {
		errs.add("请选择任课教师")
	}
	if !errs.any() {
		errs.addErr("", s.st.CreateTeachingAssignment(ctx, school, actor(r), &a))
	}
	if errs.any() {
		s.coursePage(w, r, http.StatusUnprocessableEntity, coursePageData{View: "assignments", TermID: a.TermID, Errors: errs, Form: "assignment", NewAssign: a})
		return
	}
	s.redirect(w, r, "/org/courses?view=assignments&term="+itoa64(a.TermID), "已新增任课安排")
}
