package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestStudiosInBrowser: the 人事处 opens the studio list, taps into a
// studio and sees its members, plan and activity, records an activity,
// and opens the yearly summary; a teacher reads the studio on a
// 390-pixel phone without sideways scrolling. Every page passes axe-core.
func TestStudiosInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "sb", false)
	id := testfix.AddStudio(t, st, f, "数控技能大师工作室")
	site := Serve(t, st, ui.Options{})

	hr := LoginAs(t, site.URL, "renshi@sb")
	if err := chromedp.Do(hr, chromedp.Navigate(site.URL+"/studios"), chromedp.WaitVisible(`.studio-cards`)); err != nil {
		t.Fatal(err)
	}
	Axe(t, hr, "studio list")
	Screenshot(t, hr, "studios-list-desktop")
	MarkPage(t, hr)
	NewTaps(t, hr).Tap(`.studio-cards a[href="/studios/` + itoa(id) + `"]`)
	WaitNewPage(t, hr, `main h1`)
	body := mustText(t, hr, `main`)
	for _, want := range []string{"技能大师工作室", f.TeacherHead.Name, f.TeacherSubject.Name, "企业专家甲", "数控技能研讨", "五轴加工工艺讲座"} {
		if !strings.Contains(body, want) {
			t.Errorf("the studio page lacks %q", want)
		}
	}
	Axe(t, hr, "studio page with the 人事处's forms")
	if err := chromedp.Do(hr,
		chromedp.SetValue(`form[action$="/activities"] input[name=held_on]`, "2026-11-03"),
		chromedp.SetValue(`form[action$="/activities"] select[name=kind]`, "送教"),
		chromedp.SetValue(`form[action$="/activities"] input[name=title]`, "送教到兄弟学校"),
		chromedp.SetValue(`form[action$="/activities"] input[name=hours]`, "4"),
	); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, hr)
	NewTaps(t, hr).Tap(`form[action$="/activities"] button.primary`)
	WaitNewPage(t, hr, `main h1`)
	if got := mustText(t, hr, `.studio-acts`); !strings.Contains(got, "送教到兄弟学校") {
		t.Fatalf("after recording: %q", got)
	}
	Screenshot(t, hr, "studio-desktop")
	if err := chromedp.Do(hr, chromedp.Navigate(site.URL+"/studios/"+itoa(id)+"/summary?year=2026"), chromedp.WaitVisible(`.studio-stats`)); err != nil {
		t.Fatal(err)
	}
	stats := mustText(t, hr, `.studio-stats`)
	if !strings.Contains(stats, "2") || !strings.Contains(stats, "7") {
		t.Errorf("the summary's figures read %q (want 2 activities, 7 hours)", stats)
	}
	Axe(t, hr, "studio yearly summary")
	Screenshot(t, hr, "studio-summary-desktop")

	phone := Browser(t)
	phoneLogin(t, phone, site.URL, "renke@sb", 390)
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/studios/"+itoa(id)), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	fitsAPhone(t, phone, "a studio page")
	Axe(t, phone, "a studio page on a phone")
	Screenshot(t, phone, "studio-phone")
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/studios/"+itoa(id)+"/summary?year=2026"), chromedp.WaitVisible(`.studio-stats`)); err != nil {
		t.Fatal(err)
	}
	fitsAPhone(t, phone, "a studio's summary")
	Screenshot(t, phone, "studio-summary-phone")
}
