package ui

import (
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The 人事处's verification queue: self-reported records waiting, oldest
// first, verified in bulk or rejected with a reason (the teacher sees it
// on their record). A reviewer's own records are not theirs to verify.

type developmentReviewPage struct {
	Pager  pager
	Rows   []model.DevelopmentRecord
	Filter storage.DevelopmentFilter
	Kinds  []teacherdev.Kind
	Own    int64
}

func (s *Server) developmentReview(w http.ResponseWriter, r *http.Request) {
	f := developmentFilterOf(r)
	f.Status, f.Deleted, f.Scope = teacherdev.StatusPending, false, storage.DevelopmentScope{All: true}
	rows, total, err := s.st.ListDevelopmentRecords(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := developmentReviewPage{Pager: newPager(r, f.ListQuery, total), Rows: rows, Filter: f, Kinds: teacherdev.Kinds, Own: userOf(r).TeacherID}
	s.render(w, r, http.StatusOK, "development_records_review", "待核实的培训与实践记录", d)
}

// developmentDecide verifies or rejects the ticked records (or the one of
// a show page) in one transaction.
func (s *Server) developmentDecide(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var ids []int64
	for _, v := range r.Form["id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	ok := r.FormValue("decision") == "verify"
	err := s.st.ReviewDevelopmentRecords(r.Context(), schoolOf(r), actor(r), userOf(r).TeacherID, ids, ok, field(r, "reason"))
	var errs formErrors
	if err != nil && !errs.refused(err) {
		s.notFoundOr(w, r, err)
		return
	}
	back := "/development/records/review"
	if b := r.FormValue("back"); strings.HasPrefix(b, "/development/records/") {
		back = b
	}
	if errs.any() {
		s.flashError(r, strings.Join(errs, "；"))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	done := "已核实 " + strconv.Itoa(len(ids)) + " 条记录"
	if !ok {
		done = "已退回 " + strconv.Itoa(len(ids)) + " 条记录"
	}
	s.redirect(w, r, back, done)
}
