package conduct_test

import (
	"strings"
	"testing"

	"zhijiao/internal/conduct"
	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

func TestCategoriesOfTheShippedTables(t *testing.T) {
	cs := conduct.Categories(eval.DefaultFramework(), eval.DefaultEvidencePolicy())
	want := "学习习惯 生活习惯 文明礼仪 劳动习惯 卫生习惯 守时守纪"
	if got := strings.Join(conduct.Names(cs), " "); got != want {
		t.Fatalf("categories %q, want %q", got, want)
	}
	if cs[5].IndicatorCode != "X06" {
		t.Errorf("守时守纪 goes to %s", cs[5].IndicatorCode)
	}
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = true
	}
	seen := map[string][2]bool{}
	for _, d := range conduct.DefaultDescriptors() {
		if !names[d.Category] {
			t.Errorf("descriptor %s names %q, not a category", d.Name, d.Category)
		}
		s := seen[d.Category]
		if d.Points > 0 {
			s[0] = true
		} else {
			s[1] = true
		}
		seen[d.Category] = s
	}
	for n := range names {
		if seen[n] != [2]bool{true, true} {
			t.Errorf("category %s lacks a praise or a deduction descriptor: %v", n, seen[n])
		}
	}
}

func TestCategoriesFollowTheTables(t *testing.T) {
	f := eval.DefaultFramework()
	f.Dimensions[len(f.Dimensions)-1].Name = "行为习惯" // renamed: found by its code
	p := eval.DefaultEvidencePolicy()
	var kept []model.EvidenceRule
	for _, r := range p.Rules {
		if r.Kind != model.EvidenceBehaviour || r.Category != "生活习惯" {
			kept = append(kept, r)
		}
	}
	p.Rules = kept
	if got := strings.Join(conduct.Names(conduct.Categories(f, p)), " "); got != "学习习惯 文明礼仪 劳动习惯 卫生习惯 守时守纪" {
		t.Errorf("without a 生活习惯 rule: %q", got)
	}
	f.Dimensions = f.Dimensions[:len(f.Dimensions)-1]
	if got := conduct.Categories(f, p); len(got) != 0 {
		t.Errorf("no habit dimension: %v", got)
	}
}

func TestCheckRules(t *testing.T) {
	f := eval.DefaultFramework()
	if probs := conduct.CheckRules(eval.DefaultEvidencePolicy(), f); len(probs) != 0 {
		t.Fatalf("shipped table: %v", probs)
	}
	for _, c := range []struct {
		rule model.EvidenceRule
		want string
	}{
		{model.EvidenceRule{Kind: model.EvidenceBehaviour, Category: "纪律安全", IndicatorCode: "X06"}, "“纪律安全”不是“习惯养成”维度的指标"},
		{model.EvidenceRule{Kind: model.EvidenceBehaviour, IndicatorCode: "X06"}, "请填写类别"},
		{model.EvidenceRule{Kind: model.EvidenceBehaviour, Category: "守时守纪", IndicatorCode: "X01"}, "应计入指标 X06"},
	} {
		p := model.EvidencePolicy{Rules: []model.EvidenceRule{{Kind: model.EvidenceService, IndicatorCode: "D05"}, c.rule}, TermCap: 30}
		probs := conduct.CheckRules(p, f)
		if len(probs) != 1 || !strings.Contains(probs[0], c.want) || !strings.HasPrefix(probs[0], "第 2 条") {
			t.Errorf("%+v: %v, want %q", c.rule, probs, c.want)
		}
		if err := eval.ValidatePolicy(p, f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ValidatePolicy of %+v: %v", c.rule, err)
		}
	}
}

func TestInitialState(t *testing.T) {
	def := conduct.DefaultSettings()
	off := conduct.Settings{ApprovalAbove: 0}
	for _, c := range []struct {
		role   string
		points float64
		s      conduct.Settings
		status model.EvidenceStatus
		await  string
	}{
		{model.RoleHeadTeacher, -1, def, model.EvidenceVerified, conduct.AwaitNone},
		{model.RoleDutyTeacher, 3, def, model.EvidenceVerified, conduct.AwaitNone},
		{model.RoleMoralOffice, 5, def, model.EvidencePending, conduct.AwaitApprove},
		{model.RoleStudentCouncil, -1, def, model.EvidencePending, conduct.AwaitConfirm},
		{model.RoleStudentCouncil, 5, def, model.EvidencePending, conduct.AwaitApprove},
		{model.RoleHeadTeacher, 1, off, model.EvidencePending, conduct.AwaitConfirm},
		{model.RoleHeadTeacher, 50, off, model.EvidencePending, conduct.AwaitConfirm},
		{model.RoleStudentCouncil, 1, conduct.Settings{}, model.EvidenceVerified, conduct.AwaitNone},
	} {
		st, aw := conduct.InitialState(c.role, c.points, c.s)
		if st != c.status || aw != c.await {
			t.Errorf("%s %v %+v: %s %q, want %s %q", c.role, c.points, c.s, st, aw, c.status, c.await)
		}
	}
	if got := conduct.RecorderRole([]string{model.RoleStudent, model.RoleStudentCouncil}); got != model.RoleStudentCouncil {
		t.Errorf("council student records as %q", got)
	}
	if got := conduct.RecorderRole([]string{model.RoleStudent, model.RoleParent}); got != "" {
		t.Errorf("a student records as %q", got)
	}
}
