package validate

import (
	"reflect"
	"testing"
)

func TestCheckEntryRules(t *testing.T) {
	for _, c := range []struct {
		in   CheckEntryText
		want []string
		pts  float64
	}{
		{CheckEntryText{"-1", "地面有纸屑"}, nil, -1},
		{CheckEntryText{"0.5", "主动清扫公共区域"}, nil, 0.5},
		{CheckEntryText{"0", "无"}, []string{"invalid:points"}, 0},
		{CheckEntryText{"-21", "x"}, []string{"range:points"}, 0},
		{CheckEntryText{"NaN", "x"}, []string{"range:points"}, 0},
		{CheckEntryText{"-1", ""}, []string{"missing:reason"}, -1},
		{CheckEntryText{"-1", "这一条原因写得太长了这一条原因写得太长了这一条原因写得太长了这一条原因写得太长了多"}, []string{"invalid:reason"}, -1},
		{CheckEntryText{"-1", "a\x07"}, []string{"invalid:reason"}, -1},
	} {
		var r recorder
		pts, _ := CheckEntry(c.in, &r)
		if !reflect.DeepEqual([]string(r), c.want) || pts != c.pts {
			t.Errorf("%+v: %v %v, want %v %v", c.in, r, pts, c.want, c.pts)
		}
	}
}

func TestCheckItemRules(t *testing.T) {
	var r recorder
	name, pos, max, reasons := CheckItem(CheckItemText{Name: " 卫生 ", Position: "4", MaxDaily: "5", Reasons: "地面有纸屑 -1\n\n黑板未擦 -0.5\n"}, &r)
	if len(r) != 0 || name != "卫生" || pos != 4 || max != 5 ||
		!reflect.DeepEqual(reasons, []CheckReasonLine{{"地面有纸屑", -1}, {"黑板未擦", -0.5}}) {
		t.Errorf("got %v %q %d %v %v", r, name, pos, max, reasons)
	}
	r = nil
	CheckItem(CheckItemText{Name: "", MaxDaily: "-1", Reasons: "没有分值\n坏分值 x"}, &r)
	if want := []string{"invalid:name", "range:max_daily", "invalid:reasons", "invalid:reasons"}; !reflect.DeepEqual([]string(r), want) {
		t.Errorf("bad item: %v, want %v", r, want)
	}
}

func TestCheckSettingsRules(t *testing.T) {
	var r recorder
	if b, f := CheckSettings(CheckSettingsText{"100", "1"}, &r); len(r) != 0 || b != 100 || f != 1 {
		t.Errorf("good settings: %v %v %v", r, b, f)
	}
	CheckSettings(CheckSettingsText{"0", "1.5"}, &r)
	if want := []string{"range:base_score", "range:flags_per_grade"}; !reflect.DeepEqual([]string(r), want) {
		t.Errorf("bad settings: %v", r)
	}
}
