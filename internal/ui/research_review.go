package ui

import (
	"net/http"
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
	q := bulkReview{queue: "/research/review", backPrefix: "/research/outputs/", verified: "已认定 %d 项成果", rejected: "已退回 %d 项成果"}
	s.decideBulk(w, r, q, func(ids []int64, ok bool, reason string) error {
		return s.st.ReviewResearchOutputs(r.Context(), schoolOf(r), actor(r), ids, ok, reason)
	})
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
