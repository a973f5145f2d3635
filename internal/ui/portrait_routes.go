package ui

import (
	"errors"
	"net/http"
	"slices"
	"sort"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// portraitRoutes are student and group portraits.
func (s *Server) portraitRoutes() []route {
	return []route{
		{"GET", "/portraits", "portrait:read", school, s.portraitList},
		{"GET", "/portraits/students/{id}", "portrait:read", school, s.portraitStudent},
		{"GET", "/portraits/groups", "portrait:read_group", school, s.portraitGroup},
	}
}

// portraitScope is the user's scope counting only the roles that grant
// perm. A school admin who also teaches one class sees that class's
// student portraits as its teacher, not the whole school: student
// portraits belong to the student, their parents and their teachers. A
// subject teacher counts as a class's teacher in the current term only
// (this term's teaching assignments), not for every class they ever
// taught.
func (s *Server) portraitScope(r *http.Request, perm string) (auth.Scope, error) {
	ctx := r.Context()
	u := *userOf(r)
	u.Roles = nil
	subject := false
	for _, role := range userOf(r).Roles {
		if !s.authz.Can(&model.User{Roles: []string{role}}, perm) {
			continue
		}
		if role == model.RoleSubjectTeacher {
			subject = true
			continue
		}
		u.Roles = append(u.Roles, role)
	}
	sc, err := auth.ScopeOf(ctx, s.st, &u)
	if err != nil || !subject || sc.All || u.TeacherID == 0 {
		return sc, err
	}
	term, err := s.st.CurrentTerm(ctx, u.SchoolID)
	if errors.Is(err, storage.ErrNotFound) {
		return sc, nil // no current term: no teaching this term
	}
	if err != nil {
		return sc, err
	}
	taught, err := s.st.ClassesTaughtBy(ctx, u.SchoolID, u.TeacherID, term.ID)
	if err != nil {
		return sc, err
	}
	sc.ClassIDs = append(sc.ClassIDs, taught...)
	slices.Sort(sc.ClassIDs)
	sc.ClassIDs = slices.Compact(sc.ClassIDs)
	return sc, nil
}

// portraitCycle is a cycle with results and the term it belongs to.
type portraitCycle struct {
	storage.EvalCycle
	Term model.Term
}

// portraitCycles lists the school's cycles with results, oldest term first
// (cycles of one term by id), the order growth lines and comparisons read.
func (s *Server) portraitCycles(r *http.Request) ([]portraitCycle, error) {
	ctx, school := r.Context(), schoolOf(r)
	cs, err := s.st.Cycles(ctx, school, 0)
	if err != nil {
		return nil, err
	}
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		return nil, err
	}
	byID := map[int64]model.Term{}
	for _, t := range terms {
		byID[t.ID] = t
	}
	var out []portraitCycle
	for _, c := range cs {
		if c.State.HasResults() {
			out = append(out, portraitCycle{EvalCycle: c, Term: byID[c.TermID]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Term.StartDate != out[j].Term.StartDate {
			return out[i].Term.StartDate < out[j].Term.StartDate
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// frameworkDims are the dimensions (with their indicators) of a cycle's
// framework version, in framework order.
func (s *Server) frameworkDims(r *http.Request, frameworkID int64) ([]model.Dimension, error) {
	f, err := s.st.Framework(r.Context(), schoolOf(r), frameworkID)
	return f.Dimensions, err
}
