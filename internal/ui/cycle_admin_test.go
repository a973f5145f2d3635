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
	"zhijiao/internal/testfix"
)

// TestCycleProgressRemindPublish: the progress drills down to the raters
// who have not finished (by name, with their drafts); only cycle managers
// remind, hold back and publicise; a reminder reaches the rater's
// notifications and a second one at once is refused; 公示 is refused while
// a class is at 0% and goes ahead once the class is held back with a
// reason, which the 公示 list shows as 暂不公示.
func TestCycleProgressRemindPublish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		admin := s.login(t, "admin@a1")
		code, _, loc := admin.postForm("/cycles", url.Values{"name": {"本学期综合素质评价"}, "term_id": {itoa(s.a.Term.ID)}, "peer_count": {"3"},
			"publicity_days": {"5"}, "framework_id": {itoa(f.ID)}, "closes_at": {"2026-12-20"}})
		if code != http.StatusSeeOther {
			t.Fatalf("create: %d", code)
		}
		base := loc
		cid := mustInt(strings.TrimPrefix(loc, "/cycles/"))
		state := func(to string) (int, string) {
			code, _, loc := admin.postForm(base+"/state", url.Values{"to": {to}})
			return code, loc
		}
		if code, _ := state("open"); code != http.StatusSeeOther {
			t.Fatalf("open: %d", code)
		}
		// 张一 stops half way through his own sheet; the head teacher rates
		// everything for class A.
		selfCodes := eval.IndicatorsFor(f, model.RaterSelf)
		if _, err := st.SubmitRatings(ctx, sid, model.SystemActor, cid, model.RaterSelf, s.a.StudentA1.ID, 0, ratingsOf(f, model.RaterSelf, s.a.StudentA1.ID, selfCodes[:3])); err != nil {
			t.Fatal(err)
		}
		head := eval.IndicatorsFor(f, model.RaterHeadTeacher)
		for _, stu := range []int64{s.a.StudentA1.ID, s.a.StudentA2.ID} {
			if _, err := st.SubmitRatings(ctx, sid, model.SystemActor, cid, model.RaterHeadTeacher, s.a.TeacherHead.ID, 0, ratingsOf(f, model.RaterHeadTeacher, stu, head)); err != nil {
				t.Fatal(err)
			}
		}

		_, body := admin.get(base)
		for _, want := range []string{"各班进度", "/classes/" + itoa(s.a.ClassA.ID), "提醒全部未完成的评价者", "0%"} {
			if !strings.Contains(body, want) {
				t.Fatalf("cycle page lacks %q", want)
			}
		}
		drill := base + "/classes/" + itoa(s.a.ClassA.ID)
		code, body = admin.get(drill)
		if code != http.StatusOK {
			t.Fatalf("drill-down: %d", code)
		}
		for _, want := range []string{"张一", "张二", "草稿 3/" + itoa(int64(len(selfCodes))), "尚未开始", "张父（张一的家长）", "周师傅（测试汽车服务有限公司）", "提醒本班未完成的评价者"} {
			if !strings.Contains(body, want) {
				t.Fatalf("drill-down lacks %q:\n%s", want, body)
			}
		}
		if strings.Contains(body, "王老师") {
			t.Fatal("the head teacher finished class A but is listed as unfinished")
		}
		// The head teacher sees their own class's drill-down, not another's,
		// and cannot remind.
		ht := s.login(t, "banzhuren@a1")
		if code, body := ht.get(drill); code != http.StatusOK || strings.Contains(body, "提醒本班未完成的评价者") {
			t.Fatalf("head teacher's drill-down: %d", code)
		}
		if code, _ := ht.get(base + "/classes/" + itoa(s.a.ClassB.ID)); code != http.StatusNotFound {
			t.Fatalf("head teacher reads another class's drill-down: %d", code)
		}
		for _, user := range []string{"banzhuren@a1", "renke@a1", "zhuren@a1", "xs1@a1", "jiazhang@a1", "daoshi@a1"} {
			c := s.login(t, user)
			for _, path := range []string{base + "/remind", base + "/exclusions", base + "/state"} {
				if code, _, _ := c.postForm(path, url.Values{"class_id": {"0"}, "to": {"closed"}, "class": {itoa(s.a.ClassB.ID)}, "reason": {"x"}}); code != http.StatusForbidden {
					t.Errorf("%s POST %s: %d, want 403", user, path, code)
				}
			}
			if code, _ := c.get(base + "/check?to=publicised"); code != http.StatusForbidden {
				t.Errorf("%s reads the publicity check: %d", user, code)
			}
		}

		// A class reminder reaches 张一's notifications; again at once is refused.
		if code, _, _ := admin.postForm(base+"/remind", url.Values{"class_id": {itoa(s.a.ClassA.ID)}}); code != http.StatusSeeOther {
			t.Fatalf("remind: %d", code)
		}
		if _, body := admin.get(drill); !strings.Contains(body, "已提醒") || !strings.Contains(body, "最近一次催评") {
			t.Fatal("the drill-down does not say the reminder went out")
		}
		if _, body := s.login(t, "xs1@a1").get("/notifications"); !strings.Contains(body, "份评价未完成，截止 12月20日") || !strings.Contains(body, `href="/rate"`) {
			t.Fatalf("the student did not get the reminder:\n%s", body)
		}
		admin.postForm(base+"/remind", url.Values{"class_id": {itoa(s.a.ClassA.ID)}})
		if _, body := admin.get(drill); !strings.Contains(body, "刚催评过") {
			t.Fatal("a second reminder at once was not refused")
		}
		if rs, _ := st.Reminders(ctx, sid, cid); len(rs) != 1 {
			t.Fatalf("%d reminders stored, want 1", len(rs))
		}

		// Close and compute: class B is at 0%, so 公示 is refused.
		if _, body := admin.get(base + "/check?to=closed"); !strings.Contains(body, "个班级完成率为 0%") {
			t.Fatal("the close check does not warn about the class at 0%")
		}
		if code, _ := state("closed"); code != http.StatusSeeOther {
			t.Fatalf("close: %d", code)
		}
		if _, body := admin.get(base + "/check?to=computed"); !strings.Contains(body, "陈三") || !strings.Contains(body, "缺") {
			t.Fatal("the compute check does not list 陈三 as 待补评 with the reason")
		}
		if code, _ := state("computed"); code != http.StatusSeeOther {
			t.Fatalf("compute: %d", code)
		}
		_, body = admin.get(base + "/check?to=publicised")
		if !strings.Contains(body, "不能开始公示") || !strings.Contains(body, "整班暂不公示") {
			t.Fatal("the publicity check does not refuse or offer holding back")
		}
		code, loc = state("publicised")
		if c, _ := st.Cycle(ctx, sid, cid); code != http.StatusSeeOther || c.State != model.CycleComputed || !strings.HasSuffix(loc, "/check?to=publicised") {
			t.Fatalf("publicised with a class at 0%%: %d %s %s", code, loc, c.State)
		}
		if code, _, _ := admin.postForm(base+"/exclusions", url.Values{"class": {itoa(s.a.ClassB.ID)}}); code != http.StatusSeeOther {
			t.Fatalf("exclusion without reason: %d", code)
		}
		if xs, _ := st.Exclusions(ctx, sid, cid); len(xs) != 0 {
			t.Fatal("an exclusion without a reason was stored")
		}
		rows, _ := st.CycleResults(ctx, sid, cid, 0)
		// 张一 is held back too (a school may hold back any student): his
		// family then sees neither his result nor his report card.
		form := url.Values{"class": {itoa(s.a.ClassB.ID)}, "student": {itoa(s.a.StudentA1.ID)}, "reason": {"实训周未能评价，返校后补评"}}
		for _, r := range rows {
			if !r.Complete && r.ClassID == s.a.ClassA.ID && r.StudentID != s.a.StudentA1.ID {
				form.Add("student", itoa(r.StudentID))
			}
		}
		if code, _, _ := admin.postForm(base+"/exclusions", form); code != http.StatusSeeOther {
			t.Fatalf("exclusion: %d", code)
		}
		if code, _ := state("publicised"); code != http.StatusSeeOther {
			t.Fatalf("publicise: %d", code)
		}
		if c, _ := st.Cycle(ctx, sid, cid); c.State != model.CyclePublicised {
			t.Fatalf("cycle %s after holding class B back", c.State.Name())
		}
		parent := s.login(t, "jiazhang@a1")
		if _, body := parent.get("/results/" + itoa(cid) + "/students/" + itoa(s.a.StudentA1.ID)); !strings.Contains(body, "本期结果暂不公示") {
			t.Fatal("the parent of a held-back student sees the result")
		}
		if code, _ := parent.get("/reports/" + itoa(cid) + "/students/" + itoa(s.a.StudentA1.ID)); code != http.StatusNotFound {
			t.Fatalf("the parent of a held-back student opens the report card: %d", code)
		}
		_, body = admin.get("/results/" + itoa(cid) + "/classes/" + itoa(s.a.ClassB.ID) + "/publicity")
		if !strings.Contains(body, "陈三") || !strings.Contains(body, "暂不公示") {
			t.Fatalf("the 公示 list does not show 陈三 as held back:\n%s", body)
		}
	})
}

// ratingsOf rates student on codes as role would, with a passing value.
func ratingsOf(f model.Framework, role model.RaterRole, student int64, codes []string) []model.Rating {
	out := make([]model.Rating, len(codes))
	for i, c := range codes {
		out[i] = testfix.RatingAs(f, role, c, 80, student, "")
	}
	return out
}
