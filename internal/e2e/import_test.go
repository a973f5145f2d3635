package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/bench"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestAdminImportsRosterInBrowser: an admin logs in, opens 导入导出,
// uploads a roster with one bad row and sees the row error with nothing
// written, then uploads the corrected file and finds the students in the list.
func TestAdminImportsRosterInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "web", true)
	site := Serve(t, st, ui.Options{})
	ctx := Browser(t)
	dir := t.TempDir()

	good, err := bench.RosterXLSX([]string{f.ClassA.Name, f.ClassB.Name}, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	goodPath := filepath.Join(dir, "花名册.xlsx")
	os.WriteFile(goodPath, good, 0o644)
	badPath := filepath.Join(dir, "花名册-有误.csv")
	os.WriteFile(badPath, []byte("学号,姓名,性别,身份证号,班级\nX001,错误甲,男,110105194912310021,"+f.ClassA.Name+"\nX002,正确乙,女,,"+f.ClassA.Name+"\n"), 0o644)

	err = chromedp.Do(ctx,
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "admin@web"),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`nav.sidebar`),
		chromedp.Navigate(site.URL+"/import"),
		chromedp.WaitVisible(`#students input[type=file]`),
		chromedp.SetUploadFiles(`#students input[type=file]`, []string{badPath}),
		chromedp.Click(`#students button`),
		chromedp.WaitVisible(`table.errors`),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := mustText(t, ctx, `main`)
	Screenshot(t, ctx, "import-errors")
	if !strings.Contains(text, "未写入任何数据") || !strings.Contains(text, "校验位") {
		t.Fatalf("error page does not explain the bad row:\n%s", text)
	}
	assertStudents(t, st, f.School.ID, 3) // only the fixture's three

	MarkPage(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(`#students input[type=file]`, []string{goodPath}),
		chromedp.Click(`#students button`),
	)
	if err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, ctx, `.flash.ok`)
	text = mustText(t, ctx, `.flash.ok`)
	Screenshot(t, ctx, "import-ok")
	if !strings.Contains(text, "新增 40") {
		t.Fatalf("success message: %q", text)
	}
	assertStudents(t, st, f.School.ID, 43)

	err = chromedp.Do(ctx,
		chromedp.Navigate(site.URL+"/students?class="+itoa(f.ClassA.ID)),
		chromedp.WaitVisible(`table`),
	)
	if err != nil {
		t.Fatal(err)
	}
	text = mustText(t, ctx, `main`)
	Screenshot(t, ctx, "students-after-import")
	if !strings.Contains(text, "共 22 条") {
		t.Fatalf("class A should list 2 + 20 imported students:\n%s", text)
	}
}

func assertStudents(t *testing.T, st *storage.Storage, school int64, want int) {
	t.Helper()
	_, total, err := st.Students(context.Background(), school, storage.StudentFilter{ListQuery: model.ListQuery{}})
	if err != nil || total != want {
		t.Fatalf("students in school: %d (%v), want %d", total, err, want)
	}
}

// TestStudentSearchAsYouType: the list filters while the user types
// (htmx swaps the results in place), and the URL keeps the search.
func TestStudentSearchAsYouType(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "srch", true)
	site := Serve(t, st, ui.Options{})
	ctx := Browser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "admin@srch"),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`nav.sidebar`),
		chromedp.Navigate(site.URL+"/students"),
		chromedp.WaitVisible(`#results`),
		chromedp.SendKeys(`input[type=search]`, "陈"),
	)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		// Read through the live document: htmx replaces #results while the
		// search runs, and a node read by id can vanish between lookup and
		// text.
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#results') || {}).innerText || ''`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text, f.StudentB1.Name) && !strings.Contains(text, f.StudentA1.Name) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("results did not narrow to 陈:\n%s", text)
		}
		time.Sleep(100 * time.Millisecond)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "q=") {
		t.Fatalf("search not in the URL: %s %v", loc, err)
	}
}
