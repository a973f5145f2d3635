package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// CourseKinds are the kinds of 课程 in a 中职 training plan.
var CourseKinds = []string{"公共基础课", "专业核心课", "专业拓展课", "实习实训"}

type coursePageData struct {
	View        string // "courses" or "assignments"
	Courses     []model.Course
	Pager       pager
	Query       model.ListQuery
	MajorNames  map[int64]string
	Kinds       []string
	Terms       []model.Term
	TermID      int64
	ClassID     int64
	Assignments []model.TeachingAssignment
	AllCourses  []model.Course
	Classes     []model.Class
	Teachers    []model.Teacher
	Majors      []model.Major
	Errors      formErrors
	Form        string
	NewCourse   model.Course
	NewAssign   model.TeachingAssignment
}

// coursePage renders 课程与任课: either the paged course list or the
// teaching assignments of one term (course × class × teacher), each with
// its create form.
func (s *Server) coursePage(w http.ResponseWriter, r *http.Request, status int, d coursePageData) {
	ctx, school := r.Context(), schoolOf(r)
	all := model.AllRows()
	var err error
	d.Kinds = CourseKinds
	if d.View == "" {
		d.View = r.URL.Query().Get("view")
	}
	if d.View != "assignments" {
		d.View = "courses"
	}
	if d.Majors, _, err = s.st.Majors(ctx, school, storage.MajorFilter{ListQuery: all}); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.MajorNames = map[int64]string{}
	for _, m := range d.Majors {
		d.MajorNames[m.ID] = m.Name
	}
	if d.Terms, err = s.st.Terms(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.View == "courses" {
		d.Query = listQuery(r)
		var total int
		if d.Courses, total, err = s.st.Courses(ctx, school, d.Query); err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Pager = newPager(r, d.Query, total)
	} else {
		if d.TermID == 0 {
			d.TermID = queryInt(r, "term")
		}
		if d.TermID == 0 {
			for _, t := range d.Terms {
				if t.IsCurrent {
					d.TermID = t.ID
				}
			}
		}
		if d.ClassID == 0 {
			d.ClassID = queryInt(r, "class")
		}
		if d.TermID != 0 {
			if d.Assignments, err = s.st.TeachingAssignments(ctx, school, storage.TeachingFilter{TermID: d.TermID, ClassID: d.ClassID}); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		// A term of a whole school has hundreds of rows: page them here.
		d.Query = listQuery(r)
		if d.Query.PerPage == 20 {
			d.Query.PerPage = 50
		}
		d.Pager = newPager(r, d.Query, len(d.Assignments))
		lo := min(d.Query.Offset(), len(d.Assignments))
		d.Assignments = d.Assignments[lo:min(lo+d.Query.PerPage, len(d.Assignments))]
		if d.AllCourses, _, err = s.st.Courses(ctx, school, all); err == nil {
			if d.Classes, _, err = s.st.Classes(ctx, school, storage.ClassFilter{ListQuery: all}); err == nil {
				d.Teachers, _, err = s.st.Teachers(ctx, school, storage.TeacherFilter{ListQuery: all})
			}
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.NewAssign.TermID == 0 {
			d.NewAssign.TermID = d.TermID
		}
		if d.NewAssign.ClassID == 0 {
			d.NewAssign.ClassID = d.ClassID
		}
	}
	s.render(w, r, status, "org_courses", "课程与任课", d)
}

func (s *Server) courseList(w http.ResponseWriter, r *http.Request) {
	s.coursePage(w, r, http.StatusOK, coursePageData{NewCourse: model.Course{Kind: CourseKinds[0]}})
}
