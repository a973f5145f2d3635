package ui

import (
	"net/http"

	"zhijiao/internal/model"
)

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
