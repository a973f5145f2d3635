package portrait

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

var year = Period{From: "2025-09-01", To: "2026-08-31"}

func TestRatioNeverNaN(t *testing.T) {
	cases := []struct {
		r            Ratio
		pct, display string
	}{
		{Ratio{0, 0}, NoData, NoData},
		{Ratio{9, 10}, "90.0%", "90.0%（9/10）"},
		{Ratio{0, 7}, "0.0%", "0.0%（0/7）"},
		{Ratio{2, 3}, "66.7%", "66.7%（2/3）"},
		{Ratio{99, 100}, "99.0%", "99.0%（99/100）"},
	}
	for _, c := range cases {
		if c.r.Percent() != c.pct || c.r.String() != c.display {
			t.Errorf("%+v → %q %q", c.r, c.r.Percent(), c.r.String())
		}
		if v, ok := c.r.Value(); math.IsNaN(v) || ok != (c.r.Den > 0) {
			t.Errorf("%+v value %v %v", c.r, v, ok)
		}
	}
}

func TestPeriod(t *testing.T) {
	for date, want := range map[string]bool{"2025-09-01": true, "2026-08-31": true, "2025-08-31": false, "2026-09-01": false, "": false, "2026-01-05T08:00:00Z": true} {
		if year.Contains(date) != want {
			t.Errorf("%q: %v", date, !want)
		}
	}
	if !(Period{}).Contains("1990-01-01") || (Period{}).String() != "全部时间" {
		t.Error("open period")
	}
}

func TestAwards(t *testing.T) {
	aw := []Award{
		{ID: 1, Level: model.AwardNational, Prize: model.PrizeFirst, Date: "2026-05-10"},
		{ID: 2, Level: model.AwardNational, Prize: model.PrizeFirst, Date: "2026-06-10"},
		{ID: 3, Level: model.AwardProvincial, Prize: model.PrizeFirst, Date: "2025-12-01"},
		{ID: 4, Level: model.AwardProvincial, Prize: model.PrizeThird, Date: "2025-12-01"},
		{ID: 5, Level: model.AwardCity, Prize: model.PrizeFirst, Date: "2025-12-01"},     // below 市级以上
		{ID: 6, Level: model.AwardNational, Prize: model.PrizeFirst, Date: "2024-05-01"}, // out of period
		{ID: 7, Level: model.AwardNational, Prize: model.PrizeSecond, Date: "2026-03-01", Teacher: true},
		{ID: 8, Level: "外星级", Prize: model.PrizeFirst, Date: "2026-03-01"}, // unknown level
	}
	tab := Awards(aw, year, false, "市级")
	if tab.AboveProvincial != 4 || tab.Total != 5 || tab.Count(model.AwardNational, model.PrizeFirst) != 2 || tab.Levels[1] != "市级" {
		t.Fatalf("%+v", tab)
	}
	if got := tab.Headline(); got != "市级以上 4 项，其中国家级一等奖 2 项、市级一等奖 1 项" {
		t.Fatalf("headline %q", got)
	}
	if len(tab.Records) != 4 {
		t.Fatalf("drill-down %v", tab.Records)
	}
	teachers := Awards(aw, year, true, "")
	if teachers.AboveProvincial != 1 || !strings.HasPrefix(teachers.Headline(), "省级以上 1 项") {
		t.Fatalf("teachers %+v %q", teachers, teachers.Headline())
	}
	if Awards(nil, year, false, "市级").Headline() != "本期无获奖记录" {
		t.Fatal("empty headline")
	}
}

func TestRates(t *testing.T) {
	certs := []CertAttempt{{ID: 1, Passed: true, Date: "2026-01-10"}, {ID: 2, Passed: true, Date: "2026-01-10"}, {ID: 3, Passed: false, Date: "2026-01-10"}, {ID: 4, Passed: false, Date: "2020-01-10"}}
	if k := CertificatePassRate(certs, year); k.Value != "66.7%（2/3）" || len(k.Records) != 3 {
		t.Fatalf("cert %+v", k)
	}
	if k := CertificatePassRate(certs, Period{From: "2030-01-01"}); k.Value != NoData || k.Rate.Den != 0 {
		t.Fatalf("empty cert period %+v", k)
	}
	ds := []Destination{
		{ID: 1, Kind: DestEmployed, Relevant: true, First: true, SurveyDate: "2026-07-01"},
		{ID: 2, Kind: DestEmployed, Relevant: false, First: true, SurveyDate: "2026-07-01"},
		{ID: 3, Kind: DestSelfEmployed, Relevant: true, First: true, SurveyDate: "2026-07-01"},
		{ID: 4, Kind: DestEnlisted, First: true, SurveyDate: "2026-07-01"},
		{ID: 5, Kind: DestFurtherStudy, First: true, SurveyDate: "2026-07-01"},
		{ID: 6, Kind: DestNotEmployed, First: true, SurveyDate: "2026-07-01"},
		{ID: 7, Kind: DestEmployed, Relevant: true, First: false, SurveyDate: "2026-08-01"}, // a later survey
	}
	if k := InitialEmploymentRate(ds, year); k.Rate.Num != 5 || k.Rate.Den != 6 || k.Value != "83.3%（5/6）" {
		t.Fatalf("initial %+v", k)
	}
	if k := RelevantEmploymentRate(ds, year); k.Rate.Num != 2 || k.Rate.Den != 3 {
		t.Fatalf("relevant %+v", k.Rate)
	}
	gs := []Graduate{{StudentID: 1, Certified: true, GraduatedOn: "2026-07-01"}, {StudentID: 2, GraduatedOn: "2026-07-01"}}
	if k := DualCertificateRate(gs, year); k.Value != "50.0%（1/2）" {
		t.Fatalf("dual %+v", k)
	}
	ans := []SurveyAnswer{{ID: 1, Score: 5, Date: "2026-06-01"}, {ID: 2, Score: 4, Date: "2026-06-01"}, {ID: 3, Score: 3, Date: "2026-06-01"}, {ID: 4, Score: 9, Date: "2026-06-01"}}
	if k := EmployerSatisfaction(ans, year); k.Value != "66.7%（2/3）" {
		t.Fatalf("satisfaction %+v", k)
	}
	if k := EmployerSatisfaction(nil, year); k.Value != NoData {
		t.Fatalf("no answers: %q", k.Value)
	}
}

func TestCounts(t *testing.T) {
	ss := []TrainingSession{{ID: 1, From: "2025-10-01", Trainees: 12000}, {ID: 2, From: "2026-03-01", Trainees: 18000}, {ID: 3, From: "2023-03-01", Trainees: 5}}
	if k := SocialTraining(ss, year); k.Value != "30,000 人次" || *k.Count != 30000 {
		t.Fatalf("training %+v", k)
	}
	hs := []Honour{{ID: 1, Kind: "国家奖学金", Date: "2026-01-01"}, {ID: 2, Kind: "三好学生", Date: "2026-01-01"}}
	if k := NationalScholarships(hs, year); *k.Count != 1 || k.Value != "1 人次" {
		t.Fatalf("scholarships %+v", k)
	}
	if groupDigits(1234567) != "1,234,567" || groupDigits(999) != "999" || groupDigits(-1000) != "-1,000" {
		t.Fatal("digits")
	}
}

func TestDashboardEmptyIsNoDataNotZero(t *testing.T) {
	ks := Dashboard(Inputs{ProvincialLabel: "市级"}, year)
	if len(ks) != 19 {
		t.Fatalf("%d KPIs", len(ks))
	}
	b, err := json.Marshal(ks)
	if err != nil || strings.Contains(string(b), "NaN") {
		t.Fatalf("json %v %s", err, b)
	}
	for _, k := range ks {
		if k.Definition == "" || k.Name == "" {
			t.Errorf("%s lacks a definition", k.Key)
		}
		if k.Rate != nil && k.Value != NoData {
			t.Errorf("%s with no records shows %q", k.Key, k.Value)
		}
	}
}
