package ui

import (
	"fmt"
	"net/http"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// 满意度调查: the school writes a questionnaire (questions rated 1–5, and
// always an overall question), invites partner enterprises through one
// private link each, and reads the answers aggregated. The overall answers
// are what 用人单位满意率 counts.

// defaultSurveyQuestions prefill a new questionnaire: the qualities
// employers are usually asked about.
var defaultSurveyQuestions = []string{"职业道德与敬业精神", "专业知识与技能", "学习与创新能力", "沟通与团队合作", "遵守纪律与安全意识"}

type surveyListData struct {
	Surveys   []model.EmployerSurvey
	Responses map[int64]int
	Form      model.EmployerSurvey
	Questions string
	Errors    formErrors
}

func (s *Server) surveyPage(w http.ResponseWriter, r *http.Request, status int, d surveyListData) {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Surveys, err = s.st.Surveys(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Responses, err = s.st.SurveyResponseCounts(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "survey_list", "满意度调查", d)
}

func (s *Server) surveyList(w http.ResponseWriter, r *http.Request) {
	today := storage.Today()
	year, _ := calendarSchoolYear(today)
	s.surveyPage(w, r, http.StatusOK, surveyListData{
		Form:      model.EmployerSurvey{Title: today[:4] + "年用人单位满意度调查", OpensOn: today, ClosesOn: year.To},
		Questions: strings.Join(defaultSurveyQuestions, "\n"),
	})
}

func (s *Server) surveyCreate(w http.ResponseWriter, r *http.Request) {
	d := surveyListData{Questions: r.FormValue("questions")}
	sv := &d.Form
	sv.Title, sv.Intro, sv.OpensOn, sv.ClosesOn = field(r, "title"), field(r, "intro"), field(r, "opens_on"), field(r, "closes_on")
	if sv.Title == "" {
		d.Errors.add("请填写问卷标题")
	}
	maxLen(&d.Errors, "问卷标题", sv.Title, 100)
	maxLen(&d.Errors, "说明", sv.Intro, 1000)
	checkDates(&d.Errors, sv.OpensOn, sv.ClosesOn, true)
	seen := map[string]bool{}
	for _, line := range strings.Split(d.Questions, "\n") {
		q := strings.TrimSpace(line)
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		if len([]rune(q)) > 100 {
			d.Errors.add("题目“" + string([]rune(q)[:20]) + "…”超过 100 个字")
		}
		sv.Questions = append(sv.Questions, model.SurveyQuestion{Code: fmt.Sprintf("q%d", len(sv.Questions)+1), Text: q})
	}
	if len(sv.Questions) == 0 || len(sv.Questions) > 30 {
		d.Errors.add("请填写 1 到 30 道题目，每行一道")
	}
	if !d.Errors.any() {
		if err := s.st.CreateSurvey(r.Context(), schoolOf(r), actor(r), sv); err != nil {
			d.Errors.addErr("", err)
		}
	}
	if d.Errors.any() {
		s.surveyPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/surveys/"+itoa64(sv.ID), "问卷已创建，请邀请企业填写")
}
