package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// studioRoutes are the 工作室 pages (docs/teachers.md §2 and §4 section 2):
// the list by level and kind, a studio with its members, plans,
// activities and outputs, and its printable yearly summary. Teachers,
// the 科研处 and the 人事处 read; the 人事处 and the school admin keep.
func (s *Server) studioRoutes() []route {
	return []route{
		{"GET", "/studios", "studio:read", school, s.studioList},
		{"POST", "/studios", "studio:manage", school, s.studioCreate},
		{"GET", "/studios/{id}", "studio:read", school, s.studioShow},
		{"POST", "/studios/{id}", "studio:manage", school, s.studioEdit},
		{"POST", "/studios/{id}/members", "studio:manage", school, s.studioMemberAdd},
		{"POST", "/studios/{id}/members/end", "studio:manage", school, s.studioMemberEnd},
		{"POST", "/studios/{id}/plans", "studio:manage", school, s.studioPlanSave},
		{"POST", "/studios/{id}/activities", "studio:manage", school, s.studioActivityAdd},
		{"GET", "/studios/{id}/summary", "studio:read", school, s.studioSummary},
	}
}

// studioTeachers are the school's teachers for the host and member
// choices.
func (s *Server) studioTeachers(r *http.Request) ([]model.Teacher, error) {
	ts, _, err := s.st.Teachers(r.Context(), schoolOf(r), storage.TeacherFilter{ListQuery: model.ListQuery{}.All()})
	return ts, err
}
