package ui

import (
	"fmt"
	"net/http"

	"zhijiao/internal/importer"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// Import of a training roster (the course on the page, its teachers in
// the sheet; all or nothing, every problem named by row, column, value
// and reason) and export of the records, the list's filters applied.

type developmentImportPage struct {
	Kinds   []teacherdev.Kind
	V       validate.DevelopmentText
	Columns []string
	Errors  []string
	More    int
}

func (s *Server) developmentImportPage(w http.ResponseWriter, r *http.Request, status int, d developmentImportPage) {
	d.Columns = importer.DevelopmentRosterColumns
	for _, k := range teacherdev.Kinds {
		if k.Training() {
			d.Kinds = append(d.Kinds, k)
		}
	}
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "development_records_import", "培训名单导入", d)
}

func (s *Server) developmentImportShow(w http.ResponseWriter, r *http.Request) {
	s.developmentImportPage(w, r, http.StatusOK, developmentImportPage{V: validate.DevelopmentText{Kind: string(teacherdev.KindNational)}})
}

func (s *Server) developmentImportTemplate(w http.ResponseWriter, r *http.Request) {
	b, err := importer.DevelopmentRosterTemplate()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "培训名单导入模板.xlsx", b)
}

func (s *Server) developmentImport(w http.ResponseWriter, r *http.Request) {
	file, msg := uploadedFile(w, r)
	d := developmentImportPage{V: validate.DevelopmentText{Kind: field(r, "kind"), Title: field(r, "title"), Provider: field(r, "provider"),
		StartsOn: field(r, "starts_on"), EndsOn: field(r, "ends_on"), Hours: field(r, "hours")}}
	if msg != "" {
		d.Errors = []string{msg}
		s.developmentImportPage(w, r, http.StatusBadRequest, d)
		return
	}
	defer file.Close()
	var errs formErrors
	course := validate.DevelopmentRecord(d.V, &errs)
	if k := teacherdev.Kind(course.Kind); k != "" && !k.Training() {
		errs.add("名单导入只用于培训类记录（企业实践和证书请逐条录入）")
	}
	if errs.any() {
		d.Errors = errs
		s.developmentImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	out, err := importer.ImportDevelopmentRoster(r.Context(), s.st, schoolOf(r), actor(r), course, file)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(out.Problems) > 0 {
		d.Errors = out.Problems
		s.developmentImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, fmt.Sprintf("/development/records?batch=%d", out.BatchID), fmt.Sprintf("已导入 %d 位教师的培训记录（已核实）", out.Written))
}

// developmentExport writes the school's records (the list's filters
// apply) as a workbook.
func (s *Server) developmentExport(w http.ResponseWriter, r *http.Request) {
	sc, err := s.developmentScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The list's own scope: a department head exports their departments'.
	f := developmentFilterOf(r)
	f.ListQuery, f.Scope = f.ListQuery.All(), sc
	rows, _, err := s.st.ListDevelopmentRecords(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := importer.DevelopmentWorkbook(rows)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "development_record", 0, map[string]any{"records": len(rows)})
	sendFile(w, "培训与实践记录.xlsx", b)
}
