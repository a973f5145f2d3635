package ui

// orgRoutes are the school's organisation (years and terms, departments,
// majors, courses), its audit log, and the platform's schools.
func (s *Server) orgRoutes() []route {
	return []route{
		{"GET", "/org", "org:read", school, s.orgShow},
		{"GET", "/org/terms", "org:read", school, s.termList},
		{"POST", "/org/years", "org:manage", school, s.yearCreate},
		{"POST", "/org/terms", "org:manage", school, s.termCreate},
		{"POST", "/org/terms/{id}/current", "org:manage", school, s.termSetCurrent},
		{"GET", "/org/departments", "org:read", school, s.departmentList},
		{"POST", "/org/departments", "org:manage", school, s.departmentCreate},
		{"POST", "/org/departments/{id}/head", "org:manage", school, s.departmentSetHead},
		{"GET", "/org/majors", "org:read", school, s.majorList},
		{"POST", "/org/categories", "org:manage", school, s.categoryCreate},
		{"POST", "/org/majors", "org:manage", school, s.majorCreate},
		{"GET", "/org/majors/{id}/edit", "org:manage", school, s.majorEdit},
		{"POST", "/org/majors/{id}", "org:manage", school, s.majorUpdate},
		{"GET", "/org/courses", "org:read", school, s.courseList},
		{"POST", "/org/courses", "org:manage", school, s.courseCreate},
		{"POST", "/org/assignments", "org:manage", school, s.assignmentCreate},

		{"GET", "/audit", "audit:read", school, s.auditList},

		{"GET", "/platform/schools", "platform:manage", platform, s.schoolList},
		{"POST", "/platform/schools", "platform:manage", platform, s.schoolCreate},
	}
}
