package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestStudentRatesOnAPhone: a student opens 我的评价 on a phone, rates
// themself by tapping the choices and typing scores, and the ratings are
// stored.
func TestStudentRatesOnAPhone(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "rt", true)
	fw := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, f.School.ID, model.SystemActor, &fw); err != nil {
		t.Fatal(err)
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "本学期综合素质评价", FrameworkID: fw.ID, PeerCount: 1, Seed: 7}}
	if err := st.CreateCycle(ctx, f.School.ID, model.SystemActor, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := evalrun.Open(ctx, st, f.School.ID, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	if err := chromedp.Do(b,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "xs1@rt"),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
		chromedp.Navigate(site.URL+"/rate"),
		chromedp.WaitVisible(`.task-list a`),
	); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "rate-home-phone")
	if err := chromedp.Do(b, chromedp.Click(`.task-list a`), chromedp.WaitVisible(`form.rate-form`)); err != nil {
		t.Fatal(err)
	}
	// Fill every question: the second choice of each group, 88 in each score box.
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){
		var groups = {};
		document.querySelectorAll('.choices input[type=radio]').forEach(function(r){ (groups[r.name] = groups[r.name] || []).push(r); });
		Object.keys(groups).forEach(function(n){ groups[n][1].nextElementSibling.click(); });
		document.querySelectorAll('.rate-score input').forEach(function(i){ i.value = '88'; });
		return true; })()`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "rate-form-phone")
	wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || wide {
		t.Fatalf("the rating form scrolls sideways on a phone (%v)", err)
	}
	if err := chromedp.Do(b, chromedp.Click(`form.rate-form button.primary`), chromedp.WaitVisible(`.flash.ok`)); err != nil {
		t.Fatal(err)
	}
	if msg := mustText(t, b, `.flash.ok`); !strings.Contains(msg, "已保存") {
		t.Fatalf("after saving: %q", msg)
	}
	n, err := st.RatingCount(ctx, f.School.ID, c.ID)
	if err != nil || n == 0 {
		t.Fatalf("ratings stored: %d %v", n, err)
	}
}
