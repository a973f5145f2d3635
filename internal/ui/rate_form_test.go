package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestRateFormChoicesAndDrafts: students choose levels with the
// framework's descriptors; a background draft save answers JSON through
// the same checks; a partial submit is a draft the form and the list say
// so; the home page tells what is waiting and until when.
func TestRateFormChoicesAndDrafts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: s.a.Term.ID, Name: "本学期评价", FrameworkID: f.ID, PeerCount: 1, Seed: 3,
			ClosesAt: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)}}
		if err := st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID); err != nil {
			t.Fatal(err)
		}
		stu := s.login(t, "xs1@a1")
		if _, home := stu.get("/"); !strings.Contains(home, "你还有 2 份评价未完成，截止 12月20日") || !strings.Contains(home, `href="/rate/`+itoa(c.ID)+`/self/`) {
			t.Fatalf("home does not say what is waiting:\n%s", home)
		}
		en := s.login(t, "xs1@a1")
		if code, _ := en.get("/lang/en?next=/"); code != http.StatusSeeOther {
			t.Fatalf("switch to English: %d", code)
		}
		if _, home := en.get("/"); !strings.Contains(home, "You have 2 ratings left to do, due Dec 20") {
			t.Fatalf("English home does not say what is waiting:\n%s", home)
		}
		self := "/rate/" + itoa(c.ID) + "/self/" + itoa(s.a.StudentA1.ID)
		code, page := stu.get(self)
		if code != 200 || !strings.Contains(page, `name="v_D01" value="95"`) || !strings.Contains(page, "尊敬师长、孝敬父母，主动帮助同学，处处做表率") ||
			strings.Contains(page, `type="number"`) || !strings.Contains(page, "德 <span class=\"muted small\">1 / 6</span>") {
			t.Fatalf("self form: %d\n%s", code, page)
		}
		// Drafts answer JSON; a value no student could choose is refused.
		code, body, _ := stu.postForm(self, url.Values{"draft": {"1"}, "v_D01": {"90"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `"error":"第 1 条：指标“思想品德”自评应选择 优秀 95`) {
			t.Fatalf("draft off the choices: %d %s", code, body)
		}
		if code, body, _ = stu.postForm(self, url.Values{"draft": {"1"}, "v_D01": {"85"}}); code != 200 || !strings.Contains(body, `"ok":true`) {
			t.Fatalf("draft: %d %s", code, body)
		}
		if code, body, _ = stu.postForm(self, url.Values{"draft": {"1"}}); code != 200 || !strings.Contains(body, `"ok":true`) {
			t.Fatalf("empty draft: %d %s", code, body)
		}
		if code, body, _ = stu.postForm("/rate/"+itoa(c.ID)+"/self/"+itoa(s.a.StudentA2.ID), url.Values{"draft": {"1"}, "v_D01": {"85"}}); code != http.StatusNotFound || !strings.Contains(body, "没有这项评价任务") {
			t.Fatalf("draft for a classmate's self-rating: %d %s", code, body)
		}
		// A partial submit comes back as a draft, at the first screen left.
		code, _, loc := stu.postForm(self, url.Values{"v_D01": {"85"}, "v_D02": {"95"}, "v_D04": {"70"}})
		if code != http.StatusSeeOther || loc != self+"?draft=1" {
			t.Fatalf("partial submit: %d %s", code, loc)
		}
		if _, page = stu.get(loc); !strings.Contains(page, "已保存为草稿：还有 10 项未评") || !strings.Contains(page, `data-start="1"`) ||
			!strings.Contains(page, `action="`+self+`"`) {
			t.Fatalf("draft form:\n%s", page)
		}
		// Sent from that page, a plain submit is not taken for a draft save.
		if code, _, loc := stu.postForm(loc, url.Values{"v_D01": {"85"}}); code != http.StatusSeeOther || loc != self+"?draft=1" {
			t.Fatalf("submit from the draft page: %d %s", code, loc)
		}
		if _, list := stu.get("/rate"); !strings.Contains(list, "草稿 3/13") || !strings.Contains(list, "未开始") {
			t.Fatalf("list:\n%s", list)
		}
		// The complete sheet leads to the classmate.
		full := url.Values{}
		for _, code := range eval.IndicatorsFor(f, model.RaterSelf) {
			full.Set("v_"+code, value(f, code))
		}
		_, page = stu.get(self)
		next := "/rate/" + itoa(c.ID) + "/peer/" + itoa(s.a.StudentA2.ID)
		if !strings.Contains(page, `name="next" value="`+next+`"`) {
			t.Fatalf("the self form does not lead to the classmate:\n%s", page)
		}
		full.Set("next", next)
		if code, _, loc = stu.postForm(self, full); code != http.StatusSeeOther || loc != next+"?saved=1" {
			t.Fatalf("complete submit: %d %s", code, loc)
		}
		if _, list := stu.get("/rate"); !strings.Contains(list, "已完成") {
			t.Fatalf("list after the self-rating:\n%s", list)
		}
		// A teacher keeps the points, and the home page leads into the class grid.
		ht := s.login(t, "banzhuren@a1")
		if _, page := ht.get("/rate/" + itoa(c.ID) + "/head_teacher/" + itoa(s.a.StudentA1.ID)); !strings.Contains(page, `type="number" name="v_D01"`) {
			t.Fatalf("head teacher's form:\n%s", page)
		}
		if _, home := ht.get("/"); !strings.Contains(home, "你还有 2 份评价未完成，截止 12月20日") || !strings.Contains(home, `href="/rate/`+itoa(c.ID)+`/grid/head_teacher/`+itoa(s.a.ClassA.ID)+`"`) {
			t.Fatalf("head teacher's home:\n%s", home)
		}
		// Someone who rates nobody sees no such box.
		if _, home := s.login(t, "admin@a1").get("/"); strings.Contains(home, "份评价未完成") {
			t.Fatal("the admin's home speaks of ratings to do")
		}
	})
}
