package ui

import (
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
	for _, c := range cycles {
		if !c.State.HasResults() {
			continue
		}
		aps, err := s.st.Appeals(ctx, school, c.ID, 0, state)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(aps) == 0 {
			continue
		}
		rows, err := s.st.CycleResults(ctx, school, c.ID, 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		byStudent := map[int64]storage.ResultRow{}
		for _, row := range rows {
			byStudent[row.StudentID] = row
		}
		for _, ap := range aps {
			row := byStudent[ap.StudentID]
			if !sc.AllowsStudent(ap.StudentID, row.ClassID) {
				continue
			}
			v := appealView{Appeal: ap, StudentName: row.StudentName, ClassName: names[row.ClassID], CycleName: c.Name, StateName: appealStateNames[ap.State], IndicatorName: ap.IndicatorCode}
			if res, err := s.st.StudentResult(ctx, school, c.ID, ap.StudentID); err == nil {
				v.IndicatorName = indicatorName(res, ap.IndicatorCode)
			}
			d.Appeals = append(d.Appeals, v)
		}
	}
	s.render(w, r, http.StatusOK, "appeal_list", "申诉处理", d)
}
