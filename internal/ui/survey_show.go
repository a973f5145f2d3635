package ui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

type surveyShowData struct {
	Survey       model.EmployerSurvey
	Results      []portrait.QuestionResult
	Satisfaction portrait.KPI
	Responses    []model.SurveyResponse
	Invitations  []storage.SurveyInvitation
	Uninvited    []model.Enterprise
	Links        []surveyLink // shown once, right after inviting
	Scale        []string
	Open         bool
	Chart        kpiChart
	Comments     bool
}

type surveyLink struct{ Enterprise, URL string }

func (s *Server) surveyLoad(w http.ResponseWriter, r *http.Request) (surveyShowData, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return surveyShowData{}, false
	}
	ctx, school := r.Context(), schoolOf(r)
	sv, err := s.st.Survey(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return surveyShowData{}, false
	}
	d := surveyShowData{Survey: sv, Scale: portrait.SatisfactionNames}
	if d.Responses, err = s.st.SurveyResponses(ctx, school, id, time.Time{}, time.Time{}); err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	d.Results = portrait.SurveyResults(sv.Questions, d.Responses)
	d.Comments = slices.ContainsFunc(d.Responses, func(r model.SurveyResponse) bool { return r.Comment != "" })
	d.Satisfaction = portrait.SurveySatisfaction(d.Responses)
	today := storage.Today()
	d.Open = today >= sv.OpensOn && today <= sv.ClosesOn
	overall := d.Results[len(d.Results)-1]
	t := portrait.Table{Title: "总体满意度分布", Rows: portrait.SatisfactionNames, Columns: []string{"份数"}}
	for _, c := range overall.Counts {
		t.Cells = append(t.Cells, []float64{float64(c)})
	}
	d.Chart = kpiChart{ID: "chart-survey", Chart: portrait.CountBars(t), Table: t}
	return d, true
}

func (s *Server) surveyRender(w http.ResponseWriter, r *http.Request, d surveyShowData) {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Invitations, err = s.st.SurveyInvitations(ctx, school, d.Survey.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	ents, _, err := s.st.Enterprises(ctx, school, model.AllRows())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range ents {
		if !slices.ContainsFunc(d.Invitations, func(v storage.SurveyInvitation) bool { return v.EnterpriseID == e.ID }) {
			d.Uninvited = append(d.Uninvited, e)
		}
	}
	s.render(w, r, http.StatusOK, "survey_show", d.Survey.Title, d)
}

func (s *Server) surveyShow(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.surveyLoad(w, r); ok {
		s.surveyRender(w, r, d)
	}
}

// surveyInvite makes one private link per chosen enterprise not yet
// invited. The links are shown on this response only (no-store): the
// database keeps their hashes, never the links, so the school copies them
// now and sends each to its enterprise.
func (s *Server) surveyInvite(w http.ResponseWriter, r *http.Request) {
	d, ok := s.surveyLoad(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "请求无效")
		return
	}
	before, err := s.st.SurveyInvitations(ctx, school, d.Survey.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ents, _, err := s.st.Enterprises(ctx, school, model.AllRows())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ours := map[int64]model.Enterprise{}
	for _, e := range ents {
		ours[e.ID] = e
	}
	hashes := map[int64]string{}
	base := s.publicBase(r)
	for _, v := range r.Form["enterprise_id"] {
		id, _ := strconv.ParseInt(v, 10, 64)
		if _, dup := hashes[id]; dup || slices.ContainsFunc(before, func(i storage.SurveyInvitation) bool { return i.EnterpriseID == id }) {
			continue // an enterprise keeps its one link
		}
		e, ok := ours[id]
		if !ok {
			continue // not this school's: ignored, as if not ticked
		}
		tok, _, hash := auth.NewAPIToken()
		hashes[id] = hash
		d.Links = append(d.Links, surveyLink{Enterprise: e.Name, URL: base + "/s/" + tok})
	}
	if len(hashes) == 0 {
		s.redirect(w, r, "/surveys/"+itoa64(d.Survey.ID), "")
		return
	}
	if _, err := s.st.Invite(ctx, school, actor(r), d.Survey.ID, hashes); err != nil {
		s.serverError(w, r, err)
		return
	}
	slices.SortFunc(d.Links, func(a, b surveyLink) int { return strings.Compare(a.Enterprise, b.Enterprise) })
	noStore(w)
	s.surveyRender(w, r, d)
}

// surveyExport writes the aggregated results and every answer as .xlsx.
func (s *Server) surveyExport(w http.ResponseWriter, r *http.Request) {
	d, ok := s.surveyLoad(w, r)
	if !ok {
		return
	}
	sum := xlsxSheet{Name: "汇总", Header: []string{"题目", "有效份数", "平均分", "很不满意", "不满意", "一般", "满意", "很满意", "满意率（满意+很满意）"},
		Widths: []float64{28, 10, 10, 10, 10, 10, 10, 10, 24}}
	for _, q := range d.Results {
		row := []any{q.Text, q.N, q.Mean()}
		for _, c := range q.Counts {
			row = append(row, c)
		}
		sum.Rows = append(sum.Rows, append(row, q.Satisfied.String()))
	}
	ans := xlsxSheet{Name: "答卷", Header: []string{"企业"}, Widths: []float64{30}}
	for _, q := range d.Survey.Questions {
		ans.Header = append(ans.Header, q.Text)
	}
	ans.Header = append(ans.Header, "总体满意度", "意见和建议", "提交时间")
	for _, rs := range d.Responses {
		row := []any{rs.Enterprise}
		for _, q := range d.Survey.Questions {
			row = append(row, rs.Answers[q.Code])
		}
		ans.Rows = append(ans.Rows, append(row, rs.Overall, rs.Comment, cnTime(rs.SubmittedAt)))
	}
	info := xlsxSheet{Name: "说明", Header: []string{"问卷", "开放日期", "截止日期", "用人单位满意率", "口径"}, Widths: []float64{30, 12, 12, 20, 60},
		Rows: [][]any{{d.Survey.Title, d.Survey.OpensOn, d.Survey.ClosesOn, d.Satisfaction.Value, d.Satisfaction.Definition}}}
	b, err := writeSheets([]xlsxSheet{sum, ans, info})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "employer_survey", d.Survey.ID, nil)
	sendFile(w, d.Survey.Title+"_结果.xlsx", b)
}
