package ui

import (
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The 科研处's review queue: outputs waiting for review, oldest first,
// verified in bulk or rejected with a reason (the teachers see it on
// their output), and the school's journal grades.

type researchReviewPage struct {
	Pager    pager
	Rows     []model.ResearchOutput
	Kind     string
	Kinds    []research.Kind
	Settings research.Settings
	Errors   formErrors
}

func (s *Server) researchReview(w http.ResponseWriter, r *http.Request) {
	s.renderResearchReview(w, r, http.StatusOK, nil)
}

func (s *Server) renderResearchReview(w http.ResponseWriter, r *http.Request, status int, errs formErrors) {
	f := storage.ResearchFilter{ListQuery: listQuery(r), Kind: r.URL.Query().Get("kind"), Status: research.StatusPending}
	rows, total, err := s.st.ListResearchOutputs(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	set, err := s.st.ResearchSettings(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := researchReviewPage{Pager: newPager(r, f.ListQuery, total), Rows: rows, Kind: f.Kind, Kinds: research.Kinds, Settings: set, Errors: errs}
	s.render(w, r, status, "research_review", "成果审核", d)
}

// researchDecide verifies or rejects the ticked outputs (or the one of a
// show page) in one transaction.
func (s *Server) researchDecide(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var ids []int64
	for _, v := range r.Form["id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	ok := r.FormValue("decision") == "verify"
	err := s.st.ReviewResearchOutputs(r.Context(), schoolOf(r), actor(r), ids, ok, field(r, "reason"))
	var errs formErrors
	if err != nil && !errs.refused(err) {
		s.notFoundOr(w, r, err)
		return
	}
	back := "/research/review"
	if b := r.FormValue("back"); strings.HasPrefix(b, "/research/outputs/") {
		back = b
	}
	if errs.any() {
		s.flashError(r, strings.Join(errs, "；"))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	done := "已认定 " + strconv.Itoa(len(ids)) + " 项成果"
	if !ok {
		done = "已退回 " + strconv.Itoa(len(ids)) + " 项成果"
	}
	s.redirect(w, r, back, done)
}

// researchSettingsSave stores the school's journal grades, one a line.
func (s *Server) researchSettingsSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	set := research.Settings{JournalGrades: strings.Split(strings.ReplaceAll(r.FormValue("journal_grades"), "\r", ""), "\n")}
	err := s.st.SaveResearchSettings(r.Context(), schoolOf(r), actor(r), set)
	var errs formErrors
	if err != nil && !errs.refused(err) {
		s.serverError(w, r, err)
		return
	}
	if errs.any() {
		s.renderResearchReview(w, r, http.StatusUnprocessableEntity, errs)
		return
	}
	s.redirect(w, r, "/research/review", "已保存期刊级别")
}
