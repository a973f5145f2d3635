package evalrun

import (
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

func TestRaterKeyRoundTrip(t *testing.T) {
	for _, role := range []model.RaterRole{model.RaterSelf, model.RaterPeer, model.RaterHeadTeacher, model.RaterSubjectTeacher, model.RaterMentor, model.RaterParent} {
		k := RaterKey(role, 12345)
		if r, id := RaterOf(k); r != role || id != 12345 {
			t.Errorf("%s: RaterOf(RaterKey) = %s, %d", role, r, id)
		}
	}
	if RaterKey(model.RaterPeer, 7) == RaterKey(model.RaterHeadTeacher, 7) {
		t.Error("a peer and a teacher with one row id share a key")
	}
}

func TestFairnessOf(t *testing.T) {
	score := model.Scale{Kind: model.ScaleScore100}
	f := model.Framework{Dimensions: []model.Dimension{
		{Name: "品德", Indicators: []model.Indicator{
			{Code: "P1", Name: "互评指标", Scale: score, RoleWeights: map[model.RaterRole]float64{model.RaterPeer: 0.5, model.RaterHeadTeacher: 0.5}},
			{Code: "T1", Name: "班主任指标", Scale: score, RoleWeights: map[model.RaterRole]float64{model.RaterHeadTeacher: 1}},
		}},
	}}
	rate := func(role model.RaterRole, rater, student int64, code string, v float64) model.Rating {
		return model.Rating{RaterRole: role, RaterID: rater, StudentID: student, IndicatorCode: code, Value: v}
	}
	rs := []model.Rating{
		// Three peers who rank four students alike: high agreement.
		rate(model.RaterPeer, 1, 11, "P1", 90), rate(model.RaterPeer, 2, 11, "P1", 88), rate(model.RaterPeer, 3, 11, "P1", 91),
		rate(model.RaterPeer, 1, 12, "P1", 60), rate(model.RaterPeer, 2, 12, "P1", 62), rate(model.RaterPeer, 3, 12, "P1", 58),
		rate(model.RaterPeer, 1, 13, "P1", 75), rate(model.RaterPeer, 2, 13, "P1", 77), rate(model.RaterPeer, 3, 13, "P1", 74),
		// A teacher's ratings count for the flags, never for the peers' alpha.
		rate(model.RaterHeadTeacher, 1, 11, "P1", 10), rate(model.RaterHeadTeacher, 1, 12, "P1", 100),
		// Unknown indicator and off-scale value: left out.
		rate(model.RaterPeer, 1, 11, "ZZ", 80), rate(model.RaterPeer, 2, 11, "T1", 101),
	}
	got := fairnessOf(f, rs)
	if got.Ratings != len(rs) {
		t.Errorf("Ratings = %d, want %d", got.Ratings, len(rs))
	}
	if len(got.Indicators) != 1 {
		t.Fatalf("indicators: %+v, want only the peer-rated one", got.Indicators)
	}
	a := got.Indicators[0]
	if a.Dimension != "品德" || a.Name != "互评指标" || a.Peers != 3 || a.Alpha.State != stats.AlphaEstimated || a.Alpha.Alpha < 0.9 || a.Badge() != "" {
		t.Errorf("peer indicator: %+v, want 3 peers agreeing (alpha above 0.9)", a)
	}
	// Typed points: interval alpha; 3 peers of every student: the mean of 3.
	if a.Level != stats.Interval || a.Students != 3 || a.Alpha.Values != 9 || a.K != 3 || a.Agreement != nil {
		t.Errorf("peer indicator: level %v, %d students, %d values, k %d, agreement %+v", a.Level, a.Students, a.Alpha.Values, a.K, a.Agreement)
	}
}

// BenchmarkFairnessClass45 is the fairness page's computation for a class
// of 45 on the default framework: every student rated by 4 classmates,
// themself, the head teacher and a parent; the bootstrap takes most of it.
func BenchmarkFairnessClass45(b *testing.B) {
	f := eval.DefaultFramework()
	var rs []model.Rating
	rate := func(role model.RaterRole, rater, student int64, v float64) {
		for i, ind := range eval.Indicators(f) {
			if ind.RoleWeights[role] == 0 {
				continue
			}
			points := v + float64((int(rater)*7+int(student)*3+i*5)%9) - 4
			r := model.Rating{RaterRole: role, RaterID: rater, StudentID: student, IndicatorCode: ind.Code}
			switch ind.Scale.Kind {
			case model.ScaleLevels:
				r.Level = ind.Scale.Levels[min(3, max(0, int((100-points)/12)))].Name
			case model.ScaleRating5:
				r.Value = max(1, min(5, float64(int(points/20+0.5))))
			default:
				r.Value = eval.NearestChoice(ind, max(0, min(100, points)))
				if !role.Chooses() {
					r.Value = max(0, min(100, points))
				}
			}
			rs = append(rs, r)
		}
	}
	for s := int64(1); s <= 45; s++ {
		v := 60 + float64(s%9)*4
		for p := int64(1); p <= 4; p++ {
			rate(model.RaterPeer, (s+p*7)%45+1, s, v)
		}
		rate(model.RaterSelf, s, s, v+5)
		rate(model.RaterHeadTeacher, 1, s, v)
		rate(model.RaterParent, 100+s, s, v+8)
	}
	b.ResetTimer()
	for b.Loop() {
		fairnessOf(f, rs)
	}
}
