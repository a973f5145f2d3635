package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// devFiles writes a certificate photo and a 国培 roster of two teachers.
func devFiles(t *testing.T) (photo, roster string) {
	t.Helper()
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	photo = filepath.Join(dir, "证书.png")
	os.WriteFile(photo, buf.Bytes(), 0o644)
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range [][]string{{"工号", "姓名", "备注"}, {"T001", "王老师", ""}, {"", "李老师", "同名时须写工号"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	roster = filepath.Join(dir, "国培名单.xlsx")
	if err := f.SaveAs(roster); err != nil {
		t.Fatal(err)
	}
	return photo, roster
}

// TestDevelopmentRecordsInBrowser: a teacher adds their own certificate
// with a photo on a 390-pixel phone in a few taps; the 人事处 imports a
// 国培 roster on a desktop, then verifies the teacher's certificate from
// the queue. Every page passes axe-core's checks.
func TestDevelopmentRecordsInBrowser(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "dv", true)
	site := Serve(t, st, ui.Options{})
	photo, roster := devFiles(t)

	b := Browser(t)
	phoneLogin(t, b, site.URL, "renke@dv", 390)
	taps := NewTaps(t, b)
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/development/records/mine"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Axe(t, b, "my records")
	MarkPage(t, b)
	taps.Tap(`a[href="/development/records/new"]`)
	WaitNewPage(t, b, `.kind-pick`)
	Screenshot(t, b, "development-kinds-phone")
	Axe(t, b, "kind picker")
	MarkPage(t, b)
	taps.Tap(`.kind-pick a[href$="kind=certificate"]`)
	WaitNewPage(t, b, `form input[name=issuer]`)
	if err := chromedp.Do(b,
		chromedp.SetValue(`input[name=title]`, "数控车工（高级）"),
		chromedp.SetValue(`input[name=starts_on]`, "2025-06-01"),
		chromedp.SetValue(`input[name=issuer]`, "市人力资源和社会保障局"),
		chromedp.SetValue(`input[name=number]`, "S2025-0001"),
		chromedp.SetUploadFiles(`input[name=proof]`, []string{photo}),
	); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "development-form-phone")
	Axe(t, b, "certificate form")
	MarkPage(t, b)
	taps.Tap(`form button.primary`)
	WaitNewPage(t, b, `main h1`)
	if got := mustText(t, b, `.flash`); !strings.Contains(got, "记录已提交") {
		t.Fatalf("after submitting: %q", got)
	}
	Screenshot(t, b, "development-show-phone")
	Axe(t, b, "record page")
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/development/records/mine"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, b, `tbody`); !strings.Contains(got, "数控车工（高级）") || !strings.Contains(got, "待核实") {
		t.Errorf("my list after adding: %q", got)
	}
	Screenshot(t, b, "development-mine-phone")

	office := Browser(t)
	phoneLogin(t, office, site.URL, "renshi@dv", 1280)
	otaps := NewTaps(t, office)
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/development/records/import"), chromedp.WaitVisible(`input[name=file]`)); err != nil {
		t.Fatal(err)
	}
	Axe(t, office, "roster import")
	if err := chromedp.Do(office,
		chromedp.SetValue(`select[name=kind]`, "national"),
		chromedp.SetValue(`input[name=title]`, "国培计划 中职数控骨干教师培训"),
		chromedp.SetValue(`input[name=provider]`, "某职业技术师范大学"),
		chromedp.SetValue(`input[name=starts_on]`, "2026-07-06"),
		chromedp.SetValue(`input[name=ends_on]`, "2026-07-24"),
		chromedp.SetValue(`input[name=hours]`, "120"),
		chromedp.SetUploadFiles(`input[name=file]`, []string{roster}),
	); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, office, "development-import-desktop")
	MarkPage(t, office)
	otaps.Tap(`form button.primary`)
	WaitNewPage(t, office, `main h1`)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "已导入 2 位教师") {
		t.Fatalf("after the import: %q", got)
	}
	Screenshot(t, office, "development-list-desktop")
	Axe(t, office, "records list")
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/development/records/review"), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, office, "development-review-desktop")
	Axe(t, office, "review queue")
	otaps.Tap(`input[name=id]`)
	MarkPage(t, office)
	otaps.Tap(`button[value=verify]`)
	WaitNewPage(t, office, `main h1`)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "已核实 1 条记录") {
		t.Errorf("after verifying: %q", got)
	}
	rows, n, err := st.ListDevelopmentRecords(ctx, f.School.ID, storage.DevelopmentFilter{ListQuery: storage.DevelopmentFilter{}.ListQuery.All(), Scope: storage.DevelopmentScope{All: true}})
	if err != nil || n != 3 {
		t.Fatalf("stored: %d %v", n, err)
	}
	for _, d := range rows {
		if d.Status != teacherdev.StatusVerified {
			t.Errorf("%s of %s is %s", d.Title, d.TeacherName, d.Status)
		}
	}
	if files, _ := st.DevelopmentFiles(ctx, f.School.ID, rows[len(rows)-1].ID); len(files) != 1 {
		t.Errorf("the certificate's photo: %v", files)
	}
}
