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
// class and verifies a competition award; the admin closes, computes and
// publicises; the student appeals an indicator; the head teacher reviews;
// the committee upholds it with a new score; the admin recomputes,
// publicises again and confirms; the student sees the corrected result.
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

	as := func(username string) context.Context {
		b := Browser(t)
		if err := chromedp.Do(b,
			chromedp.Navigate(site.URL+"/login"),
			chromedp.SendKeys(`input[name=username]`, username),
			chromedp.SendKeys(`input[name=password]`, testfix.Password),
			chromedp.Click(`button[type=submit]`),
			chromedp.WaitVisible(`header.topbar`),
		); err != nil {
			t.Fatalf("%s logs in: %v", username, err)
		}
		return b
	}
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
	submitVia(admin, `input[name=to][value=open]`, `input[name=to][value=closed]`)
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

	// 4. The admin closes, computes and publicises.
	open(admin, cpath, `input[name=to][value=closed]`)
	submitVia(admin, `input[name=to][value=closed]`, `input[name=to][value=computed]`)
	submitVia(admin, `input[name=to][value=computed]`, `input[name=to][value=publicised]`)
	submitVia(admin, `input[name=to][value=publicised]`, `input[name=to][value=final]`)
	if s := cycleState(cid); s != model.CyclePublicised {
		t.Fatalf("state %s, want publicised", s)
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

	// 7. The admin recomputes, publicises again and confirms.
	open(admin, cpath, `input[name=to][value=computed]`)
	submitVia(admin, `input[name=to][value=computed]`, `input[name=to][value=publicised]`)
	submitVia(admin, `input[name=to][value=publicised]`, `input[name=to][value=final]`)
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
