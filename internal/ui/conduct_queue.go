package ui

import (
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The confirmation and approval queue: records by the student council
// waiting for a teacher, and bonuses above the threshold waiting for the
// 德育处. Confirmed, approved or rejected in bulk.

type conductQueuePage struct {
	Rows    []storage.ConductRow
	Total   int
	Approve bool // the user may approve big bonuses too
	Reason  string
	Errors  formErrors
}

// waits are the waits a user decides: confirmations in their scope, and
// approvals when they hold conduct:approve.
func (s *Server) waits(r *http.Request) []string {
	w := []string{conduct.AwaitConfirm}
	if s.authz.Can(userOf(r), "conduct:approve") {
		w = append(w, conduct.AwaitApprove)
	}
	return w
}

func (s *Server) conductQueueData(r *http.Request) (conductQueuePage, error) {
	d := conductQueuePage{Approve: s.authz.Can(userOf(r), "conduct:approve")}
	sc, err := s.conductScopeOf(r)
	if err != nil {
		return d, err
	}
	var rows []storage.ConductRow
	rows, d.Total, err = s.st.ListConduct(r.Context(), schoolOf(r), sc.filter(storage.ConductFilter{ListQuery: model.ListQuery{PerPage: model.MaxPerPage}, Awaiting: s.waits(r)}))
	for _, row := range rows {
		if s.mayDecide(r, sc, row) {
			d.Rows = append(d.Rows, row)
		}
	}
	return d, err
}

func (s *Server) conductQueue(w http.ResponseWriter, r *http.Request) {
	d, err := s.conductQueueData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conduct_queue", "待确认的德育记录", d)
}

// conductDecide confirms (or approves) or rejects the ticked records in
// one transaction; a record the user may not decide refuses the batch.
func (s *Server) conductDecide(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	ok := field(r, "decision") == "confirm"
	reason := field(r, "reason")
	var errs formErrors
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.conductScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var ids, students []int64
	for _, v := range r.PostForm["record"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		row, err := s.st.ConductRecord(ctx, school, id)
		if err != nil || !s.mayDecide(r, sc, row) {
			errs.add("有记录已被处理或不归你确认，请刷新后重试")
			break
		}
		ids = append(ids, id)
		if !slices.Contains(students, row.StudentID) {
			students = append(students, row.StudentID)
		}
	}
	if len(ids) == 0 && !errs.any() {
		errs.add("请至少选择一条记录")
	}
	if !errs.any() {
		if err := s.st.DecideConduct(ctx, school, actor(r), ids, ok, reason); err != nil {
			errs.addErr("", err)
		}
	}
	if errs.any() {
		d, err := s.conductQueueData(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Errors, d.Reason = errs, reason
		s.render(w, r, http.StatusUnprocessableEntity, "conduct_queue", "待确认的德育记录", d)
		return
	}
	s.afterConductRecords(ctx, school, students)
	msg := "已确认 " + strconv.Itoa(len(ids)) + " 条记录"
	if !ok {
		msg = "已退回 " + strconv.Itoa(len(ids)) + " 条记录"
	}
	s.redirect(w, r, "/conduct/queue", msg)
}
