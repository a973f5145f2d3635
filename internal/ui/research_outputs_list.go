package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The outputs of the user's reach, newest first, with filters by kind,
// status, year, department and a search of titles and names; "我的科研成果"
// is the same list narrowed to the user's own.

type researchListPage struct {
	Pager       pager
	Rows        []model.ResearchOutput
	Filter      storage.ResearchFilter
	Kinds       []research.Kind
	Years       []int
	Departments []model.Department
	Mine        bool
	Action      string
}

func (s *Server) researchList(w http.ResponseWriter, r *http.Request) { s.researchListOf(w, r, false) }

func (s *Server) researchOutputsMine(w http.ResponseWriter, r *http.Request) {
	s.researchListOf(w, r, true)
}

func (s *Server) researchListOf(w http.ResponseWriter, r *http.Request, mine bool) {
	sc, err := s.researchScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := r.URL.Query()
	f := storage.ResearchFilter{ListQuery: listQuery(r), Kind: q.Get("kind"), Status: q.Get("status"), DepartmentID: queryInt(r, "department"),
		TeacherID: queryInt(r, "teacher"), Deleted: q.Get("deleted") == "1"}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	d := researchListPage{Kinds: research.Kinds, Mine: mine, Action: "/research/outputs"}
	if mine {
		f.TeacherID, d.Action = userOf(r).TeacherID, "/research/outputs/mine"
		if f.TeacherID == 0 {
			f.TeacherID = -1 // an account without a teacher record has no outputs of its own
		}
	}
	rows, total, err := s.st.ListResearchOutputs(r.Context(), schoolOf(r), sc.filter(f))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if sc.All {
		if d.Departments, err = s.st.Departments(r.Context(), schoolOf(r)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	year := yearOf(storage.Today())
	for y := year; y >= year-9; y-- {
		d.Years = append(d.Years, y)
	}
	d.Rows, d.Filter, d.Pager = rows, f, newPager(r, f.ListQuery, total)
	title := "科研成果"
	if mine {
		title = "我的科研成果"
	}
	s.render(w, r, http.StatusOK, "research_list", title, d)
}

func yearOf(day string) int {
	y, _ := strconv.Atoi(day[:4])
	return y
}
