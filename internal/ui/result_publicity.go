package ui

import (
	"net/http"
	"sort"
	"time"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type resultPublicityData struct {
	Cycle     storage.EvalCycle
	ClassName string
	Rows      []publicityRow
	CanAppeal bool
}

// publicityRow is one name of the 公示 list: the level, or 暂不公示 (Held)
// for a student held back, and when the result was corrected during 公示.
type publicityRow struct {
	StudentName string
	Level       model.Level
	Held        bool
	Incomplete  bool     // 待补评 (not held back: only a result computed before 公示 checked it)
	Missing     []string // why, for 待补评
	CorrectedAt time.Time
	studentNo   string
}

// resultPublicity is the 公示 list of a class: names and levels only, no
// scores, for the class's students, their parents and staff in scope,
// while the cycle is publicised.
func (s *Server) resultPublicity(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadResultCycle(w, r)
	if !ok {
		return
	}
	classID, ok := httpx.PathID(r, "class")
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
	held, err := s.st.ExcludedStudents(ctx, school, c.ID, classID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	corrected, err := s.st.CorrectedAt(ctx, school, c.ID, classID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := resultPublicityData{Cycle: c, ClassName: cl.Name, CanAppeal: canAppeal(c)}
	// Only names and levels (or 待补评 and what is missing) leave this
	// handler: no totals, ranks or numbers — and nothing at all for a
	// student held back (暂不公示).
	for _, row := range rows {
		p := publicityRow{StudentName: row.StudentName, Held: held[row.StudentID], CorrectedAt: corrected[row.StudentID], studentNo: row.StudentNo}
		switch {
		case p.Held:
		case row.Incomplete || !row.Complete:
			p.Incomplete, p.Missing = true, row.Missing
		default:
			p.Level = row.Level
		}
		d.Rows = append(d.Rows, p)
	}
	// By student number, not by rank: the order must not tell the scores.
	sort.Slice(d.Rows, func(i, j int) bool { return d.Rows[i].studentNo < d.Rows[j].studentNo })
	s.render(w, r, http.StatusOK, "result_publicity", "结果公示", d)
}

// heldBack says whether a student's result is held back from 公示 (暂不公示):
// their family then sees no result, as before 公示.
func (s *Server) heldBack(r *http.Request, cycleID, studentID, classID int64) bool {
	held, err := s.st.ExcludedStudents(r.Context(), schoolOf(r), cycleID, classID)
	if err != nil {
		s.log.Error("held back", "err", err)
		return true // when in doubt, show nothing
	}
	return held[studentID]
}
