package portrait

import (
	"reflect"
	"testing"
)

// The 师资 block's definitions: a revoked or later recognition does not
// count, compliance counts only 专业课 teachers, hours average over every
// teacher, and an award counts once with every member credited whether
// it came from a research output, the old table or both.
func TestStaffDefinitions(t *testing.T) {
	for _, c := range []struct {
		rs   []Recognition
		want bool
	}{
		{[]Recognition{{On: "2024-06-01"}}, true},
		{[]Recognition{{On: "2024-06-01", RevokedOn: "2026-03-01"}}, false},
		{[]Recognition{{On: "2027-01-05"}}, false},
		{[]Recognition{{On: "2025-01-01", RevokedOn: "2027-03-01"}}, true},
		{[]Recognition{{On: "2024-06-01", RevokedOn: "2025-01-01"}, {On: "2025-01-01"}}, true}, // a new level replaced the old
		{[]Recognition{{On: "2026-12-31"}}, true},
		{[]Recognition{{On: "2024-06-01", RevokedOn: "2026-12-31"}}, false},
	} {
		if got := HoldsRecognition(c.rs, "2026-12-31"); got != c.want {
			t.Errorf("%+v on 2026-12-31: %v", c.rs, got)
		}
	}
	ts := []StaffTeacher{
		{ID: 1, Professional: true, Dual: true, PracticeDays: 180},
		{ID: 2, Professional: true, PracticeDays: 179.5},
		{ID: 3, Professional: false, Dual: true, PracticeDays: 400},
		{ID: 4, Professional: true},
	}
	if r := DualShare(ts); r != (Ratio{Num: 2, Den: 4}) {
		t.Errorf("双师型 share %+v", r)
	}
	if r := PracticeCompliance(ts); r != (Ratio{Num: 1, Den: 3}) {
		t.Errorf("practice compliance %+v", r)
	}
	year := Period{From: "2025-09-01", To: "2026-08-31"}
	hours := []StaffHours{{Date: "2026-01-10", Hundredths: 10000}, {Date: "2026-08-31", Hundredths: 8000}, {Date: "2026-09-01", Hundredths: 9900}}
	if avg, sum, n, ok := AverageHours(ts, hours, year); !ok || avg != 45 || sum != 180 || n != 4 {
		t.Errorf("average hours %v %v %v %v", avg, sum, n, ok)
	}
	if _, _, _, ok := AverageHours(nil, hours, year); ok {
		t.Error("an average of no teachers")
	}
	outputs := []StaffAward{
		{OutputID: 9, Title: "教学能力比赛", Level: "国家级", Prize: "一等奖", Date: "2026-06-20", Research: true, Teachers: []int64{1, 2, 3}},
		{OutputID: 10, Title: "说课比赛", Level: "市级", Prize: "二等奖", Date: "2026-05-01", Research: true, Teachers: []int64{4}},
	}
	old := []StaffAward{
		{OldIDs: []int64{1}, Title: "教学能力比赛 ", Level: "国家级", Prize: "一等奖", Date: "2026-06-20", Teachers: []int64{2}}, // the output again
		{OldIDs: []int64{2}, Title: "教学能力比赛", Level: "国家级", Prize: "一等奖", Date: "2026-06-20", Teachers: []int64{5}},  // a member the output lacked
		{OldIDs: []int64{3}, Title: "信息化教学大赛", Level: "省级", Prize: "二等奖", Date: "2025-11-01", Teachers: []int64{6}},  // a team award entered per member
		{OldIDs: []int64{4}, Title: "信息化教学大赛", Level: "省级", Prize: "二等奖", Date: "2025-11-01", Teachers: []int64{7}},
		{OldIDs: []int64{5}, Title: "微课比赛", Level: "校级", Prize: "一等奖", Date: "2024-11-01", Teachers: []int64{7}}, // another year
	}
	merged := MergeAwards(outputs, old)
	got := CountAwards(merged, year, "市级")
	// In a 直辖市 the research 市级 is the provincial level.
	want := []AwardCount{{Level: "国家级", Prize: "一等奖", Awards: 1, Credited: 4}, {Level: "省级", Prize: "二等奖", Awards: 2, Credited: 3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("awards %+v, want %+v", got, want)
	}
	if got := CountAwards(merged, year, "省级"); len(got) != 3 || got[2] != (AwardCount{Level: "地市级", Prize: "二等奖", Awards: 1, Credited: 1}) {
		t.Errorf("elsewhere a research 市级 is 地市级: %+v", got)
	}
	k := staffAwardsKPI(merged, year, "市级")
	if k.Value != "市级以上 3 项（国家级 1、市级 2），获奖教师 7 人次" || *k.Count != 3 {
		t.Errorf("awards KPI %q %d", k.Value, *k.Count)
	}
}

func TestStaffEnglish(t *testing.T) {
	for zh, en := range map[string]string{
		"20.2 学时（合计 60.5 学时 ÷ 3 人）":      "20.2 hours (60.5 hours ÷ 3 teachers)",
		"6 个（市级 2、区级 4）":                 "6 (city 2, district 4)",
		"市级以上 3 项（国家级 1、市级 2），获奖教师 7 人次": "3 at city level or above (national 1, city 2), 7 teacher credits",
		"市级以上 0 项（全部 4 项）":               "none at city level or above (4 in all)",
	} {
		if got := English(zh); got != en {
			t.Errorf("English(%q) = %q, want %q", zh, got, en)
		}
	}
}

func TestOneDecimal(t *testing.T) {
	for v, want := range map[float64]string{0: "0.0", 60.5: "60.5", 7914: "7,914.0", 1234567.25: "1,234,567.2"} {
		if got := oneDecimal(v); got != want {
			t.Errorf("oneDecimal(%v) = %q, want %q", v, got, want)
		}
	}
}
