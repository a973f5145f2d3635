package ui

import (
	"errors"
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The list of the school's 科研考核, one per term, and the form that
// opens a term's assessment.

type researchAssessListPage struct {
	Rows   []storage.ResearchAssessment
	Terms  []model.Term // terms without an assessment yet
	TermID int64
	Days   string
	Errors formErrors
}

func (s *Server) researchAssessListData(r *http.Request) (researchAssessListPage, error) {
	ctx, school := r.Context(), schoolOf(r)
	var d researchAssessListPage
	var err error
	if d.Rows, err = s.st.ResearchAssessments(ctx, school); err != nil {
		return d, err
	}
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		return d, err
	}
	taken := map[int64]bool{}
	for _, a := range d.Rows {
		taken[a.TermID] = true
	}
	for _, t := range terms {
		if !taken[t.ID] {
			d.Terms = append(d.Terms, t)
			if t.IsCurrent {
				d.TermID = t.ID
			}
		}
	}
	d.Days = "5"
	return d, nil
}

func (s *Server) researchAssessList(w http.ResponseWriter, r *http.Request) {
	d, err := s.researchAssessListData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "research_assess_list", "科研考核", d)
}

// researchAssessCreate opens a term's assessment with the latest rules.
func (s *Server) researchAssessCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var errs formErrors
	n := storage.NewResearchAssessment{Name: field(r, "name"), FromOn: field(r, "from_on"), ToOn: field(r, "to_on")}
	n.TermID, _ = strconv.ParseInt(field(r, "term_id"), 10, 64)
	days, err := strconv.Atoi(field(r, "publicity_days"))
	if err != nil {
		errs.add("公示天数应为 1 到 30 的整数")
	}
	n.PublicityDays = days
	if !errs.any() {
		ra, err := s.st.CreateResearchAssessment(r.Context(), schoolOf(r), actor(r), n)
		switch {
		case err == nil:
			s.redirect(w, r, "/research/assessments/"+itoa64(ra.ID), "已创建"+ra.Name+"，教师现在可以认领成果")
			return
		case errors.Is(err, storage.ErrNotFound):
			errs.add("请选择学期")
		case refused(err):
			errs.addErr("", err)
		default:
			s.serverError(w, r, err)
			return
		}
	}
	d, err := s.researchAssessListData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Errors, d.TermID, d.Days = errs, n.TermID, field(r, "publicity_days")
	s.render(w, r, http.StatusUnprocessableEntity, "research_assess_list", "科研考核", d)
}

// refused reports a refusal whose message is for the user.
func refused(err error) bool { return errors.Is(err, storage.ErrRefused) }
