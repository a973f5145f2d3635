package ui

import (
	"net/http"
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
// portraits belong to the student, their parents and their teachers.
func (s *Server) portraitScope(r *http.Request, perm string) (auth.Scope, error) {
	u := *userOf(r)
	u.Roles = nil
	for _, role := range userOf(r).Roles {
		if s.authz.Can(&model.User{Roles: []string{role}}, perm) {
			u.Roles = append(u.Roles, role)
		}
	}
	return auth.ScopeOf(r.Context(), s.st, &u)
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
		if hasResults(c.State) {
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

// frameworkNames maps the dimension and indicator codes of a framework to
// their names and each indicator to its dimension's name, with the
// dimensions in framework order.
type frameworkNames struct {
	dims     []model.Dimension
	name     map[string]string
	dimOfInd map[string]string
}

func (s *Server) frameworkNames(r *http.Request, frameworkID int64) (frameworkNames, error) {
	f, err := s.st.Framework(r.Context(), schoolOf(r), frameworkID)
	if err != nil {
		return frameworkNames{}, err
	}
	fn := frameworkNames{dims: f.Dimensions, name: map[string]string{}, dimOfInd: map[string]string{}}
	for _, d := range f.Dimensions {
		fn.name[d.Code] = d.Name
		for _, ind := range d.Indicators {
			fn.name[ind.Code] = ind.Name
			fn.dimOfInd[ind.Code] = d.Name
		}
	}
	return fn, nil
}
