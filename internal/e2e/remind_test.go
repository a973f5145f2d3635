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

// TestDrillDownAndRemindInBrowser: the admin opens a class from the cycle
// page and sees who has not finished — the student who stopped half way
// with 草稿 n/m, the parent by name and child — presses the class's
// reminder button once (it turns busy and a second press sends nothing),
// and the student finds the reminder among their notifications with a
// link to 我的评价. Screenshots at desktop and phone width.
func TestDrillDownAndRemindInBrowser(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "rd", true)
	sid := f.School.ID
	fw := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &fw); err != nil {
		t.Fatal(err)
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "本学期综合素质评价", FrameworkID: fw.ID, Seed: 9, PeerCount: 3, PublicityDays: 5}}
	if err := st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	self := eval.IndicatorsFor(fw, model.RaterSelf)
	var part []model.Rating
	for _, code := range self[:2] {
		part = append(part, testfix.RatingAs(fw, model.RaterSelf, code, 85, f.StudentA1.ID, ""))
	}
	if _, err := st.SubmitRatings(ctx, sid, model.SystemActor, c.ID, model.RaterSelf, f.StudentA1.ID, 0, part); err != nil {
		t.Fatal(err)
	}
	site := Serve(t, st, ui.Options{})
	as := func(username string) context.Context { return LoginAs(t, site.URL, username) }
	cpath := "/cycles/" + itoa(c.ID)
	admin := as("admin@rd")
	if err := chromedp.Do(admin, chromedp.Navigate(site.URL+cpath), chromedp.WaitVisible(`table.progress-table`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, admin, "cycle-progress-desktop")
	MarkPage(t, admin)
	if err := chromedp.Do(admin, chromedp.Click(`table.progress-table a[href$="/classes/`+itoa(f.ClassA.ID)+`"]`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, admin, `.lag-list`)
	openDetails(t, admin)
	txt := mustText(t, admin, `main`)
	for _, want := range []string{"张一", "草稿 2/" + itoa(int64(len(self))), "张父（张一的家长）", "王老师", "尚未开始"} {
		if !strings.Contains(txt, want) {
			t.Fatalf("the drill-down lacks %q:\n%s", want, txt)
		}
	}
	Screenshot(t, admin, "cycle-class-desktop")

	// The reminder button turns busy on the first press; a second press
	// in the same moment sends nothing. The test holds the navigation
	// back to look at the button in between.
	got, err := chromedp.Run(admin, chromedp.Evaluate[string](`(function(){
		var f = document.querySelector('form[action$="/remind"]');
		var sent = 0;
		function hold(e) { if (!e.defaultPrevented) sent++; e.preventDefault(); }
		window.addEventListener('submit', hold);
		f.requestSubmit(); f.requestSubmit();
		window.removeEventListener('submit', hold);
		var b = f.querySelector('button');
		return sent + '|' + b.textContent + '|' + f.getAttribute('aria-busy');
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "1|发送中…|true" {
		t.Fatalf("busy button: %q, want one submit, the busy label and aria-busy", got)
	}
	// Now for real.
	if err := chromedp.Do(admin, chromedp.Reload(), chromedp.WaitVisible(`form[action$="/remind"] button`)); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, admin)
	if err := chromedp.Do(admin, chromedp.Click(`form[action$="/remind"] button`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, admin, `.flash.ok`)
	if txt := mustText(t, admin, `.flash.ok`); !strings.Contains(txt, "已提醒") {
		t.Fatalf("flash after reminding: %q", txt)
	}
	if rs, _ := st.Reminders(ctx, sid, c.ID); len(rs) != 1 {
		t.Fatalf("%d reminders stored, want 1", len(rs))
	}

	stu := as("xs1@rd")
	if err := chromedp.Do(stu, chromedp.Navigate(site.URL+"/notifications"), chromedp.WaitVisible(`main`)); err != nil {
		t.Fatal(err)
	}
	if txt := mustText(t, stu, `main`); !strings.Contains(txt, "份评价未完成") {
		t.Fatalf("the student's notifications lack the reminder:\n%s", txt)
	}
	href := mustAttr(t, stu, `main a[href="/rate"]`, "href")
	if href != "/rate" {
		t.Fatalf("reminder link %q", href)
	}

	// Phone width: the cycle page and the drill-down fit.
	if err := chromedp.Do(admin, chromedp.EmulateViewport(390, 844), chromedp.Navigate(site.URL+cpath), chromedp.WaitVisible(`table.progress-table`)); err != nil {
		t.Fatal(err)
	}
	noSideways(t, admin, "the cycle page at 390 px")
	Screenshot(t, admin, "cycle-progress-phone")
	if err := chromedp.Do(admin, chromedp.Navigate(site.URL+cpath+"/classes/"+itoa(f.ClassA.ID)), chromedp.WaitVisible(`.lag-list`)); err != nil {
		t.Fatal(err)
	}
	openDetails(t, admin)
	noSideways(t, admin, "the drill-down at 390 px")
	Screenshot(t, admin, "cycle-class-phone")
}

// openDetails opens every <details> of the page, so text and screenshots
// show what a person would expand.
func openDetails(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ document.querySelectorAll('details').forEach(function(d){ d.open = true }); return true })()`)); err != nil {
		t.Fatal(err)
	}
}
