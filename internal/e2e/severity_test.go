package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// openSeverity builds fixture school code with the cycle rate gives it, and opens class A's severity page of that
// cycle as username, waiting for ready.
func openSeverity(t *testing.T, code, username, ready string, rate func(*storage.Storage, *testfix.School) storage.EvalCycle) (context.Context, *testfix.School) {
	t.Helper()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, code, true)
	c := rate(st, f)
	site := Serve(t, st, ui.Options{})
	b := LoginAs(t, site.URL, username+"@"+code)
	path := site.URL + "/cycles/" + itoa(c.ID) + "/fairness/severity?class=" + itoa(f.ClassA.ID)
	if err := chromedp.Do(b, chromedp.Navigate(path), chromedp.WaitVisible(ready)); err != nil {
		t.Fatalf("open the severity page: %v", err)
	}
	return b, f
}

// TestSeverityPageInBrowser opens the rater-severity sub-page as the head teacher: the class's raters with their
// intervals, no accessibility violation, and no sideways scrolling on a 390 px phone (the table scrolls in its box).
func TestSeverityPageInBrowser(t *testing.T) {
	b, _ := openSeverity(t, "sv", "banzhuren", `main table`, func(st *storage.Storage, f *testfix.School) storage.EvalCycle {
		return testfix.SeverityCycle(t, st, f)
	})
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
	b, _ := openSeverity(t, "sd", "admin", `#sev-drift`, func(st *storage.Storage, f *testfix.School) storage.EvalCycle {
		return testfix.BuildCycles(t, st, f).Cur
	})
	Axe(t, b, "severity page with drift")
}
