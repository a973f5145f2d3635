package ui

import (
	"fmt"
	"net/http"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Import of the school's existing 科研成果 ledger (all or nothing, every
// problem named by row, column, value and reason) and export of the
// outputs in the same columns, so an export imports again.

type researchImportPage struct {
	Columns []string
	Errors  []string
	More    int
}

func (s *Server) researchImportPage(w http.ResponseWriter, r *http.Request, status int, d researchImportPage) {
	d.Columns = importer.ResearchColumns()
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "research_import", "科研成果导入导出", d)
}

func (s *Server) researchImportShow(w http.ResponseWriter, r *http.Request) {
	s.researchImportPage(w, r, http.StatusOK, researchImportPage{})
}

func (s *Server) researchImportTemplate(w http.ResponseWriter, r *http.Request) {
	b, err := importer.ResearchTemplate()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "科研成果导入模板.xlsx", b)
}

func (s *Server) researchImport(w http.ResponseWriter, r *http.Request) {
	file, msg := uploadedFile(w, r)
	if msg != "" {
		s.researchImportPage(w, r, http.StatusBadRequest, researchImportPage{Errors: []string{msg}})
		return
	}
	defer file.Close()
	out, err := importer.ImportResearchOutputs(r.Context(), s.st, schoolOf(r), actor(r), file)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(out.Problems) > 0 {
		s.researchImportPage(w, r, http.StatusUnprocessableEntity, researchImportPage{Errors: out.Problems})
		return
	}
	s.redirect(w, r, "/research/outputs", fmt.Sprintf("已导入 %d 项科研成果（已认定）", out.Written))
}

// researchExport writes the school's outputs (the list's filters apply)
// as a ledger.
func (s *Server) researchExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := storage.ResearchFilter{ListQuery: model.ListQuery{Q: q.Get("q")}.All(), Kind: q.Get("kind"), Status: q.Get("status")}
	rows, _, err := s.st.ListResearchOutputs(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	teachers, err := s.st.ResearchTeachers(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := importer.ResearchWorkbook(rows, teachers)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "research_output", 0, map[string]any{"outputs": len(rows)})
	sendFile(w, "科研成果.xlsx", b)
}
