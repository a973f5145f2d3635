package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The teacher roster's 双师型 column is the current recognition's level
// and 入职日期 a day: the export imports again unchanged; a level for a
// teacher without a recognition recognises them (花名册导入); a
// different level or a bad day is refused by row, column, value and
// reason with nothing written.
func TestTeacherRosterDualAndHiredOn(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		admin := e.tokens["a1/school_admin"]
		sid, head, subj := e.a.School.ID, e.a.TeacherHead, e.a.TeacherSubject
		if err := e.st.Recognise(ctx, sid, model.Actor{Username: "test"}, &teacherdev.Recognition{TeacherID: head.ID, Level: "高级", RecognisedOn: "2025-09-01"}); err != nil {
			t.Fatal(err)
		}
		exported := e.do("GET", "/export/teachers?format=csv", admin, nil).want(200, "export").Body.Bytes()
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(exported, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := func(name string) int { return slices.Index(rows[0], name) }
		dual, hired := col("双师型"), col("入职日期")
		if dual < 0 || hired < 0 {
			t.Fatalf("export header %q", rows[0])
		}
		line := map[string]int{}
		for i, r := range rows[1:] {
			line[r[0]] = i + 1
		}
		if rows[line[head.StaffNo]][dual] != "高级" || rows[line[subj.StaffNo]][dual] != "" {
			t.Errorf("exported 双师型: %q / %q", rows[line[head.StaffNo]], rows[line[subj.StaffNo]])
		}
		file := func(edit func(r [][]string)) []byte {
			cp := make([][]string, len(rows))
			for i, r := range rows {
				cp[i] = slices.Clone(r)
			}
			edit(cp)
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.WriteAll(cp)
			return b.Bytes()
		}
		res := e.upload("/import/teachers", admin, file(func([][]string) {})).want(200, "the export imports again").json()
		if res["created"].(float64) != 0 || res["updated"].(float64) != 0 {
			t.Errorf("re-importing the export changed %v", res)
		}

		refused := func(what string, data []byte, c, value, reason string) {
			t.Helper()
			d := e.upload("/import/teachers", admin, data).want(422, what).json()["details"].([]any)
			row := d[0].(map[string]any)
			if len(d) != 1 || row["column"] != c || row["value"] != value || !strings.Contains(row["reason"].(string), reason) {
				t.Errorf("%s: %v", what, d)
			}
		}
		refused("a day that does not exist", file(func(r [][]string) { r[line[subj.StaffNo]][hired] = "2019-02-30" }), "入职日期", "2019-02-30", "不存在")
		refused("the old 是", file(func(r [][]string) { r[line[subj.StaffNo]][dual] = "是" }), "双师型", "是", "请写 初级、中级 或 高级")
		refused("a changed level", file(func(r [][]string) {
			r[line[subj.StaffNo]][dual] = "中级"
			r[line[head.StaffNo]][dual] = "初级"
		}), "双师型", "初级", "与现有认定“高级”不同")
		if te, _ := e.st.Teacher(ctx, sid, subj.ID); te.DualLevel != "" {
			t.Errorf("a refused file recognised %+v", te)
		}

		// A level where there is none recognises today; an empty cell
		// leaves the 高级 alone; 入职日期 is kept.
		e.upload("/import/teachers", admin, file(func(r [][]string) {
			r[line[subj.StaffNo]][dual], r[line[subj.StaffNo]][hired] = "中级", "2019/9/1"
			r[line[head.StaffNo]][dual] = ""
		})).want(200, "a new recognition")
		gs, err := e.st.TeacherRecognitions(ctx, sid, subj.ID)
		if err != nil || len(gs) != 1 || gs[0].Level != "中级" || gs[0].Basis != "花名册导入" || gs[0].RecognisedOn != storage.Today() {
			t.Errorf("imported recognition %+v %v", gs, err)
		}
		if te, _ := e.st.Teacher(ctx, sid, subj.ID); te.HiredOn != "2019-09-01" {
			t.Errorf("hired_on %q", te.HiredOn)
		}
		if te, _ := e.st.Teacher(ctx, sid, head.ID); te.DualLevel != "高级" {
			t.Errorf("an empty cell changed the recognition: %+v", te)
		}
	})
}
