package ui

import "testing"

// The notes a district recompute job writes read as English sentences on
// the English page, the cycle's name kept as it is.
func TestEnglishJobNotes(t *testing.T) {
	for _, c := range []struct{ zh, en string }{
		{"“2025-2026学年第一学期综合素质评价”公示中，结果已公开，不重新计算", `"2025-2026学年第一学期综合素质评价" is in publicity: its results are public and are not recomputed`},
		{"“期中评价”评价中，截止后才能计算", `"期中评价" is open: it can be computed once it has closed`},
		{"本学期没有评价周期", "No evaluation cycle this term"},
	} {
		if got := translateValue("en", c.zh); got != c.en {
			t.Errorf("%s:\n got %s\nwant %s", c.zh, got, c.en)
		}
		if got := translateValue("zh", c.zh); got != c.zh {
			t.Errorf("Chinese page changed %q to %q", c.zh, got)
		}
	}
}
