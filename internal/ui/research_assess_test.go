package ui_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// researchTerm gives school a a co-authored paper (王老师 first, 李老师
// second) and a national 课题 of 王老师 whose 立项 is this term, opens the
// term's assessment through the page and returns its path.
func researchTerm(t *testing.T, s *site) string {
	t.Helper()
	head, subj := s.a.TeacherHead, s.a.TeacherSubject
	testfix.AddResearchOutput(t, s.st, s.a.School.ID, testfix.ResearchOutput{Kind: research.KindPaper, Title: "数控编程课程思政探索", Grade: "核心期刊", DatedOn: "2026-10-08",
		Authors: []testfix.ResearchAuthor{{TeacherID: head.ID, Name: head.Name, Role: research.RoleFirstAuthor}, {TeacherID: subj.ID, Name: subj.Name, Role: research.RoleAuthor}}})
	testfix.AddResearchOutput(t, s.st, s.a.School.ID, testfix.ResearchOutput{Kind: research.KindProject, Title: "产教融合实训基地建设研究", Level: "国家级",
		Stages: [][2]string{{research.StageApproved, "2026-09-20"}}, Authors: []testfix.ResearchAuthor{{TeacherID: head.ID, Name: head.Name, Role: research.RoleLead}}})
	office := s.login(t, "keyan@a1")
	code, body, loc := office.postForm("/research/assessments", url.Values{"term_id": {itoa(s.a.Term.ID)}, "publicity_days": {"5"}})
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/research/assessments/") {
		t.Fatalf("create: %d %s", code, body)
	}
	return loc
}

// claimAll ticks every claimable output on the teacher's page.
func claimAll(t *testing.T, s *site, c *client, teacherID int64, path string) {
	t.Helper()
	ra, err := s.st.OpenResearchAssessment(context.Background(), s.a.School.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.st.ResearchClaimable(context.Background(), s.a.School.ID, ra.ID, teacherID)
	if err != nil || len(rows) == 0 {
		t.Fatalf("claimable %v %v", rows, err)
	}
	v := url.Values{"assessment": {itoa(ra.ID)}}
	for _, r := range rows {
		v.Add("output", itoa(r.OutputID))
	}
	if code, body, _ := c.postForm(path, v); code != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", code, body)
	}
}

// Before 公示 a teacher sees only their own points and the publicity list
// answers 404; from 公示 on the school's teachers see everyone's totals.
// Another school's assessment answers 404.
func TestResearchPointsVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		path := researchTerm(t, s)
		head, subj, office := s.login(t, "banzhuren@a1"), s.login(t, "renke@a1"), s.login(t, "keyan@a1")
		claimAll(t, s, head, s.a.TeacherHead.ID, "/research/mine/claims")
		claimAll(t, s, subj, s.a.TeacherSubject.ID, "/research/mine/claims")
		for _, step := range []string{"state?to=reviewing", "compute"} {
			p, q, _ := strings.Cut(step, "?")
			form, _ := url.ParseQuery(q)
			if code, _, loc := office.postForm(path+"/"+p, form); code != http.StatusSeeOther || loc != path {
				t.Fatalf("%s: %d → %s", step, code, loc)
			}
		}
		_, mine := subj.get("/research/mine")
		if !strings.Contains(mine, "第 2 位系数 60% = 9 分") || strings.Contains(mine, "产教融合实训基地建设研究") || strings.Contains(mine, "45") {
			t.Fatalf("the subject teacher's page before 公示:\n%s", mine)
		}
		if code, _ := subj.get(path + "/publicity"); code != http.StatusNotFound {
			t.Fatalf("publicity before 公示: %d", code)
		}
		if code, _, _ := office.postForm(path+"/state", url.Values{"to": {"publicised"}}); code != http.StatusSeeOther {
			t.Fatalf("publicise: %d", code)
		}
		code, list := subj.get(path + "/publicity")
		if code != http.StatusOK || !strings.Contains(list, s.a.TeacherHead.Name) || !strings.Contains(list, "<td>45</td>") {
			t.Fatalf("publicity list: %d\n%s", code, list)
		}
		for _, c := range []*client{s.login(t, "keyan@b1"), s.login(t, "banzhuren@b1")} {
			for _, p := range []string{path, path + "/publicity", path + "/export?yuan=100"} {
				if code, _ := c.get(p); code != http.StatusNotFound && code != http.StatusForbidden {
					t.Errorf("school b reads %s: %d", p, code)
				}
			}
		}
		if code, _ := s.login(t, "keyan@b1").get(path); code != http.StatusNotFound {
			t.Errorf("school b's office reads the assessment: %d", code)
		}
	})
}

// The office walks the term in the pages; a refused step comes back as a
// message on the page, and the incentive sheet has the amounts.
func TestResearchAssessPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		path := researchTerm(t, s)
		office := s.login(t, "keyan@a1")
		if code, _, loc := office.postForm(path+"/compute", nil); code != http.StatusSeeOther || loc != path {
			t.Fatalf("compute while claiming: %d %s", code, loc)
		}
		if _, body := office.get(path); !strings.Contains(body, "认领尚未截止") {
			t.Fatalf("the refusal is not shown:\n%s", body)
		}
		office.postForm(path+"/state", url.Values{"to": {"reviewing"}})
		v := url.Values{"teacher_id": {itoa(s.a.TeacherHead.ID)}}
		rows, _ := st.ResearchClaimable(context.Background(), s.a.School.ID, mustID(t, path), s.a.TeacherHead.ID)
		for _, r := range rows {
			v.Add("output", itoa(r.OutputID))
		}
		if code, _, _ := office.postForm(path+"/claims", v); code != http.StatusSeeOther {
			t.Fatalf("office claims: %d", code)
		}
		office.postForm(path+"/compute", nil)
		code, body := office.get(path)
		if code != http.StatusOK || !strings.Contains(body, "<b>45</b>") || !strings.Contains(body, "智能制造专业部") {
			t.Fatalf("ranking: %d\n%s", code, body)
		}
		req, _ := http.NewRequest(http.MethodGet, office.base+path+"/export?yuan=12.5", nil)
		code, xlsx, _ := office.do(req)
		if code != http.StatusOK {
			t.Fatalf("export: %d %s", code, xlsx)
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx)))
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := f.GetRows("科研奖励")
		if len(sheet) != 2 || sheet[1][1] != "T001" || sheet[1][6] != "562.5" || sheet[0][7] != "签名" {
			t.Fatalf("incentive sheet %v", sheet)
		}
		if code, _, _ := office.postForm("/research/rules", url.Values{"kind": {"paper"}, "points": {"abc"}, "decay": {"100"}}); code != http.StatusUnprocessableEntity {
			t.Fatalf("bad rules: %d", code)
		}
		form := url.Values{"kind": {"paper", ""}, "level": {"", ""}, "grade": {"核心期刊", ""}, "stage": {"", ""}, "role": {"", ""}, "points": {"20", ""},
			"decay": {"100", "50"}, "decay_later": {"10"}, "term_cap": {"100"}, "note": {"只计论文"}}
		if code, body, _ := office.postForm("/research/rules", form); code != http.StatusSeeOther {
			t.Fatalf("save rules: %d %s", code, body)
		}
		vs, _ := st.ResearchRuleVersions(context.Background(), s.a.School.ID)
		if len(vs) != 2 || len(vs[0].Rules.Points) != 1 || vs[0].Rules.Decay[1] != 0.5 || vs[0].Rules.TermCap != 100 {
			t.Fatalf("saved rules %+v", vs[0])
		}
		if _, body := office.get("/research/rules/" + itoa(vs[0].ID)); !strings.Contains(body, "删除“课题·国家级·立项”") {
			t.Fatalf("version diff:\n%s", body)
		}
	})
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	i := strings.LastIndex(path, "/")
	var id int64
	for _, c := range path[i+1:] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// The office claims every verified output for its authors in one step.
func TestResearchClaimAllPage(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	path := researchTerm(t, s)
	office := s.login(t, "keyan@a1")
	if code, _, loc := office.postForm(path+"/claims/all", nil); code != http.StatusSeeOther || loc != path {
		t.Fatalf("claim all: %d %s", code, loc)
	}
	if _, body := office.get(path); !strings.Contains(body, "已为教师认领 3 项已核实的成果") || !strings.Contains(body, "2 名教师认领了 3 项") {
		t.Fatalf("after claiming all:\n%s", body)
	}
	if code, _, _ := s.login(t, "renke@a1").postForm(path+"/claims/all", nil); code != http.StatusForbidden {
		t.Fatalf("a teacher claims for everyone: %d", code)
	}
}
