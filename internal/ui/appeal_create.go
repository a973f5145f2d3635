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
	"zhijiao/internal/model"
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
	ap := storage.Appeal{CycleID: cycleID, StudentID: studentID, IndicatorCode: strings.TrimSpace(r.FormValue("indicator")), Reason: strings.TrimSpace(r.FormValue("reason"))}
	file, msg, err := appealForm(r, c, res, ap)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if msg != "" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	// The appeal and its file land together, or neither does.
	if err := s.st.SubmitAppeal(ctx, school, actor(r), &ap, file); err != nil {
		s.errorPage(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	s.notifyAppeal(r, ap, res)
	s.flash(r, "申诉已提交，班主任复核后由评价委员会决定")
	http.Redirect(w, r, "/results/"+strconv.FormatInt(cycleID, 10)+"/students/"+strconv.FormatInt(studentID, 10), http.StatusSeeOther)
}

// appealForm checks an appeal against its cycle and result and reads its
// optional proof file; msg says what is wrong with the form.
func appealForm(r *http.Request, c storage.EvalCycle, res model.StudentResult, ap storage.Appeal) (file *storage.ProofUpload, msg string, err error) {
	_, found := findIndicator(res, ap.IndicatorCode)
	switch {
	case !canAppeal(c):
		return nil, "只有公示期间可以申诉", nil
	case !found:
		return nil, "请选择申诉的指标", nil
	case ap.Reason == "":
		return nil, "申诉理由不能为空", nil
	case utf8.RuneCountInString(ap.Reason) > maxAppealReason:
		return nil, "申诉理由不能超过 1000 字", nil
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return nil, "", nil // no file: the proof is optional
	}
	data, err := io.ReadAll(io.LimitReader(f, storage.MaxEvidenceFile+1))
	f.Close()
	if err != nil {
		return nil, "", err
	}
	if _, err := storage.CheckProofFile(data); err != nil {
		return nil, err.Error(), nil
	}
	return &storage.ProofUpload{Name: httpx.FileName(h.Filename, "证明材料"), Data: data}, "", nil
}

// notifyAppeal tells the head teacher accounts of the student's class.
func (s *Server) notifyAppeal(r *http.Request, ap storage.Appeal, res model.StudentResult) {
	ctx, school := r.Context(), schoolOf(r)
	cl, err := s.st.Class(ctx, school, res.ClassID)
	if err != nil || cl.HeadTeacherID == 0 {
		return
	}
	ids, err := s.st.AccountsOf(ctx, school, "teacher_id", []int64{cl.HeadTeacherID})
	if err != nil {
		return
	}
	stu, _ := s.st.Student(ctx, school, ap.StudentID)
	text := stu.Name + "（" + cl.Name + "）对“" + indicatorName(res, ap.IndicatorCode) + "”提出申诉"
	if err := s.st.AddNotifications(ctx, school, ids, "appeal_submitted", text, "/appeals/"+strconv.FormatInt(ap.ID, 10)); err != nil {
		s.log.Error("notify", "err", err)
	}
}
