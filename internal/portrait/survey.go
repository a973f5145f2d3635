package portrait

import (
	"strconv"

	"zhijiao/internal/model"
)

// QuestionResult is one question of the employer survey, aggregated.
type QuestionResult struct {
	Code   string `json:"code"`
	Text   string `json:"text"`
	Counts [5]int `json:"counts"` // answers 1 (很不满意) … 5 (很满意)
	N      int    `json:"n"`
	// Satisfied is the share of 满意 and 很满意, as 用人单位满意率 counts it.
	Satisfied Ratio `json:"satisfied"`
}

// Mean is the average answer with two decimals, or 无数据.
func (q QuestionResult) Mean() string {
	if q.N == 0 {
		return NoData
	}
	s := 0
	for i, c := range q.Counts {
		s += (i + 1) * c
	}
	return strconv.FormatFloat(float64(s)/float64(q.N), 'f', 2, 64)
}

// OverallCode names the overall question every survey asks; its answers
// are the ones 用人单位满意率 counts.
const OverallCode = "overall"

// SurveyResults aggregates a survey's responses per question, then the
// overall question last. Answers outside 1–5 are not counted.
func SurveyResults(questions []model.SurveyQuestion, rs []model.SurveyResponse) []QuestionResult {
	out := make([]QuestionResult, 0, len(questions)+1)
	add := func(code, text string, get func(model.SurveyResponse) int) {
		q := QuestionResult{Code: code, Text: text}
		for _, r := range rs {
			if v := get(r); v >= 1 && v <= 5 {
				q.Counts[v-1]++
				q.N++
			}
		}
		q.Satisfied = Ratio{Num: q.Counts[3] + q.Counts[4], Den: q.N}
		out = append(out, q)
	}
	for _, qu := range questions {
		add(qu.Code, qu.Text, func(r model.SurveyResponse) int { return r.Answers[qu.Code] })
	}
	add(OverallCode, "总体满意度", func(r model.SurveyResponse) int { return r.Overall })
	return out
}

// SurveySatisfaction is 用人单位满意率 over one survey's responses: the
// same definition as the dashboard's KPI, over every answer of the survey.
func SurveySatisfaction(rs []model.SurveyResponse) KPI {
	ans := make([]SurveyAnswer, len(rs))
	for i, r := range rs {
		ans[i] = SurveyAnswer{ID: r.ID, EnterpriseID: r.EnterpriseID, Score: r.Overall, Date: "2000-01-01"}
	}
	return EmployerSatisfaction(ans, Period{})
}
