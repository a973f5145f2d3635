package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestStudentRatesOnAPhone: without JavaScript the rating form is one long
// page: every dimension shows, the student taps a level of each question
// and submits, and the ratings are stored (the paged form is
// TestRatingTakesFewTaps).
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
	if _, err := chromedp.Call(b, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "xs1@rt"),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
		chromedp.Navigate(site.URL+"/rate/"+itoa(c.ID)+"/self/"+itoa(f.StudentA1.ID)),
		chromedp.WaitVisible(`form.rate-form`),
	); err != nil {
		t.Fatal(err)
	}
	items := eval.IndicatorsFor(fw, model.RaterSelf)
	for i, code := range items {
		sel := `input[name=v_` + code + `] + span`
		if i%2 == 1 {
			sel = `label.option:nth-child(2) > ` + sel
		}
		NewTaps(t, b).Tap(sel)
	}
	Screenshot(t, b, "rate-form-nojs-phone")
	wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || wide {
		t.Fatalf("the rating form scrolls sideways on a phone (%v)", err)
	}
	MarkPage(t, b)
	if err := chromedp.Do(b, chromedp.Click(`form.rate-form button[data-submit]`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, b, `main h1`)
	if msg := mustText(t, b, `.flash.ok`); !strings.Contains(msg, "已保存") {
		t.Fatalf("after saving: %q", msg)
	}
	got, err := st.RatingsOfRater(ctx, f.School.ID, c.ID, model.RaterSelf, f.StudentA1.ID)
	if err != nil || len(got) != len(items) {
		t.Fatalf("self ratings stored: %d of %d (%v)", len(got), len(items), err)
	}
	for _, r := range got {
		if r.Level == "" && r.Value != 95 && r.Value != 85 {
			t.Errorf("%s stored %v, want a chosen level's points", r.IndicatorCode, r.Value)
		}
	}
}
