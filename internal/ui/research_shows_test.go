package ui_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// researchShowsSeed writes, into school f, a team paper of the head
// teacher and the subject teacher, a pending paper, a national teaching
// award, and the head teacher's points: 12.5 in a final assessment of the
// term before and 7.25 in the current term's, computed but not publicised.
func researchShowsSeed(t *testing.T, st *storage.Storage, f *testfix.School) (current int64) {
	t.Helper()
	head := testfix.Member{TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "第一作者"}
	subject := testfix.Member{TeacherID: f.TeacherSubject.ID, Name: f.TeacherSubject.Name, Role: "作者"}
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "paper", Title: "五轴加工实训教学研究", Grade: "核心期刊", Date: "2026-10-01",
		Members: []testfix.Member{head, subject, {Name: "外校专家", Role: "通讯作者"}}})
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "paper", Title: "待审的论文", Grade: "省级期刊", Date: "2026-10-02", Status: "pending", Members: []testfix.Member{head}})
	testfix.AddResearch(t, st, f, testfix.Research{Kind: "teaching_award", Title: "产教融合人才培养", Level: "国家级", Grade: "一等奖", Date: "2026-09-20", Members: []testfix.Member{head, subject}})
	before := model.Term{AcademicYearID: f.Term.AcademicYearID, Semester: 2, StartDate: "2026-02-20", EndDate: "2026-07-10"}
	if err := st.CreateTerm(context.Background(), f.School.ID, model.SystemActor, &before); err != nil {
		t.Fatal(err)
	}
	testfix.AddAssessment(t, st, f, before.ID, "上学期科研考核", "final", map[int64]float64{f.TeacherHead.ID: 12.5, f.TeacherSubject.ID: 4})
	return testfix.AddAssessment(t, st, f, f.Term.ID, "本学期科研考核", "computed", map[int64]float64{f.TeacherHead.ID: 7.25})
}

// TestResearchShows: the 教改创新成果 block and its drill-down (kpi:read),
// the teacher's 科研 tab (the teacher, research:read, the department head
// for their department; points before 公示 only for the teacher and
// research:read; another school's teacher 404), and the home blocks.
func TestResearchShows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		current := researchShowsSeed(t, st, s.a)
		period := "?p=custom&from=2026-09-01&to=2027-01-20"
		keyan := s.login(t, "keyan@a1")
		code, body := keyan.get("/kpi" + period)
		for _, want := range []string{"教改创新成果", "国家级教学成果奖 一等奖 1 项", "1 篇（核心期刊 1）", `id="chart-research-awards"`} {
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("/kpi (%d) lacks %q", code, want)
			}
		}
		if code, body := keyan.get("/kpi/research_papers" + period); code != 200 || !strings.Contains(body, "五轴加工实训教学研究") ||
			!strings.Contains(body, "王老师、李老师、外校专家") || strings.Contains(body, "待审的论文") {
			t.Errorf("drill-down %d: %s", code, body)
		}
		if code, _ := s.login(t, "banzhuren@a1").get("/kpi/research_papers" + period); code != 403 {
			t.Errorf("a teacher without kpi:read opens the drill-down: %d", code)
		}
		if _, body := s.login(t, "admin@b1").get("/kpi" + period); strings.Contains(body, "国家级教学成果奖") {
			t.Error("school b sees school a's teaching awards")
		}
		checkResearchExport(t, keyan, "/kpi/export.xlsx"+period)
		// The district view shows the block's figures side by side.
		if code, body := s.login(t, "root").get("/district?year=2026"); code != 200 || !strings.Contains(body, "国家级教学成果奖 一等奖 1 项") || !strings.Contains(body, "课题立项") {
			t.Errorf("/district (%d) lacks the research figures", code)
		}

		tab := "/teachers/" + itoa(s.a.TeacherHead.ID) + "/research"
		for user, want := range map[string]struct {
			code  int
			early bool
		}{"banzhuren@a1": {200, true}, "keyan@a1": {200, true}, "admin@a1": {200, true}, "zhuren@a1": {200, false}, "renke@a1": {403, false}, "jiaowu@a1": {403, false}} {
			code, body := s.login(t, user).get(tab)
			if code != want.code {
				t.Errorf("%s %s: %d, want %d", user, tab, code, want.code)
				continue
			}
			if code != 200 {
				continue
			}
			if !strings.Contains(body, "五轴加工实训教学研究") || !strings.Contains(body, "12.5") || !strings.Contains(body, "待审核") || !strings.Contains(body, "chart-research-trend") {
				t.Errorf("%s: the tab lacks outputs, final points or the trend", user)
			}
			if strings.Contains(body, "7.25") != want.early {
				t.Errorf("%s: points before 公示 shown %v, want %v", user, !want.early, want.early)
			}
		}
		// In English: the vocabulary and the values are translated.
		en := s.login(t, "banzhuren@a1")
		en.get("/lang/en")
		if _, body := en.get(tab); !strings.Contains(body, "First author") || !strings.Contains(body, "Research points") || strings.Contains(body, "已审核") {
			t.Errorf("the English tab: %s", body)
		}
		keyan.get("/lang/en")
		if _, body := keyan.get("/kpi" + period); !strings.Contains(body, "national: 1 first prize") || !strings.Contains(body, "Teaching reform and innovation") {
			t.Errorf("the English block: %s", body)
		}
		keyan.get("/lang/zh")
		if code, _ := s.login(t, "renke@a1").get("/teachers/" + itoa(s.a.TeacherSubject.ID) + "/research"); code != 200 {
			t.Errorf("a teacher's own tab: %d", code)
		}
		if code, _ := keyan.get("/teachers/" + itoa(s.b.TeacherHead.ID) + "/research"); code != 404 {
			t.Errorf("another school's teacher: %d, want 404", code)
		}
		if _, body := keyan.get("/teachers/" + itoa(s.a.TeacherHead.ID)); !strings.Contains(body, tab) {
			t.Error("the teacher page has no 科研 tab for the research office")
		}
		if _, body := s.login(t, "jiaowu@a1").get("/teachers/" + itoa(s.a.TeacherHead.ID)); strings.Contains(body, tab) {
			t.Error("the teacher page links the 科研 tab for a role that cannot open it")
		}

		_, body = keyan.get("/")
		for _, want := range []string{"待审核成果", `href="/research/review">1 `, "/research/assessments/" + itoa(current), "已计算（未公示）"} {
			if !strings.Contains(body, want) {
				t.Errorf("the research office's home lacks %q", want)
			}
		}
		_, body = s.login(t, "banzhuren@a1").get("/")
		if !strings.Contains(body, "我的科研") || !strings.Contains(body, `href="/research/outputs/mine">3 `) || strings.Contains(body, "待审核成果") {
			t.Errorf("the teacher's home: %s", body)
		}
	})
}

// checkResearchExport opens the .xlsx of the 数据画像 and looks for the
// block's rows and the teaching awards' table.
func checkResearchExport(t *testing.T, c *client, path string) {
	t.Helper()
	code, body := c.get(path)
	if code != 200 {
		t.Fatalf("%s: %d", path, code)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("数据画像")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, r := range rows {
		if len(r) > 1 {
			found[r[0]+"="+r[1]] = true
		}
	}
	for _, want := range []string{"教学成果奖=国家级教学成果奖 一等奖 1 项", "发表论文=1 篇（核心期刊 1）"} {
		if !found[want] {
			t.Errorf("the export lacks %q", want)
		}
	}
	// Four tables of the first block, two of 教改创新成果 and two of 师资.
	if sheets := x.GetSheetList(); len(sheets) != 9 {
		t.Errorf("the export has sheets %v, want the KPIs and eight tables", sheets)
	}
}
