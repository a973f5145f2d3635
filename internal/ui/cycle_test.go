package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestCycleAndRatingPages walks a small cycle through the pages: create,
// open, rate as a student (self and peer) and as the head teacher, close,
// compute — with the refusals on the way.
func TestCycleAndRatingPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		admin := s.login(t, "admin@a1")
		form := url.Values{"name": {"2026-2027学年第一学期综合素质评价"}, "term_id": {itoa(s.a.Term.ID)}, "peer_count": {"3"}, "publicity_days": {"5"}}
		if code, body, _ := admin.postForm("/cycles", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "评价方案") {
			t.Fatalf("cycle without a framework: %d", code)
		}
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		form.Set("framework_id", itoa(f.ID))
		form.Set("peer_count", "99")
		if code, body, _ := admin.postForm("/cycles", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "互评人数") {
			t.Fatalf("peer count 99: %d", code)
		}
		form.Set("peer_count", "3")
		code, _, loc := admin.postForm("/cycles", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/cycles/") {
			t.Fatalf("create: %d %s", code, loc)
		}
		cycleID := strings.TrimPrefix(loc, "/cycles/")
		if code, _, _ := s.login(t, "renke@a1").postForm("/cycles", form); code != http.StatusForbidden {
			t.Fatalf("subject teacher created a cycle: %d", code)
		}
		move := func(to string) {
			t.Helper()
			if code, _, _ := admin.postForm("/cycles/"+cycleID+"/state", url.Values{"to": {to}}); code != http.StatusSeeOther {
				t.Fatalf("move to %s: %d", to, code)
			}
		}
		move("open")
		if _, body := admin.get("/cycles/" + cycleID); !strings.Contains(body, "评价进度") || !strings.Contains(body, s.a.ClassA.Name) {
			t.Fatal("progress not shown after opening")
		}

		// A student rates themself and one classmate.
		stu := s.login(t, "xs1@a1")
		_, home := stu.get("/rate")
		if !strings.Contains(home, "自评") || !strings.Contains(home, "互评") || !strings.Contains(home, s.a.StudentA2.Name) {
			t.Fatalf("student's tasks:\n%s", home)
		}
		self := "/rate/" + cycleID + "/self/" + itoa(s.a.StudentA1.ID)
		code, page := stu.get(self)
		if code != 200 || !strings.Contains(page, "思想") {
			t.Fatalf("self form: %d", code)
		}
		codes := eval.IndicatorsFor(f, model.RaterSelf)
		bad := url.Values{"v_" + codes[0]: {"150"}}
		if code, body, _ := stu.postForm(self, bad); code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 1 条") {
			t.Fatalf("out of scale: %d", code)
		}
		if n, _ := st.RatingCount(ctx, sid, mustInt(cycleID)); n != 0 {
			t.Fatal("a refused form wrote ratings")
		}
		good := url.Values{"comment": {"本学期进步很大"}}
		for _, c := range codes {
			good.Set("v_"+c, value(f, c))
		}
		if code, _, _ := stu.postForm(self, good); code != http.StatusSeeOther {
			t.Fatalf("self rating: %d", code)
		}
		if code, _, _ := stu.postForm(self, good); code != http.StatusSeeOther {
			t.Fatalf("resubmission: %d", code)
		}
		n, _ := st.RatingCount(ctx, sid, mustInt(cycleID))
		if n != len(codes) {
			t.Fatalf("%d ratings after an identical resubmission, want %d", n, len(codes))
		}
		// Not assigned, or a role the account does not have: not found.
		for _, p := range []string{"/rate/" + cycleID + "/self/" + itoa(s.a.StudentA2.ID), "/rate/" + cycleID + "/head_teacher/" + itoa(s.a.StudentA1.ID),
			"/rate/" + cycleID + "/peer/" + itoa(s.b.StudentA1.ID)} {
			if code, _ := stu.get(p); code != http.StatusNotFound {
				t.Errorf("%s: %d", p, code)
			}
			if code, _, _ := stu.postForm(p, good); code != http.StatusNotFound {
				t.Errorf("POST %s: %d", p, code)
			}
		}
		// The head teacher rates class A, not class B.
		ht := s.login(t, "banzhuren@a1")
		htGood := url.Values{}
		for _, c := range eval.IndicatorsFor(f, model.RaterHeadTeacher) {
			htGood.Set("v_"+c, value(f, c))
		}
		if code, _, _ := ht.postForm("/rate/"+cycleID+"/head_teacher/"+itoa(s.a.StudentA1.ID), htGood); code != http.StatusSeeOther {
			t.Fatalf("head teacher rating: %d", code)
		}
		if code, _ := ht.get("/rate/" + cycleID + "/head_teacher/" + itoa(s.a.StudentB1.ID)); code != http.StatusNotFound {
			t.Fatalf("head teacher reached class B: %d", code)
		}
		move("closed")
		if code, body, _ := stu.postForm(self, good); code != http.StatusUnprocessableEntity || !strings.Contains(body, "不能提交") {
			t.Fatalf("rating a closed cycle: %d", code)
		}
		move("computed")
		res, err := st.CycleResults(ctx, sid, mustInt(cycleID), 0)
		if err != nil || len(res) != 3 {
			t.Fatalf("results %d %v", len(res), err)
		}
		c, _ := st.Cycle(ctx, sid, mustInt(cycleID))
		if c.State != model.CycleComputed {
			t.Fatalf("state %s", c.State)
		}
		// Reopening is for admins only; the head teacher's office may not.
		if code, _, _ := s.login(t, "jiaowu@a1").postForm("/cycles/"+cycleID+"/state", url.Values{"to": {"final"}}); code != http.StatusSeeOther {
			t.Fatalf("academic office move: %d", code)
		}
		if c, _ := st.Cycle(ctx, sid, mustInt(cycleID)); c.State != model.CycleComputed {
			t.Fatal("computed went straight to final")
		}
	})
}

// value is a valid answer for an indicator of the framework.
func value(f model.Framework, code string) string {
	for _, ind := range eval.Indicators(f) {
		if ind.Code != code {
			continue
		}
		switch ind.Scale.Kind {
		case model.ScaleRating5:
			return "4"
		case model.ScaleLevels:
			return ind.Scale.Levels[1].Name
		}
		return "85" // a choice students and parents have, and points for teachers
	}
	return ""
}

func mustInt(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
