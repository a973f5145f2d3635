package ui

import (
	"net/http"

	"zhijiao/internal/model"
)

// extraRoutes registers the organisation, people and administration pages.
// School pages go through schoolGuard: platform admins (SchoolID 0) have
// no school, so they are sent to the one page that is theirs.
func (s *Server) extraRoutes(m *http.ServeMux) {
	sg := s.schoolGuard

	m.HandleFunc("GET /org", sg("org:read", s.orgShow))
	m.HandleFunc("GET /org/terms", sg("org:read", s.termList))
	m.HandleFunc("POST /org/years", sg("org:manage", s.yearCreate))
	m.HandleFunc("POST /org/terms", sg("org:manage", s.termCreate))
	m.HandleFunc("POST /org/terms/{id}/current", sg("org:manage", s.termSetCurrent))
	m.HandleFunc("GET /org/departments", sg("org:read", s.departmentList))
	m.HandleFunc("POST /org/departments", sg("org:manage", s.departmentCreate))
	m.HandleFunc("POST /org/departments/{id}/head", sg("org:manage", s.departmentSetHead))
	m.HandleFunc("GET /org/majors", sg("org:read", s.majorList))
	m.HandleFunc("POST /org/categories", sg("org:manage", s.categoryCreate))
	m.HandleFunc("POST /org/majors", sg("org:manage", s.majorCreate))
	m.HandleFunc("GET /org/majors/{id}/edit", sg("org:manage", s.majorEdit))
	m.HandleFunc("POST /org/majors/{id}", sg("org:manage", s.majorUpdate))
	m.HandleFunc("GET /org/courses", sg("org:read", s.courseList))
	m.HandleFunc("POST /org/courses", sg("org:manage", s.courseCreate))
	m.HandleFunc("POST /org/assignments", sg("org:manage", s.assignmentCreate))

	m.HandleFunc("GET /classes", sg("class:read", s.classList))
	m.HandleFunc("GET /classes/new", sg("class:manage", s.classNew))
	m.HandleFunc("POST /classes", sg("class:manage", s.classCreate))
	m.HandleFunc("GET /classes/{id}", sg("class:read", s.classShow))
	m.HandleFunc("GET /classes/{id}/edit", sg("class:manage", s.classEdit))
	m.HandleFunc("POST /classes/{id}", sg("class:manage", s.classUpdate))

	m.HandleFunc("GET /teachers", sg("teacher:read", s.teacherList))
	m.HandleFunc("GET /teachers/new", sg("teacher:manage", s.teacherNew))
	m.HandleFunc("POST /teachers", sg("teacher:manage", s.teacherCreate))
	m.HandleFunc("GET /teachers/{id}", sg("teacher:read", s.teacherShow))
	m.HandleFunc("GET /teachers/{id}/edit", sg("teacher:manage", s.teacherEdit))
	m.HandleFunc("POST /teachers/{id}", sg("teacher:manage", s.teacherUpdate))

	m.HandleFunc("GET /enterprises", sg("enterprise:read", s.enterpriseList))
	m.HandleFunc("GET /enterprises/new", sg("enterprise:manage", s.enterpriseNew))
	m.HandleFunc("POST /enterprises", sg("enterprise:manage", s.enterpriseCreate))
	m.HandleFunc("GET /enterprises/{id}", sg("enterprise:read", s.enterpriseShow))
	m.HandleFunc("POST /enterprises/{id}/mentors", sg("enterprise:manage", s.mentorCreate))
	m.HandleFunc("POST /enterprises/{id}/placements", sg("enterprise:manage", s.placementCreate))

	m.HandleFunc("GET /users", sg("user:read", s.userList))
	m.HandleFunc("GET /users/new", sg("user:manage", s.userNew))
	m.HandleFunc("POST /users", sg("user:manage", s.userCreate))
	m.HandleFunc("GET /users/batch", sg("user:manage", s.userBatchShow))
	m.HandleFunc("POST /users/batch", sg("user:manage", s.userBatchCreate))
	m.HandleFunc("GET /users/{id}", sg("user:read", s.userShow))
	m.HandleFunc("POST /users/{id}/roles", sg("user:manage", s.userSetRoles))
	m.HandleFunc("POST /users/{id}/password", sg("user:manage", s.userResetPassword))
	m.HandleFunc("POST /users/{id}/disabled", sg("user:manage", s.userSetDisabled))

	m.HandleFunc("GET /audit", sg("audit:read", s.auditList))

	// Tokens belong to a user, not to a school: platform admins may hold
	// them too (stored with school 0).
	m.HandleFunc("GET /tokens", s.guard("token:manage", s.tokenList))
	m.HandleFunc("POST /tokens", s.guard("token:manage", s.tokenCreate))
	m.HandleFunc("POST /tokens/{id}/revoke", s.guard("token:manage", s.tokenRevoke))

	m.HandleFunc("GET /platform/schools", s.guard("platform:manage", s.platformOnly(s.schoolList)))
	m.HandleFunc("POST /platform/schools", s.guard("platform:manage", s.platformOnly(s.schoolCreate)))
}

// schoolGuard is guard for pages about one school's data. A platform
// account holds every permission but belongs to no school; on a school page
// it would read school 0, so it is sent to the schools page instead.
func (s *Server) schoolGuard(perm string, h http.HandlerFunc) http.HandlerFunc {
	return s.guard(perm, func(w http.ResponseWriter, r *http.Request) {
		if schoolOf(r) == model.PlatformSchoolID {
			if r.Method == http.MethodGet {
				s.flashError(r, "平台账号不属于任何学校，请在「学校管理」中操作")
				http.Redirect(w, r, "/platform/schools", http.StatusSeeOther)
				return
			}
			s.errorPage(w, r, http.StatusForbidden, "平台账号不属于任何学校")
			return
		}
		h(w, r)
	})
}

// platformOnly keeps the platform pages to platform accounts, whatever
// roles a school account might hold.
func (s *Server) platformOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if schoolOf(r) != model.PlatformSchoolID {
			s.errorPage(w, r, http.StatusForbidden, "您没有权限访问此页面")
			return
		}
		h(w, r)
	}
}
