package ui

import (
	"strings"
	"testing"

	"zhijiao/internal/portrait"
)

// Engine-built text reads as English in the English interface, and is
// untouched in Chinese.
func TestTranslateValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"市级以上 97 项，其中国家级一等奖 3 项、市级一等奖 16 项", "97 at city level or above, including 3 national first prizes, 16 city first prizes"},
		{"省级以上 12 项", "12 at provincial level or above"},
		{"本期无获奖记录", "No awards in this period"},
		{"50.0%（1/2）", "50.0% (1/2)"},
		{"30,675 人次", "30,675 person-times"},
		{"3 项", "3"},
		{"无数据", "No data"},
		{"近一年", "Last 12 months"},
		{"2025-2026学年", "School year 2025-2026"},
		{"2026-2027学年第一学期", "2026-2027 term 1"},
		{"2025-09-01 至 2026-08-31", "2025-09-01 to 2026-08-31"},
		{"2025级汽车运用与维修1班", "2025级汽车运用与维修1班"}, // a name: data, left alone
	} {
		if got := translateValue("en", c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
		if got := translateValue("zh", c.in); got != c.in {
			t.Errorf("Chinese changed %q to %q", c.in, got)
		}
	}
	chart := portrait.Bars("社会培训人次（按开班月份）", []string{"国家级", "2026-01"}, []float64{1, 2})
	en := translateChart("en", chart)
	b := strings.Join([]string{en["title"].(map[string]any)["text"].(string), strings.Join(en["xAxis"].(map[string]any)["data"].([]string), ",")}, "|")
	if strings.ContainsAny(b, "社培国") || !strings.Contains(b, "2026-01") {
		t.Errorf("chart in English: %s", b)
	}
	if chart["title"].(map[string]any)["text"] != "社会培训人次（按开班月份）" {
		t.Error("translating a chart changed the original")
	}
}
