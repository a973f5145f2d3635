package storage_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// descriptorNamed adopts the defaults once and returns the named one.
func descriptorNamed(t *testing.T, st *storage.Storage, sid int64, name string) conduct.Descriptor {
	t.Helper()
	ctx := context.Background()
	if _, err := st.AdoptDefaultDescriptors(ctx, sid, model.SystemActor); err != nil {
		t.Fatal(err)
	}
	ds, err := st.ConductDescriptors(ctx, sid, true)
	must(t, err)
	for _, d := range ds {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no descriptor %s in %v", name, ds)
	return conduct.Descriptor{}
}

// A batch writes one record per student in one transaction with the
// status the recorder's role and the points give; waiting records are
// confirmed or rejected in bulk, each only once.
func TestConductBatchAndQueue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "cb", false)
		sid := fx.School.ID
		n, err := st.AdoptDefaultDescriptors(ctx, sid, model.SystemActor)
		if err != nil || n != len(conduct.DefaultDescriptors()) {
			t.Fatalf("adopt: %d %v", n, err)
		}
		if n, err := st.AdoptDefaultDescriptors(ctx, sid, model.SystemActor); n != 0 || err != nil {
			t.Fatalf("adopting twice adds %d %v", n, err)
		}
		late := descriptorNamed(t, st, sid, "早操迟到")
		hero := descriptorNamed(t, st, sid, "见义勇为")
		both := []int64{fx.StudentA1.ID, fx.StudentA2.ID}
		head := model.Actor{UserID: fx.Users[model.RoleHeadTeacher].ID}
		rec := func(d conduct.Descriptor, role string, ids []int64) []model.Evidence {
			t.Helper()
			es, err := st.RecordConduct(ctx, sid, head, storage.ConductBatch{TermID: fx.Term.ID, Descriptor: d, StudentIDs: ids, Date: "2026-10-12", RecorderRole: role})
			must(t, err)
			return es
		}
		es := rec(late, model.RoleHeadTeacher, both)
		if len(es) != 2 || es[0].Status != model.EvidenceVerified || es[0].Points != -1 || es[0].Category != "守时守纪" {
			t.Fatalf("head teacher's batch: %+v", es)
		}
		council := rec(late, model.RoleStudentCouncil, both)
		big := rec(hero, model.RoleHeadTeacher, []int64{fx.StudentB1.ID})
		if council[0].Status != model.EvidencePending || big[0].Status != model.EvidencePending {
			t.Fatalf("council %+v, big bonus %+v", council[0], big[0])
		}
		queue := func(await ...string) []storage.ConductRow {
			rows, _, err := st.ListConduct(ctx, sid, storage.ConductFilter{Awaiting: await})
			must(t, err)
			return rows
		}
		if q := queue(conduct.AwaitConfirm); len(q) != 2 || q[0].RecorderRole != model.RoleStudentCouncil {
			t.Fatalf("confirmation queue: %+v", q)
		}
		if q := queue(conduct.AwaitApprove); len(q) != 1 || q[0].StudentName != "陈三" || q[0].Awaiting != conduct.AwaitApprove {
			t.Fatalf("approval queue: %+v", q)
		}
		if err := st.DecideConduct(ctx, sid, head, []int64{council[0].ID}, false, " "); err == nil || !strings.Contains(err.Error(), "理由") {
			t.Fatalf("rejection without reason: %v", err)
		}
		must(t, st.DecideConduct(ctx, sid, head, []int64{council[0].ID}, true, ""))
		// One already decided refuses the whole batch.
		if err := st.DecideConduct(ctx, sid, head, []int64{council[0].ID, council[1].ID}, false, "重复"); err == nil {
			t.Fatal("deciding a record twice passed")
		}
		if q := queue(conduct.AwaitConfirm); len(q) != 1 || q[0].ID != council[1].ID {
			t.Fatalf("after a refused batch: %+v", q)
		}
		must(t, st.DecideConduct(ctx, sid, head, []int64{council[1].ID, big[0].ID}, false, "值周记录有误"))
		r, err := st.ConductRecord(ctx, sid, big[0].ID)
		if err != nil || r.Status != model.EvidenceRejected || r.ReviewReason != "值周记录有误" || r.Awaiting != "" {
			t.Fatalf("rejected: %+v %v", r, err)
		}
		_, audits, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "conduct"})
		if err != nil || audits != 5 {
			t.Fatalf("audit lines %d %v, want 3 batches and 2 decisions", audits, err)
		}
	})
}

// A batch with a student of another school, or a bad photo, writes
// nothing.
func TestConductBatchIsOneTransaction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "c1", false)
		other := testfix.Build(t, st, "c2", false)
		sid := fx.School.ID
		d := descriptorNamed(t, st, sid, "上课迟到")
		b := storage.ConductBatch{TermID: fx.Term.ID, Descriptor: d, StudentIDs: []int64{fx.StudentA1.ID, other.StudentA1.ID}, Date: "2026-10-12", RecorderRole: model.RoleDutyTeacher}
		if _, err := st.RecordConduct(ctx, sid, model.SystemActor, b); err == nil {
			t.Fatal("a student of another school was recorded")
		}
		b.StudentIDs = []int64{fx.StudentA1.ID}
		b.Photo = &storage.ProofUpload{Name: "x.txt", Data: []byte("not a photo")}
		if _, err := st.RecordConduct(ctx, sid, model.SystemActor, b); err == nil || !strings.Contains(err.Error(), "照片") {
			t.Fatalf("bad photo: %v", err)
		}
		if rows, n, err := st.ListConduct(ctx, sid, storage.ConductFilter{}); err != nil || n != 0 {
			t.Fatalf("after refused batches: %d %+v %v", n, rows, err)
		}
	})
}

// Corrections and deletions keep the values before, who and why; a
// deleted record no longer counts but stays readable.
func TestConductCorrectAndDelete(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "cd", false)
		sid := fx.School.ID
		late := descriptorNamed(t, st, sid, "上课迟到")
		skip := descriptorNamed(t, st, sid, "旷课")
		a := model.Actor{UserID: fx.Users[model.RoleMoralOffice].ID}
		es, err := st.RecordConduct(ctx, sid, a, storage.ConductBatch{TermID: fx.Term.ID, Descriptor: late, StudentIDs: []int64{fx.StudentA1.ID}, Date: "2026-10-12", RecorderRole: model.RoleMoralOffice})
		must(t, err)
		id := es[0].ID
		if err := st.CorrectConduct(ctx, sid, a, id, skip, "", ""); err == nil {
			t.Fatal("a correction without reason passed")
		}
		must(t, st.CorrectConduct(ctx, sid, a, id, skip, "第三节课未到", "核实为旷课"))
		r, err := st.ConductRecord(ctx, sid, id)
		if err != nil || r.Title != "旷课" || r.Points != -3 || r.Status != model.EvidenceVerified || r.DescriptorID != skip.ID {
			t.Fatalf("corrected: %+v %v", r, err)
		}
		must(t, st.DeleteConduct(ctx, sid, a, id, "记错了学生"))
		if err := st.DeleteConduct(ctx, sid, a, id, "再删一次"); err == nil {
			t.Fatal("deleted twice")
		}
		r, err = st.ConductRecord(ctx, sid, id)
		if err != nil || !r.Deleted || r.Status != model.EvidenceRejected {
			t.Fatalf("deleted: %+v %v", r, err)
		}
		if v, err := st.VerifiedEvidence(ctx, sid, fx.Term.ID); err != nil || len(v) != 0 {
			t.Fatalf("a deleted record still counts: %+v %v", v, err)
		}
		revs, err := st.ConductRevisions(ctx, sid, id)
		if err != nil || len(revs) != 2 || revs[0].Action != "correct" || !strings.Contains(revs[0].OldValues, "上课迟到") ||
			revs[1].Action != "delete" || !strings.Contains(revs[1].OldValues, "旷课") || revs[1].Reason != "记错了学生" || revs[1].ByName != "deyu" {
			t.Fatalf("revisions: %+v %v", revs, err)
		}
	})
}

// Migration 0019 moves the old form's categories to the 习惯养成
// indicators, on both engines.
func TestConductCategoryMigration(t *testing.T) {
	eachUnmigrated(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		if _, err := st.MigrateTo(ctx, 18); err != nil {
			t.Fatal(err)
		}
		fx := testfix.Build(t, st, "mg", false)
		sid := fx.School.ID
		old := []struct{ cat, title, want string }{
			{"纪律安全", "晚自习离开教室", "守时守纪"},
			{"劳动卫生", "宿舍卫生检查不合格", "卫生习惯"},
			{"劳动卫生", "主动承担班级劳动", "劳动习惯"},
			{"诚信友善", "拾金不昧", "文明礼仪"},
			{"其他", "按时就寝", "生活习惯"},
			{"学习习惯", "作业全交", "学习习惯"},
		}
		var es []*model.Evidence
		for _, o := range old {
			es = append(es, &model.Evidence{StudentID: fx.StudentA1.ID, TermID: fx.Term.ID, Kind: model.EvidenceBehaviour, Title: o.title, Category: o.cat, Points: 1})
		}
		es = append(es, &model.Evidence{StudentID: fx.StudentA1.ID, TermID: fx.Term.ID, Kind: model.EvidenceService, Title: "社区服务", Category: "其他", Hours: 2})
		if _, err := st.DB().ExecContext(ctx, `SELECT 1`); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if _, err := st.DB().ExecContext(ctx, `INSERT INTO evidence (school_id, student_id, term_id, kind, title, category, points, hours, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CURRENT_TIMESTAMP)`,
				sid, e.StudentID, e.TermID, string(e.Kind), e.Title, e.Category, e.Points, e.Hours); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rows, _, err := st.ListEvidence(ctx, sid, storage.EvidenceFilter{ListQuery: model.AllRows()})
		must(t, err)
		got := map[string]string{}
		for _, r := range rows {
			got[r.Title] = r.Category
		}
		for _, o := range old {
			if got[o.title] != o.want {
				t.Errorf("%s %s became %q, want %s", o.cat, o.title, got[o.title], o.want)
			}
		}
		if got["社区服务"] != "其他" {
			t.Errorf("a service record's category changed to %q", got["社区服务"])
		}
	})
}
