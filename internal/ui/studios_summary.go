package ui

import (
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/teacherdev"
)

// A studio's yearly summary (年度总结), printable: activities by kind,
// members active, research outputs linked and hours reported in one
// calendar year, with the year's activities listed.

type studioSummaryPage struct {
	Studio     teacherdev.Studio
	Summary    teacherdev.StudioYear
	Activities []teacherdev.StudioActivity
	Years      []int
}

func (s *Server) studioSummary(w http.ResponseWriter, r *http.Request) {
	x, ok := s.loadStudio(w, r)
	if !ok {
		return
	}
	year := time.Now().Year()
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > year+1 {
			s.errorPage(w, r, http.StatusBadRequest, "年份有误")
			return
		}
		year = y
	}
	sum, err := s.st.StudioYear(r.Context(), schoolOf(r), x.ID, year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	acts, err := s.st.StudioActivities(r.Context(), schoolOf(r), x.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := studioSummaryPage{Studio: x, Summary: sum}
	prefix := strconv.Itoa(year) + "-"
	for _, a := range acts {
		if len(a.HeldOn) > 5 && a.HeldOn[:5] == prefix {
			d.Activities = append(d.Activities, a)
		}
	}
	first := year
	if len(x.FoundedOn) >= 4 {
		first, _ = strconv.Atoi(x.FoundedOn[:4])
	}
	for y := time.Now().Year(); y >= first && y > time.Now().Year()-10; y-- {
		d.Years = append(d.Years, y)
	}
	s.render(w, r, http.StatusOK, "studios_summary", x.Name+" "+strconv.Itoa(year)+"年度总结", d)
}
