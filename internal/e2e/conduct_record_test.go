package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// maxConductTaps is what recording one descriptor for five students may
// cost a head teacher on a phone, from the home page (issue 12).
const maxConductTaps = 10

// TestConductRecordTakesFewTaps: a head teacher, from the home page after
// login, records 早操迟到 for five students of their class on a 390-pixel
// phone in at most maxConductTaps taps, without the keyboard; the five
// records count at once. The pages pass axe-core's checks.
func TestConductRecordTakesFewTaps(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "cr", true)
	sid := f.School.ID
	for i := range 4 {
		birth := time.Date(2010, 6, i+1, 0, 0, 0, 0, time.UTC)
		s := model.Student{StudentNo: fmt.Sprintf("cr-A%d", i+3), Name: []string{"刘三", "孙四", "周五", "吴六"}[i], Gender: model.Female,
			ClassID: f.ClassA.ID, IDNumber: idcheck.MakeIDNumber("500112", birth, 20+i, false), BirthDate: birth.Format("2006-01-02")}
		if err := st.CreateStudent(ctx, sid, model.SystemActor, &s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AdoptDefaultDescriptors(ctx, sid, model.SystemActor); err != nil {
		t.Fatal(err)
	}
	var late int64
	ds, _ := st.ConductDescriptors(ctx, sid, true)
	for _, d := range ds {
		if d.Name == "早操迟到" {
			late = d.ID
		}
	}
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	phoneLogin(t, b, site.URL, "banzhuren@cr", 390)
	Axe(t, b, "home with the record button")

	taps := NewTaps(t, b)
	MarkPage(t, b)
	taps.Tap(`.conduct-home a.button.big`)
	WaitNewPage(t, b, `form.conduct-form`)
	Screenshot(t, b, "conduct-record-phone")
	Axe(t, b, "conduct record page")
	for i := 1; i <= 5; i++ {
		taps.Tap(fmt.Sprintf(`.pick-grid label.pick-student:nth-child(%d) > span`, i))
	}
	taps.Tap(fmt.Sprintf(`label.desc-chip input[value="%d"] + span`, late))
	MarkPage(t, b)
	taps.Tap(`button[data-save]`)
	WaitNewPage(t, b, `main h1`)
	if got := mustText(t, b, `.flash`); !strings.Contains(got, "已为 5 名学生记录“早操迟到”") {
		t.Errorf("after saving: %q", got)
	}
	t.Logf("five students, one descriptor: %d taps", taps.N)
	if taps.N > maxConductTaps {
		t.Errorf("recording took %d taps, want at most %d", taps.N, maxConductTaps)
	}
	rows, n, err := st.ListConduct(ctx, sid, storage.ConductFilter{})
	if err != nil || n != 5 {
		t.Fatalf("records: %d %v", n, err)
	}
	for _, r := range rows {
		if r.Title != "早操迟到" || r.Points != -1 || r.Category != "守时守纪" || r.Status != model.EvidenceVerified || r.ClassID != f.ClassA.ID {
			t.Errorf("record %+v", r)
		}
	}
	// The queue and the list, as the 德育处 on a desktop.
	d := Browser(t)
	phoneLogin(t, d, site.URL, "deyu@cr", 0)
	for _, p := range []string{"/conduct/record?class=" + fmt.Sprint(f.ClassA.ID), "/conduct/queue", "/conduct/records", "/conduct/descriptors"} {
		if err := chromedp.Do(d, chromedp.Navigate(site.URL+p), chromedp.WaitVisible(`main h1`)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		Axe(t, d, p)
	}
	if err := chromedp.Do(d, chromedp.Navigate(site.URL+"/conduct/record?class="+fmt.Sprint(f.ClassA.ID)), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, d, "conduct-record-desktop")
}
