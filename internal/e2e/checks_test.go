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

// maxCheckTaps is what recording one reason for three classes may cost a
// duty teacher on a phone, from the entry page: the item, three classes,
// the reason and save.
const maxCheckTaps = 6

// TestDutyCheckPublishesARanking: on a 390-pixel phone a duty teacher
// records 卫生 "地面有纸屑" for three classes of two grades by tapping only,
// the 德育处 publishes the day, and the board ranks the classes — each
// page passing axe-core's checks.
func TestDutyCheckPublishesARanking(t *testing.T) {
	st, f, c, hygiene := checkSchool(t)
	site := Serve(t, st, ui.Options{})

	b := Browser(t)
	phoneLogin(t, b, site.URL, "zhizhou@dc", 390)
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/checks/entry"), chromedp.WaitVisible(`.item-tabs`)); err != nil {
		t.Fatal(err)
	}
	taps := NewTaps(t, b)
	MarkPage(t, b)
	taps.Tap(fmt.Sprintf(`.item-tabs a[href$="item=%d"]`, hygiene.ID))
	WaitNewPage(t, b, `form.entry-form`)
	for _, id := range []int64{f.ClassA.ID, f.ClassB.ID, c.ID} {
		taps.Tap(fmt.Sprintf(`label.tile input[name=class][value="%d"] + span`, id))
	}
	taps.Tap(fmt.Sprintf(`fieldset[data-reasons] input[value="%d"] + span`, hygiene.Reasons[0].ID))
	Screenshot(t, b, "checks-entry-phone")
	Axe(t, b, "check entry")
	MarkPage(t, b)
	taps.Tap(`.save-bar button`)
	WaitNewPage(t, b, `main h1`)
	if taps.N > maxCheckTaps {
		t.Errorf("recording three classes took %d taps, want at most %d", taps.N, maxCheckTaps)
	}
	if got := mustText(t, b, `.flash`); !strings.Contains(got, "3") {
		t.Errorf("after saving the page says %q", got)
	}
	if got := mustText(t, b, `ul.entries`); strings.Count(got, "地面有纸屑") != 3 {
		t.Errorf("the day's entries: %q", got)
	}
	Axe(t, b, "check entry with the day's entries")
	// Class B loses another point, so the ranking is not a tie.
	taps.Tap(fmt.Sprintf(`label.tile input[name=class][value="%d"] + span`, f.ClassB.ID))
	taps.Tap(fmt.Sprintf(`fieldset[data-reasons] input[value="%d"] + span`, hygiene.Reasons[1].ID))
	MarkPage(t, b)
	taps.Tap(`.save-bar button`)
	WaitNewPage(t, b, `ul.entries`)

	m := Browser(t)
	phoneLogin(t, m, site.URL, "deyu@dc", 390)
	if err := chromedp.Do(m, chromedp.Navigate(site.URL+"/checks/entry"), chromedp.WaitVisible(`ul.entries`)); err != nil {
		t.Fatal(err)
	}
	mt := NewTaps(t, m)
	MarkPage(t, m)
	mt.Tap(`form[action$="/publish"] button`)
	WaitNewPage(t, m, `ol.board`)
	Screenshot(t, m, "checks-board-phone")
	Axe(t, m, "class board")
	rows, err := chromedp.Run(m, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("ol.board > li")).map(function (li) {
		return li.querySelector(".rank").textContent.trim() + " " + li.querySelector(".cls").textContent.trim() + " " + li.querySelector(".score").textContent.trim(); })`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1 " + f.ClassA.Name + " 99", "2 " + f.ClassB.Name + " 98.5", "1 " + c.Name + " 99"} // newest grade first
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("board rows %q, want %q", rows, want)
	}
	if got := mustText(t, m, `section[aria-labelledby=week-h]`); !strings.Contains(got, f.ClassB.Name) || !strings.Contains(got, "98.5") {
		t.Errorf("the week's ranking: %q", got)
	}
	if err := chromedp.Do(m, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, m, "checks-board-desktop")
}

// checkSchool is a fixture school with the default check items and a
// class of the grade above (so the entry page groups by grade); it returns
// that class and the item 卫生.
func checkSchool(t *testing.T) (*storage.Storage, *testfix.School, model.Class, storage.CheckItem) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "dc", true)
	sid, a := f.School.ID, model.SystemActor
	if err := st.AdoptDefaultCheckItems(ctx, sid, a); err != nil {
		t.Fatal(err)
	}
	c := model.Class{Name: "2025级电商1班", EntryYear: 2025, MajorID: f.Major.ID}
	if err := st.CreateClass(ctx, sid, a, &c); err != nil {
		t.Fatal(err)
	}
	birth := time.Date(2009, 3, 1, 0, 0, 0, 0, time.UTC)
	s := model.Student{StudentNo: "dc-C1", Name: "郑七", Gender: model.Male, ClassID: c.ID, IDNumber: idcheck.MakeIDNumber("500112", birth, 21, true), BirthDate: birth.Format("2006-01-02")}
	if err := st.CreateStudent(ctx, sid, a, &s); err != nil {
		t.Fatal(err)
	}
	items, err := st.CheckItems(ctx, sid, true)
	if err != nil {
		t.Fatal(err)
	}
	var hygiene storage.CheckItem
	for _, it := range items {
		if it.Name == "卫生" {
			hygiene = it
		}
	}
	return st, f, c, hygiene
}
