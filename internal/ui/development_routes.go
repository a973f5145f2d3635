package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// developmentRoutes are the 培训与实践记录 pages (docs/teachers.md section
// 1): every teacher enters and follows their own records, a 专业部 head
// reads the department's, the 人事处 reads all, verifies, confirms
// enterprise practice, imports rosters and exports.
func (s *Server) developmentRoutes() []route {
	return []route{
		{"GET", "/development/records", "development:record", school, s.developmentList},
		{"GET", "/development/records/mine", "development:record", school, s.developmentMine},
		{"GET", "/development/records/new", "development:record", school, s.developmentNew},
		{"POST", "/development/records", "development:record", school, s.developmentCreate},
		{"GET", "/development/records/review", "development:verify", school, s.developmentReview},
		{"POST", "/development/records/review", "development:verify", school, s.developmentDecide},
		{"GET", "/development/records/import", "development:import", school, s.developmentImportShow},
		{"POST", "/development/records/import", "development:import", school, s.developmentImport},
		{"GET", "/development/records/import/template", "development:import", school, s.developmentImportTemplate},
		{"GET", "/development/records/export", "development:export", school, s.developmentExport},
		{"GET", "/development/records/{id}", "development:record", school, s.developmentShow},
		{"GET", "/development/records/{id}/edit", "development:record", school, s.developmentEdit},
		{"POST", "/development/records/{id}", "development:record", school, s.developmentUpdate},
		{"POST", "/development/records/{id}/delete", "development:record", school, s.developmentDelete},
		{"POST", "/development/records/{id}/files", "development:record", school, s.developmentAddFile},
		{"GET", "/development/records/{id}/files/{file}", "development:record", school, s.developmentFile},
		{"POST", "/development/records/{id}/confirm", "development:verify", school, s.developmentConfirm},
	}
}

// developmentScopeOf is whose records a user reads: the whole school
// (development:read), else their own and, with development:read_dept,
// those of the departments they head.
func (s *Server) developmentScopeOf(r *http.Request) (storage.DevelopmentScope, error) {
	u := userOf(r)
	if s.authz.Can(u, "development:read") {
		return storage.DevelopmentScope{All: true}, nil
	}
	var sc storage.DevelopmentScope
	if u.TeacherID != 0 {
		sc.Teachers = []int64{u.TeacherID}
	}
	if s.authz.Can(u, "development:read_dept") {
		depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
		if err != nil {
			return sc, err
		}
		sc.Departments = depts
	}
	return sc, nil
}

// loadDevelopment reads the record in the path; outside the user's scope
// it is not found.
func (s *Server) loadDevelopment(w http.ResponseWriter, r *http.Request) (model.DevelopmentRecord, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.DevelopmentRecord{}, false
	}
	d, err := s.st.DevelopmentRecord(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return d, false
	}
	sc, err := s.developmentScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	if !sc.Allows(d) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return d, false
	}
	return d, true
}

// isDevelopmentOffice: the 人事处 (and the school's admin) verify, and
// enter records for any teacher, verified at once.
func (s *Server) isDevelopmentOffice(r *http.Request) bool {
	return s.authz.Can(userOf(r), "development:verify")
}

// loadDevelopmentChangeable is loadDevelopment for a change: 403 unless
// the user may change the record (model.DevelopmentRecord.ChangeableBy).
func (s *Server) loadDevelopmentChangeable(w http.ResponseWriter, r *http.Request) (model.DevelopmentRecord, bool) {
	d, ok := s.loadDevelopment(w, r)
	if ok && !d.ChangeableBy(userOf(r).TeacherID, s.isDevelopmentOffice(r)) {
		s.errorPage(w, r, http.StatusForbidden, "已核实的记录请联系人事处修改")
		return d, false
	}
	return d, ok
}
