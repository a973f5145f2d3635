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
	base := eval.DefaultFramework()
	base.Code, base.Name = "", ""
	got, probs := Read(bytes.NewReader(written(t, f)), base)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if !reflect.DeepEqual(got.Dimensions, f.Dimensions) || !reflect.DeepEqual(got.Grading, f.Grading) || got.Code != f.Code || got.Name != f.Name {
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
