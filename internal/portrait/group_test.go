package portrait

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestHistogramBands(t *testing.T) {
	h := Histogram([]float64{0, 49.99, 50, 54.99, 55, 89.99, 90, 99.5, 100})
	if len(h) != 11 || h[0].Label != "50 以下" || h[1].Label != "50–54" || h[10].Label != "95–100" {
		t.Fatalf("bands %+v", h)
	}
	want := map[string]int{"50 以下": 2, "50–54": 2, "55–59": 1, "85–89": 1, "90–94": 1, "95–100": 2}
	total := 0
	for _, b := range h {
		total += b.Count
		if b.Count != want[b.Label] {
			t.Errorf("%s: %d, want %d", b.Label, b.Count, want[b.Label])
		}
	}
	if total != 9 {
		t.Fatalf("%d counted", total)
	}
}

func TestLevelSharesAndComparison(t *testing.T) {
	now := LevelShares([]string{"优秀", "良好", "良好", "合格", "", "待合格"})
	if now[0].Count != 1 || now[1].Count != 2 || now[1].Percent != 33.3 || now[3].Percent != 16.7 {
		t.Fatalf("shares %+v", now)
	}
	prev := LevelShares([]string{"良好", "合格"})
	CompareShares(now, prev)
	if now[1].DeltaText() != "-16.7" || now[0].DeltaText() != "+16.7" {
		t.Fatalf("deltas %s %s", now[1].DeltaText(), now[0].DeltaText())
	}
	if empty := LevelShares(nil); empty[0].Percent != 0 || empty[0].DeltaText() != "—" {
		t.Fatalf("empty %+v", empty)
	}
}

func TestRankIndicators(t *testing.T) {
	inds := []Mean{{Code: "a", Mean: 80}, {Code: "b", Mean: 90}, {Code: "c", Mean: 70}, {Code: "d", Mean: 85}, {Code: "e", Mean: 75}}
	strong, weak := RankIndicators(inds, 2)
	if len(strong) != 2 || strong[0].Code != "b" || strong[1].Code != "d" || strong[0].Gap != 10 {
		t.Fatalf("strongest %+v", strong)
	}
	if len(weak) != 2 || weak[0].Code != "c" || weak[1].Code != "e" || weak[0].Gap != -10 {
		t.Fatalf("weakest %+v", weak)
	}
	// With three indicators only one is named each way: none is both.
	s, w := RankIndicators(inds[:3], 5)
	if len(s) != 1 || len(w) != 1 {
		t.Fatalf("%d strongest, %d weakest of 3", len(s), len(w))
	}
	Compare(inds, []Mean{{Code: "a", Mean: 77.55}, {Code: "z", Mean: 1}})
	if inds[0].DeltaText() != "+2.5" || inds[0].PrevText() != "77.55" || inds[1].DeltaText() != "—" {
		t.Fatalf("compare %s %s %s", inds[0].DeltaText(), inds[0].PrevText(), inds[1].DeltaText())
	}
}

func TestDescribe(t *testing.T) {
	s := Describe([]float64{90, 70, 80, 85})
	if s.Count != 4 || s.Mean != 81.25 || s.Median != 82.5 || s.Min != 70 || s.Max != 90 {
		t.Fatalf("%+v", s)
	}
	if Describe(nil).Count != 0 {
		t.Fatal("empty")
	}
}

func TestSeriesChartsLeaveGapsForMissingValues(t *testing.T) {
	for name, c := range map[string]Chart{
		"lines":  Lines("", []string{"第一学期", "第二学期"}, []Series{{"总分", []float64{80, 83.5}}, {"德", []float64{math.NaN(), 86}}}),
		"bars":   GroupedBars("", []string{"德"}, []Series{{"本次", []float64{85}}, {"上次", []float64{math.NaN()}}}, 100),
		"counts": Counts("", []string{"50 以下"}, []float64{3}),
		"ring":   Ring("", Levels, []float64{1, 0, 2, 0}),
	} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(string(b), "NaN") || !strings.Contains(string(b), `"series"`) {
			t.Fatalf("%s: %s", name, b)
		}
	}
	b, _ := json.Marshal(Lines("", []string{"x", "y"}, []Series{{"德", []float64{math.NaN(), 86}}}))
	if !strings.Contains(string(b), `"data":[null,86]`) {
		t.Fatalf("missing value not null: %s", b)
	}
	b, _ = json.Marshal(Ring("", Levels, []float64{1, 0, 2, 0}))
	if strings.Contains(string(b), `"name":"良好","value"`) || !strings.Contains(string(b), `"name":"合格","value":2`) {
		t.Fatalf("ring keeps an empty slice: %s", b)
	}
}
