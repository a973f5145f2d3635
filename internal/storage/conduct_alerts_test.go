package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// behaviour stores verified behaviour records for a student, dated the
// given number of days before today.
func behaviour(t *testing.T, st *storage.Storage, f *testfix.School, studentID int64, points float64, daysAgo ...int) {
	t.Helper()
	var es []*model.Evidence
	for _, d := range daysAgo {
		es = append(es, &model.Evidence{StudentID: studentID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour, Title: "早操迟到",
			Category: "守时守纪", Points: points, Date: time.Now().AddDate(0, 0, -d).Format(conduct.DayLayout)})
	}
	if err := st.CreateEvidenceVerifiedBulk(context.Background(), f.School.ID, model.SystemActor, es, "测试"); err != nil {
		t.Fatal(err)
	}
}

// conductNotices counts each account's conduct notices.
func conductNotices(t *testing.T, st *storage.Storage, f *testfix.School) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for role, u := range f.Users {
		ns, err := st.UnreadNotifications(context.Background(), f.School.ID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if n.Kind == notify.KindConductAlert {
				out[role] = append(out[role], n.Text)
			}
		}
	}
	return out
}

type failingSender struct{}

func (failingSender) Channel() string { return "短信" }
func (failingSender) Send(context.Context, int64, []notify.Message) error {
	return errors.New("网关不可用")
}

// TestConductAlertsOncePerCrossing: the third negative record within 30
// days tells the parent and the head teacher once each, privately; the
// same crossing is not told again, a fresh one is, and a failed sending
// leaves nothing claimed so the next check tells it.
func TestConductAlertsOncePerCrossing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "cdal", false)
		sid, kid := f.School.ID, f.StudentA1.ID
		check := func(snd notify.Sender) (int, error) {
			return notify.ConductAlerts(ctx, st, snd, sid, model.SystemActor, []int64{kid, f.StudentA2.ID}, time.Now())
		}
		inApp := notify.InApp{St: st}
		behaviour(t, st, f, kid, 2, 1)     // praise does not count
		behaviour(t, st, f, kid, -1, 9, 5) // two deductions: below the threshold
		behaviour(t, st, f, f.StudentA2.ID, -1, 3, 2)
		if n, err := check(inApp); err != nil || n != 0 {
			t.Fatalf("below the threshold: told %d, %v", n, err)
		}
		behaviour(t, st, f, kid, -1, 2)
		if n, err := check(failingSender{}); err == nil || n != 0 {
			t.Fatalf("failed sending: told %d, %v", n, err)
		}
		if as, _ := st.ConductAlerts(ctx, sid, []int64{kid}, ""); len(as) != 0 {
			t.Fatalf("a failed sending left %d alerts claimed", len(as))
		}
		if n, err := check(inApp); err != nil || n != 1 {
			t.Fatalf("crossing: told %d, %v", n, err)
		}
		got := conductNotices(t, st, f)
		if len(got) != 2 || len(got[model.RoleParent]) != 1 || len(got[model.RoleHeadTeacher]) != 1 {
			t.Fatalf("notices went to %v, want the parent and the head teacher once each", got)
		}
		for _, text := range append(got[model.RoleParent], got[model.RoleHeadTeacher]...) {
			if !strings.Contains(text, f.StudentA1.Name) || strings.Contains(text, f.StudentA2.Name) {
				t.Errorf("notice %q must name the child and no one else", text)
			}
		}
		if n, err := check(inApp); err != nil || n != 0 {
			t.Fatalf("same crossing told again: %d, %v", n, err)
		}
		behaviour(t, st, f, kid, -1, 1, 0, 0)
		if n, err := check(inApp); err != nil || n != 1 {
			t.Fatalf("fresh crossing: told %d, %v", n, err)
		}
		if got := conductNotices(t, st, f); len(got[model.RoleParent]) != 2 {
			t.Fatalf("parent has %d notices after a fresh crossing, want 2", len(got[model.RoleParent]))
		}
		as, err := st.ConductAlerts(ctx, sid, []int64{kid}, "")
		if err != nil || len(as) != 2 || as[0].Recipients != 2 || !as[0].Parents || as[0].Channel != "站内通知" || as[0].Count != 3 {
			t.Fatalf("alerts %+v, %v", as, err)
		}
		_, audits, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "conduct_alert"})
		if err != nil || audits != 4 { // two told, one claimed and released (two lines)
			t.Fatalf("%d audit lines, %v", audits, err)
		}
	})
}

// TestConductRulesAndTalks: rules are checked and audited; a category rule
// tells only the head teacher when it says so; a talk records the newest
// record it saw, refuses a future day, and ConductTerm reads it back.
func TestConductRulesAndTalks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "cdru", false)
		sid, a := f.School.ID, model.SystemActor
		if err := st.AddConductRule(ctx, sid, a, &conduct.Rule{Count: 1, Days: 30, TellParents: true}); err == nil {
			t.Fatal("a rule of one record was saved")
		}
		r := conduct.Rule{Count: 2, Days: 7, Category: "守时守纪", TellHeadTeacher: true}
		if err := st.AddConductRule(ctx, sid, a, &r); err != nil {
			t.Fatal(err)
		}
		rules, err := st.ConductRules(ctx, sid)
		if err != nil || len(rules) != 1 || rules[0] != r {
			t.Fatalf("rules %+v, %v", rules, err)
		}
		behaviour(t, st, f, f.StudentB1.ID, -1, 1, 0)
		if n, err := notify.ConductAlerts(ctx, st, notify.InApp{St: st}, sid, a, []int64{f.StudentB1.ID}, time.Now()); err != nil || n != 1 {
			t.Fatalf("told %d, %v", n, err)
		}
		if got := conductNotices(t, st, f); len(got) != 0 { // class B's head teacher has no fixture account
			t.Fatalf("notices %v: this rule tells no parent", got)
		}
		future := time.Now().AddDate(0, 0, 2).Format(conduct.DayLayout)
		if err := st.AddConductTalk(ctx, sid, a, &storage.ConductTalk{StudentID: f.StudentB1.ID, HeldOn: future}); err == nil {
			t.Fatal("a talk in the future was saved")
		}
		talk := storage.ConductTalk{StudentID: f.StudentB1.ID, HeldOn: storage.Today(), Note: "谈了早起的办法"}
		if err := st.AddConductTalk(ctx, sid, a, &talk); err != nil {
			t.Fatal(err)
		}
		d, err := st.ConductTerm(ctx, sid, storage.ConductSelect{ClassIDs: []int64{f.ClassB.ID}, Talks: true})
		if err != nil || len(d.Students) != 1 || len(d.Records) != 2 || len(d.Alerts) != 1 || len(d.Talks) != 1 {
			t.Fatalf("term %+v, %v", d, err)
		}
		if len(d.FamilyAlerts()) != 0 {
			t.Errorf("the family would list an alert their parents were not told of: %+v", d.FamilyAlerts())
		}
		if d.Talks[0].LastRecordID != d.Records[1].ID {
			t.Errorf("talk saw record %d, want the newest %d", d.Talks[0].LastRecordID, d.Records[1].ID)
		}
		if err := st.DeleteConductRule(ctx, sid, a, r.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteConductRule(ctx, sid, a, r.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("deleting twice: %v", err)
		}
		_, audits, _ := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "conduct_rule"})
		_, talks, _ := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "conduct_talk"})
		if audits != 2 || talks != 1 {
			t.Fatalf("audit: %d rule lines, %d talk lines", audits, talks)
		}
	})
}

// TestConductAlertsTellEachTheirRules: two rules crossing at once send
// each account one message, about the crossings whose rule tells it.
func TestConductAlertsTellEachTheirRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "cdtw", false)
		sid, a := f.School.ID, model.SystemActor
		for _, r := range []conduct.Rule{{Count: 2, Days: 30, TellParents: true}, {Count: 3, Days: 30, Category: "守时守纪", TellHeadTeacher: true}} {
			if err := st.AddConductRule(ctx, sid, a, &r); err != nil {
				t.Fatal(err)
			}
		}
		behaviour(t, st, f, f.StudentA1.ID, -1, 5, 3, 1)
		if n, err := notify.ConductAlerts(ctx, st, notify.InApp{St: st}, sid, a, []int64{f.StudentA1.ID}, time.Now()); err != nil || n != 1 {
			t.Fatalf("told %d, %v", n, err)
		}
		got := conductNotices(t, st, f)
		p, h := got[model.RoleParent], got[model.RoleHeadTeacher]
		if len(p) != 1 || len(h) != 1 || !strings.Contains(p[0], "有 2 次扣分") || strings.Contains(p[0], "有 3 次") ||
			!strings.Contains(h[0], "有 3 次扣分") || strings.Contains(h[0], "有 2 次") {
			t.Fatalf("parent %q, head teacher %q", p, h)
		}
	})
}
