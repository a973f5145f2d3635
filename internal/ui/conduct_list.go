package ui

import (
	"net/http"

	"zhijiao/internal/storage"
)

// The behaviour records of the user's remit, newest first (a head teacher
// their classes, the offices and duty teachers the school), deleted ones
// included and marked: a record's history stays visible.

type conductListPage struct {
	Pager pager
	Rows  []storage.ConductRow
	Q     string
}

func (s *Server) conductList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.conductReadScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := sc.filter(storage.ConductFilter{ListQuery: listQuery(r), ClassID: queryInt(r, "class"), StudentID: queryInt(r, "student")})
	rows, total, err := s.st.ListConduct(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conduct_list", "德育记录", conductListPage{Pager: newPager(r, f.ListQuery, total), Rows: rows, Q: f.Q})
}
