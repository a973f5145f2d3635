package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// TestHeadTeacherRatesAClassInTheGrid: a head teacher of a 45-student
// class opens the grid, clicks 全部设为合格, changes a few cells with the
// keyboard, waits for the background saves, reloads and sees the values,
// with the progress complete. It logs how long the whole grid (45
// students × every head-teacher indicator) took to be saved.
func TestHeadTeacherRatesAClassInTheGrid(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "gr", true)
	sid := f.School.ID
	for i := 3; i <= 45; i++ { // the fixture class has two students
		birth := time.Date(2010, 5, 1+i%28, 0, 0, 0, 0, time.UTC)
		s := model.Student{StudentNo: fmt.Sprintf("gr-A%02d", i), Name: fmt.Sprintf("学生%02d", i), Gender: model.Female, ClassID: f.ClassA.ID,
			IDNumber: idcheck.MakeIDNumber("500112", birth, 10+i, false), BirthDate: birth.Format("2006-01-02")}
		if err := st.CreateStudent(ctx, sid, model.SystemActor, &s); err != nil {
			t.Fatal(err)
		}
	}
	fw := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &fw); err != nil {
		t.Fatal(err)
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "本学期综合素质评价", FrameworkID: fw.ID, PeerCount: 2, Seed: 11}}
	if err := st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	codes := eval.IndicatorsFor(fw, model.RaterHeadTeacher)
	site := Serve(t, st, ui.Options{})
	b := Browser(t)
	if err := chromedp.Do(b,
		chromedp.Navigate(site.URL+"/login"),
		chromedp.SendKeys(`input[name=username]`, "banzhuren@gr"),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
		chromedp.Navigate(site.URL+"/rate"),
		chromedp.WaitVisible(`.grid-links a.primary`),
	); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "grid-rate-home")
	if err := chromedp.Do(b, chromedp.Click(`.grid-links a.primary`), chromedp.WaitVisible(`table.rate-grid`)); err != nil {
		t.Fatal(err)
	}
	rows := evalInt(t, b, `document.querySelectorAll('tr[data-student]').length`)
	cols := evalInt(t, b, `document.querySelectorAll('th.ind').length`)
	if rows != 45 || cols != len(codes) {
		t.Fatalf("grid is %d × %d, want 45 × %d", rows, cols, len(codes))
	}
	Screenshot(t, b, "grid-empty-desktop")

	// 全部设为合格, then wait until every row says it is saved.
	start := time.Now()
	if err := chromedp.Do(b, chromedp.Click(`[data-fill-all]`)); err != nil {
		t.Fatal(err)
	}
	waitSaved(t, b)
	took := time.Since(start)
	t.Logf("grid: %d students × %d indicators (%d ratings) saved end to end in %v", rows, cols, rows*cols, took.Round(time.Millisecond))
	if got := mustText(t, b, `#grid-complete`); got != "45" {
		t.Fatalf("progress after 全部设为合格: %q", got)
	}
	n, err := st.RatingCount(ctx, sid, c.ID)
	if err != nil || n != 45*len(codes) {
		t.Fatalf("ratings stored: %d (%v), want %d", n, err, 45*len(codes))
	}

	// Adjust by keyboard: 95 in the first cell, Enter, 88 below it; then to
	// the first levels column of the first row: 1 picks 优秀; down, D picks 待合格.
	levelCol := evalInt(t, b, `+document.querySelector('tr[data-student] select[name=v_X01]').dataset.c`)
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){ var el = document.querySelector('tr[data-student] [data-col="0"]'); el.focus(); el.select(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b,
		chromedp.KeyEvent("95"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.KeyEvent("88"),
		chromedp.KeyEvent(kb.ArrowUp),
		chromedp.KeyEvent(strings.Repeat(kb.ArrowRight, levelCol)),
		chromedp.KeyEvent("1"),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent("d"),
	); err != nil {
		t.Fatal(err)
	}
	waitSaved(t, b)

	// A value off the scale is refused with the reason on the row, then fixed.
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){ var el = document.querySelectorAll('tr[data-student]')[2].querySelector('[data-col="0"]'); el.focus(); el.select(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("150"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('tr[data-student]')[2].querySelector('[data-status]').dataset.status === "error"`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal(err)
	}
	if msg := mustText(t, b, `tr[data-student]:nth-child(3) [data-status]`); !strings.Contains(msg, "0 到 100") {
		t.Fatalf("refused row says %q", msg)
	}
	Screenshot(t, b, "grid-error-desktop")
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(function(){ document.activeElement.select(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("70")); err != nil {
		t.Fatal(err)
	}
	waitSaved(t, b)
	Screenshot(t, b, "grid-filled-desktop")

	if err := chromedp.Do(b, chromedp.Reload(), chromedp.WaitVisible(`table.rate-grid`)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(b, chromedp.Evaluate[string](`(function(){
		var r = document.querySelectorAll('tr[data-student]');
		return [r[0].querySelector('[name=v_D01]').value, r[1].querySelector('[name=v_D01]').value, r[2].querySelector('[name=v_D01]').value,
			r[0].querySelector('[name=v_X01]').value, r[1].querySelector('[name=v_X01]').value, r[2].querySelector('[name=v_X01]').value].join('|') })()`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "95|88|70|优秀|待合格|合格" {
		t.Fatalf("after reload the grid shows %q", got)
	}
	if p := mustText(t, b, `#grid-complete`); p != "45" {
		t.Fatalf("progress after reload: %q", p)
	}
	if s := mustText(t, b, `th.ind [data-filled]`); s != "45" {
		t.Fatalf("first column filled: %q", s)
	}

	// The same grid on a phone: the grid scrolls in its box, the page does not.
	if err := chromedp.Do(b, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(`table.rate-grid`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "grid-phone")
	wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || wide {
		t.Fatalf("the grid page scrolls sideways on a phone (%v)", err)
	}
	// The offline workbook page, on the phone too.
	if err := chromedp.Do(b, chromedp.Navigate(site.URL+"/rate/"+itoa(c.ID)+"/offline/head_teacher"), chromedp.WaitVisible(`input[type=file]`)); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, b, "offline-phone")
	if wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
		t.Fatalf("the offline page scrolls sideways on a phone (%v)", err)
	}
}

func evalInt(t *testing.T, ctx context.Context, js string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return n
}

// waitSaved waits until no row of the grid is waiting, saving or refused,
// and fails with the rows' states otherwise.
func waitSaved(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('grid').dataset.pending === "0" &&
		Array.prototype.every.call(document.querySelectorAll('tr[data-student] [data-status]'), function (td) { return td.dataset.status === "saved" })`,
		chromedp.WithPollingTimeout(60*time.Second), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		states, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.prototype.map.call(document.querySelectorAll('[data-status]'), function (td) { return td.dataset.status + ':' + td.textContent }).join(' ')`))
		t.Fatalf("grid not saved: %v; rows: %s", err, states)
	}
}
