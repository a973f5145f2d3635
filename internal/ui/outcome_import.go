package ui

import (
	"fmt"
	"net/http"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
)

// Bulk import of graduate destinations from the school's survey sheet: the
// page around importer.ImportDestinations, with the conventions of the
// other imports (a template with drop-down lists, every bad row named with
// its column, value and reason, all or nothing).

type outcomeImportData struct {
	Errors []string
	More   int
}

func (s *Server) outcomeImportPage(w http.ResponseWriter, r *http.Request, status int, d outcomeImportData) {
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "outcome_import", "批量导入毕业去向", d)
}

func (s *Server) outcomeImportShow(w http.ResponseWriter, r *http.Request) {
	s.outcomeImportPage(w, r, http.StatusOK, outcomeImportData{})
}

func (s *Server) outcomeImportTemplate(w http.ResponseWriter, r *http.Request) {
	b, err := importer.DestinationTemplate()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "毕业去向导入模板.xlsx", b)
}

// outcomeImportSubmit imports the sheet through importer.ImportDestinations,
// for students in the user's scope.
func (s *Server) outcomeImportSubmit(w http.ResponseWriter, r *http.Request) {
	file, msg := uploadedFile(w, r)
	if msg != "" {
		s.outcomeImportPage(w, r, http.StatusBadRequest, outcomeImportData{Errors: []string{msg}})
		return
	}
	defer file.Close()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	mayUse := func(st model.Student) bool { return sc.AllowsStudent(st.ID, st.ClassID) }
	out, err := importer.ImportDestinations(r.Context(), s.st, schoolOf(r), actor(r), mayUse, file)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(out.Problems) > 0 {
		s.outcomeImportPage(w, r, http.StatusUnprocessableEntity, outcomeImportData{Errors: out.Problems})
		return
	}
	s.redirect(w, r, "/outcomes", fmt.Sprintf("已导入 %d 条毕业去向记录", out.Written))
}
