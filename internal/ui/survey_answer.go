package ui

import (
	"errors"
	"net/http"
	"strconv"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

// The public answer page of the employer survey: an enterprise opens its
// private link on a phone, without an account, and answers once, inside
// the survey's dates. A used, expired or unknown link gets a plain Chinese
// message and nothing is written. Tokens are 256-bit random values stored
// only as hashes; unknown tokens also count against the address, as failed
// logins do, so guessing is slowed down as well as hopeless.

type surveyAnswerData struct {
	Message string // when the link cannot be answered
	Thanks  bool
	Inv     storage.Invitation
	Scale   []string
	Answers map[string]int
	Overall int
	Comment string
	Errors  formErrors
}

func (s *Server) surveyAnswerPage(w http.ResponseWriter, r *http.Request, status int, d surveyAnswerData) {
	d.Scale = portrait.SatisfactionNames
	noStore(w)
	w.Header().Set("Referrer-Policy", "no-referrer") // the token is in the path
	s.render(w, r, status, "survey_answer", "用人单位满意度调查", d)
}

// surveyInvitation finds the link's invitation and checks it may be
// answered now; otherwise it answers with the reason and returns false.
func (s *Server) surveyInvitation(w http.ResponseWriter, r *http.Request) (storage.Invitation, bool) {
	key := "survey:" + clientIP(r)
	if blocked, _ := s.ipLimit.Blocked(key); blocked {
		s.surveyAnswerPage(w, r, http.StatusTooManyRequests, surveyAnswerData{Message: "尝试次数过多，请稍后再试"})
		return storage.Invitation{}, false
	}
	inv, err := s.st.InvitationByTokenHash(r.Context(), auth.HashToken(r.PathValue("token")))
	if errors.Is(err, storage.ErrNotFound) {
		s.ipLimit.Fail(key)
		s.surveyAnswerPage(w, r, http.StatusNotFound, surveyAnswerData{Message: "链接无效：请核对链接，或联系学校重新获取问卷链接"})
		return inv, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return inv, false
	}
	today := storage.Today()
	switch {
	case inv.Answered:
		s.surveyAnswerPage(w, r, http.StatusGone, surveyAnswerData{Inv: inv, Message: "该问卷已经提交过，感谢您的反馈"})
	case today < inv.Survey.OpensOn:
		s.surveyAnswerPage(w, r, http.StatusForbidden, surveyAnswerData{Inv: inv, Message: "问卷尚未开放，开放时间为 " + cnDate(inv.Survey.OpensOn) + " 至 " + cnDate(inv.Survey.ClosesOn)})
	case today > inv.Survey.ClosesOn:
		s.surveyAnswerPage(w, r, http.StatusGone, surveyAnswerData{Inv: inv, Message: "问卷已于 " + cnDate(inv.Survey.ClosesOn) + " 截止，感谢您的关注"})
	default:
		return inv, true
	}
	return inv, false
}

func (s *Server) surveyAnswerShow(w http.ResponseWriter, r *http.Request) {
	if inv, ok := s.surveyInvitation(w, r); ok {
		s.surveyAnswerPage(w, r, http.StatusOK, surveyAnswerData{Inv: inv, Answers: map[string]int{}})
	}
}

func (s *Server) surveyAnswerSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	inv, ok := s.surveyInvitation(w, r)
	if !ok {
		return
	}
	d := surveyAnswerData{Inv: inv, Answers: map[string]int{}, Comment: field(r, "comment")}
	score := func(name string) int {
		v, err := strconv.Atoi(r.FormValue(name))
		if err != nil || v < 1 || v > 5 {
			return 0
		}
		return v
	}
	for _, q := range inv.Survey.Questions {
		if v := score("q_" + q.Code); v != 0 {
			d.Answers[q.Code] = v
		} else {
			d.Errors.add("请为“" + q.Text + "”选择满意程度")
		}
	}
	if d.Overall = score("overall"); d.Overall == 0 {
		d.Errors.add("请选择总体满意度")
	}
	maxLen(&d.Errors, "意见和建议", d.Comment, 1000)
	if !d.Errors.any() {
		resp := model.SurveyResponse{Answers: d.Answers, Overall: d.Overall, Comment: d.Comment}
		if err := s.st.SubmitSurveyResponse(r.Context(), inv, &resp, storage.Today()); err != nil {
			d.Errors.addErr("", err)
		}
	}
	if d.Errors.any() {
		s.surveyAnswerPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.surveyAnswerPage(w, r, http.StatusOK, surveyAnswerData{Inv: inv, Thanks: true})
}
