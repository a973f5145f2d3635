package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func rosterXLSX(t *testing.T, rows ...[]string) *bytes.Reader {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]string{{"工号", "姓名", "备注"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

// A roster names its teachers by 工号 or by a name that is unique; every
// bad row is reported and nothing is written. The export of a batch
// imports again as the roster of another course.
func TestDevelopmentRosterSheet(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "dr", false)
		sid := fx.School.ID
		same := model.Teacher{StaffNo: "T010", Name: "赵老师", Gender: model.Male, DepartmentID: fx.Department.ID}
		if err := st.CreateTeacher(ctx, sid, model.SystemActor, &same); err != nil {
			t.Fatal(err)
		}
		office := model.Actor{UserID: fx.Users[model.RolePersonnel].ID}
		course := model.DevelopmentRecord{Kind: string(teacherdev.KindNational), Title: "国培计划 数控骨干教师", Provider: "师范大学", StartsOn: "2026-07-06", EndsOn: "2026-07-24", Hours: 120}
		out, err := importer.ImportDevelopmentRoster(ctx, st, sid, office, course, rosterXLSX(t,
			[]string{"T001", "王老师"}, []string{"T404", "无名"}, []string{"", "赵老师"}, []string{"T002", "王老师"}, []string{"", "钱老师"}))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"第 3 行：「工号」“T404”不是本校教师", "第 4 行：「姓名」“赵老师”有 2 位教师（工号 T003、T010），请填写工号",
			"第 5 行：「姓名」“王老师”与工号 T002 的教师“李老师”不一致", "第 6 行：「姓名」“钱老师”不是本校教师"}
		if strings.Join(out.Problems, "\n") != strings.Join(want, "\n") || out.Written != 0 {
			t.Fatalf("problems = %q", out.Problems)
		}
		all := storage.DevelopmentFilter{Scope: storage.DevelopmentScope{All: true}}
		if _, n, _ := st.ListDevelopmentRecords(ctx, sid, all); n != 0 {
			t.Fatalf("a refused roster wrote %d records", n)
		}
		out, err = importer.ImportDevelopmentRoster(ctx, st, sid, office, course, rosterXLSX(t, []string{"T001", "王老师"}, []string{"", "李老师"}, []string{"T010", ""}))
		if err != nil || out.Written != 3 || out.BatchID == 0 {
			t.Fatalf("good roster: %+v, %v", out, err)
		}
		f := all
		f.BatchID = out.BatchID
		rows, _, err := st.ListDevelopmentRecords(ctx, sid, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := importer.DevelopmentWorkbook(rows)
		if err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		cells, _ := wb.GetRows("培训与实践记录")
		if len(cells) != 4 || cells[0][0] != "工号" || cells[1][3] != "国培" || cells[1][8] != "120" || cells[1][17] != "已核实" {
			t.Fatalf("export = %q", cells)
		}
		next := course
		next.Title, next.Kind = "师德师风专题培训", string(teacherdev.KindEthics)
		again, err := importer.ImportDevelopmentRoster(ctx, st, sid, office, next, bytes.NewReader(b))
		if err != nil || again.Written != 3 {
			t.Fatalf("export as roster: %+v, %v", again, err)
		}
		if _, err := importer.DevelopmentRosterTemplate(); err != nil {
			t.Fatal(err)
		}
	})
}
