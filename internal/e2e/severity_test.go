package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestSeverityPageInBrowser opens the rater-severity sub-page as the head teacher: the class's raters with their
// intervals, no accessibility violation, and no sideways scrolling on a 390 px phone (the table scrolls in its box).
func TestSeverityPageInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "sv", true)
	c := testfix.SeverityCycle(t, st, f)
	site := Serve(t, st, ui.Options{})
	b := LoginAs(t, site.URL, "banzhuren@sv")
	path := site.URL + "/cycles/" + itoa(c.ID) + "/fairness/severity?class=" + itoa(f.ClassA.ID)
	if err := chromedp.Do(b, chromedp.Navigate(path), chromedp.WaitVisible(`main table`)); err != nil {
		t.Fatalf("open the severity page: %v", err)
	}
	if txt := mustText(t, b, `main`); !strings.Contains(txt, "评分者宽严度") || !strings.Contains(txt, "张一") || !strings.Contains(txt, "95% 区间") {
		t.Fatalf("the severity page lacks the raters:\n%s", txt)
	}
	Axe(t, b, "severity page")
	Screenshot(t, b, "severity")
	if err := chromedp.Do(b, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	noSideways(t, b, "the severity page at 390 px")
	Axe(t, b, "severity page at 390 px")
	Screenshot(t, b, "severity-phone")
}

// TestSeverityDriftInBrowser opens the page of a class rated in two terms: the drift section is there and passes axe.
func TestSeverityDriftInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "sd", true)
	cs := testfix.BuildCycles(t, st, f)
	site := Serve(t, st, ui.Options{})
	b := LoginAs(t, site.URL, "admin@sd")
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/cycles/"+itoa(cs.Cur.ID)+"/fairness/severity?class="+itoa(f.ClassA.ID)),
		chromedp.WaitVisible(`#sev-drift`)); err != nil {
		t.Fatalf("open the severity page with two terms: %v", err)
	}
	Axe(t, b, "severity page with drift")
}
