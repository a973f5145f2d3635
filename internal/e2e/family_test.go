package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestFamilyOnAPhone: the head teacher verifies a third deduction on a
// phone; the parent, on a phone, finds the notice and the child's records
// with the praise first; the head teacher finds the child on the talk
// list and records a talk, which takes the child off it. Every page passes
// axe-core and none scrolls sideways.
func TestFamilyOnAPhone(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "fm", false)
	site := Serve(t, st, ui.Options{})
	day := func(ago int) string {
		return time.Now().In(storage.SchoolZone).AddDate(0, 0, -ago).Format("2006-01-02")
	}
	rec := func(title, cat string, points float64, ago int) *model.Evidence {
		return &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour, Title: title, Category: cat, Points: points, Date: day(ago)}
	}
	done := []*model.Evidence{rec("主动打扫公共区域", "劳动习惯", 2, 9), rec("早操迟到", "守时守纪", -1, 8), rec("课堂使用手机", "文明礼仪", -1, 4)}
	if err := st.CreateEvidenceVerifiedBulk(ctx, f.School.ID, model.SystemActor, done, "测试"); err != nil {
		t.Fatal(err)
	}
	third := rec("晚自习迟到", "守时守纪", -1, 1)
	if err := st.CreateEvidence(ctx, f.School.ID, model.SystemActor, third); err != nil {
		t.Fatal(err)
	}

	ht := Browser(t)
	phoneLogin(t, ht, site.URL, "banzhuren@fm", 390)
	if err := chromedp.Do(ht, chromedp.Navigate(site.URL+"/evidence/"+itoa(third.ID))); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, ht)
	taps := NewTaps(t, ht)
	taps.Tap(`form[action$="/review"] input[value=verify] ~ button`)
	WaitNewPage(t, ht, `main h1`)

	parent := Browser(t)
	phoneLogin(t, parent, site.URL, "jiazhang@fm", 390)
	if err := chromedp.Do(parent, chromedp.Navigate(site.URL+"/notifications"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	if body := mustText(t, parent, `main`); !strings.Contains(body, "德育提醒："+f.StudentA1.Name) {
		t.Fatalf("the parent's notices lack the conduct notice: %q", body)
	}
	MarkPage(t, parent)
	NewTaps(t, parent).Tap(`main a[href="/family"]`)
	WaitNewPage(t, parent, `.family-child`)
	fitsAPhone(t, parent, "family page")
	Axe(t, parent, "family page")
	Screenshot(t, parent, "family-phone")
	first := mustText(t, parent, `.family-records li:first-child`)
	if !strings.Contains(first, "主动打扫公共区域") {
		t.Errorf("the first record the parent reads is %q, want the praise", first)
	}
	if body := mustText(t, parent, `main`); !strings.Contains(body, "3 次扣分") || strings.Contains(body, f.StudentA2.Name) {
		t.Errorf("family page: want the notice and no classmate: %q", body)
	}

	if err := chromedp.Do(ht, chromedp.Navigate(site.URL+"/conduct/talks"), chromedp.WaitVisible(`.talk-list`)); err != nil {
		t.Fatal(err)
	}
	fitsAPhone(t, ht, "talk list")
	Axe(t, ht, "talk list")
	Screenshot(t, ht, "talks-phone")
	if who := mustText(t, ht, `.talk-list`); !strings.Contains(who, f.StudentA1.Name) || !strings.Contains(who, "30 天内 3 次扣分") {
		t.Fatalf("talk list: %q", who)
	}
	MarkPage(t, ht)
	taps.Tap(`.talk-list a.button`)
	WaitNewPage(t, ht, `textarea[name=note]`)
	Axe(t, ht, "talk form")
	if err := chromedp.Do(ht, chromedp.SetValue(`textarea[name=note]`, "谈了早起的办法")); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, ht)
	taps.Tap(`form[action="/conduct/talks"] button.primary`)
	WaitNewPage(t, ht, `main h1`)
	if body := mustText(t, ht, `main`); !strings.Contains(body, "目前没有需要谈心的学生") {
		t.Errorf("after the talk the list still has students: %q", body)
	}
	if err := chromedp.Do(ht, chromedp.Navigate(site.URL+"/conduct/trends"), chromedp.WaitVisible(`.trend-list`)); err != nil {
		t.Fatal(err)
	}
	fitsAPhone(t, ht, "trends")
	Axe(t, ht, "trends")
	Screenshot(t, ht, "trends-phone")
}

// fitsAPhone fails when the page scrolls sideways.
func fitsAPhone(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Errorf("%s scrolls sideways on a phone", page)
	}
}
