package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

var progressDay = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// Progress reads the school's teachers in a few grouped queries: verified
// hours count, pending ones apart, deleted and other schools' never; the
// teacher of a 专业核心课 owes enterprise practice.
func TestDevelopmentProgressFacts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dp", false)
		other := testfix.Build(t, st, "dq", false)
		sid := fx.School.ID
		rec := func(teacher int64, r teacherdev.Fact) int64 {
			return testfix.ProgressRecord(t, st, sid, teacher, r, "国培班")
		}
		rec(fx.TeacherSubject.ID, teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-03-01", EndsOn: "2026-03-10", Hours: 80})
		rec(fx.TeacherSubject.ID, teacherdev.Fact{Kind: teacherdev.KindSchool, StartsOn: "2026-04-01", EndsOn: "2026-04-01", Hours: 8, Status: teacherdev.StatusPending})
		gone := rec(fx.TeacherSubject.ID, teacherdev.Fact{Kind: teacherdev.KindSchool, StartsOn: "2026-05-01", EndsOn: "2026-05-01", Hours: 100})
		_, err := st.DB().ExecContext(ctx, `UPDATE development_records SET deleted = TRUE WHERE school_id = $1 AND id = $2`, sid, gone)
		must(t, err)
		testfix.ProgressRecord(t, st, other.School.ID, other.TeacherSubject.ID, teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-03-01", EndsOn: "2026-03-10", Hours: 300}, "x")

		f, err := st.DevelopmentFacts(ctx, sid, storage.DevScope{})
		must(t, err)
		if len(f.Teachers) != 3 {
			t.Fatalf("teachers = %+v", f.Teachers)
		}
		byID := map[int64]storage.TeacherProgress{}
		for _, p := range f.Progress(progressDay) {
			byID[p.ID] = p
		}
		subj, head := byID[fx.TeacherSubject.ID], byID[fx.TeacherHead.ID]
		if !subj.Professional || head.Professional {
			t.Errorf("professional: subject %v head %v", subj.Professional, head.Professional)
		}
		if subj.Training.Done != 80 || subj.Training.Pending != 8 || subj.Training.Status != teacherdev.OnTrack {
			t.Errorf("subject training = %+v", subj.Training)
		}
		if subj.Practice.Status != teacherdev.Behind || head.Practice.Status != teacherdev.NotOwing {
			t.Errorf("practice: subject %s head %s", subj.Practice.Status, head.Practice.Status)
		}
		if subj.UserID == 0 {
			t.Error("the subject teacher's account is not read")
		}
		one, err := st.DevelopmentFacts(ctx, sid, storage.DevScope{Scoped: true, DepartmentIDs: []int64{other.Department.ID}})
		must(t, err)
		if len(one.Teachers) != 0 {
			t.Errorf("another school's department gives %d teachers", len(one.Teachers))
		}
	})
}

// Requirements: defaults without a row, a saved change audited, a bad
// value refused with the reason and nothing stored.
func TestDevelopmentRequirementsSave(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ds", false)
		sid := fx.School.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID, Username: "renshi"}
		r, err := st.DevelopmentRequirements(ctx, sid)
		must(t, err)
		if r != teacherdev.DefaultRequirements() {
			t.Fatalf("defaults = %+v", r)
		}
		r.CycleHours, r.CycleStartYear = 300, 2026
		must(t, st.SaveDevelopmentRequirements(ctx, sid, a, r))
		r.PracticeDays = 200
		must(t, st.SaveDevelopmentRequirements(ctx, sid, a, r))
		got, err := st.DevelopmentRequirements(ctx, sid)
		must(t, err)
		if got != r {
			t.Errorf("saved %+v, read %+v", r, got)
		}
		bad := r
		bad.CycleHours = -1
		if err := st.SaveDevelopmentRequirements(ctx, sid, a, bad); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("bad hours: %v", err)
		}
		if got, _ := st.DevelopmentRequirements(ctx, sid); got != r {
			t.Errorf("a refused save changed the settings: %+v", got)
		}
		var n int
		must(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND entity = 'development_settings'`, sid).Scan(&n))
		if n != 2 {
			t.Errorf("audit lines = %d, want 2", n)
		}
	})
}

// A recognition replaces the current one, a revocation needs a reason,
// another school's teacher is not found, and the current one is what
// progress reads.
func TestDualRecognitions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dr", false)
		other := testfix.Build(t, st, "dz", false)
		sid, tid := fx.School.ID, fx.TeacherSubject.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: tid, Level: "初级", RecognisedOn: "2025-09-01"}))
		must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: tid, Level: "中级", RecognisedOn: "2026-09-01", Basis: "企业实践 180 天"}))
		if err := st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: tid, Level: "特级", RecognisedOn: "2026-09-01"}); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("unknown level: %v", err)
		}
		if err := st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: other.TeacherSubject.ID, Level: "初级", RecognisedOn: "2026-09-01"}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("other school's teacher: %v", err)
		}
		gs, err := st.TeacherRecognitions(ctx, sid, tid)
		must(t, err)
		if len(gs) != 2 || gs[0].Level != "中级" || gs[0].RevokedOn != "" || gs[1].RevokedOn != "2026-09-01" {
			t.Fatalf("recognitions = %+v", gs)
		}
		f, err := st.DevelopmentFacts(ctx, sid, storage.DevScope{TeacherID: tid})
		must(t, err)
		if g := f.Recognitions[tid]; g.Level != "中级" {
			t.Errorf("current = %+v", g)
		}
		if err := st.RevokeRecognition(ctx, sid, a, tid, "2026-11-01", " "); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("revoke without reason: %v", err)
		}
		must(t, st.RevokeRecognition(ctx, sid, a, tid, "2026-11-01", "证书过期"))
		if err := st.RevokeRecognition(ctx, sid, a, tid, "2026-11-02", "再次"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("revoking twice: %v", err)
		}
		f, err = st.DevelopmentFacts(ctx, sid, storage.DevScope{TeacherID: tid})
		must(t, err)
		if _, ok := f.Recognitions[tid]; ok {
			t.Error("a revoked recognition is current")
		}
	})
}

// A reminder claim is taken once per teacher, gap and month.
func TestDevelopmentReminderClaims(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dm", false)
		sid := fx.School.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		want := []storage.DevReminder{{TeacherID: fx.TeacherSubject.ID, Gap: "training"}, {TeacherID: fx.TeacherSubject.ID, Gap: "practice"}}
		got, err := st.ClaimDevelopmentReminders(ctx, sid, a, "2026-12", want)
		must(t, err)
		again, err := st.ClaimDevelopmentReminders(ctx, sid, a, "2026-12", want)
		must(t, err)
		next, err := st.ClaimDevelopmentReminders(ctx, sid, a, "2027-01", want[:1])
		must(t, err)
		if len(got) != 2 || len(again) != 0 || len(next) != 1 {
			t.Errorf("claims %d, again %d, next month %d", len(got), len(again), len(next))
		}
		must(t, st.ReleaseDevelopmentReminders(ctx, sid, "2027-01", next))
		if n, _ := st.ClaimDevelopmentReminders(ctx, sid, a, "2027-01", want[:1]); len(n) != 1 {
			t.Error("a released claim cannot be taken again")
		}
	})
}

// Migration 0028 turns every ticked 双师型 checkbox into an 初级
// recognition dated the day it runs, on both engines.
func TestDualCheckboxMigration(t *testing.T) {
	eachUnmigrated(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		if _, err := st.MigrateTo(ctx, 26); err != nil {
			t.Fatal(err)
		}
		// Rows as the schema of migration 26 had them (the code of today
		// writes hired_on, which does not exist yet).
		var sid, ticked, unticked int64
		must(t, st.DB().QueryRowContext(ctx, `INSERT INTO schools (code, name, created_at) VALUES ('dx', '迁移校', CURRENT_TIMESTAMP) RETURNING id`).Scan(&sid))
		teacher := func(no string, dual bool) int64 {
			var id int64
			must(t, st.DB().QueryRowContext(ctx, `INSERT INTO teachers (school_id, staff_no, name, dual_qualified, created_at, updated_at)
				VALUES ($1, $2, '老师', $3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id`, sid, no, dual).Scan(&id))
			return id
		}
		ticked, unticked = teacher("T1", true), teacher("T2", false)
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		gs, err := st.TeacherRecognitions(ctx, sid, ticked)
		must(t, err)
		// The database's own date: within a day of UTC whatever its zone.
		today := time.Now().UTC()
		near := func(s string) bool {
			d, err := time.Parse("2006-01-02", s)
			return err == nil && d.After(today.AddDate(0, 0, -2)) && d.Before(today.AddDate(0, 0, 1))
		}
		if len(gs) != 1 || gs[0].Level != "初级" || !near(gs[0].RecognisedOn) || gs[0].Basis == "" {
			t.Fatalf("migrated recognitions = %+v (today %s)", gs, today.Format(time.DateOnly))
		}
		if others, _ := st.TeacherRecognitions(ctx, sid, unticked); len(others) != 0 {
			t.Errorf("an unticked teacher was recognised: %+v", others)
		}
	})
}
