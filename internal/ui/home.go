package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type homeData struct {
	Counts   storage.SchoolCounts
	Term     model.Term
	HasTerm  bool
	FirstRun bool
	Mine     []model.Student // a student's own record, a parent's children, a mentor's apprentices
	Roles    []string
	Raters   bool        // the user has rating tasks in an open cycle
	Waiting  rateWaiting // and this is what is left of them
	Research *homeResearch
}

// home is the dashboard; for a new school's admin it is the first-run
// guide from an empty school to an imported roster.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	if u.SchoolID == model.PlatformSchoolID {
		if s.authz.Can(u, "platform:manage") {
			http.Redirect(w, r, "/platform/schools", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusOK, "home", "首页", homeData{Roles: u.Roles})
		return
	}
	ctx, school := r.Context(), u.SchoolID
	d := homeData{Roles: u.Roles}
	var err error
	if d.Counts, err = s.st.Counts(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if t, err := s.st.CurrentTerm(ctx, school); err == nil {
		d.Term, d.HasTerm = t, true
	}
	groups, err := s.raterGroups(r, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Raters, d.Waiting = len(groups) > 0, waitingFor(groups)
	if d.Research, err = s.researchHome(r, d.Term.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.FirstRun = s.authz.Can(u, "org:manage") && (d.Counts.Students == 0 || d.Counts.Classes == 0 || !d.HasTerm)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !sc.All && len(sc.StudentIDs) > 0 {
		d.Mine, _, err = s.st.Students(ctx, school, storage.StudentFilter{ListQuery: model.ListQuery{PerPage: 50}, Scoped: true, StudentIDs: sc.StudentIDs})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home", "首页", d)
}
