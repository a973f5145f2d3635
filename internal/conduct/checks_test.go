package conduct

import (
	"reflect"
	"testing"
)

func TestItemTotal(t *testing.T) {
	for _, c := range []struct{ sum, max, want float64 }{
		{-1.5, 0, -1.5}, // no cap
		{-1.5, 5, -1.5}, // under the cap
		{-7, 5, -5},     // capped
		{2, 1, 2},       // an addition is never capped
		{-5, 5, -5},     // exactly the cap
	} {
		if got := ItemTotal(c.sum, c.max); got != c.want {
			t.Errorf("ItemTotal(%v, %v) = %v, want %v", c.sum, c.max, got, c.want)
		}
	}
}

func TestDayScores(t *testing.T) {
	caps := map[int64]float64{1: 3, 2: 0}
	got := DayScores(100, caps, []int64{10, 11, 12}, []CheckEntry{
		{ItemID: 1, ClassID: 10, Points: -2}, {ItemID: 1, ClassID: 10, Points: -2}, // 卫生 −4 capped at −3
		{ItemID: 2, ClassID: 10, Points: -0.5},
		{ItemID: 2, ClassID: 11, Points: 1},  // an addition
		{ItemID: 2, ClassID: 99, Points: -1}, // a class not listed is ignored
	})
	want := map[int64]float64{10: 96.5, 11: 101, 12: 100}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DayScores = %v, want %v", got, want)
	}
}

func TestStandingsRanksAndTies(t *testing.T) {
	classes := []CheckClass{{1, "A1", 2026}, {2, "A2", 2026}, {3, "A3", 2026}, {4, "B1", 2025}, {5, "B2", 2025}}
	days := []string{"2026-09-07", "2026-09-08"}
	entries := []CheckEntry{
		{Day: "2026-09-07", ItemID: 1, ClassID: 1, Points: -2},
		{Day: "2026-09-08", ItemID: 1, ClassID: 2, Points: -2}, // A1 and A2 tie at 99
		{Day: "2026-09-07", ItemID: 1, ClassID: 4, Points: -1},
		{Day: "2026-09-09", ItemID: 1, ClassID: 3, Points: -50}, // not a published day
	}
	ss := Standings(100, nil, classes, days, entries)
	type row struct {
		name            string
		score           float64
		rank, gradeRank int
	}
	var got []row
	for _, s := range ss {
		got = append(got, row{s.Name, s.Score, s.Rank, s.GradeRank})
	}
	want := []row{{"A3", 100, 1, 1}, {"B2", 100, 1, 1}, {"B1", 99.5, 3, 2}, {"A1", 99, 4, 2}, {"A2", 99, 4, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("standings\n got %v\nwant %v", got, want)
	}
	if ss[0].Days != 2 {
		t.Errorf("days = %d, want 2", ss[0].Days)
	}
	flags := Flags(ss, 1)
	if len(flags) != 2 || flags[0].Name != "A3" || flags[1].Name != "B2" {
		t.Errorf("flags = %v", flags)
	}
	// A tie at the cut: both tied classes get the flag.
	flags = Flags(ss, 2)
	names := []string{}
	for _, f := range flags {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, []string{"A3", "B2", "B1", "A1", "A2"}) {
		t.Errorf("flags with a tie at the cut = %v", names)
	}
	if Standings(100, nil, classes, nil, entries) != nil {
		t.Error("no published days must give no standings")
	}
}

func TestCalendar(t *testing.T) {
	for _, c := range []struct{ day, week string }{
		{"2026-09-07", "2026-09-07"}, // a Monday
		{"2026-09-13", "2026-09-07"}, // its Sunday
		{"2026-09-10", "2026-09-07"},
		{"2027-01-01", "2026-12-28"},
		{"bad", ""},
	} {
		if got := WeekOf(c.day); got != c.week {
			t.Errorf("WeekOf(%s) = %s, want %s", c.day, got, c.week)
		}
	}
	if f, l := MonthDays("2026-02-14"); f != "2026-02-01" || l != "2026-02-28" {
		t.Errorf("MonthDays = %s %s", f, l)
	}
	if f, l := WeekDays("2026-09-07"); f != "2026-09-07" || l != "2026-09-13" {
		t.Errorf("WeekDays = %s %s", f, l)
	}
	if !SchoolDay("2026-09-11") || SchoolDay("2026-09-12") {
		t.Error("SchoolDay: Friday is, Saturday is not")
	}
}
