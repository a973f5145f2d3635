package teacherdev

import (
	"reflect"
	"testing"
)

// The yearly summary counts only the year's activities, each linked
// output once, and the members who belonged at any day of the year.
func TestSummariseYear(t *testing.T) {
	members := []StudioMember{
		{Name: "主持", JoinedOn: "2020-09-01"},
		{Name: "离开", JoinedOn: "2020-09-01", LeftOn: "2025-12-31"},
		{Name: "年中离开", JoinedOn: "2020-09-01", LeftOn: "2026-03-01"},
		{Name: "明年加入", JoinedOn: "2027-01-01"},
	}
	acts := []StudioActivity{
		{HeldOn: "2025-12-31", Kind: "研讨"},
		{HeldOn: "2026-01-01", Kind: "讲座", Hours: 2, OutputID: 7},
		{HeldOn: "2026-05-01", Kind: "研讨", OutputID: 7},
		{HeldOn: "2026-06-01", Kind: "自定", Hours: 1.5, OutputID: 3},
		{HeldOn: "2026-12-31", Kind: "研讨"},
	}
	got := SummariseYear(2026, members, acts)
	want := StudioYear{Year: 2026, Activities: 4, MembersActive: 2, Outputs: []int64{3, 7}, Hours: 3.5,
		ByKind: []KindCount{{Kind: "研讨", Count: 2}, {Kind: "讲座", Count: 1, Hours: 2}, {Kind: "自定", Count: 1, Hours: 1.5}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if e := SummariseYear(2019, members, acts); e.Activities != 0 || e.MembersActive != 0 || len(e.Outputs) != 0 {
		t.Fatalf("a year before the studio: %+v", e)
	}
}
