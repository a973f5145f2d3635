package mfrm

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// recovery compares estimates with the truth: Pearson correlation, root mean squared error (after removing the mean
// difference: students' origin is fixed only through the other facets), the slope of estimate on truth (JMLE's
// spread), and the mean standard error of the estimates. Extreme elements are left out: theirs are adjusted values.
type recovery struct {
	r, rmse, slope, meanSE float64
	n                      int
}

func recover(ms []Measure, truth map[int64]float64, keep func(id int64) bool) recovery {
	var xs, ys, se []float64
	for _, m := range ms {
		if !m.Extreme && keep(m.ID) {
			xs, ys, se = append(xs, m.Measure), append(ys, truth[m.ID]), append(se, m.SE)
		}
	}
	mx, my := meanOf(xs), meanOf(ys)
	var sxy, sxx, syy, sq float64
	for k := range xs {
		sxy += (xs[k] - mx) * (ys[k] - my)
		sxx += (xs[k] - mx) * (xs[k] - mx)
		syy += (ys[k] - my) * (ys[k] - my)
		sq += (xs[k] - ys[k]) * (xs[k] - ys[k])
	}
	rmse := math.Sqrt(sq/float64(len(xs)) - (mx-my)*(mx-my))
	return recovery{r: sxy / math.Sqrt(sxx*syy), rmse: rmse, slope: sxy / syy, meanSE: meanOf(se), n: len(xs)}
}

func all(int64) bool { return true }

// TestRecoversSimulatedTruth is the validation of docs/evaluation.md on a smaller school (600 students, 12 classes,
// each student rated by 4 classmates and 3 teachers on 10 indicators of a 5-level scale). Every facet correlates
// with the truth above 0.9. Where an element has few ratings (students, peers: the SE is 0.15–0.2 logits) the error
// is what the standard errors say, RMSE within 30% of the mean SE. Where it has thousands (teachers, indicators:
// SE 0.02–0.04) what is left is JMLE's known spread, measured here as the slope of estimate on truth: at most 8%.
func TestRecoversSimulatedTruth(t *testing.T) {
	ratings, truth := Simulate(SchoolDesign(600), 11)
	res, err := Fit(ratings, Options{})
	if err != nil {
		t.Fatal(err)
	}
	teacher := func(id int64) bool { return truth.Teachers[id] }
	peer := func(id int64) bool { return !truth.Teachers[id] }
	for _, tc := range []struct {
		name string
		got  recovery
		bySE bool
	}{
		{"students", recover(res.Students, truth.Ability, all), true},
		{"peers", recover(res.Raters, truth.Severity, peer), true},
		{"teachers", recover(res.Raters, truth.Severity, teacher), false},
		{"indicators", recover(res.Items, truth.Difficulty, all), false},
	} {
		g := tc.got
		t.Logf("%-10s n=%4d r=%.3f RMSE=%.3f mean SE=%.3f slope=%.3f", tc.name, g.n, g.r, g.rmse, g.meanSE, g.slope)
		if g.r < 0.9 {
			t.Errorf("%s: correlation %.3f < 0.9", tc.name, g.r)
		}
		if ratio := g.rmse / g.meanSE; tc.bySE && (ratio < 0.75 || ratio > 1.3) {
			t.Errorf("%s: RMSE %.3f vs mean SE %.3f (ratio %.2f)", tc.name, g.rmse, g.meanSE, ratio)
		}
		if !tc.bySE && (g.slope < 0.97 || g.slope > 1.08) {
			t.Errorf("%s: slope %.3f", tc.name, g.slope)
		}
	}
	for h, want := range truth.Thresholds {
		if math.Abs(res.Thresholds[h]-want) > 0.1 {
			t.Errorf("threshold %d = %.3f, true %.3f", h+1, res.Thresholds[h], want)
		}
	}
}

// TestLikelihoodEquations checks the estimates solve the model's equations: for every element that is not extreme,
// the observed score sum equals the expected one; and the constraints hold.
func TestLikelihoodEquations(t *testing.T) {
	ratings, _ := Simulate(Design{Classes: 3, ClassSize: 12, Peers: 3, Teachers: 2, Items: 4, Categories: 4,
		AbilitySD: 1, PeerSeveritySD: 0.6, TeacherSeveritySD: 0.6, DifficultySD: 0.6}, 5)
	res, err := Fit(ratings, Options{Tolerance: 1e-7})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := prepare(ratings)
	index := func(ms []Measure) map[int64]float64 {
		m := map[int64]float64{}
		for _, x := range ms {
			m[x.ID] = x.Measure
		}
		return m
	}
	th, al, de := index(res.Students), index(res.Raters), index(res.Items)
	g := expNeg(append([]float64{0}, res.Thresholds...))
	p := make([]float64, len(g))
	obs, exp := map[int64]float64{}, map[int64]float64{}
	for _, r := range ratings {
		e, _ := probs(th[r.Student]-al[r.Rater]-de[r.Item], g, p)
		k := 0
		for d.values[k] != r.Score {
			k++
		}
		obs[r.Rater] += float64(k)
		exp[r.Rater] += e
	}
	for _, m := range res.Raters {
		if !m.Extreme && math.Abs(obs[m.ID]-exp[m.ID]) > 1e-3 {
			t.Errorf("rater %d: observed %.4f expected %.4f", m.ID, obs[m.ID], exp[m.ID])
		}
	}
	sum := func(ms []Measure) (s float64) {
		for _, m := range ms {
			s += m.Measure
		}
		return s
	}
	if math.Abs(sum(res.Raters)) > 1e-9 || math.Abs(sum(res.Items)) > 1e-9 || math.Abs(meanOf(res.Thresholds)) > 1e-9 {
		t.Errorf("constraints: Σα %v Σδ %v Στ %v", sum(res.Raters), sum(res.Items), meanOf(res.Thresholds))
	}
}

// TestSevereRaterAndMisfit plants one very severe rater and one who rates at random: the first has the highest
// severity, its fair average is the lowest, and the second has the largest infit and outfit.
func TestSevereRaterAndMisfit(t *testing.T) {
	ratings, _ := Simulate(SchoolDesign(200), 3)
	const severe, random = TeacherRaterBase + 0, TeacherRaterBase + 1
	rng := rand.New(rand.NewPCG(1, 1))
	for k, r := range ratings {
		switch r.Rater {
		case severe:
			ratings[k].Score = max(1, r.Score-2)
		case random:
			ratings[k].Score = float64(1 + rng.IntN(5))
		}
	}
	res, err := Fit(ratings, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var top, misfit Measure
	for _, m := range res.Raters {
		if m.Measure > top.Measure {
			top = m
		}
		if m.Infit > misfit.Infit {
			misfit = m
		}
		if m.ID != severe && m.Fair <= fairOf(res.Raters, severe) {
			t.Errorf("rater %d fair average %.2f not above the severe rater's", m.ID, m.Fair)
		}
	}
	if top.ID != severe || misfit.ID != random {
		t.Errorf("most severe %d (want %d), worst infit %d (want %d)", top.ID, severe, misfit.ID, random)
	}
	if misfit.Infit < 1.5 || misfit.Outfit < 1.5 {
		t.Errorf("random rater infit %.2f outfit %.2f", misfit.Infit, misfit.Outfit)
	}
	if rel := Reliability(res.Raters); !(rel > 0 && rel < 1) {
		t.Errorf("rater separation reliability %v", rel)
	}
}

func fairOf(ms []Measure, id int64) float64 {
	for _, m := range ms {
		if m.ID == id {
			return m.Fair
		}
	}
	return math.NaN()
}

// TestFairAverages: on the original scale, between the lowest and highest score, and ordered as the measures are.
func TestFairAverages(t *testing.T) {
	ratings, _ := Simulate(SchoolDesign(100), 8)
	for k := range ratings {
		ratings[k].Score = 50 + 10*ratings[k].Score // scores 60..100: fair averages come back on that scale
	}
	res, err := Fit(ratings, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Categories[0] != 60 || res.Categories[4] != 100 {
		t.Fatalf("categories %v", res.Categories)
	}
	for a := range res.Students {
		x := res.Students[a]
		if x.Fair < 60 || x.Fair > 100 || x.Observed < 60 || x.Observed > 100 {
			t.Errorf("student %d fair %.2f observed %.2f", x.ID, x.Fair, x.Observed)
		}
		for _, y := range res.Students[a+1:] {
			if (x.Measure < y.Measure) != (x.Fair < y.Fair) && x.Measure != y.Measure {
				t.Fatalf("fair averages not ordered as measures: %+v %+v", x, y)
			}
		}
	}
}

// TestExtremeStudent: a student rated at the top by everyone gets a finite measure above all others, marked extreme.
func TestExtremeStudent(t *testing.T) {
	ratings, _ := Simulate(SchoolDesign(100), 4)
	for k := range ratings {
		if ratings[k].Student == 7 {
			ratings[k].Score = 5
		}
	}
	res, err := Fit(ratings, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var star Measure
	highest := math.Inf(-1)
	for _, m := range res.Students {
		if m.ID == 7 {
			star = m
		} else {
			highest = max(highest, m.Measure)
		}
	}
	if !star.Extreme || math.IsInf(star.Measure, 0) || math.IsNaN(star.Measure) || star.Measure <= highest {
		t.Errorf("extreme student %+v, highest other %.2f", star, highest)
	}
}

func TestDisconnectedDesign(t *testing.T) {
	// Two classes, each rated only by its own peers and its own teacher: class severity and class ability cannot be
	// told apart.
	var ratings []Rating
	for c := range int64(2) {
		for s := range int64(5) {
			student := c*10 + s
			for _, r := range []int64{100 + c, 200 + c*10 + (s+1)%5} {
				for i := range int64(3) {
					ratings = append(ratings, Rating{student, r, i, float64(1 + (student+i+r)%3)})
				}
			}
		}
	}
	_, err := Fit(ratings, Options{})
	var de *DisconnectedError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a DisconnectedError", err)
	}
	if de.A != Students || de.B != Raters || len(de.Subsets) != 2 || len(de.Subsets[0].A) != 5 || len(de.Subsets[0].B) != 6 {
		t.Fatalf("%+v", de)
	}
	if de.Subsets[0].A[0] != 0 || de.Subsets[1].A[0] != 10 {
		t.Errorf("subsets %+v", de.Subsets)
	}
	if msg := err.Error(); msg == "" || !containsAll(msg, "不连通", "2 个", "子集 1") {
		t.Errorf("message %q", msg)
	}
	// Raters split by indicators while students are shared: the rater–indicator pairing splits.
	ratings = ratings[:0]
	for s := range int64(4) {
		ratings = append(ratings, Rating{s, 1, 1, float64(s % 2)}, Rating{s, 2, 2, float64((s + 1) % 2)})
	}
	if _, err := Fit(ratings, Options{}); !errors.As(err, &de) || de.A != Raters || de.B != Items {
		t.Errorf("raters split by indicator: %v", err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		found := false
		for k := 0; k+len(p) <= len(s); k++ {
			if s[k:k+len(p)] == p {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestFitErrors(t *testing.T) {
	many := make([]Rating, 0, MaxCategories+1)
	for k := range MaxCategories + 1 {
		many = append(many, Rating{1, 1, 1, float64(k)})
	}
	for _, tc := range []struct {
		name    string
		ratings []Rating
		err     error
	}{
		{"none", nil, ErrNoRatings},
		{"one score", []Rating{{1, 1, 1, 3}, {2, 1, 1, 3}}, ErrOneCategory},
		{"NaN score", []Rating{{1, 1, 1, math.NaN()}}, ErrNotFinite},
		{"too many scores", many, ErrManyCategories},
	} {
		if _, err := Fit(tc.ratings, Options{}); !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
	}
	ratings, _ := Simulate(SchoolDesign(100), 2)
	res, err := Fit(ratings, Options{MaxIterations: 2})
	if !errors.Is(err, ErrNotConverged) || res == nil || res.Iterations != 2 {
		t.Errorf("two iterations: %v", err)
	}
}

// BenchmarkFitSchool is the cycle of `zhijiao bench rasch`: 3,000 students, 4 peers and 3 teachers, 10 indicators.
func BenchmarkFitSchool(b *testing.B) {
	ratings, _ := Simulate(SchoolDesign(3000), 1)
	for b.Loop() {
		if _, err := Fit(ratings, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
