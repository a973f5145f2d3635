package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestKPIDashboardDraws: the school's 数据画像 renders its KPI cards and
// draws every chart (an SVG inside each chart box) on a desktop and on a
// 390-pixel phone without sideways scrolling; the district view, the
// survey results and the public answer page are looked at the same way.
// Screenshots go to ZHIJIAO_SCREENSHOTS.
func TestKPIDashboardDraws(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "kp", true)
	rec := testfix.SeedKPI(t, st, f)
	ctx0 := context.Background()
	// A second survey with a fresh link, for the public page.
	sv := model.EmployerSurvey{Title: "2026年用人单位满意度调查", Intro: "感谢贵单位长期以来对学校的支持。本问卷约需 3 分钟。", OpensOn: "2026-01-01", ClosesOn: "2099-12-31",
		Questions: []model.SurveyQuestion{{Code: "q1", Text: "职业道德与敬业精神"}, {Code: "q2", Text: "专业知识与技能"}, {Code: "q3", Text: "沟通与团队合作"}}}
	if err := st.CreateSurvey(ctx0, f.School.ID, model.SystemActor, &sv); err != nil {
		t.Fatal(err)
	}
	tok, _, hash := auth.NewAPIToken()
	if _, err := st.Invite(ctx0, f.School.ID, model.SystemActor, sv.ID, map[int64]string{f.Enterprise.ID: hash}); err != nil {
		t.Fatal(err)
	}
	site := Serve(t, st, ui.Options{})
	period := "?p=custom&from=" + testfix.KPIYearFrom + "&to=" + storage.Today()

	login := func(ctx context.Context, user string) {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(site.URL+"/login"),
			chromedp.SendKeys(`input[name=username]`, user),
			chromedp.SendKeys(`input[name=password]`, testfix.Password),
			chromedp.Click(`button[type=submit]`),
			chromedp.WaitVisible(`header.topbar`),
		); err != nil {
			t.Fatalf("%s login: %v", user, err)
		}
	}
	// drawn waits for the page and returns how many chart boxes hold an SVG.
	drawn := func(ctx context.Context, path string) (int, int) {
		if err := chromedp.Do(ctx, chromedp.Navigate(site.URL+path), chromedp.WaitVisible(`main h1`),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]').length > 0 && document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('[data-chart]')].filter(e => e.querySelector('svg') && e.querySelector('svg').getBoundingClientRect().height > 100).length`))
		if err != nil {
			t.Fatal(err)
		}
		all, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
		return n, all
	}
	sideways := func(ctx context.Context) bool {
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		return wide
	}

	for _, view := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		ctx := Browser(t)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(view.w, view.h)); err != nil {
			t.Fatal(err)
		}
		login(ctx, "admin@kp")
		n, all := drawn(ctx, "/kpi"+period)
		if all != 8 || n != all { // four charts, two of the 教改创新成果 block and two of 师资
			t.Errorf("%s /kpi: %d of %d charts drew", view.name, n, all)
		}
		if text := mustText(t, ctx, `.kpi-cards`); !strings.Contains(text, "市级以上 3 项，其中国家级一等奖 1 项、市级一等奖 1 项") || !strings.Contains(text, "50.0%（1/2）") {
			t.Errorf("%s /kpi cards: %q", view.name, text)
		}
		Screenshot(t, ctx, "kpi-"+view.name)
		if sideways(ctx) {
			t.Errorf("%s /kpi scrolls sideways", view.name)
		}
		for _, p := range []string{"/kpi/student_awards" + period, "/outcomes", "/outcomes/training", "/surveys", "/surveys/" + itoa(rec.Survey.ID)} {
			if err := chromedp.Do(ctx, chromedp.Navigate(site.URL+p), chromedp.WaitVisible(`main h1`)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			Screenshot(t, ctx, view.name+strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-").Replace(strings.SplitN(p, "?", 2)[0]))
			if sideways(ctx) {
				t.Errorf("%s %s scrolls sideways", view.name, p)
			}
		}
		// The enterprise's answer page, without an account.
		anon := Browser(t)
		chromedp.Do(anon, chromedp.EmulateViewport(view.w, view.h))
		if err := chromedp.Do(anon, chromedp.Navigate(site.URL+"/s/"+tok), chromedp.WaitVisible(`.likert`)); err != nil {
			t.Fatal(err)
		}
		Screenshot(t, anon, "survey-answer-"+view.name)
		if sideways(anon) {
			t.Errorf("%s answer page scrolls sideways", view.name)
		}
		// The district view as the platform admin.
		root := Browser(t)
		chromedp.Do(root, chromedp.EmulateViewport(view.w, view.h))
		login(root, "root")
		if n, all := drawn(root, "/district?year=2025"); n != 1 || all != 1 {
			t.Errorf("%s /district chart: %d of %d", view.name, n, all)
		}
		Screenshot(t, root, "district-"+view.name)
		if sideways(root) {
			t.Errorf("%s /district scrolls sideways", view.name)
		}
	}
}
