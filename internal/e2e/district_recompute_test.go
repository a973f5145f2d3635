package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestDistrictRecomputeFlow: the platform admin starts a district
// recompute for the fixture's term, lands on its progress page, and the
// polled progress block reaches 已完成 with the school's cycle recomputed,
// without a reload; both pages pass axe.
func TestDistrictRecomputeFlow(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "dr", true)
	testfix.BuildCycles(t, st, f)
	site := Serve(t, st, ui.Options{})
	b := LoginAs(t, site.URL, "root")
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/district/recompute"), chromedp.WaitVisible(`#district-recompute-start`)); err != nil {
		t.Fatal(err)
	}
	Axe(t, b, "district recompute")
	MarkPage(t, b)
	if err := chromedp.Do(b,
		chromedp.SetValue(`select[name=term]`, "2026-2027/1"),
		chromedp.Click(`#district-recompute-start button`),
	); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, b, `#job-progress`)
	// The page polls itself; the block is replaced until the job is done.
	if err := chromedp.Do(b, chromedp.Poll[chromedp.Void](`document.querySelector('#job-progress .badge').dataset.state === "done"`)); err != nil {
		t.Fatalf("the progress never reached done: %v", err)
	}
	Screenshot(t, b, "district-recompute-done")
	text := mustText(t, b, `#job-progress`)
	if !strings.Contains(text, "1 / 1") || !strings.Contains(text, "测试学校dr") {
		t.Errorf("progress block: %q", text)
	}
	row := mustText(t, b, `.district-job-schools tbody tr`)
	if !strings.Contains(row, "已完成") {
		t.Errorf("school row: %q, want 已完成", row)
	}
	Axe(t, b, "district recompute progress")
	jobs, err := st.DistrictJobs(context.Background(), 0, true, 5)
	if err != nil || len(jobs) != 1 || jobs[0].CreatedByName != "root" {
		t.Fatalf("stored job: %+v %v", jobs, err)
	}
}
