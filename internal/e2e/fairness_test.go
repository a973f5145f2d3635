package e2e

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestFairnessPageInBrowser: a head teacher opens the fairness page of a
// class with planted raters on a desktop and on a 390 px phone; axe-core
// finds nothing, the page does not scroll sideways (its tables scroll in
// their own frame), and the screenshots are kept for a person to look at.
func TestFairnessPageInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "fb", true)
	fc := testfix.BuildFairnessClass(t, st, f)
	site := Serve(t, st, ui.Options{})
	page := site.URL + "/cycles/" + strconv.FormatInt(fc.Cycle.ID, 10) + "/fairness?class=" + strconv.FormatInt(f.ClassA.ID, 10)
	for _, width := range []int64{0, 390} {
		b := Browser(t)
		phoneLogin(t, b, site.URL, "banzhuren@fb", width)
		if err := chromedp.Do(b, chromedp.Navigate(page), chromedp.WaitVisible(`table`)); err != nil {
			t.Fatalf("open the fairness page: %v", err)
		}
		name := "fairness-desktop"
		if width > 0 {
			name = "fairness-390"
		}
		Axe(t, b, name)
		wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil || wide {
			t.Errorf("%s scrolls sideways (%v)", name, err)
		}
		t.Logf("%s: %s", name, Screenshot(t, b, name))
	}
}
