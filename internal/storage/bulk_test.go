package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// bulkSchool loads a small but complete school through Bulk: every kind of
// row, more students than one batch holds, a shared guardian, a 学籍 change.
func bulkSchool(t *testing.T, s *storage.Storage, code string, nStudents int) (model.School, []int64) {
	t.Helper()
	sc, ids, err := loadSchool(s, code, nStudents)
	if err != nil {
		t.Fatal(err)
	}
	return sc, ids
}

func loadSchool(s *storage.Storage, code string, nStudents int) (sc model.School, studentIDs []int64, err error) {
	ctx := context.Background()
	err = s.BulkLoad(ctx, model.SystemActor, "test", func(b *storage.Bulk) error {
		d := model.District{Code: "d-" + code, Name: "测试区教委"}
		if err := b.District(&d); err != nil {
			return err
		}
		sc = model.School{Code: code, Name: "测试学校", DistrictID: d.ID}
		if err := b.School(&sc); err != nil {
			return err
		}
		id := sc.ID
		y := model.AcademicYear{Name: "2026-2027", StartDate: "2026-09-01", EndDate: "2027-07-10"}
		if err := b.AcademicYear(id, &y); err != nil {
			return err
		}
		t1 := model.Term{AcademicYearID: y.ID, Semester: 1, StartDate: "2026-09-01", EndDate: "2027-01-20", IsCurrent: true}
		t2 := model.Term{AcademicYearID: y.ID, Semester: 2, StartDate: "2027-02-20", EndDate: "2027-07-10"}
		if err := b.Term(id, &t1); err != nil {
			return err
		}
		if err := b.Term(id, &t2); err != nil {
			return err
		}
		dept := model.Department{Name: "汽车专业部"}
		if err := b.Department(id, &dept); err != nil {
			return err
		}
		cat := model.MajorCategory{Code: "70", Name: "交通运输大类"}
		if err := b.MajorCategory(id, &cat); err != nil {
			return err
		}
		if err := b.Major(id, &model.Major{Code: "660103", Name: "错位专业", CategoryID: cat.ID}); err == nil {
			return errors.New("a major code outside its category was accepted")
		}
		m := model.Major{Code: "700206", Name: "汽车运用与维修", CategoryID: cat.ID, DepartmentID: dept.ID, Apprenticeship: true}
		if err := b.Major(id, &m); err != nil {
			return err
		}
		te := model.Teacher{StaffNo: "T0001", Name: "周老师", Gender: model.Female, DepartmentID: dept.ID, DualQualified: true}
		if err := b.Teacher(id, &te); err != nil {
			return err
		}
		c := model.Class{Name: "2026级汽车运用与维修1班", EntryYear: 2026, MajorID: m.ID, HeadTeacherID: te.ID}
		if err := b.Class(id, &c); err != nil {
			return err
		}
		co := model.Course{Code: "700206-01", Name: "汽车维护与保养", Kind: "专业核心课", MajorID: m.ID}
		if err := b.Course(id, &co); err != nil {
			return err
		}
		if err := b.TeachingAssignment(id, &model.TeachingAssignment{TermID: t1.ID, CourseID: co.ID, ClassID: c.ID, TeacherID: te.ID}); err != nil {
			return err
		}
		u := model.User{Username: "T0001@" + code, DisplayName: te.Name, PasswordHash: "x", TeacherID: te.ID,
			Roles: []string{model.RoleSubjectTeacher, model.RoleHeadTeacher, model.RoleDeptHead, model.RoleHeadTeacher}}
		if err := b.User(id, &u); err != nil {
			return err
		}
		if err := b.SetDepartmentHead(id, dept.ID, u.ID); err != nil {
			return err
		}
		shared := model.Guardian{Name: "王父", Phone: "13800000000", Relation: "父亲"}
		for i := 0; i < nStudents; i++ {
			st := model.Student{StudentNo: fmt.Sprintf("2026%06d", i+1), Name: fmt.Sprintf("学生%d", i), Gender: model.Male, ClassID: c.ID}
			if err := b.Student(id, &st, "2026-09-01"); err != nil {
				return err
			}
			studentIDs = append(studentIDs, st.ID)
			g := model.Guardian{Name: fmt.Sprintf("家长%d", i), Phone: "13900000000", Relation: "母亲"}
			if err := b.Guardian(id, st.ID, &g); err != nil {
				return err
			}
			if err := b.User(id, &model.User{Username: "p" + st.StudentNo + "@" + code, DisplayName: g.Name, PasswordHash: "x", GuardianID: g.ID, Roles: []string{model.RoleParent}}); err != nil {
				return err
			}
			if i < 2 {
				if err := b.Guardian(id, st.ID, &shared); err != nil {
					return err
				}
			}
		}
		if err := b.ChangeEnrollment(id, studentIDs[1], model.StatusSuspended, "2026-10-08", "因病休学"); err != nil {
			return err
		}
		e := model.Enterprise{Name: "重庆测试汽车服务有限公司", CreditCode: idcheck.MakeCreditCode("91500100MA00000" + "1A")}
		if err := b.Enterprise(id, &e); err != nil {
			return err
		}
		if err := b.Enterprise(id, &model.Enterprise{Name: "坏代码", CreditCode: "91500100MA000001AX"}); err == nil {
			return errors.New("a bad credit code was accepted")
		}
		me := model.Mentor{EnterpriseID: e.ID, Name: "陈师傅"}
		if err := b.Mentor(id, &me); err != nil {
			return err
		}
		p := model.Placement{StudentID: studentIDs[0], MentorID: me.ID, Kind: model.PlacementApprenticeship, StartDate: "2026-09-01"}
		if err := b.Placement(id, &p); err != nil {
			return err
		}
		if p.EnterpriseID != e.ID {
			return fmt.Errorf("placement enterprise %d, want %d", p.EnterpriseID, e.ID)
		}
		return b.User(id, &model.User{Username: "m1@" + code, DisplayName: me.Name, PasswordHash: "x", MentorID: me.ID, Roles: []string{model.RoleMentor}})
	})
	return sc, studentIDs, err
}

// TestBulkLoadConcurrent runs several loads at once, as the demo generator
// does on PostgreSQL: reserved ids never collide (SQLite serialises the
// loads on its write lock).
func TestBulkLoadConcurrent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		const loads, n = 3, 700
		errs := make(chan error, loads)
		for i := 0; i < loads; i++ {
			go func() {
				_, _, err := loadSchool(s, fmt.Sprintf("con%d", i), n)
				errs <- err
			}()
		}
		for i := 0; i < loads; i++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		ctx := context.Background()
		for i := 0; i < loads; i++ {
			sc, err := s.SchoolByCode(ctx, fmt.Sprintf("con%d", i))
			if err != nil {
				t.Fatal(err)
			}
			if _, total, err := s.Students(ctx, sc.ID, storage.StudentFilter{}); err != nil || total != n {
				t.Fatalf("school %s: %d students, %v", sc.Code, total, err)
			}
			if _, total, err := s.Users(ctx, sc.ID, storage.UserFilter{Role: model.RoleParent}); err != nil || total != n {
				t.Fatalf("school %s: %d parents, %v", sc.Code, total, err)
			}
		}
	})
}

func TestBulkLoad(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		const n = 1234 // more than two batches of students, guardians and users
		sc, ids := bulkSchool(t, s, "bulk", n)
		id := sc.ID

		got, err := s.SchoolByCode(ctx, "bulk")
		if err != nil || got.ID != id || got.DistrictID == 0 {
			t.Fatalf("school %+v, %v", got, err)
		}
		list, total, err := s.Students(ctx, id, storage.StudentFilter{})
		if err != nil || total != n || len(list) == 0 {
			t.Fatalf("students total %d, %v", total, err)
		}
		st, err := s.Student(ctx, id, ids[1])
		if err != nil {
			t.Fatal(err)
		}
		if st.EnrollmentStatus != model.StatusSuspended || st.EntryYear != 2026 || st.Program != model.Program3Year || st.MajorName != "汽车运用与维修" {
			t.Fatalf("student %+v", st)
		}
		hist, err := s.EnrollmentHistory(ctx, id, ids[1])
		if err != nil || len(hist) != 2 || hist[0].Reason != "入学" || hist[0].EffectiveDate != "2026-09-01" || hist[1].Status != model.StatusSuspended {
			t.Fatalf("history %+v, %v", hist, err)
		}
		gs, err := s.GuardiansOf(ctx, id, ids[0])
		if err != nil || len(gs) != 2 || gs[0].UserID == 0 {
			t.Fatalf("guardians %+v, %v", gs, err)
		}
		kids, err := s.ChildrenOf(ctx, id, gs[1].ID)
		if err != nil || len(kids) != 2 {
			t.Fatalf("shared guardian's children %v, %v", kids, err)
		}
		u, err := s.UserByUsername(ctx, "t0001@bulk")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(u.Roles, ",") != "department_head,head_teacher,subject_teacher" || u.TeacherID == 0 || u.SchoolID != id {
			t.Fatalf("teacher account %+v", u)
		}
		heads, err := s.DepartmentsHeadedBy(ctx, id, u.ID)
		if err != nil || len(heads) != 1 {
			t.Fatalf("departments headed %v, %v", heads, err)
		}
		classes, err := s.ClassesOfHeadTeacher(ctx, id, u.TeacherID)
		if err != nil || len(classes) != 1 {
			t.Fatalf("head teacher classes %v, %v", classes, err)
		}
		c, err := s.Class(ctx, id, classes[0])
		if err != nil || c.HeadTeacherName != "周老师" || c.StudentCount != n-1 || c.EntryYear != 2026 {
			t.Fatalf("class %+v, %v", c, err)
		}
		taught, err := s.ClassesTaughtBy(ctx, id, u.TeacherID, 0)
		if err != nil || len(taught) != 1 {
			t.Fatalf("taught %v, %v", taught, err)
		}
		m, err := s.UserByUsername(ctx, "m1@bulk")
		if err != nil {
			t.Fatal(err)
		}
		app, err := s.ApprenticesOf(ctx, id, m.MentorID)
		if err != nil || len(app) != 1 || app[0] != ids[0] {
			t.Fatalf("apprentices %v, %v", app, err)
		}
		term, err := s.CurrentTerm(ctx, id)
		if err != nil || term.Semester != 1 {
			t.Fatalf("current term %+v, %v", term, err)
		}
		audit, total, err := s.AuditLog(ctx, id, storage.AuditFilter{Action: "bulk_load"})
		if err != nil || total != 1 || !strings.Contains(audit[0].After, `"students":1234`) {
			t.Fatalf("audit %+v, %d, %v", audit, total, err)
		}

		// The ids Bulk reserved must not collide with rows added the
		// ordinary way afterwards (on PostgreSQL the sequences moved on).
		st2 := model.Student{StudentNo: "2026999999", Name: "后来者", Gender: model.Female, ClassID: c.ID}
		if err := s.CreateStudent(ctx, id, model.SystemActor, &st2); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, id, model.SystemActor, &model.User{Username: "later@bulk", PasswordHash: "x"}); err != nil {
			t.Fatal(err)
		}
		sc2 := model.School{Code: "after", Name: "另一所"}
		if err := s.CreateSchool(ctx, &sc2); err != nil {
			t.Fatal(err)
		}
		if err := s.AddGuardian(ctx, id, model.SystemActor, st2.ID, &model.Guardian{Name: "新家长", Phone: "13700000000"}); err != nil {
			t.Fatal(err)
		}
		// A second load beside the first one.
		bulkSchool(t, s, "bulk2", 10)
	})
}

func TestBulkLoadIsAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.BulkLoad(ctx, model.SystemActor, "test", func(b *storage.Bulk) error {
			sc := model.School{Code: "gone", Name: "不会留下"}
			if err := b.School(&sc); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err %v", err)
		}
		if _, err := s.SchoolByCode(ctx, "gone"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("rolled-back school is there: %v", err)
		}

		// A duplicate 学号 fails at the flush and takes everything with it.
		err = s.BulkLoad(ctx, model.SystemActor, "test", func(b *storage.Bulk) error {
			sc := model.School{Code: "dup", Name: "重复"}
			if err := b.School(&sc); err != nil {
				return err
			}
			cat := model.MajorCategory{Code: "71", Name: "电子与信息大类"}
			if err := b.MajorCategory(sc.ID, &cat); err != nil {
				return err
			}
			m := model.Major{Code: "710201", Name: "计算机应用", CategoryID: cat.ID}
			if err := b.Major(sc.ID, &m); err != nil {
				return err
			}
			c := model.Class{Name: "2026级计算机应用1班", EntryYear: 2026, MajorID: m.ID}
			if err := b.Class(sc.ID, &c); err != nil {
				return err
			}
			for i := 0; i < 2; i++ {
				if err := b.Student(sc.ID, &model.Student{StudentNo: "2026010101", Name: "同号", Gender: model.Male, ClassID: c.ID}, ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "重复") {
			t.Fatalf("duplicate 学号: %v", err)
		}
		if _, err := s.SchoolByCode(ctx, "dup"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("rolled-back school is there: %v", err)
		}

		// An existing code is refused with the ordinary message.
		if err := s.CreateSchool(ctx, &model.School{Code: "taken", Name: "已有"}); err != nil {
			t.Fatal(err)
		}
		err = s.BulkLoad(ctx, model.SystemActor, "test", func(b *storage.Bulk) error {
			return b.School(&model.School{Code: "taken", Name: "再来"})
		})
		if err == nil || !strings.Contains(err.Error(), "已被使用") {
			t.Fatalf("taken code: %v", err)
		}
	})
}
