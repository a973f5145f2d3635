package ui

// peopleRoutes are the school's people and their records: students,
// classes, teachers, enterprises and mentors, accounts, and the roster
// import and export.
func (s *Server) peopleRoutes() []route {
	return []route{
		{"GET", "/students", "student:read", school, s.studentList},
		{"GET", "/students/new", "student:manage", school, s.studentNew},
		{"POST", "/students", "student:manage", school, s.studentCreate},
		{"GET", "/students/{id}", "student:read", school, s.studentShow},
		{"GET", "/students/{id}/edit", "student:manage", school, s.studentEdit},
		{"POST", "/students/{id}", "student:manage", school, s.studentUpdate},
		{"POST", "/students/{id}/enrollment", "student:manage", school, s.studentEnrollment},

		// Import and export check the permission of the roster kind named
		// in the path (importer.Kinds) in kindAllowed.
		{"GET", "/import", "student:import", school, s.importShow},
		{"POST", "/import/{kind}", "", school, s.importSubmit},
		{"GET", "/import/template/{kind}", "", school, s.importTemplate},
		{"GET", "/import/errors/{token}", "", school, s.importErrors},
		{"GET", "/export/{kind}", "", school, s.exportDownload},

		{"GET", "/classes", "class:read", school, s.classList},
		{"GET", "/classes/new", "class:manage", school, s.classNew},
		{"POST", "/classes", "class:manage", school, s.classCreate},
		{"GET", "/classes/{id}", "class:read", school, s.classShow},
		{"GET", "/classes/{id}/edit", "class:manage", school, s.classEdit},
		{"POST", "/classes/{id}", "class:manage", school, s.classUpdate},

		{"GET", "/teachers", "teacher:read", school, s.teacherList},
		{"GET", "/teachers/new", "teacher:manage", school, s.teacherNew},
		{"POST", "/teachers", "teacher:manage", school, s.teacherCreate},
		{"GET", "/teachers/{id}", "teacher:read", school, s.teacherShow},
		// The 科研 tab: every role that may see it records research; the
		// handler lets in the teacher, research:read and the department head.
		{"GET", "/teachers/{id}/research", "research:record", school, s.teacherResearch},
		{"GET", "/teachers/{id}/edit", "teacher:manage", school, s.teacherEdit},
		{"POST", "/teachers/{id}", "teacher:manage", school, s.teacherUpdate},

		{"GET", "/enterprises", "enterprise:read", school, s.enterpriseList},
		{"GET", "/enterprises/new", "enterprise:manage", school, s.enterpriseNew},
		{"POST", "/enterprises", "enterprise:manage", school, s.enterpriseCreate},
		{"GET", "/enterprises/{id}", "enterprise:read", school, s.enterpriseShow},
		{"POST", "/enterprises/{id}/mentors", "enterprise:manage", school, s.mentorCreate},
		{"POST", "/enterprises/{id}/placements", "enterprise:manage", school, s.placementCreate},

		{"GET", "/users", "user:read", school, s.userList},
		{"GET", "/users/new", "user:manage", school, s.userNew},
		{"POST", "/users", "user:manage", school, s.userCreate},
		{"GET", "/users/batch", "user:manage", school, s.userBatchShow},
		{"POST", "/users/batch", "user:manage", school, s.userBatchCreate},
		{"GET", "/users/{id}", "user:read", school, s.userShow},
		{"POST", "/users/{id}/roles", "user:manage", school, s.userSetRoles},
		{"POST", "/users/{id}/password", "user:manage", school, s.userResetPassword},
		{"POST", "/users/{id}/disabled", "user:manage", school, s.userSetDisabled},
	}
}
