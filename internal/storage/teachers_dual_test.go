package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A teacher's 双师型 is read from the recognitions: current when given on
// or before today and not revoked by today. The list filter, the single
// read and the 工号 read agree, and the old checkbox is never written.
func TestTeacherDualFromRecognitions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "td", false)
		sid := fx.School.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		today := storage.Today()
		tomorrow := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
		subj, head := fx.TeacherSubject.ID, fx.TeacherHead.ID
		must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: subj, Level: "中级", RecognisedOn: today}))
		// Recognised only from the day after tomorrow: not yet current.
		must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: head, Level: "高级", RecognisedOn: tomorrow}))
		te, err := st.Teacher(ctx, sid, subj)
		must(t, err)
		if te.DualLevel != "中级" || !te.DualQualified {
			t.Fatalf("recognised teacher = %+v", te)
		}
		if te, _ := st.Teacher(ctx, sid, head); te.DualLevel != "" || te.DualQualified {
			t.Errorf("a recognition from tomorrow counts today: %+v", te)
		}
		yes, no := true, false
		dual, _, err := st.Teachers(ctx, sid, storage.TeacherFilter{ListQuery: model.AllRows(), DualQualified: &yes})
		must(t, err)
		if len(dual) != 1 || dual[0].ID != subj || dual[0].DualLevel != "中级" {
			t.Errorf("dual=1 lists %+v", dual)
		}
		rest, _, err := st.Teachers(ctx, sid, storage.TeacherFilter{ListQuery: model.AllRows(), DualQualified: &no})
		must(t, err)
		for _, r := range rest {
			if r.ID == subj || r.DualQualified {
				t.Errorf("dual=0 lists %+v", r)
			}
		}
		must(t, st.RevokeRecognition(ctx, sid, a, subj, today, "复核"))
		if te, _ := st.TeacherByStaffNo(ctx, sid, fx.TeacherSubject.StaffNo); te.DualLevel != "" {
			t.Errorf("revoked today still current: %+v", te)
		}
		var old bool
		must(t, st.DB().QueryRowContext(ctx, `SELECT dual_qualified FROM teachers WHERE school_id = $1 AND id = $2`, sid, subj).Scan(&old))
		if old {
			t.Error("the old checkbox was written")
		}
	})
}

// 入职日期 is kept by the form's create and update.
func TestTeacherHiredOn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "th", false)
		sid := fx.School.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		te := model.Teacher{StaffNo: "H001", Name: "郑老师", Gender: model.Male, HiredOn: "2019-09-01"}
		must(t, st.CreateTeacher(ctx, sid, a, &te))
		got, err := st.Teacher(ctx, sid, te.ID)
		must(t, err)
		if got.HiredOn != "2019-09-01" {
			t.Fatalf("hired_on = %q", got.HiredOn)
		}
		got.HiredOn = "2020-02-15"
		must(t, st.UpdateTeacher(ctx, sid, a, got))
		if got, _ := st.Teacher(ctx, sid, te.ID); got.HiredOn != "2020-02-15" {
			t.Errorf("updated hired_on = %q", got.HiredOn)
		}
		f, err := st.DevelopmentFacts(ctx, sid, storage.DevScope{TeacherID: te.ID})
		must(t, err)
		if len(f.Teachers) != 1 || f.Teachers[0].HiredOn != "2020-02-15" {
			t.Errorf("progress reads %+v", f.Teachers)
		}
	})
}

// The roster's 双师型 column: a level for a teacher without a current
// recognition recognises them today (花名册导入); an empty cell changes
// nothing; a different level refuses the whole file; an empty 入职日期
// keeps the stored one.
func TestImportTeachersDual(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ti", false)
		sid := fx.School.ID
		a := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		subj, head := fx.TeacherSubject, fx.TeacherHead
		must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: head.ID, Level: "高级", RecognisedOn: "2024-09-01"}))
		subj.HiredOn = "2016-09-01"
		must(t, st.UpdateTeacher(ctx, sid, a, subj))
		subj, _ = st.Teacher(ctx, sid, subj.ID)
		head, _ = st.Teacher(ctx, sid, head.ID)
		row := func(n int, te model.Teacher, level, hired string) storage.TeacherImport {
			te.DualLevel, te.DualQualified, te.HiredOn, te.DepartmentName = level, level != "", hired, ""
			return storage.TeacherImport{Row: n, Teacher: te}
		}
		fresh := model.Teacher{StaffNo: "N001", Name: "新老师", Gender: model.Female, Active: true}
		sum, err := st.ImportTeachers(ctx, sid, a, []storage.TeacherImport{
			row(2, subj, "初级", ""), // no recognition yet: recognised, 入职日期 kept
			row(3, head, "", ""),   // empty: the 高级 stays
			row(4, fresh, "中级", "2026-03-01"),
		})
		must(t, err)
		if sum.Created != 1 || sum.Updated != 1 || sum.Unchanged != 1 {
			t.Errorf("summary %+v", sum)
		}
		gs, err := st.TeacherRecognitions(ctx, sid, subj.ID)
		must(t, err)
		if len(gs) != 1 || gs[0].Level != "初级" || gs[0].Basis != "花名册导入" || gs[0].RecognisedOn != storage.Today() {
			t.Errorf("imported recognition = %+v", gs)
		}
		if te, _ := st.Teacher(ctx, sid, subj.ID); te.HiredOn != "2016-09-01" || te.DualLevel != "初级" {
			t.Errorf("after import %+v", te)
		}
		if te, _ := st.Teacher(ctx, sid, head.ID); te.DualLevel != "高级" {
			t.Errorf("an empty cell changed the recognition: %+v", te)
		}
		n, err := st.TeacherByStaffNo(ctx, sid, "N001")
		must(t, err)
		if n.DualLevel != "中级" || n.HiredOn != "2026-03-01" {
			t.Errorf("new teacher %+v", n)
		}
		// A different level is refused and nothing of the file is written.
		extra := model.Teacher{StaffNo: "N002", Name: "另一位", Gender: model.Male, Active: true}
		_, err = st.ImportTeachers(ctx, sid, a, []storage.TeacherImport{row(2, extra, "", ""), row(3, head, "初级", "")})
		if !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "第 3 行") || !strings.Contains(err.Error(), "高级") {
			t.Fatalf("a changed level: %v", err)
		}
		if _, err := st.TeacherByStaffNo(ctx, sid, "N002"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("a refused file wrote a teacher: %v", err)
		}
	})
}
