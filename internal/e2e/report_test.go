package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/bench"
	"zhijiao/internal/demo"
	"zhijiao/internal/testdb"
	"zhijiao/internal/ui"
)

// TestReportBatchExportInBrowser: the school admin starts a batch export
// of a cohort from the reports page, reloads the progress page while it
// runs, and watches the progress bar (polled by htmx, not by reloading)
// reach 100% with a download link; then opens a printable card and checks
// its code on the public verification page, on a desktop and on a phone.
func TestReportBatchExportInBrowser(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	_, c, err := bench.PublicisedSchool(ctx, st, "rp", "报告单测试学校", 150)
	if err != nil {
		t.Fatal(err)
	}
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	if err := chromedp.Do(b,
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "admin@rp"),
		chromedp.SendKeys(`input[name=password]`, demo.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
		chromedp.Navigate(site.URL+"/reports"),
		chromedp.WaitVisible(`select[name=target]`),
	); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "report-list")
	// Export the largest cohort (the first option).
	if err := chromedp.Do(b,
		chromedp.Click(`form.cohort-export button`),
		chromedp.WaitVisible(`#job-progress`),
	); err != nil {
		t.Fatalf("start export: %v", err)
	}
	jobURL, err := chromedp.Run(b, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`/reports/jobs/\d+$`).MatchString(jobURL) {
		t.Fatalf("export opened %s", jobURL)
	}
	Screenshot(t, b, "report-job-started")
	// A reload mid-way shows the same job, still progressing.
	if err := chromedp.Do(b, chromedp.Reload(), chromedp.WaitVisible(`#job-progress`)); err != nil {
		t.Fatal(err)
	}
	state := mustAttr(t, b, `#job-progress .badge`, "data-state")
	Screenshot(t, b, "report-job-after-reload")
	t.Logf("after reload the job is %s: %s", state, mustText(t, b, `.job-count`))
	// No more reloads: htmx polling must bring the page to done. The page
	// is marked, and the mark must survive: the same document got there.
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){ window.__zjPage = true; return true })()`)); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(b, 75*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(`#job-download`)); err != nil {
		t.Fatalf("progress never reached the download link (last state %s): %v", mustAttr(t, b, `#job-progress .badge`, "data-state"), err)
	}
	if same, err := chromedp.Run(b, chromedp.Evaluate[bool](`window.__zjPage === true`)); err != nil || !same {
		t.Fatalf("the page was reloaded, not updated in place: %v", err)
	}
	if p := mustText(t, b, `.job-percent`); strings.TrimSpace(p) != "100%" {
		t.Errorf("finished job shows %q", p)
	}
	if now := mustAttr(t, b, `.progress`, "aria-valuenow"); now != "100" {
		t.Errorf("progress bar at %s", now)
	}
	href := mustAttr(t, b, `#job-download`, "href")
	if !strings.HasSuffix(href, ".zip") {
		t.Errorf("download link %q", href)
	}
	Screenshot(t, b, "report-job-done")

	// A printable card and its verification, desktop and phone.
	stu, _ := st.CycleResults(ctx, c.SchoolID, c.ID, 0)
	card := site.URL + "/reports/" + itoa(c.ID) + "/students/" + itoa(stu[0].StudentID)
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		if err := chromedp.Do(b, chromedp.EmulateViewport(vp.w, vp.h), chromedp.Navigate(card), chromedp.WaitVisible(`article.sheet`)); err != nil {
			t.Fatal(err)
		}
		Screenshot(t, b, "report-card-"+vp.name)
		noSideways(t, b, "card "+vp.name)
		code := strings.TrimSpace(mustText(t, b, `.verify-text strong`))
		if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/verify"), chromedp.WaitVisible(`#code`),
			chromedp.SendKeys(`#code`, strings.ToLower(code)), chromedp.Click(`.verify button`), chromedp.WaitVisible(`.verdict-word`)); err != nil {
			t.Fatal(err)
		}
		if v := mustText(t, b, `.verdict-word`); !strings.Contains(v, "有效") || strings.Contains(v, "无效") {
			t.Errorf("verification of %s says %q", code, v)
		}
		Screenshot(t, b, "report-verify-"+vp.name)
		noSideways(t, b, "verify "+vp.name)
		if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/reports"), chromedp.WaitVisible(`main h1`)); err != nil {
			t.Fatal(err)
		}
		noSideways(t, b, "reports "+vp.name)
		Screenshot(t, b, "report-list-"+vp.name)
	}

	// The student, on a phone: their own card is on the reports page.
	sb := Browser(t)
	no := ""
	if s, err := st.Student(ctx, c.SchoolID, stu[0].StudentID); err == nil {
		no = s.StudentNo
	}
	if err := chromedp.Do(sb,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, no+"@rp"),
		chromedp.SendKeys(`input[name=password]`, demo.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
		chromedp.Navigate(site.URL+"/reports"),
		chromedp.WaitVisible(`main h1`),
	); err != nil {
		t.Fatalf("student %s: %v", no, err)
	}
	Screenshot(t, sb, "report-list-student-phone")
	noSideways(t, sb, "student's reports page")
	if href := mustAttr(t, sb, `a[href$=".pdf"]`, "href"); href != "/reports/"+itoa(c.ID)+"/students/"+itoa(stu[0].StudentID)+".pdf" {
		t.Errorf("student's first PDF link is %s", href)
	}
}

func mustAttr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.AttributeValue(sel, name))
	if err != nil || !a.Exists {
		t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return a.Value
}

func noSideways(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Errorf("%s scrolls sideways", what)
	}
}
