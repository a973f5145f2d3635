package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestPortraitsDraw renders the student portrait (as the head teacher,
// who sees this term's computed result) and the class portrait, on a
// desktop and on a 390-pixel phone: every chart container must hold the
// SVG ECharts drew, no page may scroll sideways, and screenshots are saved
// for a person to look at.
func TestPortraitsDraw(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "pt", true)
	testfix.BuildCycles(t, st, f)
	site := Serve(t, st, ui.Options{})
	pages := []struct {
		name, path string
		charts     int
	}{
		{"student", "/portraits/students/" + itoa(f.StudentA1.ID), 2},
		{"class", "/portraits/groups?class=" + itoa(f.ClassA.ID), 4},
		{"school", "/portraits/groups", 4},
	}
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		b := Browser(t)
		if err := chromedp.Do(b,
			chromedp.EmulateViewport(vp.w, vp.h),
			chromedp.Navigate(site.URL+"/login"),
			chromedp.SendKeys(`input[name=username]`, "banzhuren@pt"),
			chromedp.SendKeys(`input[name=password]`, testfix.Password),
			chromedp.Click(`button[type=submit]`),
			chromedp.WaitVisible(`header.topbar`),
		); err != nil {
			t.Fatalf("login: %v", err)
		}
		for _, p := range pages {
			if err := chromedp.Do(b, chromedp.Navigate(site.URL+p.path), chromedp.WaitVisible(`main h1`),
				chromedp.WaitReady(`[data-chart][data-drawn]`)); err != nil {
				t.Fatalf("%s %s: %v", vp.name, p.path, err)
			}
			counts, err := chromedp.Run(b, chromedp.Evaluate[[]int](`(function(){
				var all = document.querySelectorAll('[data-chart]'), drawn = 0, tables = document.querySelectorAll('.chart-pair table caption').length;
				all.forEach(function(el){ var s = el.querySelector('svg, canvas'); if (s && s.getBoundingClientRect().width > 100 && s.querySelectorAll('path, text').length > 3) drawn++; });
				return [all.length, drawn, tables];
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if counts[0] != p.charts || counts[1] != p.charts || counts[2] != p.charts {
				t.Errorf("%s %s: %d charts, %d drawn, %d tables; want %d each", vp.name, p.name, counts[0], counts[1], counts[2], p.charts)
			}
			wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			if wide {
				t.Errorf("%s %s scrolls sideways", vp.name, p.name)
			}
			if h1 := mustText(t, b, `main h1`); !hasHan(h1) || !strings.Contains(h1, "画像") {
				t.Errorf("%s %s heading %q", vp.name, p.name, h1)
			}
			Screenshot(t, b, "portrait-"+p.name+"-"+vp.name)
		}
	}
}
