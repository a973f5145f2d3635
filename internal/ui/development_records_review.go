package ui

import (
	"net/http"

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
	q := bulkReview{queue: "/development/records/review", backPrefix: "/development/records/", verified: "已核实 %d 条记录", rejected: "已退回 %d 条记录"}
	s.decideBulk(w, r, q, func(ids []int64, ok bool, reason string) error {
		return s.st.ReviewDevelopmentRecords(r.Context(), schoolOf(r), actor(r), userOf(r).TeacherID, ids, ok, reason)
	})
}
