package storage_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A page larger than model.MaxPerPage is refused, not cut to 500 rows
// without a word; All reads every row.
func TestPagingRefusesSilentCaps(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "pg", false)
		sid := f.School.ID
		for i := range 3 {
			c := model.Class{Name: fmt.Sprintf("2026级分页%d班", i), EntryYear: 2026, MajorID: f.Major.ID}
			if err := st.CreateClass(ctx, sid, model.SystemActor, &c); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: model.ListQuery{PerPage: model.MaxPerPage + 1}}); err == nil || !strings.Contains(err.Error(), "每页最多") {
			t.Fatalf("a page of %d: %v", model.MaxPerPage+1, err)
		}
		page, total, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: model.ListQuery{PerPage: 2, Page: 2}})
		if err != nil || len(page) != 2 || total != 5 {
			t.Fatalf("page 2 of 2: %d rows of %d, %v", len(page), total, err)
		}
		all, total, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: model.ListQuery{PerPage: 2, Page: 2}.All()})
		if err != nil || len(all) != 5 || total != 5 {
			t.Fatalf("all: %d rows of %d, %v", len(all), total, err)
		}
		q := model.ListQuery{Q: "分页"}.All()
		if found, _, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: q}); err != nil || len(found) != 3 {
			t.Fatalf("all matching 分页: %d, %v", len(found), err)
		}
	})
}

// The grouped reads of the list pages answer what the per-row reads they
// replace answered.
func TestGroupedListReads(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "gr", false)
		other := testfix.Build(t, st, "gs", false)
		sid := f.School.ID
		ids := []int64{f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID}
		gs, err := st.GuardiansOfStudents(ctx, sid, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			one, err := st.GuardiansOf(ctx, sid, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(one, gs[id]) {
				t.Fatalf("guardians of %d: %+v, one by one %+v", id, gs[id], one)
			}
		}
		if len(gs[f.StudentA1.ID]) != 1 {
			t.Fatalf("张一's guardians: %+v", gs)
		}
		taken, err := st.UsernamesTaken(ctx, []string{"ADMIN@gr", "admin@gs", "nobody@gr"})
		if err != nil || !reflect.DeepEqual(taken, map[string]bool{"admin@gr": true, "admin@gs": true}) {
			t.Fatalf("taken: %v, %v", taken, err)
		}
		heads, err := st.DepartmentHeadNames(ctx, sid)
		if err != nil || !reflect.DeepEqual(heads, map[int64]string{f.Department.ID: "zhuren"}) {
			t.Fatalf("heads: %v, %v", heads, err)
		}
		all, err := st.AllCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{sid, other.School.ID} {
			one, err := st.Counts(ctx, id)
			if err != nil || one != all[id] {
				t.Fatalf("school %d: %+v, all at once %+v (%v)", id, one, all[id], err)
			}
		}
	})
}

// The results and appeals of every cycle, read at once, match each cycle's
// own reads; a scope keeps only its classes and students.
func TestGroupedResultReads(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "rr", false)
		cy := testfix.BuildCycles(t, st, f)
		sid, a := f.School.ID, model.SystemActor
		ids := []int64{f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID}
		own, err := st.StudentsResultRows(ctx, sid, ids)
		if err != nil {
			t.Fatal(err)
		}
		var want []storage.ResultClassCount
		for _, c := range []storage.EvalCycle{cy.Prev, cy.Cur} {
			rows, err := st.CycleResults(ctx, sid, c.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if !reflect.DeepEqual(own[c.ID][r.StudentID], r) {
					t.Fatalf("cycle %d student %d: %+v, one cycle at a time %+v", c.ID, r.StudentID, own[c.ID][r.StudentID], r)
				}
			}
			want = append(want, storage.ResultClassCount{CycleID: c.ID, ClassID: f.ClassA.ID, Students: 2}, storage.ResultClassCount{CycleID: c.ID, ClassID: f.ClassB.ID, Students: 1})
		}
		if len(own[cy.Cur.ID]) != 3 {
			t.Fatalf("this term's lines: %+v", own[cy.Cur.ID])
		}
		counts, err := st.ResultClassCounts(ctx, sid, true, nil, nil)
		if err != nil || !reflect.DeepEqual(counts, want) {
			t.Fatalf("counts: %+v, want %+v (%v)", counts, want, err)
		}
		// Class B, and 张二 of class A: one student of each class.
		counts, err = st.ResultClassCounts(ctx, sid, false, []int64{f.ClassB.ID}, []int64{f.StudentA2.ID})
		if err != nil || len(counts) != 4 || counts[0].Students != 1 || counts[1].Students != 1 {
			t.Fatalf("scoped counts: %+v (%v)", counts, err)
		}
		if counts, err = st.ResultClassCounts(ctx, sid, false, nil, nil); err != nil || len(counts) != 0 {
			t.Fatalf("an empty scope counts %+v (%v)", counts, err)
		}

		if err := st.MoveCycle(ctx, sid, a, cy.Cur.ID, model.CyclePublicised, false); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{f.StudentB1.ID, f.StudentA1.ID} {
			if err := st.CreateAppeal(ctx, sid, a, &storage.Appeal{CycleID: cy.Cur.ID, StudentID: id, IndicatorCode: "D01", Reason: "理由"}); err != nil {
				t.Fatal(err)
			}
		}
		lines, err := st.AppealLines(ctx, sid, "")
		if err != nil {
			t.Fatal(err)
		}
		aps, err := st.Appeals(ctx, sid, cy.Cur.ID, 0, "")
		if err != nil || len(lines) != 2 || len(aps) != 2 {
			t.Fatalf("lines %+v, appeals %+v (%v)", lines, aps, err)
		}
		for i, l := range lines {
			if !reflect.DeepEqual(l.Appeal, aps[i]) {
				t.Fatalf("line %d: %+v, appeal %+v", i, l.Appeal, aps[i])
			}
		}
		if lines[0].StudentName != "陈三" || lines[0].ClassID != f.ClassB.ID || lines[1].StudentName != "张一" || lines[1].ClassID != f.ClassA.ID {
			t.Fatalf("names and classes: %+v", lines)
		}
		if lines, err = st.AppealLines(ctx, sid, storage.AppealUpheld); err != nil || len(lines) != 0 {
			t.Fatalf("upheld: %+v (%v)", lines, err)
		}
	})
}

// A class's batch account opening is one transaction: an account that
// cannot be created leaves none of the others and no audit line.
func TestOpenClassAccountsAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "oa", false)
		sid, a := f.School.ID, model.SystemActor
		fresh := func(name string) *model.User {
			return &model.User{Username: name, DisplayName: name, PasswordHash: "x", Roles: []string{model.RoleStudent}}
		}
		audits := func() int {
			_, n, err := st.AuditLog(ctx, sid, storage.AuditFilter{Action: "open_accounts"})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		err := st.OpenClassAccounts(ctx, sid, a, f.ClassA.ID, []*model.User{fresh("new1@oa"), fresh("admin@oa")}, nil)
		if err == nil {
			t.Fatal("a taken login name was accepted")
		}
		if taken, _ := st.UsernamesTaken(ctx, []string{"new1@oa"}); len(taken) != 0 || audits() != 0 {
			t.Fatalf("a failed batch left %v and %d audit lines", taken, audits())
		}
		if err := st.OpenClassAccounts(ctx, sid, a, f.ClassA.ID, []*model.User{fresh("new1@oa"), fresh("new2@oa")}, []string{"某某：账号已被使用"}); err != nil {
			t.Fatal(err)
		}
		if taken, _ := st.UsernamesTaken(ctx, []string{"new1@oa", "new2@oa"}); len(taken) != 2 || audits() != 1 {
			t.Fatalf("a batch left %v and %d audit lines", taken, audits())
		}
	})
}

// An appeal and its proof file land together: a file past the uploader's
// quota leaves no appeal, and a school's update is audited.
func TestAppealWithFileAndSchoolUpdateAreOneAction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "af", false)
		cy := testfix.BuildCycles(t, st, f)
		sid := f.School.ID
		if err := st.MoveCycle(ctx, sid, model.SystemActor, cy.Cur.ID, model.CyclePublicised, false); err != nil {
			t.Fatal(err)
		}
		stu := f.Users[model.RoleStudent]
		a := model.Actor{UserID: stu.ID, Username: stu.Username}
		old := storage.ProofQuota
		storage.ProofQuota = storage.Quota{Files: 100, Bytes: 10}
		t.Cleanup(func() { storage.ProofQuota = old })
		ap := storage.Appeal{CycleID: cy.Cur.ID, StudentID: f.StudentA1.ID, IndicatorCode: "D01", Reason: "附证明"}
		err := st.SubmitAppeal(ctx, sid, a, &ap, &storage.ProofUpload{Name: "p.png", Data: tinyPNG})
		if err == nil || !strings.Contains(err.Error(), "最多") {
			t.Fatalf("a file past the quota: %v", err)
		}
		if aps, err := st.Appeals(ctx, sid, cy.Cur.ID, 0, ""); err != nil || len(aps) != 0 {
			t.Fatalf("the refused file left appeals %+v (%v)", aps, err)
		}
		storage.ProofQuota = old
		ap = storage.Appeal{CycleID: cy.Cur.ID, StudentID: f.StudentA1.ID, IndicatorCode: "D01", Reason: "附证明"}
		if err := st.SubmitAppeal(ctx, sid, a, &ap, &storage.ProofUpload{Name: "p.png", Data: tinyPNG}); err != nil {
			t.Fatal(err)
		}
		if files, err := st.AppealFiles(ctx, sid, ap.ID); err != nil || len(files) != 1 || files[0].Name != "p.png" {
			t.Fatalf("files: %+v (%v)", files, err)
		}

		sc := f.School
		sc.Name = "改名后的学校"
		if err := st.UpdateSchool(ctx, model.SystemActor, sc); err != nil {
			t.Fatal(err)
		}
		entries, n, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "school"})
		if err != nil || n != 1 || !strings.Contains(string(entries[0].After), "改名后的学校") {
			t.Fatalf("school audit: %d %+v (%v)", n, entries, err)
		}
		sc.ID = 999999
		if err := st.UpdateSchool(ctx, model.SystemActor, sc); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("updating no school: %v", err)
		}
	})
}

// The form, the roster import and the bulk load write a student through
// one column list: the same details give the same stored student, with
// the same first 学籍 line.
func TestStudentWritersAgree(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "sw", false)
		sid, a := f.School.ID, model.SystemActor
		proto := func(no string) model.Student {
			s := f.StudentA2
			s.ID, s.StudentNo, s.IDNumber, s.Name = 0, no, "", "同写"+no
			s.RegistrationNo, s.Ethnicity = "G"+no, "汉族"
			return s
		}
		form := proto("w1")
		if err := st.CreateStudent(ctx, sid, a, &form); err != nil {
			t.Fatal(err)
		}
		imp := proto("w2")
		if _, err := st.ImportStudents(ctx, sid, a, []storage.StudentImport{{Row: 2, Student: imp}}); err != nil {
			t.Fatal(err)
		}
		bulk := proto("w3")
		if err := st.BulkLoad(ctx, a, "test", func(b *storage.Bulk) error { return b.Student(sid, &bulk, "") }); err != nil {
			t.Fatal(err)
		}
		var got []model.Student
		for _, no := range []string{"w1", "w2", "w3"} {
			list, _, err := st.Students(ctx, sid, storage.StudentFilter{ListQuery: model.ListQuery{Q: no}})
			if err != nil || len(list) != 1 {
				t.Fatalf("student %s: %+v (%v)", no, list, err)
			}
			s := list[0]
			s.ID, s.StudentNo, s.Name, s.RegistrationNo, s.CreatedAt, s.UpdatedAt = 0, "", "", "", time.Time{}, time.Time{}
			got = append(got, s)
			hist, err := st.EnrollmentHistory(ctx, sid, list[0].ID)
			if err != nil || len(hist) != 1 || hist[0].Status != model.StatusEnrolled {
				t.Fatalf("学籍 of %s: %+v (%v)", no, hist, err)
			}
		}
		if !reflect.DeepEqual(got[0], got[1]) || !reflect.DeepEqual(got[0], got[2]) {
			t.Fatalf("the writers disagree:\nform   %+v\nimport %+v\nbulk   %+v", got[0], got[1], got[2])
		}
		if got[0].Ethnicity != "汉族" || got[0].ClassID != f.ClassA.ID || got[0].MajorID != f.Major.ID {
			t.Fatalf("stored: %+v", got[0])
		}
	})
}
