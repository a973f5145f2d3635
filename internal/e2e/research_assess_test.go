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

// TestResearchTermInTheBrowser: the 科研处 runs a whole 科研考核 in the
// browser, from the school's ledger to the final step: imports the
// ledger, opens the term's assessment, a teacher claims their outputs on
// a phone, the office closes claims, computes, publicises; the teacher
// appeals during 公示, the office upholds, recomputes that teacher and,
// once the publicity days have passed, closes the term. Refused steps are
// said on the page; every page passes axe-core.
func TestResearchTermInTheBrowser(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "ra", true)
	sid, ht, subj := f.School.ID, f.TeacherHead, f.TeacherSubject
	site := Serve(t, st, ui.Options{})
	office := Browser(t)
	phoneLogin(t, office, site.URL, "keyan@ra", 0)
	go2 := func(b context.Context, path string) {
		t.Helper()
		if err := chromedp.Do(b, chromedp.Navigate(site.URL+path), chromedp.WaitVisible(`main h1`)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	click := func(b context.Context, sel, ready string) {
		t.Helper()
		MarkPage(t, b)
		if err := chromedp.Do(b, chromedp.Click(sel)); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		WaitNewPage(t, b, ready)
	}
	// The term starts from the school's ledger, imported in the browser:
	// a co-authored paper and a national project of the head teacher.
	ledger := researchLedger(t,
		[]string{"类别", "论文", "成果名称", "数控编程课程思政探索", "等级", "核心期刊", "日期", "2026-10-08", "期刊名称", "职业技术教育研究",
			"ISSN", "1671-0568", "年", "2026", "期", "10", "成员", ht.Name + "(第一作者);" + subj.Name},
		[]string{"类别", "课题", "成果名称", "产教融合实训基地建设研究", "级别", "国家级", "立项日期", "2026-09-20", "立项号", "2026-GJ-001",
			"成员", ht.Name + "(主持)"})
	go2(office, "/research/import")
	Axe(t, office, "research import")
	MarkPage(t, office)
	if err := chromedp.Do(office, chromedp.SetUploadFiles(`form[action="/research/import"] input[type=file]`, []string{ledger}),
		chromedp.Click(`form[action="/research/import"] button.primary`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, office, `main h1`)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "已导入 2 项科研成果") {
		t.Fatalf("ledger import: %q", got)
	}
	go2(office, "/research/rules")
	Axe(t, office, "rules")
	go2(office, "/research/assessments")
	Axe(t, office, "assessments")
	click(office, `form[action="/research/assessments"] button.primary`, `main h1 .badge`)
	page := strings.TrimPrefix(mustURL(t, office), site.URL)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "教师现在可以认领成果") {
		t.Fatalf("created: %q", got)
	}

	teacher := Browser(t)
	phoneLogin(t, teacher, site.URL, "banzhuren@ra", 390)
	go2(teacher, "/research/mine")
	Axe(t, teacher, "my research")
	for _, sel := range []string{`.claim-list li:nth-child(1) input`, `.claim-list li:nth-child(2) input`} {
		if err := chromedp.Do(teacher, chromedp.Click(sel)); err != nil {
			t.Fatal(err)
		}
	}
	click(teacher, `form.research-claims button.primary`, `main h1`)
	Screenshot(t, teacher, "research-mine-phone")

	go2(office, page)
	click(office, `input[value="reviewing"] + button`, `main h1 .badge`)
	click(office, `form[action$="/compute"] button`, `main h1 .badge`)
	if got := mustText(t, office, `table.research-rank`); !strings.Contains(got, "45") || !strings.Contains(got, ht.Name) {
		t.Fatalf("ranking: %q", got)
	}
	Axe(t, office, "assessment computed")
	Screenshot(t, office, "research-assessment-desktop")
	click(office, `input[value="publicised"] + button`, `main h1 .badge`)

	go2(teacher, "/research/mine")
	if err := chromedp.Do(teacher, chromedp.SendKeys(`textarea[name=reason]`, "课题立项日期应为 9 月 20 日")); err != nil {
		t.Fatal(err)
	}
	click(teacher, `form[action="/research/mine/appeal"] button`, `main h1`)
	if got := mustText(t, teacher, `.flash`); !strings.Contains(got, "申诉已提交") {
		t.Fatalf("appeal: %q", got)
	}
	Axe(t, teacher, "my research during 公示")
	Screenshot(t, teacher, "research-mine-appeal-phone")

	go2(office, page)
	if err := chromedp.Do(office, chromedp.SendKeys(`input[name=decision]`, "已核实，更正后重算")); err != nil {
		t.Fatal(err)
	}
	click(office, `button[name=uphold][value="1"]`, `main h1 .badge`)
	click(office, `input[value="final"] + button`, `main h1 .badge`)
	if got := mustText(t, office, `[role=alert]`); !strings.Contains(got, "公示期到") {
		t.Fatalf("final during 公示: %q", got)
	}
	click(office, `form[action$="/compute"] button`, `main h1 .badge`)
	if got := mustText(t, office, `.flash`); !strings.Contains(got, "已计算 1 名教师") {
		t.Fatalf("recompute of the upheld case: %q", got)
	}
	testfix.EndResearchPublicity(t, st, sid, mustID(t, page))
	click(office, `input[value="final"] + button`, `main h1 .badge`)
	if got := mustText(t, office, `main h1 .badge`); got != "已定稿" {
		t.Fatalf("state after final: %q", got)
	}
	Axe(t, office, "assessment final")
	go2(teacher, page+"/publicity")
	Axe(t, teacher, "publicity")
}

func mustURL(t *testing.T, b context.Context) string {
	t.Helper()
	u, err := chromedp.Run(b, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	for _, c := range path[strings.LastIndex(path, "/")+1:] {
		if c < '0' || c > '9' {
			t.Fatalf("no id in %s", path)
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
