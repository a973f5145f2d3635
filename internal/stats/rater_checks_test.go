package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

var levelScale = Scale{Levels: []float64{50, 70, 85, 95}}

func TestScaleSteps(t *testing.T) {
	for _, c := range []struct {
		s    Scale
		v    float64
		want float64
	}{
		{levelScale, 50, 0}, {levelScale, 70, 1}, {levelScale, 85, 2}, {levelScale, 95, 3},
		{levelScale, 77.5, 1.5}, {levelScale, 40, 0}, {levelScale, 100, 3},
		{Scale{Min: 0, Max: 100, Step: 10}, 81.5, 8.15},
		{Scale{}, 100, 10}, // a points scale with no step set counts one grade band (10 points) a step
		{Scale{Levels: []float64{1, 2, 3, 4, 5}}, 4, 3},
	} {
		if got := c.s.steps(c.v); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%+v.steps(%v) = %v, want %v", c.s, c.v, got, c.want)
		}
	}
}

// TestSelfGapInSteps: the audit's case — a self-rating of 81.5 against the others' 80 on a 0–100 scale is 0.15 of a
// step, not 1.5 "points on a five-point scale", and is not flagged; one level above the others on 等级制 is.
func TestSelfGapInSteps(t *testing.T) {
	scales := []Scale{{Min: 0, Max: 100, Step: 10}, levelScale}
	rs := []CheckRating{
		{Rater: 1, Target: 1, Item: 0, Value: 81.5, Self: true},
		{Rater: 2, Target: 1, Item: 0, Value: 80},
		{Rater: 3, Target: 1, Item: 0, Value: 80},
		{Rater: 4, Target: 4, Item: 1, Value: 95, Self: true},
		{Rater: 2, Target: 4, Item: 1, Value: 70},
		{Rater: 3, Target: 4, Item: 1, Value: 70},
	}
	rep := RaterChecks(rs, scales, CheckConfig{MinSelfItems: 1})
	if len(rep.SelfGaps) != 2 {
		t.Fatalf("self gaps = %+v", rep.SelfGaps)
	}
	if g := rep.SelfGaps[0]; g.Kind != "" || math.Abs(g.Steps-0.15) > 1e-9 {
		t.Errorf("81.5 vs 80: %+v, want 0.15 steps and no flag", g)
	}
	if g := rep.SelfGaps[1]; g.Kind != FlagSelfOver || math.Abs(g.Steps-2) > 1e-9 {
		t.Errorf("优秀 vs 合格: %+v, want +2 steps, 自评高估", g)
	}
}

// TestStraightLineAcrossIndicators: a peer rates only 4 classmates, so a rule needing 5 students per indicator never
// fired; 100 on everything across indicators is found, and so is 优秀 on level items next to 100 on points items.
func TestStraightLineAcrossIndicators(t *testing.T) {
	scales := []Scale{levelScale, levelScale, {Min: 0, Max: 100, Step: 10}}
	var rs []CheckRating
	for target := int64(1); target <= 4; target++ {
		rs = append(rs,
			CheckRating{Rater: 10, Target: target, Item: 0, Value: 95},
			CheckRating{Rater: 10, Target: target, Item: 1, Value: 95},
			CheckRating{Rater: 10, Target: target, Item: 2, Value: 100},
			CheckRating{Rater: 11, Target: target, Item: 0, Value: 85},
			CheckRating{Rater: 11, Target: target, Item: 1, Value: 85},
			CheckRating{Rater: 12, Target: target, Item: 0, Value: 85},
			CheckRating{Rater: 12, Target: target, Item: 1, Value: []float64{70, 85, 95, 85}[target-1]},
		)
	}
	// Rater 13 rated too little to judge.
	rs = append(rs, CheckRating{Rater: 13, Target: 1, Item: 0, Value: 70}, CheckRating{Rater: 13, Target: 2, Item: 0, Value: 70})
	rep := RaterChecks(rs, scales, CheckConfig{})
	if len(rep.Straight) != 2 {
		t.Fatalf("straight = %+v, want raters 10 and 11", rep.Straight)
	}
	if s := rep.Straight[0]; s.Rater != 10 || !s.AtTop || s.Ratings != 12 {
		t.Errorf("rater 10: %+v", s)
	}
	if s := rep.Straight[1]; s.Rater != 11 || s.AtTop || s.Steps != 2 || s.Ratings != 8 {
		t.Errorf("rater 11: %+v", s)
	}
}

// TestStraightLineAtTopChoice: a student picks from choices, so 优秀 on a 百分制 item is 95, not 100; 优秀 on
// everything is still the top of every scale, while 95 on a points item without choices is not.
func TestStraightLineAtTopChoice(t *testing.T) {
	points := Scale{Min: 0, Max: 100, Step: 10}
	chosen := Scale{Min: 0, Max: 100, Step: 10, Choices: []float64{95, 85, 70, 50}}
	for _, tc := range []struct {
		scale Scale
		top   bool
	}{{chosen, true}, {points, false}} {
		var rs []CheckRating
		for target := int64(1); target <= 4; target++ {
			rs = append(rs, CheckRating{Rater: 10, Target: target, Item: 0, Value: 95}, CheckRating{Rater: 10, Target: target, Item: 1, Value: 95})
		}
		rep := RaterChecks(rs, []Scale{levelScale, tc.scale}, CheckConfig{})
		if got := len(rep.Straight) == 1 && rep.Straight[0].AtTop; got != tc.top {
			t.Errorf("choices %v: straight %+v, want at the top %v", tc.scale.Choices, rep.Straight, tc.top)
		}
	}
	// A parent rates one child: 优秀 on all six indicators is an opinion of the child, not straight-lining.
	var one []CheckRating
	for item := range 6 {
		one = append(one, CheckRating{Rater: 20, Target: 1, Item: item % 2, Value: 95})
	}
	if rep := RaterChecks(one, []Scale{levelScale, chosen}, CheckConfig{}); len(rep.Straight) != 0 {
		t.Errorf("one child rated: straight %+v", rep.Straight)
	}
}

// peerClass simulates a class rated by its peers on level indicators: each student has a true level, each peer
// sees it with noise and rounds to a level. Planted raters add a bias (in steps) to everything they give.
func peerClass(seed uint64, students, peersEach, items int, bias map[int64]float64, straight map[int64]bool) []CheckRating {
	rng := rand.New(rand.NewPCG(seed, 7))
	truth := make([]float64, students)
	for i := range truth {
		truth[i] = 1.2 + rng.NormFloat64()*0.7
	}
	itemShift := make([]float64, items)
	for i := range itemShift {
		itemShift[i] = rng.NormFloat64() * 0.3
	}
	var rs []CheckRating
	for s := 0; s < students; s++ {
		for k := 1; k <= peersEach; k++ {
			rater := int64((s + k*7) % students)
			halo := rng.NormFloat64() * 0.35 // this rater's impression of this classmate, on every indicator
			for it := 0; it < items; it++ {
				x := truth[s] + itemShift[it] + halo + rng.NormFloat64()*0.5 + bias[rater]
				if straight[rater] {
					x = 3
				}
				lvl := int(math.Round(math.Max(0, math.Min(3, x))))
				rs = append(rs, CheckRating{Rater: rater, Target: int64(s), Item: it, Value: levelScale.Levels[lvl]})
			}
		}
	}
	return rs
}

// TestPlantedRatersAreFound: over many simulated classes, a rater one level more generous (or strict) than the
// others and a rater who gives 优秀 to everything are found, while fair raters are rarely flagged. This is the
// calibration the documentation reports; the figures here are its floor.
func TestPlantedRatersAreFound(t *testing.T) {
	scales := make([]Scale, 9)
	for i := range scales {
		scales[i] = levelScale
	}
	const classes = 40
	hits, plants, falseAlarms, fair := 0, 0, 0, 0
	for c := uint64(0); c < classes; c++ {
		bias := map[int64]float64{3: 1, 17: -1}
		rs := peerClass(c, 40, 4, 9, bias, map[int64]bool{29: true})
		rep := RaterChecks(rs, scales, CheckConfig{})
		flagged := map[int64]FlagKind{}
		for _, s := range rep.Severity {
			if s.Kind != "" {
				flagged[s.Rater] = s.Kind
			}
		}
		for _, s := range rep.Straight {
			flagged[s.Rater] = FlagStraightLine
		}
		plants += 3
		if flagged[3] == FlagLenient {
			hits++
		}
		if flagged[17] == FlagSevere {
			hits++
		}
		if flagged[29] == FlagStraightLine {
			hits++
		}
		for r := int64(0); r < 40; r++ {
			if r == 3 || r == 17 || r == 29 {
				continue
			}
			fair++
			if flagged[r] != "" {
				falseAlarms++
			}
		}
	}
	hitRate, faRate := float64(hits)/float64(plants), float64(falseAlarms)/float64(fair)
	t.Logf("planted raters found %d/%d (%.0f%%), fair raters flagged %d/%d (%.1f%%)", hits, plants, 100*hitRate, falseAlarms, fair, 100*faRate)
	if hitRate < 0.9 {
		t.Errorf("hit rate %.2f < 0.90", hitRate)
	}
	if faRate > 0.03 {
		t.Errorf("false-alarm rate %.3f > 0.03", faRate)
	}
}

// TestFairClassHasNoSeverityFlags: the old z-score across raters flagged the tails of every class; a class of fair
// raters should have almost none.
func TestFairClassHasNoSeverityFlags(t *testing.T) {
	scales := make([]Scale, 9)
	for i := range scales {
		scales[i] = levelScale
	}
	flags := 0
	for c := uint64(100); c < 120; c++ {
		for _, s := range RaterChecks(peerClass(c, 40, 4, 9, nil, nil), scales, CheckConfig{}).Severity {
			if s.Kind != "" {
				flags++
			}
		}
	}
	if flags > 16 { // 800 fair raters at 1 % two-sided: about 8 by chance alone; 16 is far out in its tail
		t.Errorf("%d fair raters flagged in 20 fair classes", flags)
	}
}

// TestGroupsAreComparedApart: parents all rate their own child one level higher than teachers do; compared among
// parents only, no parent is flagged, and neither is any teacher.
func TestGroupsAreComparedApart(t *testing.T) {
	scales := []Scale{levelScale, levelScale, levelScale, levelScale, levelScale, levelScale}
	var rs []CheckRating
	for s := int64(0); s < 30; s++ {
		for it := 0; it < 6; it++ {
			base := 1 + int(s+int64(it))%2
			rs = append(rs,
				CheckRating{Rater: 1000 + s, Group: 2, Target: s, Item: it, Value: levelScale.Levels[base+1]},
				CheckRating{Rater: 1, Group: 1, Target: s, Item: it, Value: levelScale.Levels[base]},
				CheckRating{Rater: 2, Group: 1, Target: s, Item: it, Value: levelScale.Levels[base]},
			)
		}
	}
	rep := RaterChecks(rs, scales, CheckConfig{})
	for _, s := range rep.Severity {
		if s.Kind != "" {
			t.Errorf("flagged %+v", s)
		}
	}
}

// TestParentsAgainstTheirGroup: each parent rates only their own child, so parents are compared with the teachers'
// ratings of that child, against the parents' usual distance from the teachers; the one parent two levels below
// it is found, the kind majority is not.
func TestParentsAgainstTheirGroup(t *testing.T) {
	scales := make([]Scale, 6)
	for i := range scales {
		scales[i] = levelScale
	}
	rng := rand.New(rand.NewPCG(3, 3))
	var rs []CheckRating
	for s := int64(0); s < 40; s++ {
		truth := 1 + rng.Float64()
		for it := 0; it < 6; it++ {
			lvl := func(x float64) float64 { return levelScale.Levels[int(math.Round(math.Max(0, math.Min(3, x))))] }
			parent := truth + 0.8 + rng.NormFloat64()*0.3
			if s == 7 {
				parent = truth - 1.5
			}
			rs = append(rs,
				CheckRating{Rater: 1000 + s, Group: 2, Target: s, Item: it, Value: lvl(parent)},
				CheckRating{Rater: 1, Group: 1, Target: s, Item: it, Value: lvl(truth + rng.NormFloat64()*0.3)},
				CheckRating{Rater: 2, Group: 1, Target: s, Item: it, Value: lvl(truth + rng.NormFloat64()*0.3)},
			)
		}
	}
	var flagged []int64
	for _, s := range RaterChecks(rs, scales, CheckConfig{}).Severity {
		if s.Kind != "" {
			flagged = append(flagged, s.Rater)
			if s.Rater == 1007 && s.Kind != FlagSevere {
				t.Errorf("parent 1007: %+v", s)
			}
		}
	}
	if len(flagged) != 1 || flagged[0] != 1007 {
		t.Errorf("flagged %v, want only parent 1007", flagged)
	}
}

func TestStudentT995(t *testing.T) {
	// Published two-sided 1 % critical values of Student's t.
	for df, want := range map[int]float64{1: 63.657, 2: 9.925, 3: 5.841, 5: 4.032, 10: 3.169, 30: 2.750, 120: 2.617} {
		if got := studentT995(df); math.Abs(got-want) > 0.002*want {
			t.Errorf("t(0.995, %d) = %.3f, want %.3f", df, got, want)
		}
	}
}
