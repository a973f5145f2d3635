package evalrun

import (
	"math/rand/v2"
	"testing"

	"zhijiao/internal/model"
)

// driftClass simulates a class of 30 students in two terms: each term every student is rated by the next 4 classmates
// and by head teacher 900 and subject teacher 901 on six 五分制 indicators. Teacher 900 is 1.5 logits more severe in
// term 2 than in term 1; teacher 901 does not change. Abilities are the same in both terms.
func driftClass(seed uint64) []termRating {
	f, _, _ := severityClass(2, 1) // the framework only
	rng := rand.New(rand.NewPCG(seed, 5))
	tau := []float64{-1.5, -0.5, 0.5, 1.5}
	draw := func(eta float64) float64 {
		p, u := categoryProbs(eta, tau), rng.Float64()
		k := 0
		for ; k < len(p)-1 && u >= p[k]; k++ {
			u -= p[k]
		}
		return float64(k + 1)
	}
	ability := make([]float64, 30)
	for s := range ability {
		ability[s] = rng.NormFloat64()
	}
	var out []termRating
	for term := int64(1); term <= 2; term++ {
		rate := func(role model.RaterRole, rater int64, s int, sev float64) {
			for _, ind := range f.Dimensions[0].Indicators {
				out = append(out, termRating{term, &f, model.Rating{RaterRole: role, RaterID: rater, StudentID: int64(s + 1),
					IndicatorCode: ind.Code, Value: draw(ability[s] - sev)}})
			}
		}
		for s := range ability {
			for j := 1; j <= 4; j++ {
				rate(model.RaterPeer, int64((s+j)%30+1), s, 0)
			}
			rate(model.RaterHeadTeacher, 900, s, map[int64]float64{1: 0, 2: 1.5}[term])
			rate(model.RaterSubjectTeacher, 901, s, 0)
		}
	}
	return out
}

func TestDriftFindsATeacherWhoBecameSevere(t *testing.T) {
	got := DriftOf(driftClass(9))
	if len(got.Terms) != 2 || len(got.Groups) != 1 || got.Groups[0].Problem != "" {
		t.Fatalf("drift: %+v", got)
	}
	ts := got.Groups[0].Teachers
	if len(ts) != 2 || ts[0].Role != model.RaterHeadTeacher || ts[1].Role != model.RaterSubjectTeacher || len(ts[0].Terms) != 2 {
		t.Fatalf("teachers: %+v, want both teachers with two terms each", ts)
	}
	head, subject := ts[0].Terms, ts[1].Terms
	if head[0].TermID != 1 || head[1].Low <= head[0].High || head[1].Severity-head[0].Severity < 1 {
		t.Errorf("head teacher: term 1 %.2f (%.2f..%.2f), term 2 %.2f (%.2f..%.2f); want clearly more severe in term 2",
			head[0].Severity, head[0].Low, head[0].High, head[1].Severity, head[1].Low, head[1].High)
	}
	if d := subject[1].Severity - subject[0].Severity; d > 0.5 || d < -0.5 {
		t.Errorf("subject teacher moved %.2f logits without changing", d)
	}
}

func TestDriftNeedsTwoTerms(t *testing.T) {
	var one []termRating
	for _, r := range driftClass(9) {
		if r.term == 1 {
			one = append(one, r)
		}
	}
	if got := DriftOf(one); len(got.Groups) != 0 || len(got.Terms) != 1 {
		t.Errorf("one term: %+v, want no drift groups", got.Groups)
	}
	// Two terms that share no student: the terms cannot be compared, and the page is told so.
	var apart []termRating
	for _, r := range driftClass(9) {
		if r.term == 2 {
			r.StudentID += 100
		}
		apart = append(apart, r)
	}
	got := DriftOf(apart)
	if len(got.Groups) != 1 || got.Groups[0].Problem != ProblemDisconnected || len(got.Groups[0].Teachers) != 0 {
		t.Errorf("terms without shared students: %+v, want the disconnection and no numbers", got.Groups)
	}
}
