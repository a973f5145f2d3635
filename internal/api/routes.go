package api

import "net/http"

// handler is what every endpoint implements; c carries the authenticated
// user, the school the request acts in and its scope.
type handler func(a *API, w http.ResponseWriter, r *http.Request, c *call)

// route is one endpoint. Every field is policy, read by the wrapper in
// auth.go: nothing about who may call an endpoint lives in the handler.
type route struct {
	Method string
	Path   string // below Prefix, as in the OpenAPI document
	// Perm is the one permission string checked with authz.Can; the same
	// strings guard the HTML pages.
	Perm string
	// School marks endpoints that act inside a school: the user's own, or
	// for platform accounts (school_id 0) the one named by ?school=CODE.
	School bool
	// Public endpoints need no login (only the OpenAPI document).
	Public bool
	// BeforePassword endpoints stay open to accounts that must change
	// their initial password, so a client can tell the user why.
	BeforePassword bool
	H              handler
}

// routeTable is the API: the mux registers exactly these, and a test checks
// that the OpenAPI document describes exactly these.
func routeTable() []route {
	return append([]route{
		{Method: "GET", Path: "/openapi.json", Public: true, H: (*API).openapi},
		{Method: "GET", Path: "/me", Perm: "profile:read", BeforePassword: true, H: (*API).me},

		{Method: "GET", Path: "/school", Perm: "school:read", School: true, H: (*API).school},
		{Method: "GET", Path: "/terms", Perm: "school:read", School: true, H: (*API).terms},
		{Method: "GET", Path: "/departments", Perm: "org:read", School: true, H: (*API).departments},
		{Method: "GET", Path: "/majors", Perm: "org:read", School: true, H: (*API).majors},

		{Method: "GET", Path: "/classes", Perm: "class:read", School: true, H: (*API).classList},
		{Method: "POST", Path: "/classes", Perm: "class:manage", School: true, H: (*API).classCreate},
		{Method: "GET", Path: "/classes/{id}", Perm: "class:read", School: true, H: (*API).classShow},
		{Method: "PATCH", Path: "/classes/{id}", Perm: "class:manage", School: true, H: (*API).classUpdate},

		{Method: "GET", Path: "/teachers", Perm: "teacher:read", School: true, H: (*API).teacherList},
		{Method: "POST", Path: "/teachers", Perm: "teacher:manage", School: true, H: (*API).teacherCreate},
		{Method: "GET", Path: "/teachers/{id}", Perm: "teacher:read", School: true, H: (*API).teacherShow},
		{Method: "PATCH", Path: "/teachers/{id}", Perm: "teacher:manage", School: true, H: (*API).teacherUpdate},

		{Method: "GET", Path: "/students", Perm: "student:read", School: true, H: (*API).studentList},
		{Method: "POST", Path: "/students", Perm: "student:manage", School: true, H: (*API).studentCreate},
		{Method: "GET", Path: "/students/{id}", Perm: "student:read", School: true, H: (*API).studentShow},
		{Method: "PATCH", Path: "/students/{id}", Perm: "student:manage", School: true, H: (*API).studentUpdate},
		{Method: "GET", Path: "/students/{id}/guardians", Perm: "student:read", School: true, H: (*API).studentGuardians},
		{Method: "GET", Path: "/students/{id}/enrollment", Perm: "student:read", School: true, H: (*API).studentEnrollment},
		{Method: "POST", Path: "/students/{id}/enrollment", Perm: "student:manage", School: true, H: (*API).studentEnrollmentChange},

		{Method: "GET", Path: "/enterprises", Perm: "enterprise:read", School: true, H: (*API).enterpriseList},
		{Method: "GET", Path: "/mentors", Perm: "enterprise:read", School: true, H: (*API).mentorList},

		{Method: "GET", Path: "/frameworks", Perm: "framework:read", School: true, H: (*API).frameworkList},
		{Method: "GET", Path: "/frameworks/{id}", Perm: "framework:read", School: true, H: (*API).frameworkShow},
		{Method: "GET", Path: "/cycles", Perm: "cycle:read", School: true, H: (*API).cycleList},
		{Method: "GET", Path: "/cycles/{id}", Perm: "cycle:read", School: true, H: (*API).cycleShow},
		{Method: "GET", Path: "/cycles/{id}/fairness", Perm: "cycle:read", School: true, H: (*API).cycleFairness},
		{Method: "GET", Path: "/rating-tasks", Perm: "rating:submit", School: true, H: (*API).myTasks},
		{Method: "POST", Path: "/cycles/{id}/ratings", Perm: "rating:submit", School: true, H: (*API).ratingCreate},

		{Method: "GET", Path: "/conduct/descriptors", Perm: "conduct:record", School: true, H: (*API).conductDescriptors},
		{Method: "GET", Path: "/conduct/records", Perm: "conduct:read", School: true, H: (*API).conductList},
		{Method: "POST", Path: "/conduct/records", Perm: "conduct:record", School: true, H: (*API).conductCreate},
		{Method: "GET", Path: "/research/outputs", Perm: "research:record", School: true, H: (*API).researchList},
		{Method: "POST", Path: "/research/outputs", Perm: "research:record", School: true, H: (*API).researchCreate},
		{Method: "GET", Path: "/research/outputs/{id}", Perm: "research:record", School: true, H: (*API).researchShow},
		{Method: "PUT", Path: "/research/outputs/{id}", Perm: "research:record", School: true, H: (*API).researchUpdate},
		{Method: "DELETE", Path: "/research/outputs/{id}", Perm: "research:record", School: true, H: (*API).researchDelete},
		{Method: "POST", Path: "/research/outputs/{id}/review", Perm: "research:review", School: true, H: (*API).researchReview},
		{Method: "GET", Path: "/development/records", Perm: "development:record", School: true, H: (*API).developmentList},
		{Method: "POST", Path: "/development/records", Perm: "development:record", School: true, H: (*API).developmentCreate},
		{Method: "GET", Path: "/development/records/{id}", Perm: "development:record", School: true, H: (*API).developmentShow},
		{Method: "PUT", Path: "/development/records/{id}", Perm: "development:record", School: true, H: (*API).developmentUpdate},
		{Method: "DELETE", Path: "/development/records/{id}", Perm: "development:record", School: true, H: (*API).developmentDelete},
		{Method: "POST", Path: "/development/records/{id}/review", Perm: "development:verify", School: true, H: (*API).developmentReview},
		{Method: "POST", Path: "/development/records/{id}/confirm", Perm: "development:verify", School: true, H: (*API).developmentConfirm},
		{Method: "POST", Path: "/development/rosters", Perm: "development:import", School: true, H: (*API).developmentRoster},
		{Method: "GET", Path: "/checks/board", Perm: "check:read", School: true, H: (*API).checkBoard},
		{Method: "GET", Path: "/checks/rankings", Perm: "check:read", School: true, H: (*API).checkRankings},
		{Method: "POST", Path: "/checks/entries", Perm: "check:record", School: true, H: (*API).checkEntryCreate},
		{Method: "GET", Path: "/studios", Perm: "studio:read", School: true, H: (*API).studioList},
		{Method: "POST", Path: "/studios", Perm: "studio:manage", School: true, H: (*API).studioCreate},
		{Method: "GET", Path: "/studios/{id}", Perm: "studio:read", School: true, H: (*API).studioShow},
		{Method: "GET", Path: "/studios/{id}/summary", Perm: "studio:read", School: true, H: (*API).studioSummary},
		{Method: "POST", Path: "/studios/{id}/activities", Perm: "studio:manage", School: true, H: (*API).studioActivityCreate},

		{Method: "GET", Path: "/users", Perm: "user:read", School: true, H: (*API).userList},
		{Method: "GET", Path: "/audit", Perm: "audit:read", School: true, H: (*API).auditList},

		// District jobs belong to a district, not a school: the handlers
		// check the caller's district.
		{Method: "GET", Path: "/district/recompute-jobs", Perm: "district:recompute", H: (*API).districtJobList},
		{Method: "POST", Path: "/district/recompute-jobs", Perm: "district:recompute", H: (*API).districtJobCreate},
		{Method: "GET", Path: "/district/recompute-jobs/{id}", Perm: "district:recompute", H: (*API).districtJobShow},

		// Tokens belong to the caller's own account, wherever it lives, so
		// they need no school.
		{Method: "GET", Path: "/tokens", Perm: "token:manage", H: (*API).tokenList},
		{Method: "POST", Path: "/tokens", Perm: "token:manage", H: (*API).tokenCreate},
		{Method: "DELETE", Path: "/tokens/{id}", Perm: "token:manage", H: (*API).tokenRevoke},

		// One route per roster kind rather than /import/{kind}, so each
		// carries its own permission here (the same as importer.Kinds and
		// the export page) and the document lists each with its columns.
		{Method: "POST", Path: "/import/students", Perm: "student:import", School: true, H: importHandler("students")},
		{Method: "POST", Path: "/import/teachers", Perm: "teacher:import", School: true, H: importHandler("teachers")},
		{Method: "POST", Path: "/import/classes", Perm: "class:manage", School: true, H: importHandler("classes")},
		{Method: "GET", Path: "/export/students", Perm: "student:export", School: true, H: exportHandler("students")},
		{Method: "GET", Path: "/export/teachers", Perm: "teacher:export", School: true, H: exportHandler("teachers")},
		{Method: "GET", Path: "/export/classes", Perm: "class:read", School: true, H: exportHandler("classes")},
	}, append(append(familyRoutes(), researchAssessRoutes()...), developmentProgressRoutes()...)...)
}
