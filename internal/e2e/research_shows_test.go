package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// researchShowsSchool is a school with a team paper, a pending paper, two
// teaching achievement awards and the head teacher's points of two terms.
func researchShowsSchool(t *testing.T) (*storage.Storage, *testfix.School) {
	t.Helper()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "rs", false)
	head := testfix.Member{TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "主持"}
	subject := testfix.Member{TeacherID: f.TeacherSubject.ID, Name: f.TeacherSubject.Name, Role: "参与"}
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "teaching_award", Title: "产教融合、校企双元的中职智能制造人才培养模式创新与实践", Level: "国家级", Grade: "一等奖", Date: "2026-09-20",
		Members: []testfix.Member{head, subject, {Name: "陈立新（合作企业）", Role: "参与"}}})
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "teaching_award", Title: "岗课赛证融通的课程体系重构与实践", Level: "市级", Grade: "特等奖", Date: "2026-10-08", Members: []testfix.Member{subject, head}})
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "paper", Title: "基于数字孪生的五轴加工实训教学改革研究", Grade: "核心期刊", Date: "2026-10-01",
		Members: []testfix.Member{{TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "第一作者"}}})
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "paper", Title: "工业机器人编程课程思政的实践探索", Grade: "省级期刊", Date: "2026-11-02", Status: "pending",
		Members: []testfix.Member{{TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "第一作者"}}})
	before := model.Term{AcademicYearID: f.Term.AcademicYearID, Semester: 2, StartDate: "2026-02-20", EndDate: "2026-07-10"}
	if err := st.CreateTerm(context.Background(), f.School.ID, model.SystemActor, &before); err != nil {
		t.Fatal(err)
	}
	testfix.AddAssessment(t, st, f, before.ID, "2025-2026学年第二学期科研考核", "final", map[int64]float64{f.TeacherHead.ID: 18.5})
	testfix.AddAssessment(t, st, f, f.Term.ID, "2026-2027学年第一学期科研考核", "computed", map[int64]float64{f.TeacherHead.ID: 24})
	return st, f
}

// TestResearchShowsInBrowser: the 科研处 opens 数据画像, sees the 教改创新成果
// block with its charts drawn, and drills down to the awards with their
// members; the head teacher opens their own 科研 tab on a 390-pixel phone
// and sees their outputs, both terms' points and the trend. The pages pass
// axe-core and none scrolls sideways.
func TestResearchShowsInBrowser(t *testing.T) {
	st, f := researchShowsSchool(t)
	site := Serve(t, st, ui.Options{})
	period := "?p=custom&from=2026-09-01&to=2027-01-20"

	office := LoginAs(t, site.URL, "keyan@rs")
	if err := chromedp.Do(office, chromedp.Navigate(site.URL+"/kpi"+period), chromedp.WaitVisible(`#kpi-research-title`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
		t.Fatal(err)
	}
	block := mustText(t, office, `.kpi-block`)
	if !strings.Contains(block, "国家级教学成果奖 一等奖 1 项；市级 特等奖 1 项") || !strings.Contains(block, "1 篇（核心期刊 1）") {
		t.Errorf("the block reads %q", block)
	}
	Axe(t, office, "数据画像 with the research block")
	Screenshot(t, office, "research-kpi-desktop")
	MarkPage(t, office)
	NewTaps(t, office).Tap(`.kpi-block a[href^="/kpi/research_teaching_awards"]`)
	WaitNewPage(t, office, `main table`)
	table := mustText(t, office, `main table`)
	if !strings.Contains(table, "产教融合、校企双元") || !strings.Contains(table, f.TeacherHead.Name+"、"+f.TeacherSubject.Name+"、陈立新（合作企业）") {
		t.Errorf("the drill-down reads %q", table)
	}
	Axe(t, office, "research drill-down")
	Screenshot(t, office, "research-drill-desktop")

	phone := Browser(t)
	phoneLogin(t, phone, site.URL, "banzhuren@rs", 390)
	if err := chromedp.Do(phone, chromedp.Navigate(site.URL+"/teachers/"+itoa(f.TeacherHead.ID)+"/research"), chromedp.WaitVisible(`.research-outputs`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-chart]').length === 2 && document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0`)); err != nil {
		t.Fatal(err)
	}
	body := mustText(t, phone, `main`)
	for _, want := range []string{"基于数字孪生的五轴加工实训教学改革研究", "待审核", "18.5", "24", "已计算（未公示）"} {
		if !strings.Contains(body, want) {
			t.Errorf("the teacher's tab lacks %q", want)
		}
	}
	fitsAPhone(t, phone, "the teacher's 科研 tab")
	Axe(t, phone, "the teacher's 科研 tab")
	Screenshot(t, phone, "research-teacher-phone")
}
