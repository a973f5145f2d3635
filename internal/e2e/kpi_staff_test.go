package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestStaffBlockInBrowser: the school's admin opens 数据画像 for the school
// year, sees the 师资 block with its charts drawn, and drills down from
// the practice compliance card to the teacher and their days; on a
// 390-pixel phone the block fits and its award card opens the merged team
// award with every member. The pages pass axe-core.
func TestStaffBlockInBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "sb", false)
	testfix.SeedStaff(t, st, f)
	site := Serve(t, st, ui.Options{})
	year := "?p=custom&from=2025-09-01&to=2026-08-31"

	admin := LoginAs(t, site.URL, "admin@sb")
	if err := chromedp.Do(admin, chromedp.Navigate(site.URL+"/kpi"+year), chromedp.WaitVisible(`#kpi-staff`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
		t.Fatal(err)
	}
	block := mustText(t, admin, `#kpi-staff`)
	for _, want := range []string{"双师型教师占比", "100.0%（1/1）", "20.2 学时（合计 60.5 学时 ÷ 3 人）", "1 个（市级 1）", "市级以上 1 项（市级 1），获奖教师 3 人次"} {
		if !strings.Contains(block, want) {
			t.Errorf("the block lacks %q: %q", want, block)
		}
	}
	Axe(t, admin, "数据画像 with the 师资 block")
	Screenshot(t, admin, "staff-kpi-desktop")
	MarkPage(t, admin)
	NewTaps(t, admin).Tap(`#kpi-staff a[href^="/kpi/staff_practice_compliance"]`)
	WaitNewPage(t, admin, `main table`)
	if table := mustText(t, admin, `main table`); !strings.Contains(table, f.TeacherSubject.Name) || !strings.Contains(table, "企业实践 190.0 天") {
		t.Errorf("the drill-down reads %q", table)
	}
	Axe(t, admin, "practice compliance drill-down")

	phone := Browser(t)
	phoneLogin(t, phone, site.URL, "admin@sb", 390)
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/kpi"+year), chromedp.WaitVisible(`#kpi-staff`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
		t.Fatal(err)
	}
	fitsAPhone(t, phone, "数据画像 with the 师资 block")
	Screenshot(t, phone, "staff-kpi-phone")
	MarkPage(t, phone)
	NewTaps(t, phone).Tap(`#kpi-staff a[href^="/kpi/staff_ability_awards"]`)
	WaitNewPage(t, phone, `main table`)
	members := f.TeacherHead.Name + "、" + f.TeacherSubject.Name + "、" + f.TeacherOther.Name
	if table := mustText(t, phone, `main table`); !strings.Contains(table, "教学能力比赛") || !strings.Contains(table, members) {
		t.Errorf("the award drill-down reads %q", table)
	}
	fitsAPhone(t, phone, "the award drill-down")
	Axe(t, phone, "the award drill-down on a phone")
}
