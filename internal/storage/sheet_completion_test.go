package storage_test

import (
	"context"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A sheet with some of its role's indicators is a draft: the rater sees
// it as 草稿 n/m, every completion figure counts it as not done, and the
// engine never reads it. Filling the rest makes it complete.
func TestPartialSheetIsADraft(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx, c := openCycle(t, st, "draft")
		sid, a := fx.School.ID, model.SystemActor
		head, a1 := fx.TeacherHead.ID, fx.StudentA1.ID
		f := eval.DefaultFramework()
		codes := eval.IndicatorsFor(f, model.RaterHeadTeacher)
		if len(codes) < 3 {
			t.Fatalf("head teacher rates %v", codes)
		}
		rating := func(code string) model.Rating {
			r := testfix.Rating(f, code, 80, a1, "")
			return r
		}
		_, err := st.SubmitRatings(ctx, sid, a, c.ID, model.RaterHeadTeacher, head, 0, []model.Rating{rating(codes[0])})
		must(t, err)

		task := findTask(t, st, sid, c.ID, head, a1)
		if task.Done || !task.Draft() || task.Filled != 1 || task.Required != len(codes) {
			t.Fatalf("after one item: %+v", task)
		}
		progress := func() storage.Progress {
			ps, err := st.ProgressByRater(ctx, sid, c.ID, false)
			must(t, err)
			for _, p := range ps {
				if p.Role == model.RaterHeadTeacher && p.RaterID == head {
					return p
				}
			}
			t.Fatal("head teacher has no progress row")
			return storage.Progress{}
		}
		if p := progress(); p.Done != 0 || p.Drafts != 1 {
			t.Fatalf("progress with a draft: %+v", p)
		}
		sheets, err := st.CycleSheets(ctx, sid, c.ID)
		must(t, err)
		for _, sh := range sheets {
			if sh.RaterRole == model.RaterHeadTeacher && sh.StudentID == a1 {
				t.Fatal("the engine reads a draft sheet")
			}
		}

		var rest []model.Rating
		for _, code := range codes[1:] {
			rest = append(rest, rating(code))
		}
		_, err = st.SubmitRatings(ctx, sid, a, c.ID, model.RaterHeadTeacher, head, 0, rest)
		must(t, err)
		task = findTask(t, st, sid, c.ID, head, a1)
		if !task.Done || task.Draft() || task.Filled != len(codes) {
			t.Fatalf("after every item: %+v", task)
		}
		if p := progress(); p.Done != 1 || p.Drafts != 0 {
			t.Fatalf("progress when complete: %+v", p)
		}
		sheets, err = st.CycleSheets(ctx, sid, c.ID)
		must(t, err)
		found := false
		for _, sh := range sheets {
			found = found || (sh.RaterRole == model.RaterHeadTeacher && sh.StudentID == a1 && len(sh.Items) == len(codes))
		}
		if !found {
			t.Fatal("the complete sheet is not read")
		}
	})
}

// Sheets written before completion was stored are filled in on upgrade
// from the framework the cycle pins: a full sheet is complete, a partial
// one a draft.
func TestSheetCompletionBackfill(t *testing.T) {
	eachUnmigrated(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		if _, err := st.MigrateTo(ctx, 9); err != nil {
			t.Fatal(err)
		}
		fx, c := openCycle(t, st, "fill")
		sid := fx.School.ID
		head, a1, a2 := fx.TeacherHead.ID, fx.StudentA1.ID, fx.StudentA2.ID
		f := eval.DefaultFramework()
		codes := eval.IndicatorsFor(f, model.RaterHeadTeacher)
		full := "["
		for i, code := range codes {
			if i > 0 {
				full += ","
			}
			full += `["` + code + `",80]`
		}
		full += "]"
		for _, row := range []struct {
			student int64
			items   string
			n       int
		}{{a1, full, len(codes)}, {a2, `[["` + codes[0] + `",80]]`, 1}} {
			if _, err := st.DB().ExecContext(ctx, `INSERT INTO rating_sheets (school_id, cycle_id, rater_role, rater_id, student_id, items, item_count, changed, created_at)
				VALUES ($1, $2, 'head_teacher', $3, $4, $5, $6, $6, CURRENT_TIMESTAMP)`, sid, c.ID, head, row.student, row.items, row.n); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if task := findTask(t, st, sid, c.ID, head, a1); !task.Done {
			t.Fatalf("full sheet after upgrade: %+v", task)
		}
		if task := findTask(t, st, sid, c.ID, head, a2); task.Done || !task.Draft() {
			t.Fatalf("partial sheet after upgrade: %+v", task)
		}
	})
}

func findTask(t *testing.T, st *storage.Storage, school, cycle, head, student int64) storage.RaterTask {
	t.Helper()
	tasks, err := st.TasksForRater(context.Background(), school, cycle, model.RaterHeadTeacher, head)
	must(t, err)
	for _, x := range tasks {
		if x.StudentID == student {
			return x
		}
	}
	t.Fatalf("no task for student %d", student)
	return storage.RaterTask{}
}
