package notify_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A class reminder reaches the accounts of that class's unfinished raters
// with their own count and the deadline; a second one soon after is
// refused, then asks first, and every reminder is recorded and audited.
func TestRemind(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rm", false)
		sid := fx.School.ID
		admin := model.Actor{UserID: fx.Users[model.RoleSchoolAdmin].ID, Username: "admin"}
		f := eval.DefaultFramework()
		must(t, st.SaveFrameworkVersion(ctx, sid, admin, &f))
		closes, _ := time.Parse("2006-01-02", "2026-12-20")
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: fx.Term.ID, Name: "本学期评价", FrameworkID: f.ID, Seed: 5, ClosesAt: closes}}
		must(t, st.CreateCycle(ctx, sid, admin, &c))
		snd := notify.InApp{St: st}
		req := notify.RemindRequest{CycleID: c.ID, ClassID: fx.ClassA.ID}
		if _, err := notify.Remind(ctx, st, snd, sid, admin, req); err == nil {
			t.Fatal("a draft cycle was reminded")
		}
		_, err := evalrun.Open(ctx, st, sid, admin, c.ID)
		must(t, err)

		// 张一 finishes his own sheet: he still owes his peer ratings.
		var self []model.Rating
		for _, code := range eval.IndicatorsFor(f, model.RaterSelf) {
			self = append(self, testfix.RatingAs(f, model.RaterSelf, code, 80, fx.StudentA1.ID, ""))
		}
		_, err = st.SubmitRatings(ctx, sid, admin, c.ID, model.RaterSelf, fx.StudentA1.ID, 0, self)
		must(t, err)
		owes := 0
		all, err := st.ProgressByRater(ctx, sid, c.ID, true)
		must(t, err)
		for _, p := range all {
			if (p.Role == model.RaterSelf || p.Role == model.RaterPeer) && p.RaterID == fx.StudentA1.ID {
				owes += p.Total - p.Done
			}
		}

		sent, err := notify.Remind(ctx, st, snd, sid, admin, req)
		must(t, err)
		if sent.Recipients == 0 || sent.Tasks == 0 || sent.Last.ID == 0 || sent.Last.Channel != "站内通知" {
			t.Fatalf("sent %+v", sent)
		}
		student := fx.Users[model.RoleStudent].ID
		ns, err := st.UnreadNotifications(ctx, sid, student)
		must(t, err)
		if len(ns) != 1 || ns[0].Link != "/rate" || !strings.Contains(ns[0].Text, "你还有 "+strconv.Itoa(owes)+" 份评价未完成，截止 12月20日") {
			t.Fatalf("student's reminder %+v, owes %d", ns, owes)
		}
		for _, role := range []string{model.RoleHeadTeacher, model.RoleParent, model.RoleMentor} {
			if ns, err := st.UnreadNotifications(ctx, sid, fx.Users[role].ID); err != nil || len(ns) != 1 {
				t.Fatalf("%s got %d reminders (%v)", role, len(ns), err)
			}
		}
		// The subject teacher teaches class B only: not reminded for A.
		if ns, err := st.UnreadNotifications(ctx, sid, fx.Users[model.RoleSubjectTeacher].ID); err != nil || len(ns) != 0 {
			t.Fatalf("class B's subject teacher reminded for class A: %+v", ns)
		}

		if _, err := notify.Remind(ctx, st, snd, sid, admin, req); err == nil || errors.Is(err, notify.ErrAskFirst) {
			t.Fatalf("a second reminder at once: %v", err)
		}
		later := req
		later.Now = time.Now().Add(time.Hour)
		if _, err := notify.Remind(ctx, st, snd, sid, admin, later); !errors.Is(err, notify.ErrAskFirst) {
			t.Fatalf("a reminder an hour later did not ask first: %v", err)
		}
		whole := notify.RemindRequest{CycleID: c.ID, Now: later.Now}
		if _, err := notify.Remind(ctx, st, snd, sid, admin, whole); !errors.Is(err, notify.ErrAskFirst) {
			t.Fatalf("a whole-cycle reminder after a class's did not ask first: %v", err)
		}
		otherClass := notify.RemindRequest{CycleID: c.ID, ClassID: fx.ClassB.ID, Now: later.Now}
		if _, err := notify.Remind(ctx, st, snd, sid, admin, otherClass); err != nil {
			t.Fatalf("class B's first reminder: %v", err)
		}
		later.Again = true
		if _, err := notify.Remind(ctx, st, snd, sid, admin, later); err != nil {
			t.Fatalf("a confirmed second reminder: %v", err)
		}
		if ns, _ := st.UnreadNotifications(ctx, sid, student); len(ns) != 2 {
			t.Fatalf("student has %d reminders, want 2", len(ns))
		}
		rs, err := st.Reminders(ctx, sid, c.ID)
		must(t, err)
		if len(rs) != 3 || rs[0].SentBy != admin.UserID {
			t.Fatalf("reminders %+v", rs)
		}
		if last, ok := storage.LastReminderFor(rs, fx.ClassB.ID); !ok || last.ClassID != fx.ClassB.ID {
			t.Fatalf("last reminder of class B %+v", last)
		}
		log, _, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "cycle", Action: "remind", ListQuery: model.ListQuery{PerPage: 10}})
		must(t, err)
		if len(log) != 3 {
			t.Fatalf("reminders audited %d times", len(log))
		}
		if rs, err := st.Reminders(ctx, sid+1000, c.ID); err != nil || len(rs) != 0 {
			t.Fatalf("another school sees the reminders: %v", rs)
		}
		must(t, st.MoveCycle(ctx, sid, admin, c.ID, model.CycleClosed, false))
		late := notify.RemindRequest{CycleID: c.ID, Now: time.Now().Add(48 * time.Hour)}
		if _, err := notify.Remind(ctx, st, snd, sid, admin, late); err == nil {
			t.Fatal("a closed cycle was reminded")
		}
	})
}
