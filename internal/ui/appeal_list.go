package ui

import (
	"cmp"
	"net/http"

	"zhijiao/internal/storage"
)

type appealListData struct {
	State   string
	States  []appealStateOption
	Appeals []appealView
}

type appealStateOption struct {
	Value, Label string
}

// appealList lists the appeals in the reviewer's scope (a head teacher:
// their classes; the offices: all), newest cycle first, with a state
// filter.
func (s *Server) appealList(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	state := r.URL.Query().Get("state")
	if _, ok := appealStateNames[state]; !ok {
		state = ""
	}
	d := appealListData{State: state}
	for _, v := range []string{storage.AppealSubmitted, storage.AppealHeadReviewed, storage.AppealUpheld, storage.AppealRejected} {
		d.States = append(d.States, appealStateOption{v, appealStateNames[v]})
	}
	cycles, err := s.st.Cycles(ctx, school, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names, err := s.classNames(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Every cycle's appeals with their students' names in one query; an
	// indicator's name comes from the cycle's framework (cached), not
	// from each student's stored result.
	lines, err := s.st.AppealLines(ctx, school, state)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byCycle := map[int64][]storage.AppealLine{}
	for _, l := range lines {
		byCycle[l.CycleID] = append(byCycle[l.CycleID], l)
	}
	for _, c := range cycles {
		if !c.State.HasResults() || len(byCycle[c.ID]) == 0 {
			continue
		}
		f, err := s.st.Framework(ctx, school, c.FrameworkID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		indicators := indicatorNames(f)
		for _, l := range byCycle[c.ID] {
			if !sc.AllowsStudent(l.StudentID, l.ClassID) {
				continue
			}
			v := appealView{Appeal: l.Appeal, StudentName: l.StudentName, ClassName: names[l.ClassID], CycleName: c.Name, StateName: appealStateNames[l.State], IndicatorName: cmp.Or(indicators[l.IndicatorCode], l.IndicatorCode)}
			d.Appeals = append(d.Appeals, v)
		}
	}
	s.render(w, r, http.StatusOK, "appeal_list", "申诉处理", d)
}
