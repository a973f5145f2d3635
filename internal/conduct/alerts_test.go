package conduct

import (
	"testing"
	"time"
)

func day(s string) time.Time { t, _ := time.Parse(DayLayout, s); return t }

func neg(id int64, date, cat string) Record {
	return Record{ID: id, StudentID: 1, Title: "迟到", Category: cat, Points: -1, Date: date}
}

func TestCrossings(t *testing.T) {
	three := []Record{neg(1, "2026-03-02", "守时守纪"), neg(2, "2026-03-09", "守时守纪"), neg(3, "2026-03-16", "卫生习惯")}
	cases := []struct {
		name    string
		rules   []Rule
		recs    []Record
		markers map[Key]Marker
		today   string
		want    int   // crossings
		last    int64 // LastRecordID of the first
	}{
		{"three in 30 days cross", []Rule{DefaultRule}, three, nil, "2026-03-16", 1, 3},
		{"two do not", []Rule{DefaultRule}, three[:2], nil, "2026-03-16", 0, 0},
		{"positive records do not count", []Rule{DefaultRule}, append(three[:2:2], Record{ID: 9, StudentID: 1, Points: 2, Date: "2026-03-10"}), nil, "2026-03-16", 0, 0},
		{"spread over more than the period", []Rule{{Count: 3, Days: 10, TellParents: true}}, three, nil, "2026-03-16", 0, 0},
		{"per category", []Rule{{ID: 4, Count: 2, Days: 30, Category: "守时守纪", TellParents: true}}, three, nil, "2026-03-16", 1, 2},
		{"told once", []Rule{DefaultRule}, three, map[Key]Marker{{1, 0}: {"2026-03-16", 3}}, "2026-03-17", 0, 0},
		{"a fresh run is told again", []Rule{DefaultRule}, append(three, neg(4, "2026-03-17", ""), neg(5, "2026-03-18", ""), neg(6, "2026-03-19", "")),
			map[Key]Marker{{1, 0}: {"2026-03-16", 3}}, "2026-03-19", 1, 6},
		{"same day after the marker counts", []Rule{{Count: 2, Days: 1, TellParents: true}}, []Record{neg(7, "2026-03-16", ""), neg(8, "2026-03-16", ""), neg(9, "2026-03-16", "")},
			map[Key]Marker{{1, 0}: {"2026-03-16", 7}}, "2026-03-16", 1, 9},
		{"old history is not news", []Rule{DefaultRule}, three, nil, "2026-06-01", 0, 0},
	}
	for _, c := range cases {
		got := Crossings(c.rules, c.recs, c.markers, day(c.today))
		if len(got) != c.want {
			t.Errorf("%s: %d crossings, want %d: %+v", c.name, len(got), c.want, got)
			continue
		}
		if c.want > 0 && got[0].LastRecordID != c.last {
			t.Errorf("%s: crossing ends at record %d, want %d", c.name, got[0].LastRecordID, c.last)
		}
	}
}

func TestRuleCheck(t *testing.T) {
	for _, c := range []struct {
		r  Rule
		ok bool
	}{
		{DefaultRule, true},
		{Rule{Count: 1, Days: 30, TellParents: true}, false},
		{Rule{Count: 3, Days: 0, TellParents: true}, false},
		{Rule{Count: 3, Days: 400, TellParents: true}, false},
		{Rule{Count: 3, Days: 30}, false},
	} {
		if (c.r.Check() == "") != c.ok {
			t.Errorf("%+v: check %q", c.r, c.r.Check())
		}
	}
	if got := (Rule{Count: 3, Days: 30, Category: "守时守纪"}).Text(); got != "30 天内 3 次扣分（守时守纪）" {
		t.Errorf("Text = %q", got)
	}
}
