package ui

import (
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/model"
)

type termPageData struct {
	Years  []model.AcademicYear
	Terms  []model.Term
	Errors formErrors
	Form   string // the form the errors belong to: "year" or "term"
	Year   model.AcademicYear
	Term   model.Term
}

// termPage renders 学年学期 with the lists and the two create forms.
func (s *Server) termPage(w http.ResponseWriter, r *http.Request, status int, d termPageData) {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Years, err = s.st.AcademicYears(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Terms, err = s.st.Terms(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Term.AcademicYearID == 0 && len(d.Years) > 0 {
		d.Term.AcademicYearID = d.Years[0].ID
	}
	s.render(w, r, status, "org_terms", "学年学期", d)
}

// suggestedYear proposes the school year that starts this autumn (or the
// one running now, before August).
func suggestedYear(now time.Time) model.AcademicYear {
	y := now.Year()
	if now.Month() < time.August {
		y--
	}
	return model.AcademicYear{Name: strconv.Itoa(y) + "-" + strconv.Itoa(y+1),
		StartDate: strconv.Itoa(y) + "-09-01", EndDate: strconv.Itoa(y+1) + "-07-15"}
}

func (s *Server) termList(w http.ResponseWriter, r *http.Request) {
	s.termPage(w, r, http.StatusOK, termPageData{Year: suggestedYear(time.Now()), Term: model.Term{Semester: 1}})
}
