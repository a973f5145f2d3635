package evalrun

import (
	"math"
	"math/rand/v2"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/mfrm"
	"zhijiao/internal/model"
)

// severityClass simulates one class: n students each rated by the next 4 classmates (the rotation) and by the head
// teacher on six 五分制 indicators, from the rating-scale model with known abilities; peer 0 is planted 2 logits more
// severe than every other rater. It returns the framework, the ratings and the true abilities.
func severityClass(n int, seed uint64) (model.Framework, []model.Rating, map[int64]float64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	rw := map[model.RaterRole]float64{model.RaterPeer: 50, model.RaterHeadTeacher: 25, model.RaterSubjectTeacher: 25}
	var inds []model.Indicator
	for i := range 6 {
		inds = append(inds, model.Indicator{Code: "R" + string(rune('1'+i)), Name: "指标" + string(rune('一'+i)), Weight: 100.0 / 6,
			Scale: model.Scale{Kind: model.ScaleRating5}, RoleWeights: rw})
	}
	f := eval.DefaultFramework()
	f.Aggregation.RequiredRoles = nil
	f.Dimensions = []model.Dimension{{Code: "D1", Name: "品德", Weight: 100, Indicators: inds}}
	ability := map[int64]float64{}
	for s := range n {
		ability[int64(s+1)] = rng.NormFloat64()
	}
	tau := []float64{-1.5, -0.5, 0.5, 1.5}
	draw := func(eta float64) float64 {
		p, u := categoryProbs(eta, tau), rng.Float64()
		k := 0
		for ; k < len(p)-1 && u >= p[k]; k++ {
			u -= p[k]
		}
		return float64(k + 1)
	}
	var rs []model.Rating
	for s := range n {
		student := int64(s + 1)
		for j := 1; j <= 4; j++ {
			rater := int64((s+j)%n + 1)
			sev := 0.0
			if rater == 1 {
				sev = 2
			}
			for _, ind := range inds {
				rs = append(rs, model.Rating{RaterRole: model.RaterPeer, RaterID: rater, StudentID: student, IndicatorCode: ind.Code, Value: draw(ability[student] - sev)})
			}
		}
		for _, ind := range inds {
			rs = append(rs, model.Rating{RaterRole: model.RaterHeadTeacher, RaterID: 900, StudentID: student, IndicatorCode: ind.Code, Value: draw(ability[student])})
		}
	}
	return f, rs, ability
}

func TestSeverityFindsAPlantedSevereRater(t *testing.T) {
	f, rs, _ := severityClass(40, 3)
	got := SeverityOf(f, rs)
	if len(got.Groups) != 1 || got.Groups[0].Problem != "" || got.Groups[0].Categories != 5 || len(got.Groups[0].Indicators) != 6 {
		t.Fatalf("groups: %+v", got.Groups)
	}
	g := got.Groups[0]
	if len(g.Raters) != 41 {
		t.Fatalf("%d raters, want 40 peers and the head teacher", len(g.Raters))
	}
	var planted RaterSeverity
	most := g.Raters[0] // peers first, most severe first
	for _, r := range g.Raters {
		if r.Role == model.RaterPeer && r.ID == 1 {
			planted = r
		}
		if math.Abs((r.High-r.Low)/2-1.96*r.SE) > 1e-9 {
			t.Errorf("rater %d: interval %v..%v is not ±1.96 SE (%v)", r.ID, r.Low, r.High, r.SE)
		}
	}
	if most.Role != model.RaterPeer || most.ID != 1 {
		t.Errorf("most severe peer %+v, want the planted peer 1", most)
	}
	if planted.Low <= 0 || planted.Severity < 1 {
		t.Errorf("planted peer: severity %.2f, interval %.2f..%.2f, want clearly above 0", planted.Severity, planted.Low, planted.High)
	}
	// The planted rater's students get points back on the peer component, clearly more than the others on average.
	perStudent := map[int64]float64{}
	for k, d := range got.Fair {
		if k.Role == model.RaterPeer {
			perStudent[k.Student] += d / 6
		}
	}
	var plantedUp, others float64
	for s, d := range perStudent {
		if ratedBy(rs, 1, s) {
			plantedUp += d / 4
		} else {
			others += d / float64(len(perStudent)-4)
		}
	}
	if plantedUp < 1.5 || plantedUp < others+1.5 {
		t.Errorf("fair deltas: the planted rater's students %+.2f points on average, the others %+.2f", plantedUp, others)
	}
}

// ratedBy says whether peer rater rated student.
func ratedBy(rs []model.Rating, rater, student int64) bool {
	for _, r := range rs {
		if r.RaterRole == model.RaterPeer && r.RaterID == rater && r.StudentID == student {
			return true
		}
	}
	return false
}

func TestCategory(t *testing.T) {
	g := eval.DefaultFramework().Grading // 90 / 80 / 60 / 0
	levels := model.Indicator{Scale: model.Scale{Kind: model.ScaleLevels, Levels: []model.ScaleLevel{{Name: "优", Points: 95}, {Name: "良", Points: 85}, {Name: "中", Points: 70}}}}
	for _, c := range []struct {
		ind          model.Indicator
		value        float64
		level        string
		cat, k       int
		ok           bool
		whatItChecks string
	}{
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleRating5}}, 4, "", 4, 5, true, "五分制 is its value"},
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleRating5}}, 6, "", 0, 5, false, "off the scale"},
		{levels, 0, "优", 3, 3, true, "best level is the top category"},
		{levels, 0, "中", 1, 3, true, "worst level is 1"},
		{levels, 0, "差", 0, 3, false, "unknown level"},
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleScore100}}, 90, "", 4, 4, true, "90 is the top band"},
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleScore100}}, 89.5, "", 3, 4, true, "80–89"},
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleScore100}}, 60, "", 2, 4, true, "60–79"},
		{model.Indicator{Scale: model.Scale{Kind: model.ScaleScore100}}, 0, "", 1, 4, true, "below 60"},
	} {
		cat, k, ok := Category(c.ind, g, c.value, c.level)
		if cat != c.cat || k != c.k || ok != c.ok {
			t.Errorf("%s: Category = %d, %d, %v; want %d, %d, %v", c.whatItChecks, cat, k, ok, c.cat, c.k, c.ok)
		}
	}
}

func TestSeverityDisconnectedShowsNoNumbers(t *testing.T) {
	f, rs, _ := severityClass(12, 5)
	// The rotation cut at the halves of the class and no teacher: students 1–5 rated by peers 2–6, students 7–11 by
	// peers 8–12, nothing links the two.
	var split []model.Rating
	for _, r := range rs {
		if r.RaterRole == model.RaterHeadTeacher {
			continue
		}
		if (r.StudentID <= 6) == (r.RaterID <= 6) {
			split = append(split, r)
		}
	}
	got := SeverityOf(f, split)
	if len(got.Groups) != 1 || len(got.Groups[0].Raters) != 0 || len(got.Fair) != 0 {
		t.Fatalf("a disconnected design gave numbers: %+v", got.Groups)
	}
	if g := got.Groups[0]; g.Problem != ProblemDisconnected || len(g.Subsets) != 2 || g.Subsets[0].NA != 5 || g.Subsets[0].A != mfrm.Students {
		t.Errorf("problem %q, subsets %+v; want the two halves named", g.Problem, g.Subsets)
	}
}
