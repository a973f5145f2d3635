package eval

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

func TestDefaultFramework(t *testing.T) {
	f := DefaultFramework()
	if err := Validate(f); err != nil {
		t.Fatal(err)
	}
	inds := Indicators(f)
	if len(inds) < 30 || len(inds) > 40 {
		t.Errorf("%d indicators, want 30–40", len(inds))
	}
	var names []string
	for _, d := range f.Dimensions {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, " "); got != "德 智 体 美 劳 职业技能 习惯养成" {
		t.Errorf("dimensions %s", got)
	}
	for _, ind := range inds {
		if len(ind.ObservationPoints) < 2 {
			t.Errorf("%s %s has %d observation points", ind.Code, ind.Name, len(ind.ObservationPoints))
		}
		if ind.RoleWeights[model.RaterHeadTeacher] == 0 {
			t.Errorf("%s: the head teacher rates every indicator: %v", ind.Code, ind.RoleWeights)
		}
		// Whoever chooses sees what each choice means on this indicator.
		if ind.RoleWeights[model.RaterSelf] > 0 || ind.RoleWeights[model.RaterPeer] > 0 || ind.RoleWeights[model.RaterParent] > 0 {
			for _, o := range OptionsFor(ind, model.RaterSelf) {
				if o.Descriptor == "" {
					t.Errorf("%s %s: no descriptor for %s", ind.Code, ind.Name, o.Name)
				}
			}
		}
	}
	// Each role rates what it can observe; the student's own form stays
	// short enough for a phone.
	self, peer, parent := IndicatorsFor(f, model.RaterSelf), IndicatorsFor(f, model.RaterPeer), IndicatorsFor(f, model.RaterParent)
	if len(self) < 12 || len(self) > 16 {
		t.Errorf("students rate themselves on %d indicators, want 12–16: %v", len(self), self)
	}
	if len(peer) < 8 || len(peer) > 12 {
		t.Errorf("peers rate %d indicators, want 8–12: %v", len(peer), peer)
	}
	if !reflect.DeepEqual(parent, []string{"D01", "T04", "L03", "X02", "X04", "X05"}) {
		t.Errorf("parents rate %v, want the home and family indicators", parent)
	}
	for _, unseen := range []string{"L03", "T01", "Z01", "J02", "J04"} { // 家务, 体质测试, grades, certificates, internship
		if slices.Contains(peer, unseen) {
			t.Errorf("peers rate %s, which classmates cannot observe", unseen)
		}
	}
	if got := IndicatorsFor(f, model.RaterMentor); !reflect.DeepEqual(got, []string{"L04", "J01", "J04", "J05", "J06"}) {
		t.Errorf("mentors rate %v", got)
	}
	// Each call is fresh: editing one default never touches the next.
	f.Dimensions[0].Indicators[0].RoleWeights[model.RaterSelf] = 99
	if DefaultFramework().Dimensions[0].Indicators[0].RoleWeights[model.RaterSelf] != 10 {
		t.Fatal("DefaultFramework shares maps between calls")
	}
	if err := ValidatePolicy(DefaultEvidencePolicy(), DefaultFramework()); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *model.Framework)
		want string
	}{
		{"dimension weights", func(f *model.Framework) { f.Dimensions[0].Weight = 21 }, "各维度权重合计为 101，应为 100"},
		{"indicator weights", func(f *model.Framework) { f.Dimensions[1].Indicators[0].Weight = 29.5 }, "维度“智”下各指标权重合计为 99.5，应为 100"},
		{"role weights", func(f *model.Framework) { f.Dimensions[0].Indicators[0].RoleWeights[model.RaterPeer] = 5 }, "指标“思想品德”的各评价主体权重合计为 105，应为 100"},
		{"zero role weight", func(f *model.Framework) { f.Dimensions[0].Indicators[0].RoleWeights[model.RaterMentor] = 0 }, "指标“思想品德”中企业导师评的权重应大于 0（不参与评价的主体请删除）"},
		{"unknown role", func(f *model.Framework) { f.Dimensions[0].Indicators[0].RoleWeights["principal"] = 1 }, "指标“思想品德”的评价主体“principal”不存在"},
		{"no roles", func(f *model.Framework) { f.Dimensions[0].Indicators[0].RoleWeights = nil }, "指标“思想品德”没有设置评价主体"},
		{"duplicate indicator code", func(f *model.Framework) { f.Dimensions[1].Indicators[0].Code = "D01" }, "指标代码“D01”重复"},
		{"duplicate dimension code", func(f *model.Framework) { f.Dimensions[1].Code = "D" }, "维度代码“D”重复"},
		{"bad scale", func(f *model.Framework) { f.Dimensions[0].Indicators[0].Scale.Kind = "stars" }, "评分方式“stars”不存在"},
		{"level points", func(f *model.Framework) { f.Dimensions[6].Indicators[0].Scale.Levels[0].Points = 120 }, "等级“优秀”折合分数应在 0 到 100 之间"},
		{"one level", func(f *model.Framework) {
			f.Dimensions[6].Indicators[0].Scale.Levels = f.Dimensions[6].Indicators[0].Scale.Levels[:1]
		}, "等级制，至少需要两个等级"},
		{"thresholds order", func(f *model.Framework) { f.Grading.Thresholds[1].Min = 95 }, "等级“良好”的分数线应低于上一等级"},
		{"last threshold", func(f *model.Framework) { f.Grading.Thresholds[3].Min = 10 }, "最低一个等级的分数线应为 0"},
		{"quota on the last level", func(f *model.Framework) { f.Grading.Thresholds[3].MaxPercent = 10 }, "最低一个等级不能限制名额"},
		{"aggregation", func(f *model.Framework) { f.Aggregation.RoleMethods[model.RaterPeer] = "max" }, "互评的汇总方式“max”不存在"},
		{"empty name", func(f *model.Framework) { f.Name = " " }, "方案名称不能为空"},
		{"empty dimension", func(f *model.Framework) { f.Dimensions[3].Indicators = nil }, "维度“美”下至少需要一个评价指标"},
		{"choices on levels", func(f *model.Framework) { f.Dimensions[6].Indicators[0].Choices = DefaultChoices(model.ScaleScore100) }, "指标“学习习惯”为等级制，学生和家长直接选择等级，不应另设选项"},
		{"one choice", func(f *model.Framework) {
			f.Dimensions[0].Indicators[0].Choices = []model.Choice{{Name: "好", Value: 90}}
		}, "指标“思想品德”的选项应为 2 到 6 个"},
		{"choice off the scale", func(f *model.Framework) {
			f.Dimensions[3].Indicators[2].Choices = []model.Choice{{Name: "好", Value: 5}, {Name: "差", Value: 0}}
		}, "指标“仪容仪表”的选项“差”应填 1 到 5 之间的分数"},
		{"choices order", func(f *model.Framework) {
			f.Dimensions[0].Indicators[0].Choices = []model.Choice{{Name: "好", Value: 80}, {Name: "很好", Value: 90}}
		}, "选项应从高到低排列，“很好”不低于上一个选项"},
		{"duplicate choice", func(f *model.Framework) {
			f.Dimensions[0].Indicators[0].Choices = []model.Choice{{Name: "好", Value: 90}, {Name: "好", Value: 80}}
		}, "指标“思想品德”的选项“好”重复"},
		{"descriptor of no choice", func(f *model.Framework) { f.Dimensions[0].Indicators[0].Descriptors["待改进"] = "少" }, "等级说明“待改进”不是该指标的等级或选项"},
		{"long descriptor", func(f *model.Framework) {
			f.Dimensions[0].Indicators[0].Descriptors["优秀"] = strings.Repeat("好", 41)
		}, "等级说明“优秀”超过 40 字"},
		{"two-line descriptor", func(f *model.Framework) { f.Dimensions[0].Indicators[0].Descriptors["优秀"] = "好\n很好" }, "等级说明“优秀”应为一行"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := DefaultFramework()
			c.edit(&f)
			err := Validate(f)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
	t.Run("tolerance 0.001", func(t *testing.T) {
		f := DefaultFramework()
		d := &f.Dimensions[3] // 美: 40 30 30 → thirds
		d.Indicators[0].Weight, d.Indicators[1].Weight, d.Indicators[2].Weight = 33.333, 33.333, 33.333
		if err := Validate(f); err != nil {
			t.Fatalf("33.333 × 3 refused: %v", err)
		}
		d.Indicators[2].Weight = 33.332
		if err := Validate(f); err == nil || !strings.Contains(err.Error(), "合计为 99.998，应为 100") {
			t.Fatalf("99.998: %v", err)
		}
	})
	t.Run("all problems at once", func(t *testing.T) {
		f := DefaultFramework()
		f.Dimensions[0].Weight = 0
		f.Dimensions[1].Indicators[0].Weight = 0
		var ve *ValidationError
		err := Validate(f)
		if e, ok := err.(*ValidationError); ok {
			ve = e
		}
		if ve == nil || len(ve.Problems) < 4 {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCopy(t *testing.T) {
	f := DefaultFramework()
	f.ID, f.SchoolID, f.Version = 7, 3, 2
	c := Copy(f)
	if c.ID != 0 || c.Version != 3 || c.SchoolID != 3 || c.Code != f.Code {
		t.Fatalf("copy header %d v%d school %d", c.ID, c.Version, c.SchoolID)
	}
	c.Dimensions[0].Indicators[0].RoleWeights[model.RaterSelf] = 50
	c.Dimensions[0].Indicators[0].ObservationPoints[0].Description = "改"
	c.Dimensions[6].Indicators[0].Scale.Levels[0].Points = 1
	c.Dimensions[0].Indicators = append(c.Dimensions[0].Indicators[:1], c.Dimensions[0].Indicators[2:]...)
	c.Grading.Thresholds[0].Min = 1
	c.Aggregation.RoleMethods[model.RaterPeer] = model.AggMean
	if !reflect.DeepEqual(f, func() model.Framework { g := DefaultFramework(); g.ID, g.SchoolID, g.Version = 7, 3, 2; return g }()) {
		t.Fatal("editing the copy changed the original")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	f := DefaultFramework()
	f.ID, f.SchoolID = 12, 4
	data, err := ExportJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"school_id"`) || !strings.Contains(string(data), `"format": "zhijiao-framework"`) ||
		!strings.Contains(string(data), "理想信念") {
		t.Fatalf("export:\n%.400s", data)
	}
	g, err := ImportJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultFramework()
	if !reflect.DeepEqual(g, want) {
		t.Fatal("import(export(f)) differs from f without its IDs")
	}
	again, _ := ExportJSON(g)
	if string(again) != string(data) {
		t.Fatal("export is not stable")
	}

	bad := []struct {
		name, data, want string
	}{
		{"not json", "{", "不是有效的 JSON"},
		{"other file", `{"format":"x","format_version":1,"framework":{}}`, "不是职教引擎导出的评价方案文件"},
		{"newer format", `{"format":"zhijiao-framework","format_version":9,"framework":{}}`, "请升级后再导入"},
		{"misspelt field", strings.Replace(string(data), `"role_weights"`, `"role_weight"`, 1), "无法读取"},
		{"wrong type", strings.Replace(string(data), `"weight": 20`, `"weight": "20"`, 1), "类型不对"},
		{"bad weights", strings.Replace(string(data), `"weight": 20`, `"weight": 25`, 1), "各维度权重合计为 105，应为 100"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := ImportJSON([]byte(c.data))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestCheckRating(t *testing.T) {
	f := DefaultFramework()
	cases := []struct {
		r    model.Rating
		want string
	}{
		{model.Rating{IndicatorCode: "D01", RaterRole: model.RaterSelf, Value: 95}, ""},
		{model.Rating{IndicatorCode: "D01", RaterRole: model.RaterSelf, Value: 101}, "应填 0 到 100 之间的分数"},
		// Students and parents choose; teachers keep the points.
		{model.Rating{IndicatorCode: "D01", RaterRole: model.RaterSelf, Value: 90}, "指标“思想品德”自评应选择 优秀 95、良好 85、合格 70、待合格 50 之一"},
		{model.Rating{IndicatorCode: "D01", RaterRole: model.RaterParent, Value: 70}, ""},
		{model.Rating{IndicatorCode: "D01", RaterRole: model.RaterHeadTeacher, Value: 90}, ""},
		{model.Rating{IndicatorCode: "M03", RaterRole: model.RaterPeer, Value: 0}, "应填 1 到 5 之间的分数"},
		{model.Rating{IndicatorCode: "M03", RaterRole: model.RaterPeer, Value: 1}, "应选择 优秀 5、良好 4、合格 3、待合格 2 之一"},
		{model.Rating{IndicatorCode: "M03", RaterRole: model.RaterPeer, Value: 4}, ""},
		{model.Rating{IndicatorCode: "M01", RaterRole: model.RaterSelf, Value: 4}, "自评不参与指标“审美素养”的评价"},
		{model.Rating{IndicatorCode: "X01", RaterRole: model.RaterSelf, Level: "良好"}, ""},
		{model.Rating{IndicatorCode: "X01", RaterRole: model.RaterSelf, Level: "B"}, "应选择 优秀、良好、合格、待合格 之一"},
		{model.Rating{IndicatorCode: "D02", RaterRole: model.RaterParent, Value: 90}, "家长评不参与指标“遵纪守法”的评价"},
		{model.Rating{IndicatorCode: "NOPE", RaterRole: model.RaterSelf, Value: 90}, "评价方案中没有指标“NOPE”"},
	}
	for _, c := range cases {
		if got := CheckRating(f, c.r); !strings.Contains(got, c.want) || (c.want == "" && got != "") {
			t.Errorf("%s %s: %q, want %q", c.r.IndicatorCode, c.r.RaterRole, got, c.want)
		}
	}
}

func TestValidatePolicy(t *testing.T) {
	f := DefaultFramework()
	p := DefaultEvidencePolicy()
	p.Rules = append(p.Rules, model.EvidenceRule{Kind: "award", IndicatorCode: "NOPE", Mode: "double", Team: "pair", Points: 500})
	p.Caps = append(p.Caps, model.EvidenceCap{IndicatorCode: "J03", MaxBonus: -1})
	p.TermCap = -5
	err := ValidatePolicy(p, f)
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"记录类型“award”不存在", "指标“NOPE”不在评价方案中", "计分方式“double”不存在",
		"个人/团体条件“pair”不存在", "分值应在 -100 到 100 之间", "指标“技能竞赛”的加分上限重复设置", "加分、扣分上限不能为负", "学期加分上限不能为负"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nlacks %q", err, want)
		}
	}
}

func TestCanMove(t *testing.T) {
	ok := [][2]model.CycleState{
		{model.CycleDraft, model.CycleOpen}, {model.CycleOpen, model.CycleClosed}, {model.CycleClosed, model.CycleOpen},
		{model.CycleClosed, model.CycleComputed}, {model.CycleComputed, model.CycleComputed},
		{model.CycleComputed, model.CyclePublicised}, {model.CyclePublicised, model.CycleComputed}, {model.CyclePublicised, model.CycleFinal},
	}
	for _, m := range ok {
		if !CanMove(m[0], m[1]) {
			t.Errorf("%s → %s refused", m[0].Name(), m[1].Name())
		}
	}
	for _, m := range [][2]model.CycleState{{model.CycleDraft, model.CycleComputed}, {model.CycleOpen, model.CycleComputed},
		{model.CycleFinal, model.CycleComputed}, {model.CycleFinal, model.CycleOpen}, {model.CycleComputed, model.CycleFinal}} {
		if CanMove(m[0], m[1]) {
			t.Errorf("%s → %s allowed", m[0].Name(), m[1].Name())
		}
	}
}

// A framework's own choices replace the default, and old frameworks
// without descriptors still offer their levels by name.
func TestOptionsFor(t *testing.T) {
	f := DefaultFramework()
	ind := f.Dimensions[0].Indicators[0] // D01, 百分制
	if got := OptionsFor(ind, model.RaterHeadTeacher); got != nil {
		t.Errorf("a teacher types points, got options %v", got)
	}
	got := OptionsFor(ind, model.RaterParent)
	if len(got) != 4 || got[0] != (Option{Value: "95", Name: "优秀", Descriptor: "尊敬师长、孝敬父母，主动帮助同学，处处做表率"}) {
		t.Errorf("parent's options %v", got)
	}
	ind.Choices = []model.Choice{{Name: "做到了", Value: 90}, {Name: "还没做到", Value: 60}}
	ind.Descriptors = nil
	if got := OptionsFor(ind, model.RaterSelf); !reflect.DeepEqual(got, []Option{{Value: "90", Name: "做到了"}, {Value: "60", Name: "还没做到"}}) {
		t.Errorf("own choices %v", got)
	}
	if msg := CheckRating(model.Framework{Dimensions: []model.Dimension{{Indicators: []model.Indicator{ind}}}},
		model.Rating{IndicatorCode: "D01", RaterRole: model.RaterSelf, Value: 95}); !strings.Contains(msg, "应选择 做到了 90、还没做到 60 之一") {
		t.Errorf("own choices checked: %q", msg)
	}
	lv := f.Dimensions[6].Indicators[0] // X01, 等级制
	lv.Descriptors = nil
	if got := OptionsFor(lv, model.RaterHeadTeacher); len(got) != 4 || got[3] != (Option{Value: "待合格", Name: "待合格"}) {
		t.Errorf("levels without descriptors: %v", got)
	}
}
