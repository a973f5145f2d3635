package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestTenancy: every read of one school's rows with another school's id
// finds nothing, and composite foreign keys refuse cross-school links.
func TestTenancy(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		a := testfix.Build(t, st, "a1", true)
		b := testfix.Build(t, st, "b1", false)
		if _, err := st.Student(ctx, b.School.ID, a.StudentA1.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("school b read school a's student: %v", err)
		}
		if _, err := st.Class(ctx, b.School.ID, a.ClassA.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("school b read school a's class: %v", err)
		}
		if _, err := st.Teacher(ctx, b.School.ID, a.TeacherHead.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("school b read school a's teacher: %v", err)
		}
		list, total, err := st.Students(ctx, b.School.ID, storage.StudentFilter{})
		if err != nil || total != 3 {
			t.Fatalf("school b students: %d, %v", total, err)
		}
		for _, s := range list {
			if s.SchoolID != b.School.ID {
				t.Fatalf("list leaked %+v", s)
			}
		}
		// A student of school b in a class of school a is refused by the
		// composite foreign key.
		bad := model.Student{StudentNo: "x1", Name: "越界", Gender: model.Male, ClassID: a.ClassA.ID}
		if err := st.CreateStudent(ctx, b.School.ID, model.SystemActor, &bad); err == nil {
			t.Fatal("created a student in another school's class")
		}
		if err := st.UpdateStudent(ctx, b.School.ID, model.SystemActor, a.StudentA1); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("updated another school's student: %v", err)
		}
	})
}

func TestOrganisation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "org", false)
		sid := f.School.ID
		// Major codes: six digits under the category's prefix.
		cat := model.MajorCategory{Code: "71", Name: "电子与信息大类"}
		if err := st.CreateMajorCategory(ctx, sid, model.SystemActor, &cat); err != nil {
			t.Fatal(err)
		}
		for code, want := range map[string]string{"7102": "6位", "660101": "一致", "800101": "61–79", "71010a": "6位"} {
			err := st.CreateMajor(ctx, sid, model.SystemActor, &model.Major{Code: code, Name: "x", CategoryID: cat.ID})
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("major code %s: %v, want message containing %q", code, err, want)
			}
		}
		if err := st.CreateMajorCategory(ctx, sid, model.SystemActor, &model.MajorCategory{Code: "55", Name: "x"}); err == nil {
			t.Error("category 55 accepted")
		}
		m := model.Major{Code: "710201", Name: "计算机应用", CategoryID: cat.ID}
		if err := st.CreateMajor(ctx, sid, model.SystemActor, &m); err != nil {
			t.Fatal(err)
		}
		// Exactly one current term.
		y := model.AcademicYear{Name: "2027-2028", StartDate: "2027-09-01", EndDate: "2028-07-10"}
		if err := st.CreateAcademicYear(ctx, sid, model.SystemActor, &y); err != nil {
			t.Fatal(err)
		}
		t2 := model.Term{AcademicYearID: y.ID, Semester: 1, StartDate: "2027-09-01", EndDate: "2028-01-20", IsCurrent: true}
		if err := st.CreateTerm(ctx, sid, model.SystemActor, &t2); err != nil {
			t.Fatal(err)
		}
		cur, err := st.CurrentTerm(ctx, sid)
		if err != nil || cur.ID != t2.ID || cur.Name() != "2027-2028学年第一学期" {
			t.Fatalf("current term %+v %v", cur, err)
		}
		if err := st.SetCurrentTerm(ctx, sid, model.SystemActor, f.Term.ID); err != nil {
			t.Fatal(err)
		}
		terms, _ := st.Terms(ctx, sid)
		n := 0
		for _, x := range terms {
			if x.IsCurrent {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d current terms", n)
		}
		// Classes: duplicate names refused, counts and filters.
		dup := model.Class{Name: f.ClassA.Name, EntryYear: 2026, MajorID: f.Major.ID}
		if err := st.CreateClass(ctx, sid, model.SystemActor, &dup); err == nil || !strings.Contains(err.Error(), "已存在") {
			t.Fatalf("duplicate class: %v", err)
		}
		classes, total, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: model.ListQuery{Q: "数控1"}})
		if err != nil || total != 1 || classes[0].StudentCount != 2 || classes[0].HeadTeacherName != "王老师" {
			t.Fatalf("class search: %+v %d %v", classes, total, err)
		}
		scoped, total, _ := st.Classes(ctx, sid, storage.ClassFilter{Scoped: true})
		if total != 0 || len(scoped) != 0 {
			t.Fatal("an empty scope listed classes")
		}
	})
}

func TestStudentsAndHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "stu", false)
		sid := f.School.ID
		s := f.StudentA2
		if s.MajorID != f.Major.ID || s.EntryYear != 2026 || s.Program != model.Program3Year {
			t.Fatalf("student did not take major/year/program from class: %+v", s)
		}
		if err := st.ChangeEnrollment(ctx, sid, model.Actor{Username: "tester"}, s.ID, model.StatusSuspended, "2026-10-08", "因病休学"); err != nil {
			t.Fatal(err)
		}
		if err := st.ChangeEnrollment(ctx, sid, model.SystemActor, s.ID, "开除", "2026-10-09", ""); err == nil {
			t.Fatal("invalid status accepted")
		}
		h, err := st.EnrollmentHistory(ctx, sid, s.ID)
		if err != nil || len(h) != 2 || h[1].Status != model.StatusSuspended || h[1].Reason != "因病休学" {
			t.Fatalf("history %+v %v", h, err)
		}
		got, _ := st.Student(ctx, sid, s.ID)
		if got.EnrollmentStatus != model.StatusSuspended {
			t.Fatalf("status %s", got.EnrollmentStatus)
		}
		// Filters and search.
		_, total, _ := st.Students(ctx, sid, storage.StudentFilter{Status: model.StatusSuspended})
		if total != 1 {
			t.Fatalf("status filter total %d", total)
		}
		_, total, _ = st.Students(ctx, sid, storage.StudentFilter{ListQuery: model.ListQuery{Q: "张"}})
		if total != 2 {
			t.Fatalf("search total %d", total)
		}
		_, total, _ = st.Students(ctx, sid, storage.StudentFilter{ListQuery: model.ListQuery{Q: "50%"}})
		if total != 0 {
			t.Fatalf("LIKE wildcard not escaped: %d", total)
		}
		_, total, _ = st.Students(ctx, sid, storage.StudentFilter{Scoped: true, StudentIDs: []int64{f.StudentB1.ID}, ClassIDs: []int64{f.ClassA.ID}})
		if total != 3 {
			t.Fatalf("scope union total %d", total)
		}
		// Audit: the change is logged with before and after.
		entries, _, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "student", Action: "enrollment"})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].After, "休学") || entries[0].Username != "tester" {
			t.Fatalf("audit %+v %v", entries, err)
		}
		// Guardians are shared by siblings and not duplicated.
		g := model.Guardian{Name: "张父", Phone: "13900139000", Relation: "父亲"}
		if err := st.AddGuardian(ctx, sid, model.SystemActor, f.StudentA2.ID, &g); err != nil {
			t.Fatal(err)
		}
		kids, _ := st.ChildrenOf(ctx, sid, g.ID)
		if len(kids) != 2 {
			t.Fatalf("siblings: %v", kids)
		}
	})
}

func TestImportStudentsIdempotent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "imp", false)
		sid := f.School.ID
		rows := []storage.StudentImport{
			{Row: 2, Student: model.Student{StudentNo: "N001", Name: "新生甲", Gender: model.Female, ClassID: f.ClassA.ID},
				Guardians: []model.Guardian{{Name: "甲母", Relation: "母亲", Phone: "13700137000"}}},
			{Row: 3, Student: model.Student{StudentNo: f.StudentA2.StudentNo, Name: "张二改", Gender: model.Male, ClassID: f.ClassB.ID,
				IDNumber: f.StudentA2.IDNumber, BirthDate: f.StudentA2.BirthDate, Phone: f.StudentA2.Phone}},
		}
		sum, err := st.ImportStudents(ctx, sid, model.SystemActor, rows)
		if err != nil || sum.Created != 1 || sum.Updated != 1 {
			t.Fatalf("first import %+v %v", sum, err)
		}
		sum, err = st.ImportStudents(ctx, sid, model.SystemActor, rows)
		if err != nil || sum.Created != 0 || sum.Updated != 0 || sum.Unchanged != 2 {
			t.Fatalf("second import %+v %v", sum, err)
		}
		moved, _ := st.StudentByNo(ctx, sid, f.StudentA2.StudentNo)
		if moved.ClassID != f.ClassB.ID || moved.Name != "张二改" {
			t.Fatalf("update by 学号: %+v", moved)
		}
		n, _ := st.StudentByNo(ctx, sid, "N001")
		gs, _ := st.GuardiansOf(ctx, sid, n.ID)
		if len(gs) != 1 {
			t.Fatalf("guardians after two imports: %+v", gs)
		}
		// A failing row rolls the whole file back.
		bad := append(rows, storage.StudentImport{Row: 4, Student: model.Student{StudentNo: "N002", Name: "x", Gender: model.Male, ClassID: 999999}})
		bad[0].Student.StudentNo = "N003"
		if _, err := st.ImportStudents(ctx, sid, model.SystemActor, bad); err == nil {
			t.Fatal("import with an unknown class succeeded")
		}
		if _, err := st.StudentByNo(ctx, sid, "N003"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("half-written import")
		}
		// One person, one 学号: a new row with an existing student's ID
		// number is refused, in the import, the form and an edit.
		twin := []storage.StudentImport{{Row: 7, Student: model.Student{StudentNo: "N009", Name: "重号", Gender: model.Male, ClassID: f.ClassA.ID, IDNumber: f.StudentA1.IDNumber}}}
		if _, err := st.ImportStudents(ctx, sid, model.SystemActor, twin); err == nil || !strings.Contains(err.Error(), "第 7 行") || !strings.Contains(err.Error(), f.StudentA1.StudentNo) {
			t.Fatalf("import of a second 学号 for one ID number: %v", err)
		}
		form := twin[0].Student
		if err := st.CreateStudent(ctx, sid, model.SystemActor, &form); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("form with a taken ID number: %v", err)
		}
		edited := f.StudentA2
		edited.IDNumber = f.StudentA1.IDNumber
		if err := st.UpdateStudent(ctx, sid, model.SystemActor, edited); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("edit to a taken ID number: %v", err)
		}
	})
}

func TestUsersAndLocking(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "usr", true)
		u := f.Users[model.RoleHeadTeacher]
		got, err := st.UserByUsername(ctx, "BANZHUREN@usr")
		if err != nil || got.ID != u.ID || len(got.Roles) != 2 {
			t.Fatalf("lookup by username: %+v %v", got, err)
		}
		dup := model.User{Username: u.Username, DisplayName: "x", PasswordHash: "h"}
		if err := st.CreateUser(ctx, f.School.ID, model.SystemActor, &dup); err == nil {
			t.Fatal("duplicate username")
		}
		delay := func(n int) time.Duration { return time.Duration(n/5) * time.Minute }
		for i := 1; i <= 5; i++ {
			n, err := st.RecordLoginFailure(ctx, u.SchoolID, u.ID, delay, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if i < 5 && n != i {
				t.Fatalf("failure count %d after %d", n, i)
			}
		}
		got, _ = st.UserByID(ctx, u.ID)
		if time.Until(got.LockedUntil) < 50*time.Second {
			t.Fatal("no wait after 5 failures")
		}
		if err := st.SetPassword(ctx, f.School.ID, model.SystemActor, u.ID, "newhash", true); err != nil {
			t.Fatal(err)
		}
		got, _ = st.UserByID(ctx, u.ID)
		if !got.LockedUntil.IsZero() || !got.MustChangePassword {
			t.Fatalf("reset did not unlock / mark: %+v", got)
		}
		if err := st.SetPassword(ctx, 999, model.SystemActor, u.ID, "x", false); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("changed a password through another school")
		}
	})
}
