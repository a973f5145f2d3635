package eval

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// fullStudent rates student 1 on every indicator of tinyFramework, with
// no mentor, so that A1 redistributes the mentor's 10%.
func fullStudent() *ratingBuilder {
	b := &ratingBuilder{}
	b.add(1, "A1", model.RaterSelf, 1, 90).
		peers(1, "A1", 80, 90, 85). // 3 peers: median 85
		add(1, "A1", model.RaterHeadTeacher, 501, 88).
		add(1, "A1", model.RaterSubjectTeacher, 601, 80).
		add(1, "A1", model.RaterSubjectTeacher, 602, 84).  // mean 82
		add(1, "A2", model.RaterSelf, 1, 4).               // ×20 = 80
		add(1, "A2", model.RaterHeadTeacher, 501, 5).      // 100
		level(1, "B1", model.RaterHeadTeacher, 501, "良好"). // 85
		level(1, "B1", model.RaterParent, 701, "优秀")       // 95
	return b
}

// TestComputeByHand checks every number of one student against the
// arithmetic in the comments.
func TestComputeByHand(t *testing.T) {
	out := mustCompute(t, Input{
		Framework: tinyFramework(),
		Students:  []Student{{ID: 1, ClassID: 10}},
		Ratings:   fullStudent().ratings,
	}, Options{CycleID: 1})
	if out.IgnoredCount != 0 {
		t.Fatalf("ignored: %+v", out.Ignored)
	}
	r := out.Results[0]
	a1 := indicator(t, r, "A1")
	// Rated weights 10+20+40+20 = 90 (mentor missing):
	// (90×10 + 85×20 + 88×40 + 82×20) ÷ 90 = 7760 ÷ 90 = 86.22
	for _, c := range []struct {
		role        model.RaterRole
		count       int
		score, effW float64
		method      string
	}{
		{model.RaterSelf, 1, 90, 11.11, model.AggMean},
		{model.RaterPeer, 3, 85, 22.22, model.AggMedian},
		{model.RaterHeadTeacher, 1, 88, 44.44, model.AggMean},
		{model.RaterSubjectTeacher, 2, 82, 22.22, model.AggMean},
		{model.RaterMentor, 0, 0, 0, ""},
	} {
		rr := role(t, a1, c.role)
		if rr.Count != c.count || rr.Score != c.score || rr.EffectiveWeight != c.effW || rr.Method != c.method {
			t.Errorf("A1 %s = %+v, want count %d score %v eff %v method %q", c.role, rr, c.count, c.score, c.effW, c.method)
		}
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"A1", a1.Score, 86.22},
		{"A2", indicator(t, r, "A2").Score, 96}, // (80×20 + 100×80) ÷ 100
		{"B1", indicator(t, r, "B1").Score, 90}, // (85×50 + 95×50) ÷ 100
		{"A", r.Dimensions[0].Score, 91.11},     // (86.22×50 + 96×50) ÷ 100
		{"B", r.Dimensions[1].Score, 90},
		{"total", r.Total, 90.67}, // (91.11×60 + 90×40) ÷ 100 = 90.666
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !r.Rated || !r.Complete || r.Level != model.LevelExcellent || r.ScoreLevel != model.LevelExcellent || r.Rank != 1 {
		t.Errorf("result flags/level: %+v", r)
	}
	joined := strings.Join(a1.Explanation, "\n")
	for _, want := range []string{
		"甲一得分 86.22 分",
		"企业导师评无人评分，其权重共 10% 按比例分给已评分的主体，调整后：自评 11.11%、互评 22.22%、班主任评 44.44%、任课教师评 22.22%",
		"互评：85 分（3 人评分，不足 5 人，取中位数）",
		"任课教师评：82 分（2 人评分，取平均）",
		"评分得分 = (90×10 + 85×20 + 88×40 + 82×20) ÷ 90 = 86.22 分",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("A1 explanation lacks %q:\n%s", want, joined)
		}
	}
	if s := strings.Join(indicator(t, r, "A2").Explanation, "\n"); !strings.Contains(s, "五分制") {
		t.Errorf("A2 explanation does not mention the 5-point scale:\n%s", s)
	}
	if s := strings.Join(indicator(t, r, "B1").Explanation, "\n"); !strings.Contains(s, "优秀 = 95 分、良好 = 85 分") {
		t.Errorf("B1 explanation does not show the level mapping:\n%s", s)
	}
	total := strings.Join(r.Explanation, "\n")
	for _, want := range []string{"总分 = (甲 91.11×60 + 乙 90×40) ÷ 100 = 90.67 分", "等级：优秀（A）"} {
		if !strings.Contains(total, want) {
			t.Errorf("total explanation lacks %q:\n%s", want, total)
		}
	}
}

// TestPeerAggregation checks the switch from median to trimmed mean at 5.
func TestPeerAggregation(t *testing.T) {
	// One and two peers count only where a school sets MinPeers that low
	// (the default 3 leaves them out, see TestTooFewPeers).
	cases := []struct {
		name   string
		peers  []float64
		score  float64
		used   int
		method string
	}{
		{"one (MinPeers 1)", []float64{70}, 70, 1, model.AggMedian},
		{"two (MinPeers 1): mean of the middle two", []float64{60, 90}, 75, 2, model.AggMedian},
		{"three: median ignores the outlier", []float64{0, 80, 82}, 80, 3, model.AggMedian},
		{"four: median", []float64{100, 60, 80, 70}, 75, 4, model.AggMedian},
		{"five: drop one at each end", []float64{60, 100, 70, 90, 80}, 80, 3, MethodTrimmed},
		{"six: 20% of 6 is 1.2, drop one", []float64{50, 60, 70, 80, 90, 100}, 75, 4, MethodTrimmed},
		{"ten: drop two", []float64{0, 10, 70, 72, 74, 76, 78, 80, 100, 100}, 75, 6, MethodTrimmed},
		{"five with outlier", []float64{0, 84, 85, 86, 87}, 85, 3, MethodTrimmed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := (&ratingBuilder{}).peers(1, "A1", c.peers...)
			f := tinyFramework()
			f.Aggregation.MinPeers = 1
			out := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{})
			ir := indicator(t, out.Results[0], "A1")
			rr := role(t, ir, model.RaterPeer)
			if rr.Score != c.score || rr.Used != c.used || rr.Method != c.method || rr.Count != len(c.peers) {
				t.Errorf("peer = %+v, want score %v used %d method %s", rr, c.score, c.used, c.method)
			}
			// Only peers rated: they carry the whole indicator.
			if ir.RatedScore != c.score || rr.EffectiveWeight != 100 {
				t.Errorf("indicator %v eff %v, want %v and 100", ir.RatedScore, rr.EffectiveWeight, c.score)
			}
		})
	}
	t.Run("configured mean for peers", func(t *testing.T) {
		f := tinyFramework()
		f.Aggregation.RoleMethods = map[model.RaterRole]string{model.RaterPeer: model.AggMean}
		b := (&ratingBuilder{}).peers(1, "A1", 0, 80, 82)
		out := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1}}, Ratings: b.ratings}, Options{})
		if rr := role(t, indicator(t, out.Results[0], "A1"), model.RaterPeer); rr.Score != 54 {
			t.Errorf("mean of 0, 80, 82 = %v, want 54", rr.Score)
		}
	})
	t.Run("robust teachers from 3", func(t *testing.T) {
		f := tinyFramework()
		f.Aggregation = model.Aggregation{TrimFrom: 3, TrimPercent: 10,
			RoleMethods: map[model.RaterRole]string{model.RaterSubjectTeacher: model.AggRobust}}
		b := (&ratingBuilder{}).add(1, "A1", model.RaterSubjectTeacher, 1, 10).
			add(1, "A1", model.RaterSubjectTeacher, 2, 80).add(1, "A1", model.RaterSubjectTeacher, 3, 99)
		out := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1}}, Ratings: b.ratings}, Options{})
		rr := role(t, indicator(t, out.Results[0], "A1"), model.RaterSubjectTeacher)
		if rr.Score != 80 || rr.Method != MethodTrimmed || rr.Used != 1 {
			t.Errorf("trimmed 10, 80, 99 = %+v, want 80 from 1 rating", rr)
		}
	})
}

func TestCorrectionsAndBadRows(t *testing.T) {
	b := &ratingBuilder{}
	b.add(1, "A1", model.RaterHeadTeacher, 501, 60) // ID 1, replaced below
	b.add(1, "A1", model.RaterHeadTeacher, 501, 90) // ID 2: the correction counts
	b.add(1, "A1", model.RaterPeer, 1, 100)         // a peer rating themself
	b.add(1, "A1", model.RaterSelf, 2, 100)         // "self" by someone else
	b.add(1, "A1", model.RaterParent, 701, 100)     // parents do not rate A1
	b.add(1, "A2", model.RaterSelf, 1, 6)           // off the 5-point scale
	b.level(1, "B1", model.RaterHeadTeacher, 501, "很好")
	b.add(1, "ZZ", model.RaterSelf, 1, 50) // no such indicator
	b.add(9, "A1", model.RaterSelf, 9, 50) // not in the cycle
	b.ratings = append(b.ratings, model.Rating{ID: 99, CycleID: 2, RaterRole: model.RaterSelf, RaterID: 1, StudentID: 1, IndicatorCode: "A1", Value: 1})
	// Order must not matter: put the correction first.
	b.ratings[0], b.ratings[1] = b.ratings[1], b.ratings[0]

	out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1}}, Ratings: b.ratings}, Options{CycleID: 1})
	if got := role(t, indicator(t, out.Results[0], "A1"), model.RaterHeadTeacher); got.Score != 90 || got.Count != 1 {
		t.Errorf("head teacher = %+v, want the corrected 90 from one rater", got)
	}
	if out.IgnoredCount != 8 {
		t.Errorf("ignored %d rows, want 8: %+v", out.IgnoredCount, out.Ignored)
	}
	reasons := ""
	for _, ig := range out.Ignored {
		reasons += ig.Reason + "\n"
	}
	for _, want := range []string{"互评不能评价自己", "自评只能由学生本人填写", "家长评不参与指标“甲一”的评价",
		"应填 1 到 5 之间的分数", "应选择 优秀、良好、合格、待合格 之一", "评价方案中没有指标“ZZ”", "不在本次评价名单中", "不属于本评价周期"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("no ignore reason %q in:\n%s", want, reasons)
		}
	}
}

// TestUnratedIndicator: an indicator nobody rated leaves its dimension,
// which is then the other indicators alone, and the student is 待补评: no
// total, no level, no rank, and Missing says which indicator.
func TestUnratedIndicator(t *testing.T) {
	b := (&ratingBuilder{}).add(1, "A1", model.RaterHeadTeacher, 501, 70).
		level(1, "B1", model.RaterHeadTeacher, 501, "合格").
		level(3, "B1", model.RaterParent, 703, "良好")
	ev := []model.Evidence{{ID: 1, StudentID: 1, Kind: model.EvidenceService, Title: "社区服务", Hours: 4, Status: model.EvidenceVerified}}
	policy := model.EvidencePolicy{Rules: []model.EvidenceRule{{Kind: model.EvidenceService, IndicatorCode: "A2", Mode: model.RulePerHour, Points: 1}}}
	out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1, ClassID: 1}, {ID: 2, ClassID: 1}, {ID: 3, ClassID: 1}},
		Ratings: b.ratings, Evidence: ev, Policy: policy}, Options{})
	r := out.Results[0]
	a2 := indicator(t, r, "A2")
	if a2.Rated || r.Complete || !r.Incomplete || r.Dimensions[0].Score != 70 || r.Total != 0 || r.Level != "" || r.ScoreLevel != "" || r.Rank != 0 || r.GroupSize != 0 {
		t.Errorf("A2 rated=%v complete=%v incomplete=%v A=%v total=%v level=%q rank=%d; want unrated, 待补评, 70, no total, no level, no rank",
			a2.Rated, r.Complete, r.Incomplete, r.Dimensions[0].Score, r.Total, r.Level, r.Rank)
	}
	if want := []string{"A2 甲二：尚无评价（需至少 1 位自评以外的评价者）"}; fmt.Sprint(r.Missing) != fmt.Sprint(want) {
		t.Errorf("missing %q, want %q", r.Missing, want)
	}
	if ir := indicator(t, r, "A1"); ir.EffectiveWeight != 100 {
		t.Errorf("A1 effective weight %v, want 100", ir.EffectiveWeight)
	}
	if s := strings.Join(a2.Explanation, "\n"); a2.Score != 0 || a2.Bonus != 4 || !strings.Contains(s, "写实记录：社区服务（4 小时），加 4 分") || !strings.Contains(s, "暂未计分") {
		t.Errorf("unrated A2 with evidence: score %v bonus %v\n%s", a2.Score, a2.Bonus, s)
	}
	if s := strings.Join(r.Dimensions[0].Explanation, "\n"); !strings.Contains(s, "甲二 待补评，未计入") {
		t.Errorf("dimension explanation: %s", s)
	}
	if s := strings.Join(r.Explanation, "\n"); !strings.Contains(s, "待补评：1 个指标缺少方案要求的评价") || !strings.Contains(s, "暂不计算总分、不排名、不评定等级") ||
		strings.Contains(s, "等级：") {
		t.Errorf("total explanation: %s", s)
	}
	onlyB := out.Results[2] // dimension A unrated: 待补评, B still has its score
	if onlyB.Total != 0 || !onlyB.Incomplete || onlyB.Dimensions[0].Rated || onlyB.Dimensions[1].Score != 85 || len(onlyB.Missing) != 2 {
		t.Errorf("only B rated: %+v", onlyB)
	}
	nobody := out.Results[1]
	if nobody.Rated || !nobody.Incomplete || nobody.Level != "" || nobody.Rank != 0 || len(nobody.Missing) != 3 {
		t.Errorf("student without ratings: %+v", nobody)
	}
}

func TestEvidence(t *testing.T) {
	comp := func(id int64, level, prize string) model.Evidence {
		return model.Evidence{ID: id, StudentID: 1, TermID: 7, Kind: model.EvidenceCompetition, Title: "技能大赛",
			Level: level, Prize: prize, Status: model.EvidenceVerified}
	}
	policy := model.EvidencePolicy{
		Rules: []model.EvidenceRule{
			{ID: 1, Kind: model.EvidenceCompetition, IndicatorCode: "A1", Mode: model.RuleFixed, Points: 1},
			{ID: 2, Kind: model.EvidenceCompetition, Level: model.AwardNational, Prize: model.PrizeFirst, IndicatorCode: "A1", Mode: model.RuleFixed, Points: 10},
			{ID: 3, Kind: model.EvidenceService, IndicatorCode: "A2", Mode: model.RulePerHour, Points: 0.5},
			{ID: 4, Kind: model.EvidenceBehaviour, Category: "文明礼仪", IndicatorCode: "B1", Mode: model.RuleRecord, Points: 1},
			{ID: 5, Kind: model.EvidenceCertificate, IndicatorCode: "A2", Mode: model.RuleFixed, Points: 3},
			{ID: 6, Kind: model.EvidenceHonour, IndicatorCode: "QQ", Mode: model.RuleFixed, Points: 3}, // not in this framework
		},
		Caps: []model.EvidenceCap{{IndicatorCode: "A1", MaxBonus: 15}, {IndicatorCode: "B1", MaxDeduction: 4}},
	}
	base := (&ratingBuilder{}).add(1, "A1", model.RaterHeadTeacher, 501, 70).
		add(1, "A2", model.RaterHeadTeacher, 501, 4).             // 80
		level(1, "B1", model.RaterHeadTeacher, 501, "良好").ratings // 85
	cases := []struct {
		name       string
		evidence   []model.Evidence
		termCap    float64
		a1, a2, b1 float64
		capped     bool
	}{
		{"none", nil, 0, 70, 80, 85, false},
		{"national first prize: the specific rule wins, +10", []model.Evidence{comp(1, model.AwardNational, model.PrizeFirst)}, 0, 80, 80, 85, false},
		{"provincial prize: the general rule, +1", []model.Evidence{comp(1, model.AwardProvincial, model.PrizeThird)}, 0, 71, 80, 85, false},
		{"two national firsts: 20 capped at 15", []model.Evidence{comp(1, model.AwardNational, model.PrizeFirst), comp(2, model.AwardNational, model.PrizeFirst)}, 0, 85, 80, 85, true},
		{"unverified and other-term records do not count", []model.Evidence{
			{ID: 1, StudentID: 1, TermID: 7, Kind: model.EvidenceCompetition, Level: model.AwardNational, Prize: model.PrizeFirst, Status: model.EvidencePending},
			{ID: 2, StudentID: 1, TermID: 6, Kind: model.EvidenceCompetition, Level: model.AwardNational, Prize: model.PrizeFirst, Status: model.EvidenceVerified},
			{ID: 3, StudentID: 1, TermID: 7, Kind: model.EvidenceCertificate, Level: model.CertIntermediate, Passed: false, Status: model.EvidenceVerified},
		}, 0, 70, 80, 85, false},
		{"passed certificate +3, 12 service hours +6", []model.Evidence{
			{ID: 3, StudentID: 1, TermID: 7, Kind: model.EvidenceCertificate, Level: model.CertIntermediate, Passed: true, Status: model.EvidenceVerified},
			{ID: 4, StudentID: 1, TermID: 7, Kind: model.EvidenceService, Hours: 12, Status: model.EvidenceVerified},
		}, 0, 70, 89, 85, false},
		{"deductions capped at 4", []model.Evidence{
			{ID: 5, StudentID: 1, TermID: 7, Kind: model.EvidenceBehaviour, Category: "文明礼仪", Points: -3, Status: model.EvidenceVerified},
			{ID: 6, StudentID: 1, TermID: 7, Kind: model.EvidenceBehaviour, Category: "文明礼仪", Points: -2, Status: model.EvidenceVerified},
			{ID: 7, StudentID: 1, TermID: 7, Kind: model.EvidenceBehaviour, Category: "学习习惯", Points: -9, Status: model.EvidenceVerified}, // no rule
		}, 0, 70, 80, 81, true},
		{"term cap 8 of 16: every bonus halved", []model.Evidence{
			comp(1, model.AwardNational, model.PrizeFirst),                                                           // A1 +10 → 5
			{ID: 4, StudentID: 1, TermID: 7, Kind: model.EvidenceService, Hours: 12, Status: model.EvidenceVerified}, // A2 +6 → 3
		}, 8, 75, 83, 85, true},
		{"score never exceeds 100", []model.Evidence{
			{ID: 4, StudentID: 1, TermID: 7, Kind: model.EvidenceService, Hours: 80, Status: model.EvidenceVerified}, // A2 80 + 40
		}, 0, 70, 100, 85, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := policy
			p.TermCap = c.termCap
			out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1}}, Ratings: base, Evidence: c.evidence, Policy: p}, Options{TermID: 7})
			r := out.Results[0]
			a1, a2, b1 := indicator(t, r, "A1"), indicator(t, r, "A2"), indicator(t, r, "B1")
			if a1.Score != c.a1 || a2.Score != c.a2 || b1.Score != c.b1 {
				t.Errorf("scores %v %v %v, want %v %v %v", a1.Score, a2.Score, b1.Score, c.a1, c.a2, c.b1)
			}
			if got := a1.Capped || a2.Capped || b1.Capped; got != c.capped {
				t.Errorf("capped = %v, want %v", got, c.capped)
			}
			if out.IgnoredCount != 1 || out.Ignored[0].What != "rule" {
				t.Errorf("want the rule on QQ reported, got %+v", out.Ignored)
			}
		})
	}

	t.Run("explanations", func(t *testing.T) {
		p := policy
		p.TermCap = 8
		ev := []model.Evidence{comp(1, model.AwardNational, model.PrizeFirst), comp(2, model.AwardNational, model.PrizeFirst),
			{ID: 5, StudentID: 1, TermID: 7, Kind: model.EvidenceBehaviour, Title: "走廊追逐打闹", Category: "文明礼仪", Points: -3, Status: model.EvidenceVerified}}
		out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1}}, Ratings: base, Evidence: ev, Policy: p}, Options{TermID: 7})
		r := out.Results[0]
		a1 := strings.Join(indicator(t, r, "A1").Explanation, "\n")
		for _, want := range []string{
			"写实记录：技能大赛（国家级一等奖），加 10 分",
			"本指标每学期加分上限 15 分，加分 20 分按 15 分计",
			"本学期各指标实际可加分合计 15 分，超过学期上限 8 分，各项加分按 8 ÷ 15 折算（舍去两位小数以后的部分），本指标加分计 8 分",
			"指标得分 = 70 + 8 = 78 分",
		} {
			if !strings.Contains(a1, want) {
				t.Errorf("A1 explanation lacks %q:\n%s", want, a1)
			}
		}
		b1 := strings.Join(indicator(t, r, "B1").Explanation, "\n")
		if !strings.Contains(b1, "走廊追逐打闹（文明礼仪），扣 3 分") || !strings.Contains(b1, "指标得分 = 85 − 3 = 82 分") {
			t.Errorf("B1 explanation:\n%s", b1)
		}
	})
}

// TestDeterminism: the same input in any order gives byte-identical
// output, and computing twice changes nothing.
func TestDeterminism(t *testing.T) {
	f := DefaultFramework()
	in := syntheticSchool(f, 3, 40, 7)
	first, err := Compute(in, Options{CycleID: 1, TermID: 1})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(first)

	again, _ := Compute(in, Options{CycleID: 1, TermID: 1})
	if got, _ := json.Marshal(again); string(got) != string(want) {
		t.Fatal("second compute differs from the first")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	shuffled := in
	shuffled.Ratings = slices.Clone(in.Ratings)
	shuffled.Evidence = slices.Clone(in.Evidence)
	shuffled.Students = slices.Clone(in.Students)
	rng.Shuffle(len(shuffled.Ratings), func(i, j int) { shuffled.Ratings[i], shuffled.Ratings[j] = shuffled.Ratings[j], shuffled.Ratings[i] })
	rng.Shuffle(len(shuffled.Evidence), func(i, j int) {
		shuffled.Evidence[i], shuffled.Evidence[j] = shuffled.Evidence[j], shuffled.Evidence[i]
	})
	rng.Shuffle(len(shuffled.Students), func(i, j int) {
		shuffled.Students[i], shuffled.Students[j] = shuffled.Students[j], shuffled.Students[i]
	})
	out, _ := Compute(shuffled, Options{CycleID: 1, TermID: 1})
	if got, _ := json.Marshal(out); string(got) != string(want) {
		t.Fatal("shuffled input gives a different result")
	}
	if first.IgnoredCount != 0 {
		t.Fatalf("synthetic school has ignored rows: %+v", first.Ignored[:min(5, len(first.Ignored))])
	}
	// Input must not be modified (the caller may reuse it).
	if !slices.Equal(in.Ratings, syntheticSchool(f, 3, 40, 7).Ratings) {
		t.Fatal("Compute modified its input")
	}
}

// TestPeersStayAnonymous: no explanation line or result field carries a
// peer's ID.
func TestPeersStayAnonymous(t *testing.T) {
	b := (&ratingBuilder{}).add(1, "A1", model.RaterPeer, 987654, 80).add(1, "A1", model.RaterPeer, 876543, 90)
	out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1}}, Ratings: b.ratings}, Options{})
	data, _ := json.Marshal(out)
	if strings.Contains(string(data), "987654") || strings.Contains(string(data), "876543") {
		t.Fatalf("a peer's ID leaks into the result: %s", data)
	}
}

// TestResultSlicesAreSeparate: the results share backing arrays, so an
// append by a caller must not write into the next student.
func TestResultSlicesAreSeparate(t *testing.T) {
	b := fullStudent()
	out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1}, {ID: 2}}, Ratings: b.ratings}, Options{})
	r0, r1 := &out.Results[0], &out.Results[1]
	before, _ := json.Marshal(r1)
	r0.Dimensions = append(r0.Dimensions, model.DimensionResult{Name: "x"})
	ir := &r0.Dimensions[1].Indicators[0]
	ir.Roles = append(ir.Roles, model.RoleResult{Role: "x", Score: 1})
	ir.Explanation = append(ir.Explanation, "x")
	r0.Dimensions[0].Indicators = append(r0.Dimensions[0].Indicators, model.IndicatorResult{Code: "x"})
	if after, _ := json.Marshal(r1); string(after) != string(before) {
		t.Fatal("appending to one result changed another")
	}
}

func TestComputeRefusesInvalidFramework(t *testing.T) {
	f := tinyFramework()
	f.Dimensions[0].Weight = 50
	if _, err := Compute(Input{Framework: f}, Options{}); err == nil || !strings.Contains(err.Error(), "各维度权重合计为 90，应为 100") {
		t.Fatalf("err = %v", err)
	}
}

func TestDefaultFrameworkComputes(t *testing.T) {
	f := DefaultFramework()
	in := syntheticSchool(f, 2, 45, 3)
	in.Policy = DefaultEvidencePolicy()
	if err := ValidatePolicy(in.Policy, f); err != nil {
		t.Fatal(err)
	}
	out := mustCompute(t, in, Options{CycleID: 1, TermID: 1})
	levels := map[model.Level]int{}
	for _, r := range out.Results {
		if !r.Complete || r.Total <= 0 || r.Total > 100 {
			t.Fatalf("student %d: complete=%v total=%v", r.StudentID, r.Complete, r.Total)
		}
		levels[r.Level]++
		if len(r.Explanation) == 0 || len(r.Dimensions[5].Indicators[0].Explanation) == 0 {
			t.Fatalf("student %d has no explanation", r.StudentID)
		}
	}
	// 优秀 is at most 30% of 45 = 13 per class.
	if levels[model.LevelExcellent] > 26 {
		t.Fatalf("levels %v break the quota", levels)
	}
}
