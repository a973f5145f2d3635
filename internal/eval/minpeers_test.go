package eval

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// TestTooFewPeers: peers with fewer ratings than MinPeers (default 3) on
// an indicator do not count, exactly like a role nobody rated — their
// 20% goes to the other roles in proportion — and no number from them
// reaches the result or its explanation. On tinyFramework's A1 (self 10,
// peer 20, head 40, subject 20, mentor 10; no mentor here): self 90, head
// 88, subject teachers 80 and 84 (mean 82).
func TestTooFewPeers(t *testing.T) {
	cases := []struct {
		name     string
		minPeers int // 0 = the default
		peers    []float64
		counted  bool
		score    float64 // A1's rated score
		effW     map[model.RaterRole]float64
		lines    []string
	}{
		{
			// (90×10 + 88×40 + 82×20) ÷ 70 = 6060 ÷ 70 = 86.57
			name: "one peer", peers: []float64{41}, score: 86.57,
			effW: map[model.RaterRole]float64{model.RaterSelf: 14.29, model.RaterHeadTeacher: 57.14, model.RaterSubjectTeacher: 28.57},
			lines: []string{
				"互评不足 3 人，不计入，权重按比例分配给其他评价者。",
				"企业导师评无人评分，互评不足 3 人，其权重共 30% 按比例分给其他评价者，调整后：自评 14.29%、班主任评 57.14%、任课教师评 28.57%。",
				"评分得分 = (90×10 + 88×40 + 82×20) ÷ 70 = 86.57 分。",
			},
		},
		{
			name: "two peers, one below the threshold", peers: []float64{41, 43}, score: 86.57,
			effW:  map[model.RaterRole]float64{model.RaterSelf: 14.29, model.RaterHeadTeacher: 57.14, model.RaterSubjectTeacher: 28.57},
			lines: []string{"互评不足 3 人，不计入，权重按比例分配给其他评价者。"},
		},
		{
			// Exactly at the threshold: median 43 counts.
			// (90×10 + 43×20 + 88×40 + 82×20) ÷ 90 = 6920 ÷ 90 = 76.89
			name: "three peers, exactly at the threshold", peers: []float64{41, 43, 47}, counted: true, score: 76.89,
			effW: map[model.RaterRole]float64{model.RaterSelf: 11.11, model.RaterPeer: 22.22, model.RaterHeadTeacher: 44.44, model.RaterSubjectTeacher: 22.22},
			lines: []string{
				"互评：43 分（3 人评分，不足 5 人，取中位数）。",
				"企业导师评无人评分，其权重共 10% 按比例分给已评分的主体，调整后：自评 11.11%、互评 22.22%、班主任评 44.44%、任课教师评 22.22%。",
				"评分得分 = (90×10 + 43×20 + 88×40 + 82×20) ÷ 90 = 76.89 分。",
			},
		},
		{
			// A school may lower the threshold: 2 peers, median 42.
			// (900 + 840 + 3520 + 1640) ÷ 90 = 6900 ÷ 90 = 76.67
			name: "MinPeers 2, two peers", minPeers: 2, peers: []float64{41, 43}, counted: true, score: 76.67,
			effW:  map[model.RaterRole]float64{model.RaterSelf: 11.11, model.RaterPeer: 22.22, model.RaterHeadTeacher: 44.44, model.RaterSubjectTeacher: 22.22},
			lines: []string{"互评：42 分（2 人评分，不足 5 人，取中位数）。"},
		},
		{
			name: "MinPeers 4, three peers", minPeers: 4, peers: []float64{41, 43, 47}, score: 86.57,
			effW:  map[model.RaterRole]float64{model.RaterSelf: 14.29, model.RaterHeadTeacher: 57.14, model.RaterSubjectTeacher: 28.57},
			lines: []string{"互评不足 4 人，不计入，权重按比例分配给其他评价者。"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tinyFramework()
			f.Aggregation.MinPeers = c.minPeers
			b := (&ratingBuilder{}).add(1, "A1", model.RaterSelf, 1, 90).
				add(1, "A1", model.RaterHeadTeacher, 501, 88).
				add(1, "A1", model.RaterSubjectTeacher, 601, 80).
				add(1, "A1", model.RaterSubjectTeacher, 602, 84).
				peers(1, "A1", c.peers...)
			out := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{})
			ir := indicator(t, out.Results[0], "A1")
			if !ir.Rated || ir.RatedScore != c.score {
				t.Fatalf("A1 rated %v score %v, want %v", ir.Rated, ir.RatedScore, c.score)
			}
			for _, rr := range ir.Roles {
				if rr.EffectiveWeight != c.effW[rr.Role] {
					t.Errorf("%s effective weight %v, want %v", rr.Role, rr.EffectiveWeight, c.effW[rr.Role])
				}
			}
			peer := role(t, ir, model.RaterPeer)
			if peer.Count != len(c.peers) {
				t.Errorf("peer count %d, want %d", peer.Count, len(c.peers))
			}
			joined := strings.Join(ir.Explanation, "\n")
			for _, want := range c.lines {
				if !strings.Contains(joined, want) {
					t.Errorf("explanation lacks %q:\n%s", want, joined)
				}
			}
			if c.counted {
				return
			}
			// Not counted: nothing of the peers' values anywhere.
			if peer.Method != MethodTooFew || peer.Score != 0 || peer.Used != 0 || peer.EffectiveWeight != 0 {
				t.Errorf("peer role %+v", peer)
			}
			if strings.Contains(joined, "互评：") {
				t.Errorf("explanation shows a peer score:\n%s", joined)
			}
			js, err := json.Marshal(out.Results[0])
			if err != nil {
				t.Fatal(err)
			}
			// The values and the aggregate they would have made (the median
			// below 5 ratings), as a JSON number or in a sentence.
			vals := append(slices.Clone(c.peers), stats.Median(c.peers))
			for _, v := range vals {
				re := regexp.MustCompile(`:` + regexp.QuoteMeta(num(v)) + `[,}\]]|` + regexp.QuoteMeta(num(v)) + ` 分`)
				if re.Match(js) {
					t.Errorf("result carries the peer value %v: %s", v, js)
				}
			}
		})
	}
}

// Peers alone on an indicator, too few: the indicator is unrated, its
// weight goes to the dimension's other indicators, and the result says
// why.
func TestTooFewPeersOnly(t *testing.T) {
	b := (&ratingBuilder{}).peers(1, "A1", 60, 70).add(1, "A2", model.RaterHeadTeacher, 501, 4)
	out := mustCompute(t, Input{Framework: tinyFramework(), Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{})
	r := out.Results[0]
	ir := indicator(t, r, "A1")
	if ir.Rated || r.Complete || r.Dimensions[0].Score != 80 {
		t.Fatalf("A1 rated %v, complete %v, dimension %v (want unrated, incomplete, 80 from A2 alone)", ir.Rated, r.Complete, r.Dimensions[0].Score)
	}
	if s := strings.Join(ir.Explanation, "\n"); !strings.Contains(s, "待补评：A1 甲一：缺自评以外的评价（至少 1 位）；互评 2 人，不足 3 人不计入。本指标暂不计分") {
		t.Fatalf("explanation:\n%s", s)
	}
}

func TestMinPeersValidated(t *testing.T) {
	f := tinyFramework()
	f.Aggregation.MinPeers = -1
	if err := Validate(f); err == nil || !strings.Contains(err.Error(), "互评计入所需的最少人数") {
		t.Fatalf("negative MinPeers: %v", err)
	}
	if DefaultAggregation().MinPeers != 3 {
		t.Fatalf("default MinPeers %d", DefaultAggregation().MinPeers)
	}
	// A school sets it in the framework file.
	f.Aggregation.MinPeers = 4
	data, err := ExportJSON(f)
	if err != nil || !strings.Contains(string(data), `"min_peers": 4`) {
		t.Fatalf("export: %v\n%s", err, data)
	}
	back, err := ImportJSON(data)
	if err != nil || back.Aggregation.MinPeers != 4 {
		t.Fatalf("import: %v %+v", err, back.Aggregation)
	}
}
