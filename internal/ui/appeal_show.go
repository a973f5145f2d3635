package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

type appealShowData struct {
	Appeal    appealView
	Cycle     storage.EvalCycle
	Indicator model.IndicatorResult
	Found     bool
	Files     []storage.ProofFile
	CanReview bool
	CanDecide bool
}

// loadAppeal reads the appeal named by {id} with its result, and answers
// 404 outside the user's school or scope.
func (s *Server) loadAppeal(w http.ResponseWriter, r *http.Request) (storage.Appeal, model.StudentResult, bool) {
	var res model.StudentResult
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return storage.Appeal{}, res, false
	}
	ctx, school := r.Context(), schoolOf(r)
	ap, err := s.st.Appeal(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return ap, res, false
	}
	res, err = s.st.StudentResult(ctx, school, ap.CycleID, ap.StudentID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return ap, res, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return ap, res, false
	}
	if !sc.AllowsStudent(ap.StudentID, res.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return ap, res, false
	}
	return ap, res, true
}

// appealShow shows an appeal, the indicator's explanation and the files,
// with the head teacher's review form or the committee's decision form.
func (s *Server) appealShow(w http.ResponseWriter, r *http.Request) {
	ap, res, ok := s.loadAppeal(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	c, err := s.st.Cycle(ctx, school, ap.CycleID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	d := appealShowData{Cycle: c}
	d.Appeal = appealView{Appeal: ap, CycleName: c.Name, StateName: appealStateNames[ap.State], IndicatorName: indicatorName(res, ap.IndicatorCode)}
	if stu, err := s.st.Student(ctx, school, ap.StudentID); err == nil {
		d.Appeal.StudentName = stu.Name
	}
	if cl, err := s.st.Class(ctx, school, res.ClassID); err == nil {
		d.Appeal.ClassName = cl.Name
	}
	d.Indicator, d.Found = findIndicator(res, ap.IndicatorCode)
	if d.Files, err = s.st.AppealFiles(ctx, school, ap.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.CanReview = ap.State == storage.AppealSubmitted
	d.CanDecide = ap.State == storage.AppealHeadReviewed && s.authz.Can(userOf(r), "appeal:decide")
	s.render(w, r, http.StatusOK, "appeal_show", "申诉详情", d)
}

// appealFileDownload sends one proof file of an appeal in scope.
func (s *Server) appealFileDownload(w http.ResponseWriter, r *http.Request) {
	ap, _, ok := s.loadAppeal(w, r)
	if !ok {
		return
	}
	fid, ok := httpx.PathID(r, "file")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	f, err := s.st.AppealFile(r.Context(), schoolOf(r), fid)
	if err != nil || f.OwnerID != ap.ID {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+urlPathEscape(f.Name))
	w.Write(f.Data)
}

func urlPathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// appealReview records the head teacher's 复核意见.
func (s *Server) appealReview(w http.ResponseWriter, r *http.Request) {
	ap, _, ok := s.loadAppeal(w, r)
	if !ok {
		return
	}
	back := "/appeals/" + strconv.FormatInt(ap.ID, 10)
	if err := s.st.ReviewAppealHead(r.Context(), schoolOf(r), actor(r), ap.ID, strings.TrimSpace(r.FormValue("review"))); err != nil {
		s.flashError(r, err.Error())
	} else {
		s.flash(r, "复核意见已保存")
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// appealDecide records the committee's decision. Upheld needs the
// adjustment (a new score or a change) and writes a correction row through
// storage; the student's result, and the ranks and levels of their quota
// group, are then recomputed at once (evalrun.RecomputeStudents) and the
// cycle stays in 公示, so the 公示 list shows the row as 已更正. The
// student's and parents' accounts are told.
func (s *Server) appealDecide(w http.ResponseWriter, r *http.Request) {
	ap, res, ok := s.loadAppeal(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	back := "/appeals/" + strconv.FormatInt(ap.ID, 10)
	upheld := r.FormValue("decision") == "upheld"
	if !upheld && r.FormValue("decision") != "rejected" {
		s.flashError(r, "请选择维持或支持")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	reason := strings.TrimSpace(r.FormValue("reason"))
	mode := r.FormValue("mode")
	var value float64
	if upheld {
		v, err := validate.Number(strings.TrimSpace(r.FormValue("value")))
		msg := ""
		switch {
		case mode != storage.CorrectionSet && mode != storage.CorrectionDelta:
			msg = "支持申诉须选择调整方式"
		case err != nil:
			msg = "请填写调整的分数"
		case mode == storage.CorrectionSet && (v < 0 || v > 100):
			msg = "新分数须在 0 到 100 之间"
		case mode == storage.CorrectionDelta && (v == 0 || v < -100 || v > 100):
			msg = "加减分须在 -100 到 100 之间且不为 0"
		}
		if msg != "" {
			s.flashError(r, msg)
			http.Redirect(w, r, back, http.StatusSeeOther)
			return
		}
		value = v
	}
	if err := s.st.DecideAppeal(ctx, school, actor(r), ap.ID, upheld, reason, mode, value); err != nil {
		s.flashError(r, err.Error())
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	corrected := false
	if upheld {
		if _, err := evalrun.RecomputeStudents(ctx, s.st, school, actor(r), ap.CycleID, []int64{ap.StudentID}); err != nil {
			// The decision and its correction are stored; the next
			// recompute applies them. Say so rather than hide it.
			s.log.Error("recompute after appeal", "err", err)
			s.flashError(r, "处理决定已保存，但结果未能立即更新（"+err.Error()+"）；请在评价周期页重新计算")
		} else {
			corrected = true
			s.flash(r, "处理决定已保存，该生的结果已更正，公示继续进行")
		}
	} else {
		s.flash(r, "处理决定已保存")
	}
	ids, err := s.st.AccountsOf(ctx, school, "student_id", []int64{ap.StudentID})
	if err == nil {
		var gids []int64
		if gs, err := s.st.GuardiansOf(ctx, school, ap.StudentID); err == nil {
			for _, g := range gs {
				gids = append(gids, g.ID)
			}
		}
		more, _ := s.st.AccountsOf(ctx, school, "guardian_id", gids)
		ids = append(ids, more...)
		verdict := map[bool]string{true: "申诉成立", false: "维持原结果"}[upheld]
		if corrected {
			verdict = "申诉成立，结果已更正"
		}
		text := "您对“" + indicatorName(res, ap.IndicatorCode) + "”的申诉已处理：" + verdict
		link := "/results/" + strconv.FormatInt(ap.CycleID, 10) + "/students/" + strconv.FormatInt(ap.StudentID, 10)
		if err := s.st.AddNotifications(ctx, school, ids, "appeal_decided", text, link); err != nil {
			s.log.Error("notify", "err", err)
		}
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
