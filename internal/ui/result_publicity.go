package ui

import (
	"net/http"
	"sort"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type resultPublicityData struct {
	Cycle     storage.EvalCycle
	ClassName string
	Rows      []storage.ResultRow
	CanAppeal bool
}

// resultPublicity is the 公示 list of a class: names and levels only, no
// scores, for the class's students, their parents and staff in scope,
// while the cycle is publicised.
func (s *Server) resultPublicity(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadResultCycle(w, r)
	if !ok {
		return
	}
	classID, ok := pathID(r, "class")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	cl, err := s.st.Class(ctx, school, classID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.inClass(r, sc, classID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	if c.State != model.CyclePublicised {
		s.errorPage(w, r, http.StatusNotFound, "该评价周期不在公示期")
		return
	}
	rows, err := s.st.CycleResults(ctx, school, c.ID, classID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := resultPublicityData{Cycle: c, ClassName: cl.Name, CanAppeal: canAppeal(c)}
	// Only names and levels (or 待补评 and what is missing) leave this
	// handler: no totals, ranks or numbers.
	for _, row := range rows {
		d.Rows = append(d.Rows, storage.ResultRow{StudentID: row.StudentID, StudentName: row.StudentName, StudentNo: row.StudentNo, Level: row.Level,
			Incomplete: row.Incomplete, Missing: row.Missing})
	}
	// By student number, not by rank: the order must not tell the scores.
	sort.Slice(d.Rows, func(i, j int) bool { return d.Rows[i].StudentNo < d.Rows[j].StudentNo })
	s.render(w, r, http.StatusOK, "result_publicity", "结果公示", d)
}
