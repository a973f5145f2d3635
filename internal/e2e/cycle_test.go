package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestWholeCycleInBrowser runs a small evaluation cycle through the pages,
// each step as the person who does it: the admin opens the cycle; the
// student rates themself and a classmate; the head teacher rates the
// class and verifies a competition award; the admin closes and computes
// from the check pages, is refused 公示 while class B is at 0%, holds the
// class back with a reason and publicises; the student appeals an
// indicator; the head teacher reviews; the committee upholds it with a new
// score, which corrects the result at once while 公示 goes on (the list
// says 已更正, the student is told); a whole-cycle recompute keeps 公示;
// the admin confirms; the student sees the corrected result.
func TestWholeCycleInBrowser(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "wc", true)
	sid := f.School.ID
	fw := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &fw); err != nil {
		t.Fatal(err)
	}
	if err := st.SetDefaultFramework(ctx, sid, model.SystemActor, fw.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveEvidencePolicy(ctx, sid, model.SystemActor, eval.DefaultEvidencePolicy()); err != nil {
		t.Fatal(err)
	}
	site := Serve(t, st, ui.Options{})

	as := func(username string) context.Context { return LoginAs(t, site.URL, username) }
	// Many of the elements waited for are hidden inputs (the state a
	// button moves to), so the waits are for presence, not visibility.
	open := func(b context.Context, path, ready string) {
		t.Helper()
		if err := chromedp.Do(b, chromedp.Navigate(site.URL+path), chromedp.WaitReady(ready)); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}
	// submitVia submits the form that holds the element sel (the buttons
	// ask for confirmation in a dialog; submitting the form skips it).
	submitVia := func(b context.Context, sel, ready string) {
		t.Helper()
		MarkPage(t, b)
		if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){ document.querySelector(`+strconv.Quote(sel)+`).form.submit(); return true })()`)); err != nil {
			t.Fatalf("submit %s: %v", sel, err)
		}
		WaitNewPage(t, b, ready)
	}
	fillAll := func(b context.Context) {
		t.Helper()
		if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){
			var groups = {};
			document.querySelectorAll('.choices input[type=radio], .options input[type=radio]').forEach(function(r){ (groups[r.name] = groups[r.name] || []).push(r); });
			Object.keys(groups).forEach(function(n){ groups[n][1].checked = true; });
			document.querySelectorAll('.rate-score input').forEach(function(i){ i.value = '86'; });
			return true; })()`)); err != nil {
			t.Fatal(err)
		}
	}
	cycleState := func(id int64) model.CycleState {
		c, err := st.Cycle(ctx, sid, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.State
	}

	// 1. The admin creates and opens the cycle.
	admin := as("admin@wc")
	open(admin, "/cycles", `form[action="/cycles"]`)
	if err := chromedp.Do(admin, chromedp.Click(`form[action="/cycles"] button.primary`), chromedp.WaitReady(`input[name=to][value=open]`)); err != nil {
		t.Fatal(err)
	}
	cycles, _ := st.Cycles(ctx, sid, 0)
	if len(cycles) != 1 {
		t.Fatalf("%d cycles after creating one", len(cycles))
	}
	cid := cycles[0].ID
	cpath := "/cycles/" + itoa(cid)
	submitVia(admin, `input[name=to][value=open]`, `a[href$="check?to=closed"]`)
	Screenshot(t, admin, "cycle-open")

	// 2. The student rates themself and their classmate.
	stu := as("xs1@wc")
	for _, p := range []string{"/rate/" + itoa(cid) + "/self/" + itoa(f.StudentA1.ID), "/rate/" + itoa(cid) + "/peer/" + itoa(f.StudentA2.ID)} {
		open(stu, p, `form.rate-form`)
		fillAll(stu)
		if err := chromedp.Do(stu, chromedp.Click(`form.rate-form button[data-submit]`), chromedp.WaitVisible(`.flash.ok`)); err != nil {
			t.Fatalf("rating %s: %v", p, err)
		}
	}

	// 3. The head teacher rates the class and verifies an award.
	ht := as("banzhuren@wc")
	for _, s := range []model.Student{f.StudentA1, f.StudentA2} {
		open(ht, "/rate/"+itoa(cid)+"/head_teacher/"+itoa(s.ID), `form.rate-form`)
		fillAll(ht)
		if err := chromedp.Do(ht, chromedp.Click(`form.rate-form button[data-submit]`), chromedp.WaitVisible(`.flash.ok`)); err != nil {
			t.Fatal(err)
		}
	}
	ev := model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceCompetition, Title: "全国职业院校技能大赛 电子电路装调与应用",
		Level: model.AwardNational, Prize: model.PrizeFirst, Date: "2026-10-20"}
	if err := st.CreateEvidence(ctx, sid, model.Actor{Username: "xs1@wc"}, &ev); err != nil {
		t.Fatal(err)
	}
	open(ht, "/evidence/"+itoa(ev.ID), `input[name=decision][value=verify]`)
	submitVia(ht, `input[name=decision][value=verify]`, `main`)
	if got, _ := st.EvidenceByID(ctx, sid, ev.ID); got.Status != model.EvidenceVerified {
		t.Fatalf("evidence status %s after verifying", got.Status)
	}

	// 4. The admin closes and computes, each from its check page. Class B
	// is at 0%: the close check says so, and 公示 is refused until the
	// class is held back with a written reason.
	open(admin, cpath+"/check?to=closed", `input[name=to][value=closed]`)
	if txt := mustText(t, admin, `main`); !strings.Contains(txt, "个班级完成率为 0%") {
		t.Fatalf("the close check does not warn about class B at 0%%:\n%s", txt)
	}
	Screenshot(t, admin, "check-close")
	submitVia(admin, `input[name=to][value=closed]`, `a[href$="check?to=computed"]`)
	open(admin, cpath+"/check?to=computed", `input[name=to][value=computed]`)
	submitVia(admin, `input[name=to][value=computed]`, `a[href$="check?to=publicised"]`)
	open(admin, cpath+"/check?to=publicised", `input[name=class][value="`+itoa(f.ClassB.ID)+`"]`)
	if txt := mustText(t, admin, `main`); !strings.Contains(txt, "不能开始公示") {
		t.Fatalf("the publicity check does not refuse:\n%s", txt)
	}
	Screenshot(t, admin, "check-publicise-refused")
	if err := chromedp.Do(admin, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	openDetails(t, admin)
	noSideways(t, admin, "the publicity check at 390 px")
	Screenshot(t, admin, "check-publicise-refused-phone")
	if err := chromedp.Do(admin, chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(`main h1`)); err != nil {
		t.Fatal(err)
	}
	// The wrong move anyway (an old tab's button): refused kindly, back on the check.
	MarkPage(t, admin)
	if _, err := chromedp.Run(admin, chromedp.Evaluate[bool](`(function(){ var f = document.createElement("form"); f.method = "post"; f.action = "`+cpath+`/state";
		var i = document.createElement("input"); i.name = "to"; i.value = "publicised"; f.appendChild(i); document.body.appendChild(f); f.submit(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, admin, `.flash.err`)
	if txt := mustText(t, admin, `.flash.err`); !strings.Contains(txt, "待补评") || cycleState(cid) != model.CycleComputed {
		t.Fatalf("publicised with a class at 0%%: %q, %s", txt, cycleState(cid))
	}
	// Hold back class B (and any other student still 待补评) with a reason.
	if _, err := chromedp.Run(admin, chromedp.Evaluate[bool](`(function(){ document.querySelectorAll('details').forEach(function(d){ d.open = true });
		document.querySelector('input[name=class][value="`+itoa(f.ClassB.ID)+`"]').checked = true;
		document.querySelectorAll('input[name=student]').forEach(function(i){ i.checked = true }); return true })()`)); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, admin)
	if err := chromedp.Do(admin, chromedp.SendKeys(`textarea[name=reason]`, "该班实训周未能评价，返校后补评再公示"), chromedp.Click(`form[action$="/exclusions"] button`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, admin, `input[name=to][value=publicised]`)
	if xs, _ := st.Exclusions(ctx, sid, cid); len(xs) == 0 || xs[0].Reason != "该班实训周未能评价，返校后补评再公示" {
		t.Fatalf("exclusions %+v", xs)
	}
	submitVia(admin, `input[name=to][value=publicised]`, `input[name=to][value=final]`)
	if s := cycleState(cid); s != model.CyclePublicised {
		t.Fatalf("state %s, want publicised", s)
	}
	open(admin, "/results/"+itoa(cid)+"/classes/"+itoa(f.ClassB.ID)+"/publicity", `main table`)
	if txt := mustText(t, admin, `main table`); !strings.Contains(txt, "陈三") || !strings.Contains(txt, "暂不公示") {
		t.Fatalf("class B's 公示 list:\n%s", txt)
	}

	// 5. The student sees their result and appeals one indicator.
	rpath := "/results/" + itoa(cid) + "/students/" + itoa(f.StudentA1.ID)
	open(stu, rpath, `select[name=indicator]`)
	Screenshot(t, stu, "result-student")
	// The explanations sit in collapsed <details>: read the text content.
	text, err := chromedp.Run(stu, chromedp.TextContent(`main`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "技能竞赛") || !strings.Contains(text, "国家级") {
		t.Fatalf("result page lacks the verified award:\n%s", text)
	}
	code := eval.IndicatorsFor(fw, model.RaterSelf)[0]
	if err := chromedp.Do(stu,
		chromedp.SetValue(`select[name=indicator]`, code),
		chromedp.SendKeys(`textarea[name=reason]`, "本学期参加了校运会志愿服务，请复核"),
		chromedp.Click(`form[action="/appeals"] button`),
		chromedp.WaitVisible(`.flash.ok`),
	); err != nil {
		t.Fatalf("appeal: %v", err)
	}
	appeals, err := st.Appeals(ctx, sid, cid, f.StudentA1.ID, "")
	if err != nil || len(appeals) != 1 {
		t.Fatalf("appeals %d %v", len(appeals), err)
	}
	apath := "/appeals/" + itoa(appeals[0].ID)

	// 6. The head teacher reviews; the committee upholds with a new score.
	open(ht, apath, `textarea[name=review]`)
	if err := chromedp.Do(ht, chromedp.SendKeys(`textarea[name=review]`, "情况属实，建议上调")); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, ht)
	if err := chromedp.Do(ht, chromedp.Click(`form[action$="/review"] button`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, ht, `main`)
	open(admin, apath, `input[name=decision][value=upheld]`)
	if err := chromedp.Do(admin,
		chromedp.Click(`input[name=decision][value=upheld]`),
		chromedp.SetValue(`select[name=mode]`, "set"),
		chromedp.SendKeys(`input[name=value]`, "97"),
		chromedp.SendKeys(`form[action$="/decide"] textarea[name=reason]`, "经核实支持申诉"),
	); err != nil {
		t.Fatal(err)
	}
	MarkPage(t, admin)
	if err := chromedp.Do(admin, chromedp.Click(`form[action$="/decide"] button`)); err != nil {
		t.Fatal(err)
	}
	WaitNewPage(t, admin, `main`)

	// 7. The upheld appeal corrected the student at once: the cycle is
	// still 公示中, the 公示 list marks the row 已更正, and the student was
	// told. The admin then confirms.
	if s := cycleState(cid); s != model.CyclePublicised {
		t.Fatalf("state %s after an upheld appeal, want publicised", s)
	}
	open(stu, "/results/"+itoa(cid)+"/classes/"+itoa(f.ClassA.ID)+"/publicity", `main table`)
	if txt := mustText(t, stu, `main table`); !strings.Contains(txt, "张一") || !strings.Contains(txt, "已更正") {
		t.Fatalf("class A's 公示 list after the correction:\n%s", txt)
	}
	Screenshot(t, stu, "publicity-corrected")
	open(stu, "/notifications", `main`)
	if txt := mustText(t, stu, `main`); !strings.Contains(txt, "申诉成立，结果已更正") {
		t.Fatalf("the student was not told:\n%s", txt)
	}
	// A whole-cycle recompute during 公示 asks first, and keeps 公示.
	open(admin, cpath+"/check?to=computed", `input[name=to][value=computed]`)
	if txt := mustText(t, admin, `main`); !strings.Contains(txt, "公示继续进行") {
		t.Fatalf("the recompute check does not say 公示 goes on:\n%s", txt)
	}
	Screenshot(t, admin, "check-recompute-publicised")
	submitVia(admin, `input[name=to][value=computed]`, `input[name=to][value=final]`)
	if s := cycleState(cid); s != model.CyclePublicised {
		t.Fatalf("state %s after recomputing during 公示, want publicised", s)
	}
	submitVia(admin, `input[name=to][value=final]`, `main h1`)
	if s := cycleState(cid); s != model.CycleFinal {
		t.Fatalf("state %s, want final", s)
	}

	// 8. The corrected score is the student's result.
	res, err := st.StudentResult(ctx, sid, cid, f.StudentA1.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Code == code {
				found = ind.Score == 97
			}
		}
	}
	if !found {
		t.Fatalf("indicator %s was not corrected to 97 after the upheld appeal", code)
	}
	open(stu, rpath, `main h1`)
	Screenshot(t, stu, "result-after-appeal")
}
