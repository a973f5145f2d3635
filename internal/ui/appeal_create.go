package ui

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhijiao/internal/httpx"
	"zhijiao/internal/storage"
)

// maxAppealReason is the longest reason taken, in characters.
const maxAppealReason = 1000

// appealCreate takes a student's or parent's appeal against one indicator
// of their (child's) result, during publicity, with an optional proof
// file, and tells the class's head teacher.
func (s *Server) appealCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, storage.MaxEvidenceFile+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, "文件超过 10 MB")
		return
	}
	if msg := controlInForm(r); msg != "" {
		s.errorPage(w, r, http.StatusBadRequest, msg)
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	cycleID, studentID := formInt(r, "cycle_id"), formInt(r, "student_id")
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.Contains(sc.StudentIDs, studentID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	c, err := s.st.Cycle(ctx, school, cycleID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	res, err := s.st.StudentResult(ctx, school, cycleID, studentID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	code := strings.TrimSpace(r.FormValue("indicator"))
	reason := strings.TrimSpace(r.FormValue("reason"))
	var msg string
	_, found := findIndicator(res, code)
	switch {
	case !canAppeal(c):
		msg = "只有公示期间可以申诉"
	case !found:
		msg = "请选择申诉的指标"
	case reason == "":
		msg = "申诉理由不能为空"
	case utf8.RuneCountInString(reason) > maxAppealReason:
		msg = "申诉理由不能超过 1000 字"
	}
	var name string
	var data []byte
	if msg == "" {
		if f, h, err := r.FormFile("file"); err == nil {
			data, err = io.ReadAll(io.LimitReader(f, storage.MaxEvidenceFile+1))
			f.Close()
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			name = httpx.FileName(h.Filename, "证明材料")
			if _, err := storage.CheckProofFile(data); err != nil {
				msg = err.Error()
			}
		}
	}
	if msg != "" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	ap := storage.Appeal{CycleID: cycleID, StudentID: studentID, IndicatorCode: code, Reason: reason}
	if err := s.st.CreateAppeal(ctx, school, actor(r), &ap); err != nil {
		s.errorPage(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if data != nil {
		if _, err := s.st.AddAppealFile(ctx, school, actor(r), ap.ID, name, data); err != nil {
			s.flashError(r, err.Error())
		}
	}
	// The class's head teacher accounts are told.
	if cl, err := s.st.Class(ctx, school, res.ClassID); err == nil && cl.HeadTeacherID != 0 {
		if ids, err := s.st.AccountsOf(ctx, school, "teacher_id", []int64{cl.HeadTeacherID}); err == nil {
			stu, _ := s.st.Student(ctx, school, studentID)
			text := stu.Name + "（" + cl.Name + "）对“" + indicatorName(res, code) + "”提出申诉"
			if err := s.st.AddNotifications(ctx, school, ids, "appeal_submitted", text, "/appeals/"+strconv.FormatInt(ap.ID, 10)); err != nil {
				s.log.Error("notify", "err", err)
			}
		}
	}
	s.flash(r, "申诉已提交，班主任复核后由评价委员会决定")
	http.Redirect(w, r, "/results/"+strconv.FormatInt(cycleID, 10)+"/students/"+strconv.FormatInt(studentID, 10), http.StatusSeeOther)
}
