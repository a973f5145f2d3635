package ui_test

import (
	"bytes"
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestFrameworkChoicesInExcel: a school edits an indicator's choices for
// students and parents and its level descriptors in the framework
// workbook; the import keeps them, refuses a cell it cannot read, and the
// framework page shows them.
func TestFrameworkChoicesInExcel(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		admin := s.login(t, "admin@a1")
		code, data, _ := getFile(t, admin, "/frameworks/"+itoa(f.ID)+"/export.xlsx")
		if code != 200 {
			t.Fatalf("export: %d", code)
		}
		edit := func(cells map[string]string) []byte {
			x, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if head, _ := x.GetCellValue("指标", "N1"); head != "学生家长选项" {
				t.Fatalf("column N is %q", head)
			}
			for c, v := range cells {
				x.SetCellValue("指标", c, v)
			}
			var buf bytes.Buffer
			x.WriteTo(&buf)
			return buf.Bytes()
		}
		// Row 2 is D01 思想品德.
		if code, body := admin.postFile("/frameworks/import", "方案.xlsx", edit(map[string]string{"N2": "做到了"})); code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 2 行：学生家长选项“做到了”无法识别") {
			t.Fatalf("bad choices cell: %d", code)
		}
		if code, body := admin.postFile("/frameworks/import", "方案.xlsx", edit(map[string]string{"N2": "做到了=90/还没做到=60"})); code != http.StatusUnprocessableEntity || !strings.Contains(body, "等级说明“优秀”不是该指标的等级或选项") {
			t.Fatalf("descriptors of the old choices: %d", code)
		}
		body := edit(map[string]string{"N2": "做到了=90/还没做到=60", "O2": "做到了：处处尊敬师长、孝敬父母\n还没做到：偶有顶撞师长"})
		if code, page := admin.postFile("/frameworks/import", "方案.xlsx", body); code != http.StatusSeeOther {
			t.Fatalf("import: %d %s", code, page)
		}
		vs := versions(t, st, sid, "default")
		got, _ := st.Framework(ctx, sid, vs[0].ID)
		d01 := got.Dimensions[0].Indicators[0]
		if !reflect.DeepEqual(d01.Choices, []model.Choice{{Name: "做到了", Value: 90}, {Name: "还没做到", Value: 60}}) ||
			d01.Descriptors["还没做到"] != "偶有顶撞师长" || len(d01.Descriptors) != 2 {
			t.Fatalf("imported D01: %+v %+v", d01.Choices, d01.Descriptors)
		}
		if _, page := admin.get("/frameworks/" + itoa(got.ID)); !strings.Contains(page, "<b>还没做到</b> <span class=\"muted\">60</span>：偶有顶撞师长") {
			t.Fatalf("framework page does not show the choices:\n%s", page)
		}
	})
}
