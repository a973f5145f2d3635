package storage_test

import (
	"context"
	"errors"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// checkSchool is a fixture school with the default check items; it
// returns the items by name.
func checkSchool(t *testing.T, st *storage.Storage, code string) (*testfix.School, map[string]storage.CheckItem) {
	t.Helper()
	ctx := context.Background()
	f := testfix.Build(t, st, code, false)
	must(t, st.AdoptDefaultCheckItems(ctx, f.School.ID, model.SystemActor))
	if err := st.AdoptDefaultCheckItems(ctx, f.School.ID, model.SystemActor); !errors.Is(err, storage.ErrRefused) {
		t.Fatalf("adopting the defaults twice: %v", err)
	}
	items, err := st.CheckItems(ctx, f.School.ID, true)
	must(t, err)
	by := map[string]storage.CheckItem{}
	for _, it := range items {
		by[it.Name] = it
	}
	if len(items) != 5 || len(by["卫生"].Reasons) != 5 || by["卫生"].MaxDaily != 5 {
		t.Fatalf("default items: %+v", items)
	}
	return f, by
}

// TestCheckDayPublishAndRank: a batch lands for several classes in one
// transaction; a day without entries, a future day and a day with council
// entries waiting are refused kindly; publishing the week's Friday ranks
// the classes and awards the 流动红旗; a published day changes only with a
// reason. Both engines.
func TestCheckDayPublishAndRank(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f, items := checkSchool(t, st, "ck")
		sid, a := f.School.ID, model.Actor{UserID: f.Users[model.RoleDutyTeacher].ID, Username: "zhizhou"}
		day := "2026-09-11" // a Friday
		if err := st.PublishCheckDay(ctx, sid, a, day, day); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("publishing a day without entries: %v", err)
		}
		ids, err := st.AddCheckEntries(ctx, sid, a, storage.CheckBatch{Day: day, ItemID: items["卫生"].ID, ClassIDs: []int64{f.ClassA.ID, f.ClassB.ID}, Points: -1, Reason: "地面有纸屑"})
		must(t, err)
		if len(ids) != 2 {
			t.Fatalf("ids %v", ids)
		}
		_, err = st.AddCheckEntries(ctx, sid, a, storage.CheckBatch{Day: day, ItemID: items["纪律"].ID, ClassIDs: []int64{f.ClassA.ID}, Points: -2, Reason: "课堂喧哗"})
		must(t, err)
		// A batch with a bad class writes nothing.
		if _, err := st.AddCheckEntries(ctx, sid, a, storage.CheckBatch{Day: day, ItemID: items["纪律"].ID, ClassIDs: []int64{f.ClassA.ID, 999999}, Points: -1, Reason: "x"}); err == nil {
			t.Error("a batch with an unknown class was stored")
		}
		es, err := st.CheckEntriesOfDay(ctx, sid, day)
		must(t, err)
		if len(es) != 3 || es[0].ItemName != "纪律" || es[0].EnteredName != "zhizhou" {
			t.Fatalf("entries %+v", es)
		}
		if err := st.PublishCheckDay(ctx, sid, a, "2026-09-12", "2026-09-11"); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("publishing tomorrow: %v", err)
		}
		// Council entries wait for a teacher when the school asks for it.
		must(t, st.SaveCheckSettings(ctx, sid, model.SystemActor, storage.CheckSettings{BaseScore: 100, FlagsPerGrade: 1, CouncilConfirm: true}))
		_, err = st.AddCheckEntries(ctx, sid, a, storage.CheckBatch{Day: day, ItemID: items["两操"].ID, ClassIDs: []int64{f.ClassB.ID}, Points: -0.5, Reason: "早操队列不整齐", ByCouncil: true})
		must(t, err)
		if err := st.PublishCheckDay(ctx, sid, a, day, day); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("publishing with council entries waiting: %v", err)
		}
		if n, err := st.ConfirmCheckEntries(ctx, sid, a, day); err != nil || n != 1 {
			t.Fatalf("confirm: %d %v", n, err)
		}
		must(t, st.PublishCheckDay(ctx, sid, a, day, day))
		if err := st.PublishCheckDay(ctx, sid, a, day, day); !errors.Is(err, storage.ErrRefused) {
			t.Errorf("publishing twice: %v", err)
		}
		ss, days, err := st.CheckStandings(ctx, sid, "2026-09-07", "2026-09-13")
		must(t, err)
		if len(days) != 1 || len(ss) != 2 || ss[0].ID != f.ClassB.ID || ss[0].Score != 98.5 || ss[1].Score != 97 || ss[1].Rank != 2 {
			t.Fatalf("standings %+v days %v", ss, days)
		}
		flags, err := st.CheckFlags(ctx, sid, 0, "2026-09-01", "2026-09-30")
		must(t, err)
		// Both fixture classes are of one grade: one flag, to class B.
		if len(flags) != 1 || flags[0].ClassID != f.ClassB.ID || flags[0].Week != "2026-09-07" {
			t.Fatalf("flags %+v", flags)
		}
		// After publication: a change needs a reason, and is audited.
		if err := st.DeleteCheckEntry(ctx, sid, a, ids[0], ""); !errors.Is(err, storage.ErrCheckDayPublished) {
			t.Errorf("deleting from a published day without a reason: %v", err)
		}
		must(t, st.CorrectCheckEntry(ctx, sid, a, ids[1], -0.5, "黑板未擦", "复核后更正"))
		must(t, st.DeleteCheckEntry(ctx, sid, a, ids[0], "误录"))
		_, n, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "check_entry"})
		must(t, err)
		if n != 6 { // three batches, one confirmation, a correction, a deletion
			t.Errorf("audit lines %d, want 6", n)
		}
		n2, err := st.AwardCheckFlags(ctx, sid, model.SystemActor, day)
		must(t, err)
		flags, _ = st.CheckFlags(ctx, sid, f.ClassA.ID, "2026-09-01", "2026-09-30")
		if n2 != 1 || len(flags) != 0 {
			t.Errorf("re-awarded: %d, class A flags %+v", n2, flags)
		}
		// Another school sees nothing of this one.
		g := testfix.Build(t, st, "ck2", false)
		if ss, _, _ := st.CheckStandings(ctx, g.School.ID, "2026-09-07", "2026-09-13"); len(ss) != 0 {
			t.Errorf("another school's standings: %+v", ss)
		}
		if _, err := st.AddCheckEntries(ctx, g.School.ID, a, storage.CheckBatch{Day: day, ItemID: items["卫生"].ID, ClassIDs: []int64{g.ClassA.ID}, Points: -1, Reason: "x"}); err == nil {
			t.Error("an entry with another school's item was stored")
		}
	})
}
