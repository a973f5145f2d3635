package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func devCertificate(teacherID int64) *model.DevelopmentRecord {
	return &model.DevelopmentRecord{TeacherID: teacherID, Kind: string(teacherdev.KindCertificate), Title: "数控车工（高级）", StartsOn: "2025-06-01",
		Issuer: "市人力资源和社会保障局", Number: "S2025-0001", Level: "三级", ExpiresOn: "2030-06-01"}
}

func devCourse() model.DevelopmentRecord {
	return model.DevelopmentRecord{Kind: string(teacherdev.KindNational), Title: "国培计划 数控技术骨干教师培训", Provider: "某职业技术师范大学",
		StartsOn: "2026-07-06", EndsOn: "2026-07-24", Hours: 120}
}

// A teacher's record waits for the 人事处; the office's is verified at
// once. Edits, review and deletion each leave a revision, and nobody
// verifies their own record.
func TestDevelopmentRecordLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dv", false)
		sid := fx.School.ID
		teacher := model.Actor{UserID: fx.Users[model.RoleSubjectTeacher].ID}
		office := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		c := devCertificate(fx.TeacherSubject.ID)
		must(t, st.CreateDevelopmentRecord(ctx, sid, teacher, c, storage.DevelopmentWrite{Proofs: []storage.ProofUpload{{Name: "证书.pdf", Data: []byte("%PDF-1.4 test")}}}))
		got, err := st.DevelopmentRecord(ctx, sid, c.ID)
		must(t, err)
		if got.Status != teacherdev.StatusPending || got.Source != teacherdev.SourceSelf || got.EndsOn != "2025-06-01" || got.TeacherName != "李老师" || got.DepartmentName == "" {
			t.Fatalf("self-reported certificate = %+v", got)
		}
		if fs, err := st.DevelopmentFiles(ctx, sid, c.ID); err != nil || len(fs) != 1 {
			t.Fatalf("files = %v, %v", fs, err)
		}
		// The teacher cannot verify their own record, even with the right.
		err = st.ReviewDevelopmentRecords(ctx, sid, teacher, fx.TeacherSubject.ID, []int64{c.ID}, true, "")
		if !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "本人") {
			t.Fatalf("own review: %v", err)
		}
		if err := st.ReviewDevelopmentRecords(ctx, sid, office, 0, []int64{c.ID}, false, ""); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("rejection without a reason: %v", err)
		}
		must(t, st.ReviewDevelopmentRecords(ctx, sid, office, 0, []int64{c.ID}, true, ""))
		if err := st.ReviewDevelopmentRecords(ctx, sid, office, 0, []int64{c.ID}, true, ""); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("second review: %v", err)
		}
		// A teacher's edit sends it back to review; the office's keeps it.
		c.Number = "S2025-0002"
		must(t, st.UpdateDevelopmentRecord(ctx, sid, teacher, c, storage.DevelopmentWrite{}))
		if got, _ = st.DevelopmentRecord(ctx, sid, c.ID); got.Status != teacherdev.StatusPending || got.Number != "S2025-0002" {
			t.Fatalf("after the teacher's edit: %+v", got)
		}
		p := &model.DevelopmentRecord{TeacherID: fx.TeacherHead.ID, Kind: string(teacherdev.KindEnterprise), Title: "数控车间 工艺员", StartsOn: "2026-07-01", EndsOn: "2026-07-31", Days: 22, EnterpriseID: fx.Enterprise.ID}
		must(t, st.CreateDevelopmentRecord(ctx, sid, office, p, storage.DevelopmentWrite{Office: true}))
		must(t, st.ConfirmEnterprisePractice(ctx, sid, office, p.ID, "人力资源部 周经理"))
		if got, _ = st.DevelopmentRecord(ctx, sid, p.ID); got.Status != teacherdev.StatusVerified || !got.EnterpriseConfirmed || got.EnterpriseName != fx.Enterprise.Name || got.ReviewedBy != office.UserID {
			t.Fatalf("office's practice = %+v", got)
		}
		if err := st.ConfirmEnterprisePractice(ctx, sid, office, c.ID, "某人"); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("confirming a certificate: %v", err)
		}
		if err := st.DeleteDevelopmentRecord(ctx, sid, office, p.ID, " "); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("delete without reason: %v", err)
		}
		must(t, st.DeleteDevelopmentRecord(ctx, sid, office, p.ID, "重复录入"))
		hist, err := st.DevelopmentHistory(ctx, sid, p.ID)
		must(t, err)
		if len(hist) != 2 || hist[0].Action != "confirm" || hist[1].Action != "delete" || hist[1].Reason != "重复录入" || hist[1].Before == nil || !hist[1].Before.EnterpriseConfirmed {
			t.Fatalf("history = %+v", hist)
		}
		if h, _ := st.DevelopmentHistory(ctx, sid, c.ID); len(h) != 2 || h[0].Action != "verify" || h[1].Before.Number != "S2025-0001" {
			t.Fatalf("certificate history = %+v", h)
		}
		// The 人事处's own record is self-reported like anyone's.
		mine := devCertificate(fx.TeacherHead.ID)
		must(t, st.CreateDevelopmentRecord(ctx, sid, office, mine, storage.DevelopmentWrite{Office: true, WriterTeacherID: fx.TeacherHead.ID}))
		if mine.Status != teacherdev.StatusPending || mine.Source != teacherdev.SourceSelf {
			t.Fatalf("the office's own record = %s %s", mine.Status, mine.Source)
		}
		// A bad record and another school's teacher are refused.
		bad := devCertificate(fx.TeacherSubject.ID)
		bad.Issuer = ""
		if err := st.CreateDevelopmentRecord(ctx, sid, office, bad, storage.DevelopmentWrite{Office: true}); !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "发证机构") {
			t.Fatalf("no issuer: %v", err)
		}
		other := testfix.Build(t, st, "dw", false)
		if err := st.CreateDevelopmentRecord(ctx, sid, office, devCertificate(other.TeacherHead.ID), storage.DevelopmentWrite{Office: true}); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("other school's teacher: %v", err)
		}
		if _, err := st.DevelopmentRecord(ctx, other.School.ID, c.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("read from the other school: %v", err)
		}
	})
}

// The list's scopes: all, a department, a teacher's own; and its filters.
func TestDevelopmentRecordScopes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ds", false)
		sid := fx.School.ID
		a := model.SystemActor
		dep := model.Department{Name: "财经商贸专业部"}
		must(t, st.CreateDepartment(ctx, sid, a, &dep))
		outsider := model.Teacher{StaffNo: "T099", Name: "钱老师", Gender: model.Male, DepartmentID: dep.ID}
		must(t, st.CreateTeacher(ctx, sid, a, &outsider))
		for _, id := range []int64{fx.TeacherHead.ID, fx.TeacherSubject.ID, outsider.ID} {
			must(t, st.CreateDevelopmentRecord(ctx, sid, a, devCertificate(id), storage.DevelopmentWrite{Office: true}))
		}
		count := func(f storage.DevelopmentFilter) int {
			t.Helper()
			_, n, err := st.ListDevelopmentRecords(ctx, sid, f)
			must(t, err)
			return n
		}
		all := storage.DevelopmentScope{All: true}
		cases := []struct {
			name string
			f    storage.DevelopmentFilter
			want int
		}{
			{"all", storage.DevelopmentFilter{Scope: all}, 3},
			{"department head", storage.DevelopmentFilter{Scope: storage.DevelopmentScope{Departments: []int64{fx.Department.ID}}}, 2},
			{"own", storage.DevelopmentFilter{Scope: storage.DevelopmentScope{Teachers: []int64{outsider.ID}}}, 1},
			{"nobody", storage.DevelopmentFilter{}, 0},
			{"by department", storage.DevelopmentFilter{Scope: all, DepartmentID: dep.ID}, 1},
			{"search by 工号", storage.DevelopmentFilter{Scope: all, ListQuery: model.ListQuery{Q: "t099"}}, 1},
			{"year overlapping", storage.DevelopmentFilter{Scope: all, Year: 2025}, 3},
			{"other year", storage.DevelopmentFilter{Scope: all, Year: 2024}, 0},
			{"kind", storage.DevelopmentFilter{Scope: all, Kind: string(teacherdev.KindNational)}, 0},
			{"pending", storage.DevelopmentFilter{Scope: all, Status: teacherdev.StatusPending}, 0},
		}
		for _, c := range cases {
			if got := count(c.f); got != c.want {
				t.Errorf("%s: %d records, want %d", c.name, got, c.want)
			}
		}
	})
}

// A roster writes one verified record per teacher with one batch id, or
// nothing at all.
func TestDevelopmentRosterImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "di", false)
		sid := fx.School.ID
		office := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		all := storage.DevelopmentFilter{Scope: storage.DevelopmentScope{All: true}}
		rows := []storage.DevelopmentRosterRow{{Row: 2, TeacherID: fx.TeacherHead.ID}, {Row: 3, TeacherID: fx.TeacherSubject.ID}, {Row: 4, TeacherID: fx.TeacherHead.ID}}
		if _, err := st.ImportDevelopmentRoster(ctx, sid, office, devCourse(), rows); !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "第 4 行") {
			t.Fatalf("teacher twice: %v", err)
		}
		if _, n, _ := st.ListDevelopmentRecords(ctx, sid, all); n != 0 {
			t.Fatalf("a refused roster wrote %d records", n)
		}
		cert := devCertificate(0)
		if _, err := st.ImportDevelopmentRoster(ctx, sid, office, *cert, rows[:1]); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("certificate roster: %v", err)
		}
		batch, err := st.ImportDevelopmentRoster(ctx, sid, office, devCourse(), rows[:2])
		must(t, err)
		got, n, err := st.ListDevelopmentRecords(ctx, sid, storage.DevelopmentFilter{Scope: all.Scope, BatchID: batch})
		must(t, err)
		if n != 2 {
			t.Fatalf("batch %d has %d records", batch, n)
		}
		for _, d := range got {
			if d.Status != teacherdev.StatusVerified || d.Source != teacherdev.SourceImport || d.Hours != 120 || d.BatchID != batch {
				t.Fatalf("imported = %+v", d)
			}
		}
	})
}

// A record's proof files count in the uploader's proof quota, shared with
// evidence and research: the file past it writes nothing.
func TestDevelopmentFilesCountInQuota(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dq", false)
		sid := fx.School.ID
		teacher := model.Actor{UserID: fx.Users[model.RoleSubjectTeacher].ID}
		old := storage.ProofQuota
		storage.ProofQuota = storage.Quota{Files: 2, Bytes: 1 << 20}
		t.Cleanup(func() { storage.ProofQuota = old })
		c := devCertificate(fx.TeacherSubject.ID)
		pdf := storage.ProofUpload{Name: "证书.pdf", Data: []byte("%PDF-1.4 test")}
		must(t, st.CreateDevelopmentRecord(ctx, sid, teacher, c, storage.DevelopmentWrite{Proofs: []storage.ProofUpload{pdf}}))
		if _, err := st.AddDevelopmentFile(ctx, sid, teacher, c.ID, pdf); err != nil {
			t.Fatal(err)
		}
		var qe *storage.QuotaError
		if _, err := st.AddDevelopmentFile(ctx, sid, teacher, c.ID, pdf); !errors.As(err, &qe) {
			t.Fatalf("a third file: %v", err)
		}
		second := devCertificate(fx.TeacherSubject.ID)
		if err := st.CreateDevelopmentRecord(ctx, sid, teacher, second, storage.DevelopmentWrite{Proofs: []storage.ProofUpload{pdf}}); !errors.As(err, &qe) {
			t.Fatalf("a record with a file past the quota: %v", err)
		}
		if _, n, _ := st.ListDevelopmentRecords(ctx, sid, storage.DevelopmentFilter{Scope: storage.DevelopmentScope{All: true}}); n != 1 {
			t.Fatalf("the refused record was written: %d records", n)
		}
		if _, err := st.AddDevelopmentFile(ctx, sid, teacher, c.ID, storage.ProofUpload{Name: "x.txt", Data: []byte("hello")}); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("a text file: %v", err)
		}
	})
}
