package ui

import (
	"bytes"
	"net/http"
	"strconv"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/reportcard"
)

// reportClassXLSX answers /reports/{cycle}/classes/{class}.xlsx: the
// class's results (students × dimensions, total, level) with a sheet
// explaining the columns, for staff of the class. Audited as an export.
func (s *Server) reportClassXLSX(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c, ok := s.loadResultCycle(w, r)
	if !ok {
		return
	}
	idText, ext := splitExt(r.PathValue("class"))
	id, _ := strconv.ParseInt(idText, 10, 64)
	if ext != "xlsx" || !sc.AllowsClass(id) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	cl, err := s.st.Class(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	rows, err := s.st.CycleResults(ctx, school, c.ID, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	results, err := s.st.ClassResults(ctx, school, c.ID, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f, err := s.st.Framework(ctx, school, c.FrameworkID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	fair, err := evalrun.Fairness(ctx, s.st, school, c, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := reportcard.ClassWorkbook(&buf, c.Name+" · "+cl.Name, rows, results, f, fair); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.Audit(ctx, school, actor(r), "export", "class_results", id, map[string]any{"cycle_id": c.ID, "rows": len(rows)}); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, cl.Name+"_"+c.Name+"_评价结果.xlsx", buf.Bytes())
}
