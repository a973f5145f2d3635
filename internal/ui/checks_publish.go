package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/conduct"
)

// checksPublish publishes a day to the board: check:manage, or a duty
// teacher when the school allows. A future day, a day without entries or
// with council entries waiting is refused kindly. Publishing the week's
// Friday awards its 流动红旗.
func (s *Server) checksPublish(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	day := checkDayOf(r)
	set, err := s.st.CheckSettingsOf(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !s.mayPublish(u, set) {
		s.errorPage(w, r, http.StatusForbidden, "只有德育处可以公布检查结果")
		return
	}
	if err := s.st.PublishCheckDay(ctx, school, actor(r), day, today()); err != nil {
		s.refusedOr(w, r, err, "/checks/entry?day="+day)
		return
	}
	s.redirect(w, r, "/checks?day="+day, "已公布")
}

// checksConfirm confirms the student council's waiting entries of a day
// (a teacher or an office, never the council itself).
func (s *Server) checksConfirm(w http.ResponseWriter, r *http.Request) {
	day := checkDayOf(r)
	if isCouncil(userOf(r)) {
		s.errorPage(w, r, http.StatusForbidden, "学生会干部的记录由值周教师确认")
		return
	}
	n, err := s.st.ConfirmCheckEntries(r.Context(), schoolOf(r), actor(r), day)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/checks/entry?day="+day, "已确认 "+strconv.Itoa(n)+" 条记录")
}

// checksAward (颁发) awards the 流动红旗 of the week of ?week= from its
// published days, replacing an earlier award of that week.
func (s *Server) checksAward(w http.ResponseWriter, r *http.Request) {
	week := conduct.WeekOf(checkDayOf(r))
	back := "/checks/rankings?day=" + week
	n, err := s.st.AwardCheckFlags(r.Context(), schoolOf(r), actor(r), week)
	if err != nil {
		s.refusedOr(w, r, err, back)
		return
	}
	s.redirect(w, r, back, "已颁发 "+strconv.Itoa(n)+" 面流动红旗")
}
