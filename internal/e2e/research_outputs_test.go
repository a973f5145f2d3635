package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// fillPaper picks 论文 and fills the paper's fields on the open form.
func fillPaper(t *testing.T, b context.Context, taps *Taps, title, doi string) {
	t.Helper()
	MarkPage(t, b)
	taps.Tap(`.kind-pick a[href$="kind=paper"]`)
	WaitNewPage(t, b, `form input[name=title]`)
	if err := chromedp.Do(b,
		chromedp.SetValue(`input[name=title]`, title),
		chromedp.SetValue(`select[name=grade]`, "核心期刊"),
		chromedp.SetValue(`input[name=dated_on]`, "2026-05-10"),
		chromedp.SetValue(`input[name=f_journal]`, "职业技术教育"),
		chromedp.SetValue(`input[name=f_issn]`, "1008-3219"),
		chromedp.SetValue(`input[name=f_year]`, "2026"),
		chromedp.SetValue(`input[name=f_issue]`, "14"),
		chromedp.SetValue(`input[name=f_doi]`, doi),
	); err != nil {
		t.Fatalf("fill the paper: %v", err)
	}
}

// TestResearchPaperOnPhone: a head teacher enters a paper with a
// co-author on a 390-pixel phone; the co-author's own copy is caught with
// a link to the first; the 科研处 verifies it from the review queue. The
// pages pass axe-core's checks.
func TestResearchPaperOnPhone(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "rp", true)
	site := Serve(t, st, ui.Options{})

	b := Browser(t)
	phoneLogin(t, b, site.URL, "banzhuren@rp", 390)
	taps := NewTaps(t, b)
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/research/outputs/mine"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Axe(t, b, "my research outputs")
	MarkPage(t, b)
	taps.Tap(`a[href="/research/outputs/new"]`)
	WaitNewPage(t, b, `.kind-pick`)
	Axe(t, b, "kind picker")
	fillPaper(t, b, taps, "“岗课赛证”融通的中职课堂革命路径研究", "10.3969/j.issn.1008-3219.2026.14.001")
	if err := chromedp.Do(b, chromedp.SetValue(`.contrib:nth-of-type(2) input[name=c_who]`, "李老师 T002")); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "research-form-phone")
	Axe(t, b, "paper form")
	MarkPage(t, b)
	taps.Tap(`form button.primary`)
	WaitNewPage(t, b, `main h1`)
	if got := mustText(t, b, `.flash`); !strings.Contains(got, "成果已提交") {
		t.Fatalf("after submitting: %q", got)
	}
	Screenshot(t, b, "research-show-phone")
	Axe(t, b, "output page")
	first, err := chromedp.Run(b, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || !strings.HasPrefix(first, "/research/outputs/") {
		t.Fatalf("the new output's page: %q %v", first, err)
	}
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/research/outputs/mine"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "research-mine-phone")

	co := Browser(t)
	phoneLogin(t, co, site.URL, "renke@rp", 390)
	coTaps := NewTaps(t, co)
	if err := chromedp.Do(co, chromedp.Navigate(site.URL+"/research/outputs/new"), chromedp.WaitVisible(`.kind-pick`)); err != nil {
		t.Fatal(err)
	}
	fillPaper(t, co, coTaps, "岗课赛证融通的课堂革命路径", "https://doi.org/10.3969/J.ISSN.1008-3219.2026.14.001")
	MarkPage(t, co)
	coTaps.Tap(`form button.primary`)
	WaitNewPage(t, co, `.dup`)
	if got := mustText(t, co, `.dup h2`); got != "这项成果已经录入过" {
		t.Errorf("the co-author's copy: %q", got)
	}
	if href, _ := chromedp.Run(co, chromedp.Evaluate[string](`document.querySelector(".dup a").getAttribute("href")`)); href != first {
		t.Errorf("the duplicate links %q, want %q", href, first)
	}
	Screenshot(t, co, "research-duplicate-phone")
	Axe(t, co, "duplicate caught")

	office := Browser(t)
	phoneLogin(t, office, site.URL, "keyan@rp", 390)
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/research/review"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, office, "research-review-phone")
	if err := chromedp.Do(office, chromedp.EmulateViewport(1280, 844)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/research/review"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, office, "research-review-desktop")
	Axe(t, office, "review queue")
	officeTaps := NewTaps(t, office)
	officeTaps.Tap(`input[name=id]`)
	MarkPage(t, office)
	officeTaps.Tap(`button[value=verify]`)
	WaitNewPage(t, office, `main h1`)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "已认定 1 项成果") {
		t.Errorf("after verifying: %q", got)
	}
	rows, n, err := st.ListResearchOutputs(ctx, f.School.ID, storage.ResearchFilter{ListQuery: storage.ResearchFilter{}.ListQuery.All()})
	if err != nil || n != 1 || rows[0].Status != research.StatusVerified || len(rows[0].Contributors) != 2 || rows[0].Contributors[1].TeacherID != f.TeacherSubject.ID {
		t.Fatalf("stored: %d %+v %v", n, rows, err)
	}
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/research/outputs"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, office, "research-list-desktop")
	Axe(t, office, "outputs list")
}
