package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// devProgressSchool is a school whose subject teacher (a 专业课教师) has
// a verified 国培, a pending 校本培训, a certificate expiring in 30 days
// and no enterprise practice: behind.
func devProgressSchool(t *testing.T) (*storage.Storage, *testfix.School) {
	t.Helper()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "dv", false)
	sid, tid := f.School.ID, f.TeacherSubject.ID
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-03-01", EndsOn: "2026-03-05", Hours: 40}, "国培数控骨干教师研修班")
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindSchool, StartsOn: "2026-04-01", EndsOn: "2026-04-01", Hours: 6, Status: teacherdev.StatusPending}, "校本研修")
	expires, _ := time.Parse(time.DateOnly, storage.Today())
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindCertificate, StartsOn: "2024-01-01", EndsOn: "2024-01-01", Level: "四级/中级工",
		ExpiresOn: expires.AddDate(0, 0, 30).Format(time.DateOnly)}, "数控车工")
	return st, f
}

// TestDevelopmentProgressInBrowser: the 人事处 sees who is behind on the
// progress page and sends a reminder; the teacher opens their own
// portrait on a 390-pixel phone with its radar drawn. Both pass axe-core
// and the phone page does not scroll sideways.
func TestDevelopmentProgressInBrowser(t *testing.T) {
	st, f := devProgressSchool(t)
	site := Serve(t, st, ui.Options{})

	office := LoginAs(t, site.URL, "renshi@dv")
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/development/progress?status=owing"), chromedp.WaitVisible(`.dev-rows`)); err != nil {
		t.Fatal(err)
	}
	rows := mustText(t, office, `main`)
	if !strings.Contains(rows, f.TeacherSubject.Name) || !strings.Contains(rows, "已落后") || !strings.Contains(rows, "40 / 360") ||
		!strings.Contains(rows, "数控车工") || !strings.Contains(rows, "还有 30 天") {
		t.Errorf("the progress page reads %q", rows)
	}
	// The export link carries the filter and answers a workbook.
	export, err := chromedp.Run(office, chromedp.Evaluate[string](`(() => { const a = document.querySelector('a[href^="/development/progress/export.xlsx"]');
		const x = new XMLHttpRequest(); x.open('GET', a.href, false); x.send();
		return a.getAttribute('href') + ' ' + x.status + ' ' + x.getResponseHeader('Content-Type'); })()`))
	if err != nil {
		t.Fatal(err)
	}
	if export != "/development/progress/export.xlsx?status=owing 200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("the export link: %q", export)
	}
	Axe(t, office, "教师发展进度")
	Screenshot(t, office, "development-progress-desktop")
	MarkPage(t, office)
	NewTaps(t, office).Tap(`.dev-remind button`)
	WaitNewPage(t, office, `.dev-rows`)
	if flash := mustText(t, office, `main`); !strings.Contains(flash, "已通过站内通知提醒 2 位教师") {
		t.Errorf("after the reminder the page reads %q", flash)
	}

	phone := Browser(t)
	phoneLogin(t, phone, site.URL, "renke@dv", 390)
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/teachers/"+itoa(f.TeacherSubject.ID)+"/portrait"), chromedp.WaitVisible(`.pt-grid`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]').length === 2 && document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
		t.Fatal(err)
	}
	body := mustText(t, phone, `main`)
	for _, want := range []string{"教师画像", "40 / 360", "待核实", "数控车工", "已落后", "下载 PDF"} {
		if !strings.Contains(body, want) {
			t.Errorf("the portrait lacks %q", want)
		}
	}
	fitsAPhone(t, phone, "the teacher's portrait")
	Axe(t, phone, "the teacher's portrait")
	Screenshot(t, phone, "development-portrait-phone")

	// The teacher's own records warn of the certificate.
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/development/records/mine"), chromedp.WaitVisible(`.dev-cert-notice`)); err != nil {
		t.Fatal(err)
	}
	if notice := mustText(t, phone, `.dev-cert-notice`); !strings.Contains(notice, "数控车工") || !strings.Contains(notice, "还有 30 天") {
		t.Errorf("the certificate notice reads %q", notice)
	}
	fitsAPhone(t, phone, "the teacher's own records")
	Axe(t, phone, "the teacher's own records")
}
