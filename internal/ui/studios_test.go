package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// The 人事处 creates a studio, adds a member, a plan and an activity linked
// to a verified output, and reads the yearly summary; a teacher reads but
// may not change; a student may not read; the other school's studio is
// not found; bad input comes back in Chinese and writes nothing.
func TestStudioPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		a, sid := s.a, s.a.School.ID
		out := testfix.AddResearchOutput(t, st, sid, testfix.ResearchOutput{Kind: "paper", Title: "工作室研讨论文", Grade: "核心期刊", DatedOn: "2026-04-01",
			Authors: []testfix.ResearchAuthor{{TeacherID: a.TeacherHead.ID, Name: a.TeacherHead.Name, Role: "first_author"}}})
		hr := s.login(t, "renshi@a1")
		code, body, _ := hr.postForm("/studios", url.Values{"name": {"汽修名师工作室"}, "kind": {"名师工作室"}, "level": {"区级"}, "host": {itoa(a.TeacherSubject.ID)}, "founded_on": {"2019-02-30"}})
		expect(t, "bad founding day", code, http.StatusUnprocessableEntity, body, "成立日期应为 YYYY-MM-DD")
		if list, _ := st.Studios(context.Background(), sid); len(list) != 0 {
			t.Fatalf("a refused studio was written: %+v", list)
		}
		code, _, loc := hr.postForm("/studios", url.Values{"name": {"汽修名师工作室"}, "kind": {"名师工作室"}, "level": {"区级"}, "host": {itoa(a.TeacherSubject.ID)}, "founded_on": {"2023-03-01"}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/studios/") {
			t.Fatalf("create: %d %s", code, loc)
		}
		page := loc
		for _, step := range []struct {
			path string
			form url.Values
		}{
			{"/members", url.Values{"teacher": {itoa(a.TeacherHead.ID)}, "role": {"核心成员"}, "joined_on": {"2023-03-01"}}},
			{"/members", url.Values{"name": {"企业技师乙"}, "role": {"校外专家"}, "joined_on": {"2024-03-01"}}},
			{"/plans", url.Values{"term": {itoa(a.Term.ID)}, "plan": {"开展新能源汽车检修研讨。"}}},
			{"/activities", url.Values{"held_on": {"2026-04-20"}, "kind": {"研讨"}, "title": {"电池包检修研讨"}, "hours": {"2.5"}, "output": {itoa(out)}}},
		} {
			if code, body, _ := hr.postForm(page+step.path, step.form); code != http.StatusSeeOther {
				t.Fatalf("%s: %d %s", step.path, code, snippet(body))
			}
		}
		code, body, _ = hr.postForm(page+"/activities", url.Values{"held_on": {"2026-04-21"}, "kind": {"跳舞"}, "title": {""}})
		expect(t, "bad activity", code, http.StatusUnprocessableEntity, body, "请填写活动主题", "活动类别")

		code, body = s.login(t, "renke@a1").get(page)
		expect(t, "teacher reads", code, 200, body, "汽修名师工作室", "企业技师乙", "开展新能源汽车检修研讨", "电池包检修研讨", "工作室研讨论文")
		if strings.Contains(body, "记录活动") {
			t.Fatal("a teacher sees the manage forms")
		}
		if code, _, _ := s.login(t, "renke@a1").postForm(page+"/plans", url.Values{"term": {itoa(a.Term.ID)}, "plan": {"x"}}); code != http.StatusForbidden {
			t.Fatalf("teacher writes a plan: %d", code)
		}
		if code, _ := s.login(t, "xs1@a1").get("/studios"); code != http.StatusForbidden {
			t.Fatalf("student lists studios: %d", code)
		}
		code, body = hr.get(page + "/summary?year=2026")
		expect(t, "summary", code, 200, body, "2026", "研讨", "2.5")
		code, body = s.login(t, "keyan@a1").get("/studios")
		expect(t, "research office lists", code, 200, body, "区级", "汽修名师工作室")
		other := testfix.AddStudio(t, st, s.b, "外校工作室")
		if code, _ := hr.get("/studios/" + itoa(other)); code != http.StatusNotFound {
			t.Fatalf("other school's studio: %d", code)
		}
		if code, _, _ := hr.postForm("/studios/"+itoa(other)+"/plans", url.Values{"term": {itoa(a.Term.ID)}, "plan": {"x"}}); code != http.StatusNotFound {
			t.Fatalf("other school's studio plan: %d", code)
		}
		if code, _ := hr.get(page + "/summary?year=abc"); code != http.StatusBadRequest {
			t.Fatalf("bad year: %d", code)
		}
	})
}

// growStudios adds n studios, each with a member and an activity, for the
// query-count test of the studio list.
func growStudios(t *testing.T, g *grower, n int) string {
	var name string
	for range n {
		g.made++
		name = "计数工作室" + itoa(int64(g.made))
		testfix.AddStudio(t, g.s.st, g.s.a, name)
	}
	return name
}
