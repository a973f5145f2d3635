package workbook

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

func written(t *testing.T, f model.Framework) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip: what Write writes, Read reads back unchanged: the tree,
// the grading, the code and name, choices and descriptors.
func TestRoundTrip(t *testing.T) {
	f := eval.DefaultFramework()
	f.Dimensions[0].Indicators[0].Choices = []model.Choice{{Name: "做到了", Value: 90}, {Name: "还没做到", Value: 60}}
	f.Dimensions[0].Indicators[0].Descriptors = map[string]string{"做到了": "每次都做到"}
	f.Grading.Thresholds[0].MaxPercent = 25
	f.Aggregation.FairRoles = []model.RaterRole{model.RaterPeer, model.RaterSubjectTeacher}
	base := eval.DefaultFramework()
	base.Code, base.Name = "", ""
	got, probs := Read(bytes.NewReader(written(t, f)), base)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if !reflect.DeepEqual(got.Dimensions, f.Dimensions) || !reflect.DeepEqual(got.Grading, f.Grading) || got.Code != f.Code || got.Name != f.Name ||
		!reflect.DeepEqual(got.Aggregation.FairRoles, f.Aggregation.FairRoles) {
		t.Fatalf("round trip changed the framework:\n%+v\n%+v", got.Dimensions[0], f.Dimensions[0])
	}
}

// TestReadProblems: a file that is no workbook, a missing column and bad
// cells are refused with reasons that name the row.
func TestReadProblems(t *testing.T) {
	base := eval.DefaultFramework()
	if _, probs := Read(strings.NewReader("not a workbook"), base); len(probs) != 1 || !strings.Contains(probs[0], "不是 Excel") {
		t.Errorf("text: %v", probs)
	}
	data := written(t, eval.DefaultFramework())
	edit := func(cells map[string]string) []byte {
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		for c, v := range cells {
			x.SetCellValue(SheetIndicators, c, v)
		}
		var buf bytes.Buffer
		x.WriteTo(&buf)
		return buf.Bytes()
	}
	for _, c := range []struct {
		cells map[string]string
		want  string
	}{
		{map[string]string{"F1": "刻度"}, "缺少“量表”列"},
		{map[string]string{"E3": "很多"}, "第 3 行：“指标权重”不是有效的数字（很多）"},
		{map[string]string{"F2": "十分制"}, "第 2 行：量表“十分制”无法识别"},
		{map[string]string{"B3": "99"}, "第 3 行：维度"},
		{map[string]string{"A2": ""}, "第 2 行：“维度”不能为空"},
	} {
		_, probs := Read(bytes.NewReader(edit(c.cells)), base)
		if !strings.Contains(strings.Join(probs, "\n"), c.want) {
			t.Errorf("%v: %v, want %q", c.cells, probs, c.want)
		}
	}
}

// TestFairRolesCell: the severity-correction row reads back what it wrote, switches the setting off with 不校正,
// keeps the base's setting when the row is absent (an older file), and refuses a name that is no role.
func TestFairRolesCell(t *testing.T) {
	on := eval.DefaultFramework()
	on.Aggregation.FairRoles = []model.RaterRole{model.RaterPeer}
	off := eval.DefaultFramework()
	setNote := func(f model.Framework, value string, remove bool) []byte {
		x, err := excelize.OpenReader(bytes.NewReader(written(t, f)))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, _ := x.GetRows(SheetNotes)
		for i, r := range rows {
			if len(r) > 0 && r[0] == FairRolesKey {
				cell, _ := excelize.CoordinatesToCellName(2, i+1)
				if remove {
					x.SetCellValue(SheetNotes, "A"+cell[1:], "")
				}
				x.SetCellValue(SheetNotes, cell, value)
			}
		}
		var buf bytes.Buffer
		x.WriteTo(&buf)
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		file []byte
		base model.Framework
		want []model.RaterRole
		prob string
	}{
		{"written off, base on", written(t, off), on, nil, ""},
		{"不校正", setNote(on, "不校正", false), on, nil, ""},
		{"two roles", setNote(off, "互评、班主任评", false), off, []model.RaterRole{model.RaterPeer, model.RaterHeadTeacher}, ""},
		{"row absent keeps base", setNote(off, "", true), on, []model.RaterRole{model.RaterPeer}, ""},
		{"unknown name", setNote(off, "互评、校长评", false), off, nil, "“宽严校正”应为"},
	} {
		got, probs := Read(bytes.NewReader(c.file), c.base)
		if c.prob != "" {
			if !strings.Contains(strings.Join(probs, "\n"), c.prob) {
				t.Errorf("%s: problems %v, want %q", c.name, probs, c.prob)
			}
			continue
		}
		if len(probs) > 0 || !reflect.DeepEqual(got.Aggregation.FairRoles, c.want) {
			t.Errorf("%s: FairRoles %v (problems %v), want %v", c.name, got.Aggregation.FairRoles, probs, c.want)
		}
	}
}
