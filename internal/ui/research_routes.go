package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// researchRoutes are the 科研成果 pages (docs/research.md section 1):
// every teacher enters and follows their own outputs, a 专业部 head reads
// the department's, the 科研处 reads all, reviews, imports and exports.
func (s *Server) researchRoutes() []route {
	return []route{
		{"GET", "/research/outputs", "research:record", school, s.researchList},
		{"GET", "/research/outputs/mine", "research:record", school, s.researchOutputsMine},
		{"GET", "/research/outputs/new", "research:record", school, s.researchNew},
		{"POST", "/research/outputs", "research:record", school, s.researchCreate},
		{"GET", "/research/outputs/{id}", "research:record", school, s.researchShow},
		{"GET", "/research/outputs/{id}/edit", "research:record", school, s.researchEdit},
		{"POST", "/research/outputs/{id}", "research:record", school, s.researchUpdate},
		{"POST", "/research/outputs/{id}/delete", "research:record", school, s.researchDelete},
		{"POST", "/research/outputs/{id}/files", "research:record", school, s.researchAddFile},
		{"GET", "/research/outputs/{id}/files/{file}", "research:record", school, s.researchFile},
		{"GET", "/research/review", "research:review", school, s.researchReview},
		{"POST", "/research/review", "research:review", school, s.researchDecide},
		{"POST", "/research/settings", "research:manage", school, s.researchSettingsSave},
		{"GET", "/research/import", "research:import", school, s.researchImportShow},
		{"POST", "/research/import", "research:import", school, s.researchImport},
		{"GET", "/research/import/template", "research:import", school, s.researchImportTemplate},
		{"GET", "/research/export", "research:export", school, s.researchExport},
	}
}

// researchScope is whose outputs a user reads: the whole school
// (research:read), or those crediting Teachers (their own, and with
// research:read_dept the teachers of the departments they head).
type researchScope struct {
	All      bool
	Teachers []int64
}

func (sc researchScope) allows(o model.ResearchOutput) bool {
	return sc.All || slices.ContainsFunc(o.Contributors, func(c model.ResearchContributor) bool {
		return c.TeacherID != 0 && slices.Contains(sc.Teachers, c.TeacherID)
	})
}

func (sc researchScope) filter(f storage.ResearchFilter) storage.ResearchFilter {
	f.Scoped, f.TeacherIDs = !sc.All, sc.Teachers
	return f
}

func (s *Server) researchScopeOf(r *http.Request) (researchScope, error) {
	u := userOf(r)
	if s.authz.Can(u, "research:read") {
		return researchScope{All: true}, nil
	}
	var sc researchScope
	if u.TeacherID != 0 {
		sc.Teachers = append(sc.Teachers, u.TeacherID)
	}
	if s.authz.Can(u, "research:read_dept") {
		depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
		if err != nil {
			return sc, err
		}
		ids, err := s.st.TeachersOfDepartments(r.Context(), schoolOf(r), depts)
		if err != nil {
			return sc, err
		}
		sc.Teachers = append(sc.Teachers, ids...)
	}
	return sc, nil
}

// loadResearch reads the output in the path; outside the user's scope it
// is not found.
func (s *Server) loadResearch(w http.ResponseWriter, r *http.Request) (model.ResearchOutput, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.ResearchOutput{}, false
	}
	o, err := s.st.ResearchOutput(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return o, false
	}
	sc, err := s.researchScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return o, false
	}
	if !sc.allows(o) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return o, false
	}
	return o, true
}

// mayChangeResearch: the 科研处 changes any output; a contributor (or who
// entered it) changes theirs until it is verified.
func (s *Server) mayChangeResearch(r *http.Request, o model.ResearchOutput) bool {
	u := userOf(r)
	return o.ChangeableBy(u.ID, u.TeacherID, s.authz.Can(u, "research:review"))
}
