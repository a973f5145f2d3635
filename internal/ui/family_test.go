package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// pendingBehaviour stores a pending behaviour record daysAgo days back.
func pendingBehaviour(t *testing.T, st *storage.Storage, f *testfix.School, studentID int64, title string, points float64, daysAgo int) int64 {
	t.Helper()
	e := &model.Evidence{StudentID: studentID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour, Title: title, Category: "守时守纪",
		Points: points, Date: time.Now().In(storage.SchoolZone).AddDate(0, 0, -daysAgo).Format("2006-01-02")}
	if err := st.CreateEvidence(context.Background(), f.School.ID, model.SystemActor, e); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// TestFamilyNoticeThroughReview: the head teacher verifies a third
// deduction on the evidence page; the parent and the head teacher get one
// private notice, the family page lists the child's records positive
// first without naming a classmate, and the head teacher's talk list has
// the child until a talk is recorded.
func TestFamilyNoticeThroughReview(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		f := s.a
		ht := s.login(t, "banzhuren@a1")
		verify := func(id int64) {
			code, body, _ := ht.postForm(fmt.Sprintf("/evidence/%d/review", id), url.Values{"decision": {"verify"}})
			expect(t, "verify", code, http.StatusSeeOther, body)
		}
		verify(pendingBehaviour(t, st, f, f.StudentA1.ID, "主动打扫公共区域", 2, 6))
		verify(pendingBehaviour(t, st, f, f.StudentA2.ID, "同学的扣分", -1, 1))
		for _, d := range []int{5, 3, 1} {
			verify(pendingBehaviour(t, st, f, f.StudentA1.ID, "早操迟到", -1, d))
		}
		parent := s.login(t, "jiazhang@a1")
		code, body := parent.get("/notifications")
		expect(t, "parent's notices", code, http.StatusOK, body, "德育提醒："+f.StudentA1.Name)
		if n := strings.Count(body, "德育提醒"); n != 1 {
			t.Fatalf("parent has %d conduct notices, want 1", n)
		}
		code, body = parent.get("/family")
		expect(t, "family page", code, http.StatusOK, body, f.StudentA1.Name, "主动打扫公共区域", "早操迟到", "3 次扣分")
		if strings.Index(body, "主动打扫公共区域") > strings.Index(body, "早操迟到") {
			t.Error("family page: the praise must come before the deductions")
		}
		lacks(t, "family page", body, f.StudentA2.Name, "同学的扣分")
		code, body = s.login(t, "xs2@a1").get("/family")
		expect(t, "another student's family page", code, http.StatusOK, body)
		lacks(t, "another student's family page", body, f.StudentA1.Name, "早操迟到")
		forbidden(t, "parent", parent, "/conduct/talks", "/conduct/trends", "/conduct/alert-rules")

		code, body = ht.get("/notifications")
		expect(t, "head teacher's notices", code, http.StatusOK, body, "德育提醒："+f.ClassA.Name)
		code, body = ht.get("/conduct/talks")
		expect(t, "talk list", code, http.StatusOK, body, f.StudentA1.Name, "30 天内 3 次扣分", fmt.Sprintf("/conduct/talks/new?student=%d", f.StudentA1.ID))
		code, body = ht.get(fmt.Sprintf("/conduct/trends?class=%d", f.ClassA.ID))
		expect(t, "trends", code, http.StatusOK, body, f.StudentA1.Name, "待谈心")

		talk := url.Values{"student": {itoa(f.StudentA1.ID)}, "held_on": {storage.Today()}, "note": {"谈了早起的办法"}}
		code, body, loc := ht.postForm("/conduct/talks", talk)
		expect(t, "record a talk", code, http.StatusSeeOther, body)
		if loc != "/conduct/talks" {
			t.Fatalf("talk saved → %q", loc)
		}
		code, body = ht.get("/conduct/talks")
		expect(t, "talk list after the talk", code, http.StatusOK, body, "目前没有需要谈心的学生", "谈了早起的办法")
		code, body = parent.get("/family")
		lacks(t, "family page", body, "谈了早起的办法")
		expect(t, "family page", code, http.StatusOK, body)

		// Nothing outside the head teacher's classes, nothing from the future.
		other := url.Values{"student": {itoa(f.StudentB1.ID)}, "held_on": {storage.Today()}}
		code, body, _ = ht.postForm("/conduct/talks", other)
		expect(t, "talk about another class", code, http.StatusNotFound, body)
		notFound(t, "head teacher", ht, fmt.Sprintf("/conduct/trends?class=%d", f.ClassB.ID), fmt.Sprintf("/conduct/talks/new?student=%d", s.b.StudentA1.ID))
		talk.Set("held_on", time.Now().AddDate(0, 0, 3).Format("2006-01-02"))
		code, body, _ = ht.postForm("/conduct/talks", talk)
		expect(t, "talk in the future", code, http.StatusUnprocessableEntity, body, "谈话日期不能晚于今天")
	})
}

// TestConductSchoolWideAndRules: the 德育处 sees every class with its
// counts, any class's trends, and keeps the thresholds; a bad rule is
// refused with a Chinese error and nothing saved; another school's rule is
// not found.
func TestConductSchoolWideAndRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		f := s.a
		deyu := s.login(t, "deyu@a1")
		code, body := deyu.get("/conduct/talks")
		expect(t, "school-wide list", code, http.StatusOK, body, "各班本学期", f.ClassA.Name, f.ClassB.Name)
		code, body = deyu.get(fmt.Sprintf("/conduct/trends?class=%d", f.ClassB.ID))
		expect(t, "any class's trends", code, http.StatusOK, body, f.StudentB1.Name)

		code, body = deyu.get("/conduct/alert-rules")
		expect(t, "rules", code, http.StatusOK, body, "30 天内 3 次扣分")
		code, body, _ = deyu.postForm("/conduct/alert-rules", url.Values{"count": {"1"}, "days": {"30"}, "tell_parents": {"1"}})
		expect(t, "bad rule", code, http.StatusUnprocessableEntity, body, "次数须在 2–20 之间")
		rules, _ := st.ConductRules(context.Background(), f.School.ID)
		if len(rules) != 0 {
			t.Fatalf("a refused rule was saved: %+v", rules)
		}
		code, body, _ = deyu.postForm("/conduct/alert-rules", url.Values{"count": {"2"}, "days": {"7"}, "category": {"守时守纪"}, "tell_head_teacher": {"1"}})
		expect(t, "rule", code, http.StatusSeeOther, body)
		code, body = deyu.get("/conduct/alert-rules")
		expect(t, "rules", code, http.StatusOK, body, "7 天内 2 次扣分（守时守纪）")
		rules, _ = st.ConductRules(context.Background(), f.School.ID)
		code, body, _ = s.login(t, "deyu@b1").postForm(fmt.Sprintf("/conduct/alert-rules/%d/delete", rules[0].ID), nil)
		expect(t, "another school's rule", code, http.StatusNotFound, body)
		forbidden(t, "head teacher", s.login(t, "banzhuren@a1"), "/conduct/alert-rules")
		code, body, _ = deyu.postForm(fmt.Sprintf("/conduct/alert-rules/%d/delete", rules[0].ID), nil)
		expect(t, "delete rule", code, http.StatusSeeOther, body)
	})
}

// growChildConduct adds n verified behaviour records of the parent's child.
func growChildConduct(t *testing.T, g *grower, n int) string {
	f := g.s.a
	var title string
	var ev []*model.Evidence
	for range n {
		g.made++
		title = fmt.Sprintf("计数表现%02d", g.made)
		ev = append(ev, &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour, Title: title,
			Category: "文明礼仪", Points: 1, Date: "2026-11-12"})
	}
	must(t, g.s.st.CreateEvidenceVerifiedBulk(context.Background(), f.School.ID, model.SystemActor, ev, "测试"))
	return title
}

// growConductStudents adds n students to class A, each late three
// Mondays running, so each is on the talk list.
func growConductStudents(t *testing.T, g *grower, n int) string {
	f := g.s.a
	var s model.Student
	var ev []*model.Evidence
	for range n {
		s = addStudent(t, g, f.ClassA.ID)
		for _, d := range []string{"2026-11-09", "2026-11-16", "2026-11-23"} {
			ev = append(ev, &model.Evidence{StudentID: s.ID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour, Title: "早操迟到",
				Category: "守时守纪", Points: -1, Date: d})
		}
	}
	must(t, g.s.st.CreateEvidenceVerifiedBulk(context.Background(), f.School.ID, model.SystemActor, ev, "测试"))
	return s.Name
}

// TestConductRuleCategory: a rule limited to a category no record has is
// refused.
func TestConductRuleCategory(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	code, body, _ := s.login(t, "deyu@a1").postForm("/conduct/alert-rules", url.Values{"count": {"3"}, "days": {"30"}, "category": {"纪律安全"}, "tell_parents": {"1"}})
	expect(t, "unknown category", code, http.StatusUnprocessableEntity, body, "请选择类别")
}
