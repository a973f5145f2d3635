package ui_test

import (
	"regexp"
	"strings"
	"testing"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// In English the KPI page's headlines, counts, ratios, period and chart
// titles read as English; only names (data) stay Chinese.
func TestKPIPageInEnglish(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	testfix.SeedKPI(t, st, s.a)
	c := s.login(t, "admin@a1")
	if code, _ := c.get("/lang/en?next=/"); code != 303 && code != 302 {
		t.Fatalf("language switch: %d", code)
	}
	year := "?p=custom&from=" + testfix.KPIYearFrom + "&to=" + testfix.KPIYearTo
	code, body := c.get("/kpi" + year)
	if code != 200 {
		t.Fatalf("/kpi: %d", code)
	}
	for _, want := range []string{"3 at city level or above, including 1 national first prizes, 1 city first prizes", "50.0% (1/2)", "120 person-times", "No data"} {
		if !strings.Contains(body, want) {
			t.Errorf("English /kpi lacks %q", want)
		}
	}
	for _, title := range regexp.MustCompile(`"text":"([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if regexp.MustCompile(`\p{Han}`).MatchString(title[1]) {
			t.Errorf("chart title in Chinese: %s", title[1])
		}
	}
	for _, no := range []string{"人次", "项，其中", "（1/2）"} {
		if strings.Contains(body, no) {
			t.Errorf("English /kpi still shows %q", no)
		}
	}
	_, body = c.get("/kpi/student_awards" + year)
	if strings.Contains(body, "年") && regexp.MustCompile(`\d{4}年\d{1,2}月`).MatchString(body) {
		t.Error("English drill-down shows Chinese dates")
	}
}
