package demo_test

import (
	"context"
	"testing"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestDemoEvaluationIsOpen: the demo school comes with the default
// framework adopted, last year's four cycles final with results, and this
// term's cycle open and partly rated, while the printed student login
// still has its self and peer tasks waiting.
func TestDemoEvaluationIsOpen(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		r, err := demo.Generate(ctx, st, demo.Options{Students: 300}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sid := r.Schools[0].ID
		if _, err := st.DefaultFramework(ctx, sid); err != nil {
			t.Fatalf("default framework: %v", err)
		}
		all, err := st.Cycles(ctx, sid, 0)
		if err != nil {
			t.Fatal(err)
		}
		var cycles []storage.EvalCycle // the open one
		final := 0
		for _, c := range all {
			n, err := st.RatingCount(ctx, sid, c.ID)
			if err != nil || n == 0 {
				t.Errorf("%s: %d ratings, %v", c.Name, n, err)
			}
			switch c.State {
			case model.CycleOpen:
				cycles = append(cycles, c)
			case model.CycleFinal:
				final++
				rows, err := st.CycleResults(ctx, sid, c.ID, 0)
				if err != nil || len(rows) < 50 {
					t.Errorf("%s: %d results, %v", c.Name, len(rows), err)
				}
				if c.ScopeKind != storage.ScopeCohort || c.PublicityEnd == "" || c.PublicityEnd >= "2026-09-01" {
					t.Errorf("%s: scope %s, publicity until %q", c.Name, c.ScopeKind, c.PublicityEnd)
				}
			default:
				t.Errorf("%s is %s", c.Name, c.State)
			}
		}
		if final != 4 || len(cycles) != 1 {
			t.Fatalf("%d final and %d open cycles, want 4 and 1", final, len(cycles))
		}
		// Some raters stopped half way, and a reminder already went out.
		prog, err := st.ProgressByClass(ctx, sid, cycles[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		done, drafts, total := 0, 0, 0
		for _, p := range prog {
			done, drafts, total = done+p.Done, drafts+p.Drafts, total+p.Total
		}
		if drafts == 0 || drafts*100 > total*10 || done*4 < total {
			t.Errorf("open cycle: %d done, %d drafts of %d tasks", done, drafts, total)
		}
		if rs, err := st.Reminders(ctx, sid, cycles[0].ID); err != nil || len(rs) != 1 || rs[0].Recipients == 0 || rs[0].SentAt.Format("2006-01-02") != "2026-11-26" {
			t.Errorf("demo reminders %+v %v", rs, err)
		}
		var student model.User
		for _, l := range r.Logins {
			if l.Role == model.RoleStudent {
				student, err = st.UserByUsername(ctx, l.Username)
			}
		}
		if err != nil || student.StudentID == 0 {
			t.Fatalf("student login: %+v %v", student, err)
		}
		for _, role := range []model.RaterRole{model.RaterSelf, model.RaterPeer} {
			tasks, err := st.TasksForRater(ctx, sid, cycles[0].ID, role, student.StudentID)
			if err != nil || len(tasks) == 0 {
				t.Fatalf("%s tasks of the demo student: %d %v", role, len(tasks), err)
			}
			for _, task := range tasks {
				if task.Done {
					t.Errorf("the demo student's %s task for %s is already done", role, task.StudentName)
				}
			}
		}
	})
}

// TestDemoRecords: the 数据画像's records are there and near the rates the
// generator aims at.
func TestDemoRecords(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	r, err := demo.Generate(ctx, st, demo.Options{Students: 1000}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sid := r.Schools[0].ID
	dest, err := st.Destinations(ctx, sid, "", "")
	if err != nil || len(dest) < 250 {
		t.Fatalf("%d destinations, %v", len(dest), err)
	}
	working := 0
	for _, d := range dest {
		if d.Kind != "not_employed" {
			working++
		}
	}
	if f := float64(working) / float64(len(dest)); f < 0.96 {
		t.Errorf("initial employment %.3f", f)
	}
	var attempts, passed int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN passed THEN 1 ELSE 0 END), 0) FROM evidence
		WHERE school_id = $1 AND kind = 'certificate' AND status = 'verified'`, sid).Scan(&attempts, &passed); err != nil {
		t.Fatal(err)
	}
	if f := float64(passed) / float64(attempts); attempts < 300 || f < 0.85 || f > 0.95 {
		t.Errorf("certificates %d/%d", passed, attempts)
	}
	training, err := st.TrainingSessions(ctx, sid, "2025-09-01", "2026-08-31")
	if err != nil {
		t.Fatal(err)
	}
	people := 0
	for _, s := range training {
		people += s.Trainees
	}
	if people < 20000 || people > 45000 {
		t.Errorf("training %d person-times in 2025-2026", people)
	}
	if r.SurveyToken == "" {
		t.Error("no open survey link")
	}
	resp, err := st.SurveyResponses(ctx, sid, 0, time.Time{}, time.Time{})
	if err != nil || len(resp) < 10 {
		t.Errorf("%d survey responses, %v", len(resp), err)
	}
}
