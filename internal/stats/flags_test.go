package stats

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestFlagsStraightLine(t *testing.T) {
	var rs []Rating
	for target := int64(1); target <= 6; target++ {
		rs = append(rs,
			Rating{Rater: 100, Target: target, Item: 1, Value: 3},                   // same on item 1…
			Rating{Rater: 100, Target: target, Item: 2, Value: 4},                   // …and on item 2: tells no one apart
			Rating{Rater: 101, Target: target, Item: 1, Value: 5},                   // same on item 1 only
			Rating{Rater: 101, Target: target, Item: 2, Value: float64(target % 3)}, // varies on item 2
		)
		if target <= 4 {
			rs = append(rs, Rating{Rater: 102, Target: target, Item: 1, Value: 2}) // same, but only 4 targets
		}
	}
	// Rater 103 gives 4 to five peers and 4 to themself: the self-rating is not a sixth target, and it changes nothing.
	for target := int64(1); target <= 5; target++ {
		rs = append(rs, Rating{Rater: 103, Target: target, Item: 3, Value: 4})
	}
	rs = append(rs, Rating{Rater: 103, Target: 103, Item: 3, Value: 4, Self: true})

	got := Flags(rs, FlagConfig{}).StraightLines
	want := []StraightLine{
		{Rater: 100, Kind: FlagStraightLine, RatedItems: 2, AllItems: true,
			Items: []StraightLineItem{{Item: 1, Value: 3, Targets: 6}, {Item: 2, Value: 4, Targets: 6}}},
		{Rater: 101, Kind: FlagStraightLine, RatedItems: 2, AllItems: false,
			Items: []StraightLineItem{{Item: 1, Value: 5, Targets: 6}}},
		{Rater: 103, Kind: FlagStraightLine, RatedItems: 1, AllItems: true,
			Items: []StraightLineItem{{Item: 3, Value: 4, Targets: 5}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("straight lines\n got %+v\nwant %+v", got, want)
	}

	// With MinTargets 4, rater 102's four equal ratings count too.
	got = Flags(rs, FlagConfig{MinTargets: 4}).StraightLines
	if len(got) != 4 || got[2].Rater != 102 {
		t.Errorf("MinTargets 4: %+v", got)
	}
}

func TestFlagsLeniencyByHand(t *testing.T) {
	// One cell, three raters giving 1, 2 and 6. Deviations from the mean of the others: 1−4 = −3, 2−3.5 = −1.5,
	// 6−1.5 = 4.5; their mean is 0 and sample SD √15.75, so z = −0.756, −0.378, 1.134.
	rs := []Rating{
		{Rater: 1, Target: 9, Item: 1, Value: 1},
		{Rater: 2, Target: 9, Item: 1, Value: 2},
		{Rater: 3, Target: 9, Item: 1, Value: 6},
	}
	got := Flags(rs, FlagConfig{MinShared: 1, ZThreshold: 1}).Leniency
	sd := math.Sqrt(15.75)
	want := []RaterLeniency{
		{Rater: 1, MeanDeviation: -3, Shared: 1, Z: -3 / sd},
		{Rater: 2, MeanDeviation: -1.5, Shared: 1, Z: -1.5 / sd},
		{Rater: 3, MeanDeviation: 4.5, Shared: 1, Z: 4.5 / sd, Kind: FlagLenient},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Rater != w.Rater || g.Shared != w.Shared || g.Kind != w.Kind ||
			!near(g.MeanDeviation, w.MeanDeviation, 1e-12) || !near(g.Z, w.Z, 1e-12) {
			t.Errorf("rater %d: got %+v, want %+v", w.Rater, g, w)
		}
	}
}

// panel builds ratings of 10 raters × 6 targets × 2 items where every rater gives the target's true value, except
// for the offsets given per rater.
func panel(offset map[int64]float64) []Rating {
	var rs []Rating
	for target := int64(1); target <= 6; target++ {
		for item := int64(1); item <= 2; item++ {
			truth := float64(1 + (target+item)%4)
			for rater := int64(1); rater <= 10; rater++ {
				rs = append(rs, Rating{Rater: rater, Target: target, Item: item, Value: truth + offset[rater]})
			}
		}
	}
	return rs
}

func TestFlagsLenientAndSevere(t *testing.T) {
	// Rater 1 gives +2 everywhere, the other nine the true value. In each cell rater 1 deviates +2 and each other
	// rater −2/9; across the 10 raters the mean deviation is 0 and the sample SD √((4 + 9·(2/9)²)/9) = 0.7027,
	// so z = 2.846 for rater 1 (偏宽) and −0.316 for the rest.
	rep := Flags(panel(map[int64]float64{1: 2}), FlagConfig{})
	if len(rep.Leniency) != 10 {
		t.Fatalf("scored %d raters, want 10", len(rep.Leniency))
	}
	sd := math.Sqrt((4 + 9*(2.0/9)*(2.0/9)) / 9)
	for _, l := range rep.Leniency {
		wantDev, wantKind := -2.0/9, FlagKind("")
		if l.Rater == 1 {
			wantDev, wantKind = 2, FlagLenient
		}
		if !near(l.MeanDeviation, wantDev, 1e-12) || !near(l.Z, wantDev/sd, 1e-9) || l.Kind != wantKind || l.Shared != 12 {
			t.Errorf("rater %d: %+v, want deviation %v z %v kind %q", l.Rater, l, wantDev, wantDev/sd, wantKind)
		}
	}

	// The mirror image: −2 is 偏严 with z = −2.846.
	rep = Flags(panel(map[int64]float64{4: -2}), FlagConfig{})
	for _, l := range rep.Leniency {
		if (l.Rater == 4) != (l.Kind == FlagSevere) || (l.Kind != "" && l.Kind != FlagSevere) {
			t.Errorf("severe: rater %d %+v", l.Rater, l)
		}
	}

	// A higher threshold flags no one.
	for _, l := range Flags(panel(map[int64]float64{1: 2}), FlagConfig{ZThreshold: 3}).Leniency {
		if l.Kind != "" {
			t.Errorf("threshold 3 flagged %+v", l)
		}
	}
}

func TestFlagsLeniencyAgreementIsNotNoise(t *testing.T) {
	// Everyone agrees on values like 0.1 and 0.7, whose means carry rounding error: no SD, no z, no flag.
	var rs []Rating
	for target := int64(1); target <= 5; target++ {
		for rater := int64(1); rater <= 8; rater++ {
			rs = append(rs, Rating{Rater: rater, Target: target, Item: 1, Value: 0.1 * float64(target+2)})
		}
	}
	for _, l := range Flags(rs, FlagConfig{}).Leniency {
		if l.Z != 0 || l.Kind != "" {
			t.Errorf("agreement scored as spread: %+v", l)
		}
	}
}

func TestFlagsMinShared(t *testing.T) {
	rs := panel(nil)
	rs = append(rs, Rating{Rater: 50, Target: 1, Item: 1, Value: 9}) // one shared rating only
	for _, l := range Flags(rs, FlagConfig{}).Leniency {
		if l.Rater == 50 {
			t.Errorf("rater with 1 shared rating was scored: %+v", l)
		}
	}
}

func TestFlagsSelfGap(t *testing.T) {
	self := func(target, item int64, v float64) Rating {
		return Rating{Rater: 1000 + target, Target: target, Item: item, Value: v, Self: true}
	}
	peer := func(rater, target, item int64, v float64) Rating {
		return Rating{Rater: rater, Target: target, Item: item, Value: v}
	}
	rs := []Rating{
		// Target 1: self 5 and 4 where others give 3: gaps 2 and 1, mean 1.5 > 1 → 高估.
		self(1, 1, 5), peer(1, 1, 1, 3), peer(2, 1, 1, 3),
		self(1, 2, 4), peer(1, 1, 2, 3), peer(2, 1, 2, 3),
		// Target 2: self 2 where others give 4 and 5: gap −2.5 → 低估.
		self(2, 1, 2), peer(1, 2, 1, 4), peer(2, 2, 1, 5),
		// Target 3: gap exactly 1 is not "larger than" 1.
		self(3, 1, 4), peer(1, 3, 1, 3),
		// Target 4: a self-rating nobody else matched on that item, and others on an item with no self-rating.
		self(4, 1, 5), peer(1, 4, 2, 1),
	}
	got := Flags(rs, FlagConfig{}).SelfGaps
	want := []SelfGap{
		{Target: 1, Gap: 1.5, Items: 2, Kind: FlagSelfOver},
		{Target: 2, Gap: -2.5, Items: 1, Kind: FlagSelfUnder},
		{Target: 3, Gap: 1, Items: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("self gaps\n got %+v\nwant %+v", got, want)
	}
	// A threshold of 3 flags no one; 0.5 flags target 3 as well.
	for _, g := range Flags(rs, FlagConfig{GapThreshold: 3}).SelfGaps {
		if g.Kind != "" {
			t.Errorf("threshold 3 flagged %+v", g)
		}
	}
	if g := Flags(rs, FlagConfig{GapThreshold: 0.5}).SelfGaps[2]; g.Kind != FlagSelfOver {
		t.Errorf("threshold 0.5: %+v", g)
	}
}

func TestFlagsSelfNotInLeniency(t *testing.T) {
	// Adding a high self-rating to every cell must not move anyone's leniency: it is not one of "the others".
	base := Flags(panel(map[int64]float64{1: 2}), FlagConfig{}).Leniency
	rs := panel(map[int64]float64{1: 2})
	for target := int64(1); target <= 6; target++ {
		for item := int64(1); item <= 2; item++ {
			rs = append(rs, Rating{Rater: 500 + target, Target: target, Item: item, Value: 99, Self: true})
		}
	}
	if got := Flags(rs, FlagConfig{}).Leniency; !reflect.DeepEqual(got, base) {
		t.Errorf("self-ratings changed leniency:\n%+v\n%+v", got, base)
	}
}

func TestFlagsCorrectionsAndMissing(t *testing.T) {
	rs := panel(map[int64]float64{1: 2})
	clean := Flags(rs, FlagConfig{})

	// Rater 1 first entered 5 by mistake on every cell, then corrected each one: the later record wins.
	var withMistakes []Rating
	for _, r := range rs {
		if r.Rater == 1 {
			wrong := r
			wrong.Value = 5
			withMistakes = append(withMistakes, wrong)
		}
	}
	withMistakes = append(withMistakes, rs...)
	withMistakes = append(withMistakes,
		Rating{Rater: 7, Target: 1, Item: 1, Value: nan}, // a missing value is skipped, not a correction
		Rating{Rater: 8, Target: 2, Item: 2, Value: math.Inf(1)},
	)
	got := Flags(withMistakes, FlagConfig{})
	if got.Superseded != 12 || got.Skipped != 2 {
		t.Errorf("superseded %d skipped %d, want 12 and 2", got.Superseded, got.Skipped)
	}
	got.Superseded, got.Skipped = 0, 0
	if !reflect.DeepEqual(got, clean) {
		t.Errorf("corrections not applied:\n got %+v\nwant %+v", got, clean)
	}
}

func TestFlagsOrderDoesNotMatter(t *testing.T) {
	rs := panel(map[int64]float64{1: 2, 4: -2})
	for target := int64(1); target <= 6; target++ {
		rs = append(rs, Rating{Rater: 900 + target, Target: target, Item: 1, Value: 4, Self: true})
	}
	want := Flags(rs, FlagConfig{})
	rng := rand.New(rand.NewPCG(3, 9))
	for range 10 {
		rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		got := Flags(rs, FlagConfig{})
		// Sums in a different order may differ in the last bit; compare to 1e-12.
		if len(got.Leniency) != len(want.Leniency) || len(got.SelfGaps) != len(want.SelfGaps) ||
			!reflect.DeepEqual(got.StraightLines, want.StraightLines) {
			t.Fatalf("shuffled input changed the report")
		}
		for i := range got.Leniency {
			g, w := got.Leniency[i], want.Leniency[i]
			if g.Rater != w.Rater || g.Kind != w.Kind || !near(g.Z, w.Z, 1e-9) || !near(g.MeanDeviation, w.MeanDeviation, 1e-12) {
				t.Fatalf("shuffled: %+v vs %+v", g, w)
			}
		}
		for i := range got.SelfGaps {
			g, w := got.SelfGaps[i], want.SelfGaps[i]
			if g.Target != w.Target || g.Kind != w.Kind || !near(g.Gap, w.Gap, 1e-12) {
				t.Fatalf("shuffled: %+v vs %+v", g, w)
			}
		}
	}
}

func TestFlagsEmpty(t *testing.T) {
	if got := Flags(nil, FlagConfig{}); !reflect.DeepEqual(got, FlagReport{}) {
		t.Errorf("empty input: %+v", got)
	}
}

// semester is a school's term in the DESIGN's numbers: 3,000 students × 40 indicators × 10 raters = 1.2M ratings,
// 9 peers plus the student's own self-rating per cell, values on a 1..5 scale.
func semester() []Rating {
	rng := rand.New(rand.NewPCG(3000, 40))
	const students, items, peers = 3000, 40, 9
	rs := make([]Rating, 0, students*items*(peers+1))
	for s := range int64(students) {
		for item := range int64(items) {
			truth := 1 + rng.IntN(5)
			for p := range int64(peers) {
				rater := (s + 1 + p*331) % students // peers spread over the school, each rating many students
				v := truth + rng.IntN(3) - 1
				rs = append(rs, Rating{Rater: rater, Target: s, Item: item, Value: float64(min(max(v, 1), 5))})
			}
			rs = append(rs, Rating{Rater: s, Target: s, Item: item, Value: float64(min(truth+1, 5)), Self: true})
		}
	}
	return rs
}

func BenchmarkFlags(b *testing.B) {
	rs := semester()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Flags(rs, FlagConfig{})
	}
	b.ReportMetric(float64(len(rs)), "ratings")
}

// BenchmarkFlagsShuffled is the same semester in random order, so that no lookup is saved by the input's order.
func BenchmarkFlagsShuffled(b *testing.B) {
	rs := semester()
	rng := rand.New(rand.NewPCG(1, 1))
	rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Flags(rs, FlagConfig{})
	}
	b.ReportMetric(float64(len(rs)), "ratings")
}

// BenchmarkFlagsClass is what one class teacher's view computes: 45 students × 40 indicators × (9 peers + self).
func BenchmarkFlagsClass(b *testing.B) {
	rs := semester()[:45*40*10]
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Flags(rs, FlagConfig{})
	}
	b.ReportMetric(float64(len(rs)), "ratings")
}

func TestFlagsStraightLineCountsTargetsOnce(t *testing.T) {
	// Four targets, one of them rated twice (a correction) and one missing value: still four targets, below 5.
	rs := []Rating{
		{Rater: 1, Target: 1, Item: 1, Value: 3},
		{Rater: 1, Target: 2, Item: 1, Value: 3},
		{Rater: 1, Target: 3, Item: 1, Value: 3},
		{Rater: 1, Target: 4, Item: 1, Value: 2},
		{Rater: 1, Target: 4, Item: 1, Value: 3}, // corrected to 3: now all four are 3
		{Rater: 1, Target: 5, Item: 1, Value: nan},
	}
	if got := Flags(rs, FlagConfig{}).StraightLines; got != nil {
		t.Errorf("4 distinct targets flagged at MinTargets 5: %+v", got)
	}
	got := Flags(rs, FlagConfig{MinTargets: 4}).StraightLines
	if len(got) != 1 || got[0].Items[0] != (StraightLineItem{Item: 1, Value: 3, Targets: 4}) {
		t.Errorf("MinTargets 4: %+v", got)
	}
}
