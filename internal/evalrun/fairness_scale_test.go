package evalrun

import (
	"math"
	"slices"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

func TestAlphaLevelFollowsTheScale(t *testing.T) {
	levels := model.Indicator{Scale: model.Scale{Kind: model.ScaleLevels, Levels: []model.ScaleLevel{{Name: "优秀", Points: 95}, {Name: "良好", Points: 85}, {Name: "合格", Points: 70}, {Name: "待合格", Points: 50}}}}
	five := model.Indicator{Scale: model.Scale{Kind: model.ScaleRating5}}
	points := model.Indicator{Scale: model.Scale{Kind: model.ScaleScore100}}
	for _, c := range []struct {
		name string
		ind  model.Indicator
		vals []float64
		want stats.Level
	}{
		{"等级制", levels, []float64{95, 70}, stats.Ordinal},
		{"五分制", five, []float64{20, 100}, stats.Ordinal},
		{"百分制, chosen", points, []float64{95, 85, 70, 50}, stats.Ordinal},
		{"百分制, typed", points, []float64{95, 88}, stats.Interval},
	} {
		if got := AlphaLevel(c.ind, c.vals); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := Categories(levels); !slices.Equal(got, []float64{50, 70, 85, 95}) {
		t.Errorf("level categories %v", got)
	}
	teacherOnly := model.Indicator{Scale: points.Scale, RoleWeights: map[model.RaterRole]float64{model.RaterHeadTeacher: 1}}
	if got := CheckScale(teacherOnly); got.Step != 10 || got.Levels != nil {
		t.Errorf("teacher-only 百分制: %+v, want 0–100 by 10", got)
	}
	peerToo := model.Indicator{Scale: points.Scale, RoleWeights: map[model.RaterRole]float64{model.RaterPeer: 1}}
	if got := CheckScale(peerToo); !slices.Equal(got.Levels, []float64{50, 70, 85, 95}) {
		t.Errorf("百分制 rated by peers: %+v, want the default choices", got)
	}
	if got := CheckScale(five); !slices.Equal(got.Levels, []float64{20, 40, 60, 80, 100}) {
		t.Errorf("五分制: %+v", got)
	}
	if len(eval.ChoicesOf(points)) != 4 {
		t.Fatal("the default choices changed; update this test")
	}
}

// TestLevelAgreementByHand: three peers on four students of a four-level
// scale, the coefficients worked out by hand.
func TestLevelAgreementByHand(t *testing.T) {
	cats := []float64{50, 70, 85, 95}
	students := map[int64]map[int64]float64{
		1: {1: 95, 2: 95, 3: 85}, // codes 3 3 2
		2: {1: 70, 2: 70, 3: 70}, // 1 1 1
		3: {1: 50, 2: 70},        // 0 1 (two raters)
		4: {1: 85, 2: 85, 3: 85}, // 2 2 2
	}
	la := levelAgreement(students, cats)
	// Pairs: 3 + 3 + 1 + 3 = 10; exact: 1 + 3 + 0 + 3 = 7; adjacent: all 10.
	if la.Pairs != 10 || math.Abs(la.Exact-0.7) > 1e-12 || la.Adjacent != 1 {
		t.Errorf("agreement %+v, want 10 pairs, 0.7 exact, 1 adjacent", la)
	}
	// Fleiss over the three students with 3 raters (the most common number).
	if la.FleissRaters != 3 || la.FleissStudents != 3 || math.IsNaN(la.Fleiss) {
		t.Errorf("Fleiss %v over %d × %d", la.Fleiss, la.FleissStudents, la.FleissRaters)
	}
	// The pairs of codes within students, each in both orders.
	xs := []float64{3, 3, 3, 2, 3, 2, 1, 1, 1, 1, 1, 1, 0, 1, 2, 2, 2, 2, 2, 2}
	ys := []float64{3, 3, 2, 3, 2, 3, 1, 1, 1, 1, 1, 1, 1, 0, 2, 2, 2, 2, 2, 2}
	want, _ := stats.QuadraticKappa(xs, ys)
	// By hand: mean squared difference 6/20 = 0.3; codes' mean 1.75 and
	// variance 75/20 − 1.75² = 0.6875 on both sides; κ = 1 − 0.3/1.375.
	if la.KappaPairs != 10 || math.Abs(la.Kappa-want) > 1e-12 || math.Abs(la.Kappa-(1-0.3/1.375)) > 1e-12 {
		t.Errorf("kappa %v over %d pairs, want %v over 10", la.Kappa, la.KappaPairs, want)
	}
}

func TestReliabilityStatesAndBadge(t *testing.T) {
	ind := model.Indicator{Code: "X", Scale: model.Scale{Kind: model.ScaleRating5}}
	cell := func(r, s int64, v float64) peerCell { return peerCell{rater: r, student: s, points: v} }
	// Perfect: every student unanimous, values vary across students.
	perfect := reliabilityOf(ind, []peerCell{cell(1, 1, 80), cell(2, 1, 80), cell(1, 2, 40), cell(2, 2, 40)})
	if perfect.Alpha.State != stats.AlphaPerfect || perfect.Mean != 1 || perfect.Badge() != "" || perfect.Needed != 1 {
		t.Errorf("perfect: %+v", perfect)
	}
	same := reliabilityOf(ind, []peerCell{cell(1, 1, 80), cell(2, 1, 80), cell(1, 2, 80), cell(2, 2, 80)})
	if same.Alpha.State != stats.AlphaAllSame || !math.IsNaN(same.Mean) || same.Badge() != "" || same.NeededOK {
		t.Errorf("all the same: %+v", same)
	}
	few := reliabilityOf(ind, []peerCell{cell(1, 1, 80), cell(1, 2, 40)})
	if few.Alpha.State != stats.AlphaTooFew || few.Students != 0 || few.K != 1 {
		t.Errorf("too few: %+v", few)
	}
	for _, c := range []struct{ r, want float64 }{{0.5, 0.8}, {0, 0}, {-0.2, 0}, {-0.9, 0}, {1, 1}} {
		if got := meanReliability(c.r, 4); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("meanReliability(%v, 4) = %v, want %v", c.r, got, c.want)
		}
	}
	for _, c := range []struct {
		mean float64
		want string
	}{{0.5, "warn"}, {0.7, "tentative"}, {0.85, ""}, {math.NaN(), ""}} {
		if got := (IndicatorReliability{Mean: c.mean}).Badge(); got != c.want {
			t.Errorf("Badge(%v) = %q, want %q", c.mean, got, c.want)
		}
	}
}
