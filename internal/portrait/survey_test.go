package portrait

import (
	"encoding/json"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

func TestSurveyResults(t *testing.T) {
	qs := []model.SurveyQuestion{{Code: "q1", Text: "职业道德"}, {Code: "q2", Text: "专业技能"}}
	rs := []model.SurveyResponse{
		{ID: 1, Answers: map[string]int{"q1": 5, "q2": 3}, Overall: 5},
		{ID: 2, Answers: map[string]int{"q1": 4, "q2": 2}, Overall: 3},
		{ID: 3, Answers: map[string]int{"q1": 4}, Overall: 4}, // q2 unanswered
	}
	res := SurveyResults(qs, rs)
	if len(res) != 3 || res[2].Code != OverallCode {
		t.Fatalf("%+v", res)
	}
	if res[0].N != 3 || res[0].Mean() != "4.33" || res[0].Satisfied.String() != "100.0%（3/3）" {
		t.Errorf("q1 %+v %s", res[0], res[0].Mean())
	}
	if res[1].N != 2 || res[1].Mean() != "2.50" || res[1].Satisfied.String() != "0.0%（0/2）" {
		t.Errorf("q2 %+v", res[1])
	}
	if k := SurveySatisfaction(rs); k.Value != "66.7%（2/3）" || res[2].Satisfied.String() != k.Value {
		t.Errorf("overall %q vs %q", k.Value, res[2].Satisfied.String())
	}
	if k := SurveySatisfaction(nil); k.Value != NoData || SurveyResults(qs, nil)[0].Mean() != NoData {
		t.Error("no answers must read 无数据")
	}
}

func TestKPITables(t *testing.T) {
	ss := []TrainingSession{{ID: 1, From: "2026-03-01", Trainees: 10}, {ID: 2, From: "2026-03-20", Trainees: 5}, {ID: 3, From: "2025-10-01", Trainees: 7}, {ID: 4, From: "2020-01-01", Trainees: 9}}
	tb := TrainingByMonth(ss, year)
	if len(tb.Rows) != 2 || tb.Rows[0] != "2025-10" || tb.Cells[1][0] != 15 {
		t.Fatalf("training %+v", tb)
	}
	ds := []Destination{{Kind: DestEmployed, First: true, SurveyDate: "2026-07-01"}, {Kind: DestEmployed, First: false, SurveyDate: "2026-07-01"}, {Kind: DestFurtherStudy, First: true, SurveyDate: "2026-07-01"}}
	if d := DestinationShares(ds, year); d.Cells[0][0] != 1 || d.Cells[3][0] != 1 || d.Rows[3] != "升学" {
		t.Fatalf("destinations %+v", d)
	}
	aw := []Award{{Level: model.AwardProvincial, Prize: model.PrizeFirst, Date: "2026-01-01"}, {Level: model.AwardProvincial, Prize: model.PrizeSecond, Date: "2026-01-01"}}
	g := AwardGrid("x", Awards(aw, year, false, "市级"))
	if g.Rows[1] != "市级" || g.Cells[1][0] != 1 || g.RowTotal(1) != 2 || g.RowTotal(0) != 0 {
		t.Fatalf("grid %+v", g)
	}
	b, _ := json.Marshal(StackedBars(g))
	if !strings.Contains(string(b), `"stack":"all"`) {
		t.Fatal(string(b))
	}
	v := 50.0
	if b, _ := json.Marshal(RankBars("x", []string{"甲校", "乙校"}, []*float64{&v, nil})); strings.Contains(string(b), "乙校") {
		t.Fatalf("a school without data is charted: %s", b)
	}
}
