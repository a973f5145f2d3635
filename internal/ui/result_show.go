package ui

import (
	"net/http"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type resultShowData struct {
	Cycle     storage.EvalCycle
	Student   model.Student
	ClassName string
	// NotYet: a student or parent before publicity, or whose result is
	// held back (Held, 暂不公示); Result is then empty.
	NotYet    bool
	Held      bool
	Result    model.StudentResult
	Appeals   []appealView
	CanAppeal bool
	Staff     bool
	MaxReason int
}

// appealView is an appeal with the names a page shows.
type appealView struct {
	storage.Appeal
	IndicatorName string
	StudentName   string
	ClassName     string
	CycleName     string
	StateName     string
}

// appealStateNames are the appeal states as schools say them.
var appealStateNames = map[string]string{
	storage.AppealSubmitted:    "待班主任复核",
	storage.AppealHeadReviewed: "待评价委员会决定",
	storage.AppealUpheld:       "申诉成立",
	storage.AppealRejected:     "维持原结果",
}

// resultShow is one student's result with the explanation of every
// indicator. Raters are never named and single ratings never shown: the
// result types carry only per-role aggregates and counts.
func (s *Server) resultShow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadResultCycle(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	sid, ok := httpx.PathID(r, "student")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res, err := s.st.StudentResult(ctx, school, c.ID, sid)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if !sc.AllowsStudent(sid, res.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	stu, err := s.st.Student(ctx, school, sid)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	family := familyOnly(sc)
	d := resultShowData{Cycle: c, Student: stu, Staff: !family, MaxReason: maxAppealReason}
	if cl, err := s.st.Class(ctx, school, res.ClassID); err == nil {
		d.ClassName = cl.Name
	}
	held := family && c.State.FamilyMayView() && s.heldBack(r, c.ID, sid, res.ClassID)
	if family && !c.State.FamilyMayView() || held {
		d.NotYet, d.Held = true, held
		s.render(w, r, http.StatusOK, "result_show", stu.Name, d)
		return
	}
	d.Result = res
	d.CanAppeal = family && canAppeal(c) && s.authz.Can(userOf(r), "appeal:submit")
	aps, err := s.st.Appeals(ctx, school, c.ID, sid, "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, ap := range aps {
		d.Appeals = append(d.Appeals, appealView{Appeal: ap, IndicatorName: indicatorName(res, ap.IndicatorCode), StateName: appealStateNames[ap.State]})
	}
	s.render(w, r, http.StatusOK, "result_show", stu.Name, d)
}

// findIndicator returns the indicator of a result by code.
func findIndicator(res model.StudentResult, code string) (model.IndicatorResult, bool) {
	for _, d := range res.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Code == code {
				return ind, true
			}
		}
	}
	return model.IndicatorResult{}, false
}

func indicatorName(res model.StudentResult, code string) string {
	if ind, ok := findIndicator(res, code); ok {
		return ind.Name
	}
	return code
}
