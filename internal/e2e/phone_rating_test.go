package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// maxTaps is what rating themself and four classmates may cost a student
// on a phone, from the home page; docs/benchmarks.md records the measure.
const maxTaps = 60

// phoneCycle is a school with six students in class A, the default
// framework and an open cycle in which every student rates four
// classmates, closing on 20 December.
func phoneCycle(t *testing.T, code string) (*storage.Storage, *testfix.School, storage.EvalCycle, model.Framework) {
	t.Helper()
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, code, true)
	for i := range 4 {
		birth := time.Date(2010, 5, i+1, 0, 0, 0, 0, time.UTC)
		s := model.Student{StudentNo: fmt.Sprintf("%s-A%d", code, i+3), Name: []string{"刘三", "孙四", "周五", "吴六"}[i], Gender: model.Female,
			ClassID: f.ClassA.ID, IDNumber: idcheck.MakeIDNumber("500112", birth, 10+i, false), BirthDate: birth.Format("2006-01-02")}
		if err := st.CreateStudent(ctx, f.School.ID, model.SystemActor, &s); err != nil {
			t.Fatal(err)
		}
	}
	fw := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, f.School.ID, model.SystemActor, &fw); err != nil {
		t.Fatal(err)
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "2026-2027学年第一学期综合素质评价", FrameworkID: fw.ID, PeerCount: 4, Seed: 11,
		ClosesAt: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)}}
	if err := st.CreateCycle(ctx, f.School.ID, model.SystemActor, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := evalrun.Open(ctx, st, f.School.ID, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	return st, f, c, fw
}

// phoneLogin signs in at 390×844 without the keyboard (values are set,
// not typed) and waits for the home page. width 0 keeps the desktop size.
func phoneLogin(t *testing.T, b context.Context, site string, user string, width int64) {
	t.Helper()
	var acts []chromedp.Action[chromedp.Void]
	if width > 0 {
		acts = append(acts, chromedp.EmulateViewport(width, 844))
	}
	acts = append(acts,
		chromedp.Navigate(site+"/login"),
		chromedp.SetValue(`input[name=username]`, user),
		chromedp.SetValue(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
	)
	if err := chromedp.Do(b, acts...); err != nil {
		t.Fatalf("%s login: %v", user, err)
	}
}

// rateByTaps fills the open rating form by tapping 良好 (the second
// choice) on every question, screen by screen: choosing the last question
// of a screen must move on by itself. The last screen's button submits.
func rateByTaps(t *testing.T, b context.Context, taps *Taps) {
	t.Helper()
	dims, err := chromedp.Run(b, chromedp.Evaluate[[]int](`Array.from(document.querySelectorAll(".rate-dim")).map(function (d) { return d.querySelectorAll(".rate-item").length; })`))
	if err != nil || len(dims) == 0 {
		t.Fatalf("rating form: %v %v", dims, err)
	}
	for d, n := range dims {
		sec := fmt.Sprintf(`section.rate-dim[data-dim="%d"]`, d+1)
		if err := chromedp.Do(b, chromedp.WaitVisible(sec)); err != nil {
			t.Fatalf("screen %d of %d did not show by itself: %v", d+1, len(dims), err)
		}
		for i := 1; i <= n; i++ {
			taps.Tap(fmt.Sprintf(`%s fieldset.rate-item:nth-of-type(%d) label.option:nth-child(2) > span`, sec, i))
		}
	}
	MarkPage(t, b)
	taps.Tap(`form.rate-form button[data-submit]`)
	WaitNewPage(t, b, `main h1`)
}

// TestRatingTakesFewTaps: a student of the default framework, from the
// home page after login, rates themself and four classmates on a phone by
// tapping only — no keyboard — in at most maxTaps taps. On the way the
// home page says what is waiting and until when, the form opens one
// dimension per screen, drafts save as the student goes, and the list
// ends with every task 已完成. The pages pass axe-core's checks, and the
// menu button is a 44-pixel target with enough contrast.
func TestRatingTakesFewTaps(t *testing.T) {
	ctx := context.Background()
	st, f, c, fw := phoneCycle(t, "tp")
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	phoneLogin(t, b, site.URL, "xs1@tp", 390)

	if err := chromedp.Do(b, chromedp.WaitVisible(`.waiting a.button.big`)); err != nil {
		t.Fatal(err)
	}
	if got, want := mustText(t, b, `.waiting h2`), "你还有 5 份评价未完成，截止 12月20日"; got != want {
		t.Errorf("home says %q, want %q", got, want)
	}
	checkMenuButton(t, b)
	Screenshot(t, b, "home-student-phone")
	Axe(t, b, "home")

	taps := NewTaps(t, b)
	MarkPage(t, b)
	taps.Tap(`.waiting a.button.big`)
	WaitNewPage(t, b, `form.rate-form`)
	if h := mustText(t, b, `main h1`); !strings.HasPrefix(h, "自评") {
		t.Fatalf("the home button opens %q, want the self-rating", h)
	}
	if got := mustText(t, b, `[data-where]`); got != "德 1/6" {
		t.Errorf("the form opens at %q, want 德 1/6", got)
	}
	Screenshot(t, b, "rate-form-phone")
	Axe(t, b, "rating form")

	// Rate the first screen, then the draft is saved in the background.
	taps.Tap(`section.rate-dim[data-dim="1"] fieldset.rate-item:nth-of-type(1) label.option:nth-child(2) > span`)
	waitText(t, b, `[data-status]`, "草稿已自动保存")
	if rs, err := st.RatingsOfRater(ctx, f.School.ID, c.ID, model.RaterSelf, f.StudentA1.ID); err != nil || len(rs) != 1 || rs[0].Value != 85 {
		t.Fatalf("draft after one tap: %+v %v", rs, err)
	}
	// The rest of the self-rating (the first question is chosen already:
	// tapping it again would be a wasted tap, so start from the second).
	dims, _ := chromedp.Run(b, chromedp.Evaluate[[]int](`Array.from(document.querySelectorAll(".rate-dim")).map(function (d) { return d.querySelectorAll(".rate-item").length; })`))
	for d, n := range dims {
		sec := fmt.Sprintf(`section.rate-dim[data-dim="%d"]`, d+1)
		if err := chromedp.Do(b, chromedp.WaitVisible(sec)); err != nil {
			t.Fatalf("screen %d did not show by itself: %v", d+1, err)
		}
		if d == len(dims)-1 {
			Screenshot(t, b, "rate-form-last-screen-phone")
		}
		for i := 1; i <= n; i++ {
			if d == 0 && i == 1 {
				continue
			}
			taps.Tap(fmt.Sprintf(`%s fieldset.rate-item:nth-of-type(%d) label.option:nth-child(2) > span`, sec, i))
		}
	}
	MarkPage(t, b)
	taps.Tap(`form.rate-form button[data-submit]`)
	WaitNewPage(t, b, `main h1`)
	// Then the four classmates, each form leading to the next.
	for k := range 4 {
		if h := mustText(t, b, `main h1`); !strings.HasPrefix(h, "互评") {
			t.Fatalf("after %d classmates the submit leads to %q, want the next classmate", k, h)
		}
		rateByTaps(t, b, taps)
	}
	if h := mustText(t, b, `main h1`); h != "我的评价" {
		t.Fatalf("after the last classmate: %q", h)
	}
	t.Logf("self plus 4 classmates: %d taps", taps.N)
	if taps.N > maxTaps {
		t.Errorf("self plus 4 classmates took %d taps, want at most %d", taps.N, maxTaps)
	}

	// Every sheet is complete, and the list says so.
	for _, role := range []model.RaterRole{model.RaterSelf, model.RaterPeer} {
		tasks, err := st.TasksForRater(ctx, f.School.ID, c.ID, role, f.StudentA1.ID)
		if err != nil {
			t.Fatal(err)
		}
		rs, _ := st.RatingsOfRater(ctx, f.School.ID, c.ID, role, f.StudentA1.ID)
		if want := len(tasks) * len(eval.IndicatorsFor(fw, role)); len(rs) != want {
			t.Errorf("%s: %d ratings stored, want %d", role, len(rs), want)
		}
	}
	if got := mustText(t, b, `main`); strings.Count(got, "已完成") < 5 || strings.Contains(got, "草稿") || strings.Contains(got, "未开始") {
		t.Errorf("the list after rating everyone:\n%s", got)
	}
	Screenshot(t, b, "rate-list-phone")
	Axe(t, b, "rating list")
	if _, err := chromedp.Run(b, chromedp.Navigate(site.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, b, `.waiting h2`); !strings.Contains(got, "都已完成") {
		t.Errorf("home after rating everyone: %q", got)
	}
}

// TestRatingResumesADraft: a parent rates the first screen, leaves, and
// the home page's button brings them back at the first screen left to
// rate; the list shows the draft with how far it is.
func TestRatingResumesADraft(t *testing.T) {
	st, f, c, _ := phoneCycle(t, "rs")
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	phoneLogin(t, b, site.URL, "jiazhang@rs", 390)
	if got := mustText(t, b, `.waiting h2`); got != "你还有 1 份评价未完成，截止 12月20日" {
		t.Errorf("parent's home says %q", got)
	}
	taps := NewTaps(t, b)
	MarkPage(t, b)
	taps.Tap(`.waiting a.button.big`)
	WaitNewPage(t, b, `form.rate-form`)
	taps.Tap(`section.rate-dim[data-dim="1"] fieldset.rate-item:nth-of-type(1) label.option:nth-child(1) > span`)
	if err := chromedp.Do(b, chromedp.WaitVisible(`section.rate-dim[data-dim="2"]`)); err != nil {
		t.Fatalf("choosing the only question of 德 did not move on: %v", err)
	}
	waitText(t, b, `[data-status]`, "草稿已自动保存")
	if _, err := chromedp.Run(b, chromedp.Navigate(site.URL+"/rate")); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, b, `.task-list`); !strings.Contains(got, "草稿 1/6") {
		t.Errorf("the list shows %q, want 草稿 1/6", got)
	}
	Screenshot(t, b, "rate-list-draft-phone")
	if _, err := chromedp.Run(b, chromedp.Navigate(site.URL+"/")); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, b)
	taps.Tap(`.waiting a.button.big`)
	WaitNewPage(t, b, `form.rate-form`)
	if err := chromedp.Do(b, chromedp.WaitVisible(`section.rate-dim[data-dim="2"]`)); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, b, `[data-where]`); got != "体 2/4" {
		t.Errorf("the draft resumes at %q, want 体 2/4", got)
	}
	rs, err := st.RatingsOfRater(context.Background(), f.School.ID, c.ID, model.RaterParent, f.Users[model.RoleParent].GuardianID)
	if err != nil || len(rs) != 1 || rs[0].IndicatorCode != "D01" || rs[0].Value != 95 {
		t.Fatalf("parent's draft: %+v %v", rs, err)
	}
}

// TestRatingPagesOnADesktop: the same pages at desktop width, for a
// person to look at (the screenshots), and axe-core's checks there too.
func TestRatingPagesOnADesktop(t *testing.T) {
	st, _, c, _ := phoneCycle(t, "dk")
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	phoneLogin(t, b, site.URL, "xs1@dk", 0)
	Screenshot(t, b, "home-student-desktop")
	Axe(t, b, "home (desktop)")
	MarkPage(t, b)
	if err := chromedp.Do(b, chromedp.Click(`.waiting a.button.big`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, b, `form.rate-form`)
	Screenshot(t, b, "rate-form-desktop")
	Axe(t, b, "rating form (desktop)")
	if _, err := chromedp.Run(b, chromedp.Navigate(site.URL+"/rate")); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "rate-list-desktop")
	Axe(t, b, "rating list (desktop)")
	_ = c
}

// TestStudentResultPassesAxe: a student's own result page (from 公示 on)
// at 390 pixels passes axe-core's checks.
func TestStudentResultPassesAxe(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "ra", true)
	cy := testfix.BuildCycles(t, st, f)
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	phoneLogin(t, b, site.URL, "xs1@ra", 390)
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/results/"+itoa(cy.Prev.ID)+"/students/"+itoa(f.StudentA1.ID)), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "result-student-phone")
	Axe(t, b, "student's result")
}

// checkMenuButton: the phone menu button is at least 44×44 pixels and its
// symbol has a contrast of at least 4.5:1 against what is behind it,
// computed from the computed styles.
func checkMenuButton(t *testing.T, b context.Context) {
	t.Helper()
	type box struct {
		W, H, Contrast float64
	}
	got, err := chromedp.Run(b, chromedp.Evaluate[box](`(function () {
		var el = document.querySelector(".menu-toggle"), r = el.getBoundingClientRect();
		function rgb(s) { var m = s.match(/[\d.]+/g).map(Number); return { c: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; }
		function lum(c) { var v = c.map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
		var fg = rgb(getComputedStyle(el).color).c, bg = null;
		for (var n = el; n && !bg; n = n.parentElement) { var b = rgb(getComputedStyle(n).backgroundColor); if (b.a > 0) bg = b.c; }
		bg = bg || [255, 255, 255];
		var l1 = lum(fg), l2 = lum(bg);
		return { W: r.width, H: r.height, Contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("menu button %.0f×%.0f px, contrast %.2f:1", got.W, got.H, got.Contrast)
	if got.W < 44 || got.H < 44 {
		t.Errorf("menu button is %.0f×%.0f px, want at least 44×44", got.W, got.H)
	}
	if got.Contrast < 4.5 {
		t.Errorf("menu button contrast %.2f:1, want at least 4.5:1", got.Contrast)
	}
	// And it opens the menu, and closes it again.
	if err := chromedp.Do(b, chromedp.Click(`.menu-toggle`), chromedp.WaitVisible(`nav.sidebar a`), chromedp.Click(`.menu-toggle`), chromedp.WaitNotVisible(`nav.sidebar a`)); err != nil {
		t.Fatalf("menu button: %v", err)
	}
}

// waitText waits until the text of sel contains want.
func waitText(t *testing.T, b context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, err := chromedp.Run(b, chromedp.Evaluate[string](`(document.querySelector(`+jsString(sel)+`) || {}).textContent || ""`))
		if err == nil && strings.Contains(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s shows %q, want %q (%v)", sel, got, want, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
