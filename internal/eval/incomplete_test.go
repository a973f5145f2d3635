package eval

import (
	"fmt"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// TestMinOthers: an indicator counts only with the framework's minimum of
// raters other than the student themself (peers only when they reach
// MinPeers); otherwise the student is 待补评 and Missing says what is
// missing. Framework: A1 of tinyFramework (self, peer, head, subject,
// mentor); the other indicators are rated by the head teacher.
func TestMinOthers(t *testing.T) {
	cases := []struct {
		name      string
		minOthers int
		rate      func(b *ratingBuilder)
		missing   string // "" = complete
	}{
		{"self only", 0, func(b *ratingBuilder) { b.add(1, "A1", model.RaterSelf, 1, 100) },
			"A1 甲一：缺自评以外的评价（至少 1 位）"},
		{"self and the head teacher", 0, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSelf, 1, 100).add(1, "A1", model.RaterHeadTeacher, 501, 80)
		}, ""},
		{"head teacher alone", 0, func(b *ratingBuilder) { b.add(1, "A1", model.RaterHeadTeacher, 501, 80) }, ""},
		{"self and two peers: peers below min_peers do not count", 0, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSelf, 1, 100).peers(1, "A1", 90, 95)
		}, "A1 甲一：缺自评以外的评价（至少 1 位）；互评 2 人，不足 3 人不计入"},
		{"self and three peers", 0, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSelf, 1, 100).peers(1, "A1", 90, 95, 85)
		}, ""},
		{"nobody", 0, func(b *ratingBuilder) {}, "A1 甲一：尚无评价（需至少 1 位自评以外的评价者）"},
		{"two required, one there", 2, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSelf, 1, 100).add(1, "A1", model.RaterHeadTeacher, 501, 80)
		}, "A1 甲一：缺自评以外的评价（至少 2 位，现有 1 位）"},
		{"two required, head and subject teacher", 2, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterHeadTeacher, 501, 80).add(1, "A1", model.RaterSubjectTeacher, 601, 70)
		}, ""},
		{"two required, three peers count as three", 2, func(b *ratingBuilder) { b.peers(1, "A1", 90, 95, 85) }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tinyFramework()
			f.Aggregation.MinOthers = c.minOthers
			// A2 and B1 get two raters besides the student, enough for
			// either minimum.
			f.Dimensions[0].Indicators[1].RoleWeights = roles(20, 0, 40, 40, 0, 0)
			b := (&ratingBuilder{}).add(1, "A2", model.RaterHeadTeacher, 501, 4).add(1, "A2", model.RaterSubjectTeacher, 601, 4).
				level(1, "B1", model.RaterHeadTeacher, 501, "良好").level(1, "B1", model.RaterParent, 701, "良好")
			c.rate(b)
			r := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{}).Results[0]
			a1 := indicator(t, r, "A1")
			if c.missing == "" {
				if r.Incomplete || !r.Complete || !a1.Rated || r.Missing != nil || r.Total == 0 || r.Level == "" || r.Rank != 1 {
					t.Fatalf("want complete: %+v", r)
				}
				return
			}
			if !r.Incomplete || r.Complete || a1.Rated || a1.Missing != c.missing || fmt.Sprint(r.Missing) != fmt.Sprint([]string{c.missing}) {
				t.Fatalf("incomplete %v, A1 rated %v, missing %q / %q; want %q", r.Incomplete, a1.Rated, a1.Missing, r.Missing, c.missing)
			}
			if r.Total != 0 || r.Level != "" || r.ScoreLevel != "" || r.Rank != 0 || r.GroupSize != 0 {
				t.Fatalf("待补评 with a number: total %v level %q/%q rank %d/%d", r.Total, r.ScoreLevel, r.Level, r.Rank, r.GroupSize)
			}
			if s := strings.Join(r.Explanation, "\n"); !strings.Contains(s, "待补评：1 个指标缺少方案要求的评价") || !strings.Contains(s, c.missing) {
				t.Fatalf("explanation:\n%s", s)
			}
		})
	}
}

// TestSelfOnlyTakesNoQuotaPlace is the reported case: a student rated on
// every indicator only by themself, with top marks, took an 优秀 place.
// Now they are 待补评: no rank, no level, and the class's quota is counted
// over the complete students only.
func TestSelfOnlyTakesNoQuotaPlace(t *testing.T) {
	f := tinyFramework()
	f.Grading = quota(34, 0) // 1 place of 3
	b := &ratingBuilder{}
	// Student 1 rates themself 100 everywhere; nobody else rates them.
	b.add(1, "A1", model.RaterSelf, 1, 100).add(1, "A2", model.RaterSelf, 1, 5)
	for s, v := range map[int64]float64{2: 95, 3: 92, 4: 85} {
		b.add(s, "A1", model.RaterHeadTeacher, 501, v).add(s, "A2", model.RaterHeadTeacher, 501, 5).level(s, "B1", model.RaterHeadTeacher, 501, "优秀")
	}
	out := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}, {ID: 2, ClassID: 1}, {ID: 3, ClassID: 1}, {ID: 4, ClassID: 1}},
		Ratings: b.ratings}, Options{})
	self := out.Results[0]
	if !self.Incomplete || self.Level != "" || self.Rank != 0 || len(self.Missing) != 3 {
		t.Fatalf("self-only student: %+v", self)
	}
	// Three complete students: QuotaLimit(3, 34) = 1 优秀, ranks 1–3 of 3.
	if got := levelString(out.Results[1:]); got != "ABB" {
		t.Fatalf("levels %s, want ABB", got)
	}
	for i, r := range out.Results[1:] {
		if r.Rank != i+1 || r.GroupSize != 3 {
			t.Fatalf("student %d: rank %d of %d, want %d of 3", r.StudentID, r.Rank, r.GroupSize, i+1)
		}
	}
}

// TestRecombineDecidesIncomplete: Recombine (what an appeal correction
// reruns) derives 待补评 from the indicators alone, the way Compute does.
func TestRecombineDecidesIncomplete(t *testing.T) {
	f := tinyFramework()
	b := (&ratingBuilder{}).add(1, "A1", model.RaterSelf, 1, 100).add(1, "A2", model.RaterHeadTeacher, 501, 4).level(1, "B1", model.RaterHeadTeacher, 501, "良好")
	r := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{}).Results[0]
	if !r.Incomplete {
		t.Fatal("self-only A1 should leave the student incomplete")
	}
	Recombine(&r)
	if !r.Incomplete || r.Total != 0 || len(r.Missing) != 1 {
		t.Fatalf("after Recombine: %+v", r)
	}
	// A committee decides A1 (a "set" correction): it counts, the student
	// is complete, and Relevel gives a level.
	a1 := &r.Dimensions[0].Indicators[0]
	a1.Score, a1.Rated, a1.Missing = 90, true, ""
	Recombine(&r)
	rs := []model.StudentResult{r}
	Relevel(rs, f.Grading)
	// A = (90 + 80) ÷ 2 = 85, B = 85: total 85.
	if rs[0].Incomplete || !rs[0].Complete || rs[0].Missing != nil || rs[0].Total != 85 || rs[0].Level != model.LevelGood || rs[0].Rank != 1 {
		t.Fatalf("after the correction: %+v", rs[0])
	}
}

func TestMinOthersValidated(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *model.Framework)
		want string
	}{
		{"negative", func(f *model.Framework) { f.Aggregation.MinOthers = -1 }, "自评以外评价者人数不能为负"},
		{"unknown quota scope", func(f *model.Framework) { f.Grading.QuotaScope = "school" }, "名额范围“school”不存在"},
		{"unknown small-class scope", func(f *model.Framework) { f.Grading.SmallClassScope = "class" }, "小班合并范围“class”不存在"},
		{"small-class pooling needs quotas by class", func(f *model.Framework) {
			f.Grading.QuotaScope, f.Grading.SmallClassScope = model.QuotaByCohort, model.QuotaByMajor
		}, "小班合并范围只在按班级计算名额时适用"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tinyFramework()
			c.edit(&f)
			if err := Validate(f); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	// An indicator only the student rates is refused for new input; a
	// stored framework with one still computes (its students are 待补评).
	f := tinyFramework()
	f.Dimensions[0].Indicators[1].RoleWeights = roles(100, 0, 0, 0, 0, 0)
	if err := ValidateNew(f); err == nil || !strings.Contains(err.Error(), "指标“甲二”只有自评") {
		t.Fatalf("ValidateNew: %v", err)
	}
	b := (&ratingBuilder{}).add(1, "A1", model.RaterHeadTeacher, 501, 80).add(1, "A2", model.RaterSelf, 1, 5).level(1, "B1", model.RaterHeadTeacher, 501, "良好")
	r := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{}).Results[0]
	if !r.Incomplete || fmt.Sprint(r.Missing) != "[A2 甲二：缺自评以外的评价（至少 1 位）]" {
		t.Fatalf("stored self-only indicator: %v %q", r.Incomplete, r.Missing)
	}
	// Old frameworks, stored without the setting, load with the default.
	f = tinyFramework()
	f.Grading.QuotaScope, f.Aggregation.MinOthers = model.QuotaByMajor, 0
	if err := Validate(f); err != nil {
		t.Fatal(err)
	}
	back, err := ImportJSON([]byte(`{"format":"zhijiao-framework","format_version":1,"framework":{"code":"x","name":"旧方案","version":1,"dimensions":[{"code":"A","name":"甲","weight":100,"indicators":[{"code":"A1","name":"甲一","weight":100,"scale":{"kind":"score100"},"role_weights":{"self":50,"head_teacher":50}}]}],"grading":{"thresholds":[{"level":"合格","min":60},{"level":"待合格","min":0}]},"aggregation":{}}}`))
	if err != nil || back.Aggregation.MinOthers != 0 || newAggSettings(back.Aggregation).minOthers != 1 {
		t.Fatalf("old framework: %v %+v", err, back.Aggregation)
	}
}

// TestRequiredRoles: a framework may require a role on an indicator (the
// head teacher on 甲一): without that role's rating the indicator does not
// count, whatever else rated it.
func TestRequiredRoles(t *testing.T) {
	cases := []struct {
		name     string
		required []model.RaterRole
		rate     func(b *ratingBuilder)
		missing  string
	}{
		{"required head teacher missing", []model.RaterRole{model.RaterHeadTeacher}, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSubjectTeacher, 601, 80)
		}, "A1 甲一：缺班主任评（方案要求）"},
		{"required head teacher there", []model.RaterRole{model.RaterHeadTeacher}, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterHeadTeacher, 501, 80)
		}, ""},
		{"required peers, too few", []model.RaterRole{model.RaterPeer}, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterHeadTeacher, 501, 80).peers(1, "A1", 90, 95)
		}, "A1 甲一：缺互评（方案要求）"},
		{"self only, head teacher required", []model.RaterRole{model.RaterHeadTeacher, model.RaterMentor}, func(b *ratingBuilder) {
			b.add(1, "A1", model.RaterSelf, 1, 100)
		}, "A1 甲一：缺自评以外的评价（至少 1 位）；缺班主任评、企业导师评（方案要求）"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := tinyFramework()
			f.Aggregation.RequiredRoles = map[string][]model.RaterRole{"A1": c.required}
			if err := Validate(f); err != nil {
				t.Fatal(err)
			}
			b := (&ratingBuilder{}).add(1, "A2", model.RaterHeadTeacher, 501, 4).level(1, "B1", model.RaterHeadTeacher, 501, "良好")
			c.rate(b)
			r := mustCompute(t, Input{Framework: f, Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings}, Options{}).Results[0]
			if c.missing == "" {
				if r.Incomplete {
					t.Fatalf("want complete: %q", r.Missing)
				}
				return
			}
			if !r.Incomplete || fmt.Sprint(r.Missing) != fmt.Sprint([]string{c.missing}) {
				t.Fatalf("missing %q, want %q", r.Missing, c.missing)
			}
		})
	}
	for _, c := range []struct {
		req  map[string][]model.RaterRole
		want string
	}{
		{map[string][]model.RaterRole{"ZZ": {model.RaterHeadTeacher}}, "必须参评的评价主体中的指标“ZZ”不在评价方案中"},
		{map[string][]model.RaterRole{"B1": {model.RaterPeer}}, "指标“乙一”要求互评必须参评，但互评不评价该指标"},
		{map[string][]model.RaterRole{"A1": {"boss"}}, "指标“甲一”必须参评的评价主体“boss”不存在"},
	} {
		f := tinyFramework()
		f.Aggregation.RequiredRoles = c.req
		if err := Validate(f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.req, err, c.want)
		}
	}
}
