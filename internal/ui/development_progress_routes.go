package ui

import (
	"net/http"
	"slices"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// developmentProgressRoutes are the pages of requirements, progress and
// 双师型 (docs/teachers.md §3 section 3) and the teacher's portrait.
// Progress is read by every teacher (their own line), a department head
// (their departments) and the 人事处 (all); the portrait by the teacher,
// their department head and development:read.
func (s *Server) developmentProgressRoutes() []route {
	return []route{
		{"GET", "/development/progress", "development:record", school, s.devProgress},
		{"POST", "/development/progress/remind", "development:verify", school, s.devRemind},
		{"GET", "/development/progress/export.xlsx", "development:export", school, s.devProgressExport},
		{"GET", "/development/settings", "development:manage", school, s.devSettings},
		{"POST", "/development/settings", "development:manage", school, s.devSettingsSave},
		{"GET", "/development/dual", "development:read", school, s.devDual},
		{"POST", "/development/dual", "development:manage", school, s.devDualSave},
		{"GET", "/teachers/{id}/portrait", "development:record", school, s.teacherPortrait},
		{"GET", "/teachers/{id}/portrait.pdf", "development:record", school, s.teacherPortraitPDF},
	}
}

// devScopeOf is whose progress the user reads: all (development:read),
// the teachers of the departments they head (development:read_dept), or
// only themself.
func (s *Server) devScopeOf(r *http.Request) (storage.DevScope, error) {
	u := userOf(r)
	if s.authz.Can(u, "development:read") {
		return storage.DevScope{}, nil
	}
	if s.authz.Can(u, "development:read_dept") {
		depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
		return storage.DevScope{Scoped: true, DepartmentIDs: depts}, err
	}
	if u.TeacherID == 0 {
		return storage.DevScope{Scoped: true}, nil // no teacher record: nobody
	}
	return storage.DevScope{TeacherID: u.TeacherID}, nil
}

// mayReadPortrait tells whether the user may see teacher t's portrait:
// the teacher themself, development:read, or development:read_dept for
// the departments they head.
func (s *Server) mayReadPortrait(r *http.Request, t model.Teacher) (bool, error) {
	u := userOf(r)
	if (u.TeacherID != 0 && u.TeacherID == t.ID) || s.authz.Can(u, "development:read") {
		return true, nil
	}
	if !s.authz.Can(u, "development:read_dept") || t.DepartmentID == 0 {
		return false, nil
	}
	depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
	return slices.Contains(depts, t.DepartmentID), err
}

// devToday is the school's day, the day progress is measured on.
func devToday() time.Time {
	t, _ := time.Parse("2006-01-02", storage.Today())
	return t
}
