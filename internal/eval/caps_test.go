package eval

import (
	"fmt"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// capFramework has one dimension of three indicators (I1 40%, I2 30%,
// I3 30%), each rated by the head teacher alone on 百分制.
func capFramework() model.Framework {
	f := tinyFramework()
	f.Dimensions = []model.Dimension{{Code: "D", Name: "维度", Weight: 100, Indicators: []model.Indicator{
		{Code: "I1", Name: "指标一", Weight: 40, Scale: score100, RoleWeights: roles(0, 0, 100, 0, 0, 0)},
		{Code: "I2", Name: "指标二", Weight: 30, Scale: score100, RoleWeights: roles(0, 0, 100, 0, 0, 0)},
		{Code: "I3", Name: "指标三", Weight: 30, Scale: score100, RoleWeights: roles(0, 0, 100, 0, 0, 0)},
	}}}
	return f
}

// capRun rates I1–I3 with rated[i] and gives each indicator the signed
// evidence points in points[i] (one 行为习惯 record per value, category =
// the indicator code, so a 1-point "record" rule sends it there).
func capRun(t *testing.T, rated [3]float64, points [3][]float64, caps []model.EvidenceCap, termCap float64) model.StudentResult {
	t.Helper()
	b := &ratingBuilder{}
	var ev []model.Evidence
	p := model.EvidencePolicy{Caps: caps, TermCap: termCap}
	for i := range 3 {
		code := fmt.Sprintf("I%d", i+1)
		b.add(1, code, model.RaterHeadTeacher, 501, rated[i])
		p.Rules = append(p.Rules, model.EvidenceRule{ID: int64(i + 1), Kind: model.EvidenceBehaviour, Category: code, IndicatorCode: code, Mode: model.RuleRecord, Points: 1})
		for _, pt := range points[i] {
			ev = append(ev, model.Evidence{ID: int64(len(ev) + 1), StudentID: 1, Kind: model.EvidenceBehaviour, Title: "记录", Category: code, Points: pt, Status: model.EvidenceVerified})
		}
	}
	return mustCompute(t, Input{Framework: capFramework(), Students: []Student{{ID: 1, ClassID: 1}}, Ratings: b.ratings, Evidence: ev, Policy: p}, Options{}).Results[0]
}

// TestEvidenceCapsCountWhatIsAdded: the caps bound what is actually added,
// after the 100 ceiling and after rounding; a bonus lost to the ceiling
// uses up neither the indicator's cap nor the term cap.
//
// Worked example (the first case): I1 is rated 95 and earns +10 (two
// records of +5; cap 15), I2 is rated 70 and earns +10, the term cap is
// 12. I1 can take only 5 before 100, so the usable bonuses are 5 and 10,
// 15 in all; the term cap scales both by 12 ÷ 15 = 0.8: I1 gets 4 (99),
// I2 gets 8 (78). Counting the 5 points I1 could never take would have
// scaled by 12 ÷ 20 = 0.6 and given I2 only 6.
func TestEvidenceCapsCountWhatIsAdded(t *testing.T) {
	cases := []struct {
		name    string
		rated   [3]float64
		points  [3][]float64
		caps    []model.EvidenceCap
		termCap float64
		scores  [3]float64
		added   [3]float64 // EvidencePoints
		termSum float64    // TermBonus: usable bonuses before the term cap
		line    string     // in I1's explanation
	}{
		{"worked example: the ceiling frees the term cap", [3]float64{95, 70, 80}, [3][]float64{{5, 5}, {10}, nil},
			[]model.EvidenceCap{{IndicatorCode: "I1", MaxBonus: 15}}, 12,
			[3]float64{99, 78, 80}, [3]float64{4, 8, 0}, 15, "满分 100 分，本指标最多还能加 5 分，超出的 5 分不计，也不占用加分上限"},
		{"indicator cap after the ceiling", [3]float64{92, 60, 60}, [3][]float64{{20}, nil, nil},
			[]model.EvidenceCap{{IndicatorCode: "I1", MaxBonus: 10}}, 30,
			[3]float64{100, 60, 60}, [3]float64{8, 0, 0}, 8, "本指标每学期加分上限 10 分，加分 20 分按 10 分计"},
		{"deductions make room below 100", [3]float64{98, 60, 60}, [3][]float64{{5, -4}, nil, nil}, nil, 30,
			[3]float64{99, 60, 60}, [3]float64{1, 0, 0}, 5, "指标得分 = 98 + 1 = 99 分"},
		{"term cap rounds down: never more than the cap", [3]float64{60, 60, 60}, [3][]float64{{5}, {5}, {5}}, nil, 10,
			[3]float64{63.33, 63.33, 63.33}, [3]float64{3.33, 3.33, 3.33}, 15, "各项加分按 10 ÷ 15 折算（舍去两位小数以后的部分），本指标加分计 3.33 分"},
		{"a deduction cap", [3]float64{80, 60, 60}, [3][]float64{{-10, -10}, nil, nil},
			[]model.EvidenceCap{{IndicatorCode: "I1", MaxDeduction: 5}}, 30,
			[3]float64{75, 60, 60}, [3]float64{-5, 0, 0}, 0, "本指标每学期扣分上限 5 分，扣分 20 分按 5 分计"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := capRun(t, c.rated, c.points, c.caps, c.termCap)
			var sumAdded float64
			for i := range 3 {
				ir := r.Dimensions[0].Indicators[i]
				if ir.Score != c.scores[i] || ir.EvidencePoints != c.added[i] {
					t.Errorf("%s: score %v (+%v), want %v (+%v)", ir.Code, ir.Score, ir.EvidencePoints, c.scores[i], c.added[i])
				}
				if ir.EvidencePoints > 0 {
					sumAdded += ir.EvidencePoints
				}
			}
			if r.TermBonus != c.termSum {
				t.Errorf("term bonus %v, want %v", r.TermBonus, c.termSum)
			}
			if sumAdded > c.termCap+1e-9 {
				t.Errorf("added %v, more than the term cap %v", sumAdded, c.termCap)
			}
			if s := strings.Join(r.Dimensions[0].Indicators[0].Explanation, "\n"); !strings.Contains(s, c.line) {
				t.Errorf("I1 explanation lacks %q:\n%s", c.line, s)
			}
		})
	}
}

// TestPolicyCapsValidated: a cap row must bound something and a table
// needs a term cap; a cap is never silently "no cap".
func TestPolicyCapsValidated(t *testing.T) {
	f := tinyFramework()
	rule := model.EvidenceRule{Kind: model.EvidenceService, IndicatorCode: "A1", Mode: model.RulePerHour, Points: 1}
	cases := []struct {
		name string
		p    model.EvidencePolicy
		want string
	}{
		{"no term cap", model.EvidencePolicy{Rules: []model.EvidenceRule{rule}}, "请设置学期加分上限"},
		{"a cap row with nothing in it", model.EvidencePolicy{Rules: []model.EvidenceRule{rule}, TermCap: 20, Caps: []model.EvidenceCap{{IndicatorCode: "A1"}}},
			"指标“甲一”的上限行没有填写任何上限"},
		{"negative", model.EvidencePolicy{Rules: []model.EvidenceRule{rule}, TermCap: 20, Caps: []model.EvidenceCap{{IndicatorCode: "A1", MaxBonus: -1}}},
			"不能为负"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := ValidatePolicy(c.p, f); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	ok := model.EvidencePolicy{Rules: []model.EvidenceRule{rule}, TermCap: 20, Caps: []model.EvidenceCap{{IndicatorCode: "A1", MaxBonus: 5}}}
	if err := ValidatePolicy(ok, f); err != nil {
		t.Fatal(err)
	}
	if err := ValidatePolicy(DefaultEvidencePolicy(), DefaultFramework()); err != nil {
		t.Fatalf("the default policy: %v", err)
	}
}

// TestNewInputRules: what people type is refused when it cannot mean
// anything sensible; stored data keeps computing.
func TestNewInputRules(t *testing.T) {
	f := tinyFramework()
	f.Dimensions[0].Indicators[0].Weight, f.Dimensions[0].Indicators[1].Weight = 33.333, 66.667
	if err := Validate(f); err != nil {
		t.Fatalf("a stored framework with three decimals must still compute: %v", err)
	}
	if err := ValidateNew(f); err == nil || !strings.Contains(err.Error(), "指标“甲一”的权重最多两位小数") {
		t.Fatalf("ValidateNew: %v", err)
	}
	f = tinyFramework()
	f.Dimensions[0].Indicators[0].RoleWeights = roles(10.005, 19.995, 40, 20, 10, 0)
	if err := ValidateNew(f); err == nil || !strings.Contains(err.Error(), "指标“甲一”中自评的权重最多两位小数") {
		t.Fatalf("role weights: %v", err)
	}
	if err := ValidateNew(DefaultFramework()); err != nil {
		t.Fatalf("the default framework: %v", err)
	}
	f = tinyFramework()
	for _, c := range []struct {
		value float64
		want  string
	}{{3.5, "应填 1、2、3、4 或 5 的整数"}, {6, "应填 1 到 5 之间的分数"}, {4, ""}} {
		got := CheckRating(f, model.Rating{RaterRole: model.RaterHeadTeacher, IndicatorCode: "A2", Value: c.value})
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("五分制 %v: %q, want %q", c.value, got, c.want)
		}
	}
}
