package ui

import (
	"net/http"
	"slices"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// trendRow is one student's line: weekly deductions as bars, the term's
// records and what stands out.
type trendRow struct {
	storage.StudentTrend
	Bars    []trendBar
	TopCats string
}

// trendBar is one week's deductions, drawn as a bar of Height percent.
type trendBar struct {
	N, Height int
}

type trendsData struct {
	Classes []model.Class
	ClassID int64
	Since   string
	Rows    []trendRow
	Quiet   []storage.ConductStudent // no record this term: one line, not a card each
}

// conductTrends shows, for one class the user follows (a head teacher's
// own; any class for those who manage conduct), each student's trend over
// the last weeks, their patterns and whether a talk is due.
func (s *Server) conductTrends(w http.ResponseWriter, r *http.Request) {
	sel, all, err := s.conductRemit(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	cf := storage.ClassFilter{ListQuery: model.AllRows()}
	if !all {
		cf.Scoped, cf.ClassIDs = true, sel.ClassIDs
	}
	classes, _, err := s.st.Classes(ctx, school, cf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := trendsData{Classes: classes, ClassID: queryInt(r, "class")}
	if d.ClassID == 0 && len(classes) > 0 {
		d.ClassID = classes[0].ID
	}
	if !slices.ContainsFunc(classes, func(c model.Class) bool { return c.ID == d.ClassID }) {
		if d.ClassID != 0 && len(classes) > 0 {
			s.errorPage(w, r, http.StatusNotFound, "班级不存在")
			return
		}
		d.ClassID = 0
	}
	if d.ClassID != 0 {
		t, err := s.st.ConductTerm(ctx, school, storage.ConductSelect{ClassIDs: []int64{d.ClassID}, Talks: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Since = t.Since
		for _, row := range trendRows(t) {
			if row.Plus+row.Minus == 0 {
				d.Quiet = append(d.Quiet, row.Student)
			} else {
				d.Rows = append(d.Rows, row)
			}
		}
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "conduct_trends", "德育趋势", d)
}

// trendRows computes each student's line, students who need a talk first.
func trendRows(t storage.ConductTermData) []trendRow {
	var rows []trendRow
	for _, tr := range t.Trends() {
		row := trendRow{StudentTrend: tr}
		top := 1
		for _, n := range tr.Weekly {
			top = max(top, n)
		}
		for _, n := range tr.Weekly {
			row.Bars = append(row.Bars, trendBar{N: n, Height: n * 100 / top})
		}
		var cats []string
		for _, c := range tr.Categories[:min(3, len(tr.Categories))] {
			cats = append(cats, c.Category)
		}
		row.TopCats = strings.Join(cats, "、")
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b trendRow) int {
		switch {
		case a.NeedsTalk != nil && b.NeedsTalk == nil:
			return -1
		case a.NeedsTalk == nil && b.NeedsTalk != nil:
			return 1
		}
		return 0
	})
	return rows
}
