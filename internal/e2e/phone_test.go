package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestPagesFitAPhone: students and parents use phones. On a 390-pixel-wide
// screen no page may scroll sideways (tables scroll inside their own box),
// and the pages are in Chinese.
func TestPagesFitAPhone(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "ph", true)
	site := Serve(t, st, ui.Options{})
	pages := map[string][]string{
		"xs1@ph":   {"/", "/students/" + itoa(f.StudentA1.ID), "/password"},
		"admin@ph": {"/", "/students", "/students/" + itoa(f.StudentA1.ID), "/import", "/classes", "/org", "/users", "/audit", "/frameworks", "/evidence-rules"},
	}
	for user, paths := range pages {
		ctx := Browser(t)
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(site.URL+"/login"),
			chromedp.SendKeys(`input[name=username]`, user),
			chromedp.SendKeys(`input[name=password]`, testfix.Password),
			chromedp.Click(`button[type=submit]`),
			chromedp.WaitVisible(`header.topbar`),
		); err != nil {
			t.Fatalf("%s login: %v", user, err)
		}
		for _, p := range paths {
			if err := chromedp.Do(ctx, chromedp.Navigate(site.URL+p), chromedp.WaitVisible(`main h1`)); err != nil {
				t.Fatalf("%s %s: %v", user, p, err)
			}
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			name := strings.NewReplacer("@", "-", "/", "_").Replace(user + p)
			Screenshot(t, ctx, "phone-"+name)
			if wide {
				t.Errorf("%s %s scrolls sideways on a phone", user, p)
			}
			if h1 := mustText(t, ctx, `main h1`); strings.Trim(h1, " ") == "" || !hasHan(h1) {
				t.Errorf("%s %s heading %q is not Chinese", user, p, h1)
			}
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
