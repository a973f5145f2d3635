package conduct

import (
	"slices"
	"testing"
)

func rec(id int64, date, title, cat string, pts float64) Record {
	return Record{ID: id, StudentID: 1, Title: title, Category: cat, Points: pts, Date: date}
}

func TestPatterns(t *testing.T) {
	mondays := []Record{rec(1, "2026-03-02", "早操迟到", "守时守纪", -1), rec(2, "2026-03-09", "早操迟到", "守时守纪", -1), rec(3, "2026-03-16", "早操迟到", "守时守纪", -1)}
	cases := []struct {
		name  string
		recs  []Record
		today string
		want  []string
	}{
		{"same title on mondays", mondays, "2026-05-01", []string{"周一早操迟到 3 次"}},
		{"twice is chance", mondays[:2], "2026-05-01", nil},
		{"positive records are no pattern", []Record{rec(1, "2026-03-02", "主动打扫", "劳动习惯", 1), rec(2, "2026-03-09", "主动打扫", "劳动习惯", 1), rec(3, "2026-03-16", "主动打扫", "劳动习惯", 1)}, "2026-05-01", nil},
		{"same category, different titles", []Record{rec(1, "2026-03-03", "课堂睡觉", "学习习惯", -1), rec(2, "2026-03-10", "未交作业", "学习习惯", -1), rec(3, "2026-03-17", "玩手机", "学习习惯", -1)}, "2026-05-01",
			[]string{"周二学习习惯 3 次"}},
		{"a category adds nothing where the title said it", mondays, "2026-05-01", []string{"周一早操迟到 3 次"}},
		{"rising week over week", []Record{rec(1, "2026-03-04", "a", "", -1), rec(2, "2026-03-10", "b", "", -1), rec(3, "2026-03-11", "c", "", -1),
			rec(4, "2026-03-16", "d", "", -1), rec(5, "2026-03-17", "e", "", -1), rec(6, "2026-03-18", "f", "", -1)}, "2026-03-19", []string{"扣分逐周增加（1→2→3）"}},
		{"falling is not rising", []Record{rec(1, "2026-03-04", "a", "", -1), rec(2, "2026-03-05", "b", "", -1), rec(3, "2026-03-10", "c", "", -1)}, "2026-03-19", nil},
	}
	for _, c := range cases {
		var got []string
		for _, p := range Patterns(c.recs, day(c.today)) {
			got = append(got, p.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPositiveFirstAndTotals(t *testing.T) {
	recs := []Record{rec(1, "2026-03-02", "迟到", "守时守纪", -1), rec(2, "2026-03-03", "打扫", "劳动习惯", 2), rec(3, "2026-03-04", "迟到", "守时守纪", -1), rec(4, "2026-03-01", "让座", "文明礼仪", 1)}
	var ids []int64
	for _, r := range PositiveFirst(recs) {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []int64{2, 4, 3, 1}) {
		t.Errorf("PositiveFirst = %v", ids)
	}
	tot := ByCategory(recs)
	if tot[0] != (Totals{Category: "守时守纪", Records: 2, Minus: -2}) || len(tot) != 3 {
		t.Errorf("ByCategory = %+v", tot)
	}
}

func TestNeedsTalk(t *testing.T) {
	recs := []Record{rec(5, "2026-03-02", "迟到", "", -1), rec(6, "2026-03-03", "打扫", "", 2)}
	pats := []Pattern{{PatternWeekday, "周一迟到 3 次"}}
	if got := NeedsTalk(recs, []string{"30 天内 3 次扣分"}, pats, 0); len(got) != 2 {
		t.Errorf("no talk yet: %q", got)
	}
	if got := NeedsTalk(recs, []string{"30 天内 3 次扣分", "30 天内 3 次扣分"}, nil, 0); len(got) != 1 {
		t.Errorf("a rule crossed twice is one reason: %q", got)
	}
	if got := NeedsTalk(recs, nil, pats, 5); got != nil {
		t.Errorf("talked after the last negative: %q", got)
	}
	if got := NeedsTalk(recs, nil, nil, 0); len(got) != 0 {
		t.Errorf("nothing to talk about: %q", got)
	}
}
