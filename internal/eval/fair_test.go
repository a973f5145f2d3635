package eval

import (
	"reflect"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// TestFairRoles: the severity-correction setting round-trips through the framework JSON, is absent from a file that
// does not use it (so existing files are unchanged), and only peers and teachers, each once, are accepted.
func TestFairRoles(t *testing.T) {
	off, _ := ExportJSON(DefaultFramework())
	if strings.Contains(string(off), "fair_roles") {
		t.Error("a framework without the setting writes it")
	}
	f := DefaultFramework()
	f.Aggregation.FairRoles = []model.RaterRole{model.RaterPeer, model.RaterHeadTeacher}
	data, err := ExportJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ImportJSON(data)
	if err != nil || !reflect.DeepEqual(g.Aggregation.FairRoles, f.Aggregation.FairRoles) {
		t.Fatalf("round trip: %v, %v", g.Aggregation.FairRoles, err)
	}
	if c := Clone(f); &c.Aggregation.FairRoles[0] == &f.Aggregation.FairRoles[0] {
		t.Error("Clone shares FairRoles")
	}
	for _, c := range []struct {
		roles []model.RaterRole
		want  string
	}{
		{[]model.RaterRole{model.RaterSelf}, "不能用于“自评”"},
		{[]model.RaterRole{model.RaterParent}, "不能用于“家长评”"},
		{[]model.RaterRole{"boss"}, "不能用于“boss”"},
		{[]model.RaterRole{model.RaterPeer, model.RaterPeer}, "“互评”重复"},
	} {
		bad := DefaultFramework()
		bad.Aggregation.FairRoles = c.roles
		if err := Validate(bad); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.roles, err, c.want)
		}
	}
}

// TestAdjustKeepsTheRawScore: Options.Adjust moves the named role score (clamped to 0–100) before the roles combine,
// marks it, keeps the raw score and says both in the explanation; the other roles and students are untouched.
func TestAdjustKeepsTheRawScore(t *testing.T) {
	b := &ratingBuilder{}
	for s := int64(1); s <= 2; s++ {
		b.peers(s, "A1", 70, 80, 90).add(s, "A1", model.RaterHeadTeacher, 7, 80).add(s, "A2", model.RaterHeadTeacher, 7, 4).level(s, "B1", model.RaterHeadTeacher, 7, "良好")
	}
	in := Input{Framework: tinyFramework(), Students: []Student{{ID: 1, ClassID: 1}, {ID: 2, ClassID: 1}}, Ratings: b.ratings}
	plain := mustCompute(t, in, Options{})
	adj := mustCompute(t, in, Options{Adjust: map[RoleKey]float64{
		{Student: 1, Code: "A1", Role: model.RaterPeer}: 5.5, {Student: 1, Code: "A1", Role: model.RaterHeadTeacher}: 30}})
	p, a := indicator(t, plain.Results[0], "A1"), indicator(t, adj.Results[0], "A1")
	if r := role(t, a, model.RaterPeer); !r.Adjusted || r.Raw != 80 || r.Score != 85.5 {
		t.Errorf("peer: %+v, want 80 → 85.5", r)
	}
	if r := role(t, a, model.RaterHeadTeacher); !r.Adjusted || r.Raw != 80 || r.Score != 100 {
		t.Errorf("head teacher: %+v, want 80 → 100 (clamped)", r)
	}
	if r := role(t, p, model.RaterPeer); r.Adjusted || r.Raw != 0 || r.Score != 80 {
		t.Errorf("without Adjust: %+v", r)
	}
	// (85.5×20 + 100×40) ÷ 60, the roles that rated
	if want := Round2((85.5*20 + 100*40) / 60); a.RatedScore != want {
		t.Errorf("rated score %v, want %v from the corrected role scores", a.RatedScore, want)
	}
	if ex := strings.Join(a.Explanation, "\n"); !strings.Contains(ex, "互评：85.5 分（3 人评分，不足 5 人，取中位数；按评价者宽严校正，校正前 80 分）") {
		t.Errorf("explanation does not give both scores:\n%s", ex)
	}
	if !reflect.DeepEqual(plain.Results[1].Dimensions, adj.Results[1].Dimensions) {
		t.Error("another student's scores changed") // (their rank may move: student 1's total changed)
	}
}
