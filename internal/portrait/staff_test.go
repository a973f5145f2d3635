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
	dual := CurrentDual([]Recognition{
		{TeacherID: 1, On: "2024-06-01"},
		{TeacherID: 2, On: "2024-06-01", RevokedOn: "2026-03-01"},
		{TeacherID: 3, On: "2027-01-05"},
		{TeacherID: 4, On: "2025-01-01", RevokedOn: "2027-03-01"},
	}, "2026-12-31")
	if !reflect.DeepEqual(dual, map[int64]bool{1: true, 4: true}) {
		t.Fatalf("current recognitions: %v", dual)
	}
	ts := []StaffTeacher{
		{ID: 1, Professional: true, Dual: true, PracticeDays: 180, Hours: 100},
		{ID: 2, Professional: true, PracticeDays: 179.5, Hours: 20},
		{ID: 3, Professional: false, Dual: true, PracticeDays: 400},
		{ID: 4, Professional: true, Hours: 60},
	}
	if r := DualShare(ts); r != (Ratio{Num: 2, Den: 4}) {
		t.Errorf("双师型 share %+v", r)
	}
	if r := PracticeCompliance(ts); r != (Ratio{Num: 1, Den: 3}) {
		t.Errorf("practice compliance %+v", r)
	}
	if avg, ok := AverageHours(ts); !ok || avg != 45 {
		t.Errorf("average hours %v %v", avg, ok)
	}
	if _, ok := AverageHours(nil); ok {
		t.Error("an average of no teachers")
	}
	outputs := []StaffAward{
		{OutputID: 9, Title: "教学能力比赛", Level: "国家级", Prize: "一等奖", Date: "2026-09-20", Teachers: []int64{1, 2, 3}},
		{OutputID: 10, Title: "说课比赛", Level: "市级", Prize: "二等奖", Date: "2026-05-01", Teachers: []int64{4}},
	}
	old := []StaffAward{
		{Title: "教学能力比赛 ", Level: "国家级", Prize: "一等奖", Date: "2026-09-20", Teachers: []int64{2}}, // the output again
		{Title: "教学能力比赛", Level: "国家级", Prize: "一等奖", Date: "2026-09-20", Teachers: []int64{5}},  // a member the output lacked
		{Title: "信息化教学大赛", Level: "市级", Prize: "二等奖", Date: "2025-11-01", Teachers: []int64{6}},  // a team award entered per member
		{Title: "信息化教学大赛", Level: "市级", Prize: "二等奖", Date: "2025-11-01", Teachers: []int64{7}},
	}
	got := CountAwards(outputs, old)
	want := []AwardCount{{Level: "国家级", Prize: "一等奖", Awards: 1, Credited: 4}, {Level: "市级", Prize: "二等奖", Awards: 2, Credited: 3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("awards %+v, want %+v", got, want)
	}
}
