package ratesheet

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
)

func testFramework(t *testing.T) model.Framework {
	t.Helper()
	levels := model.Scale{Kind: model.ScaleLevels, Levels: []model.ScaleLevel{{Name: "优秀", Points: 95}, {Name: "良好", Points: 85}, {Name: "合格", Points: 70}, {Name: "待合格", Points: 50}}}
	both := map[model.RaterRole]float64{model.RaterHeadTeacher: 60, model.RaterSelf: 40}
	f := model.Framework{Code: "t", Name: "测试方案", Version: 1, Grading: eval.DefaultGrading(), Aggregation: eval.DefaultAggregation(),
		Dimensions: []model.Dimension{{Code: "D", Name: "德", Weight: 100, Indicators: []model.Indicator{
			{Code: "S1", Name: "遵纪守法", Weight: 30, Scale: model.Scale{Kind: model.ScaleScore100}, RoleWeights: both,
				ObservationPoints: []model.ObservationPoint{{Code: "S1-1", Name: "遵守校规", Description: "本学期无违纪"}}},
			{Code: "S2", Name: "集体意识", Weight: 30, Scale: model.Scale{Kind: model.ScaleRating5}, RoleWeights: both},
			{Code: "S3", Name: "劳动习惯", Weight: 30, Scale: levels, RoleWeights: both},
			{Code: "S4", Name: "自我反思", Weight: 10, Scale: model.Scale{Kind: model.ScaleScore100}, RoleWeights: map[model.RaterRole]float64{model.RaterSelf: 100}},
		}}}}
	if err := eval.Validate(f); err != nil {
		t.Fatal(err)
	}
	return f
}

var key = Key{SchoolID: 3, CycleID: 7, Role: model.RaterHeadTeacher, RaterID: 11}

func testSheet(t *testing.T) Sheet {
	return Sheet{Key: key, Title: "测试周期 · 班主任评 · 王老师", Framework: testFramework(t), Students: []Student{
		{ID: 101, No: "2026001", Name: "张一", Class: "2026级数控1班"},
		{ID: 102, No: "2026002", Name: "张二", Class: "2026级数控1班"},
		{ID: 103, No: "2026003", Name: "陈三", Class: "2026级数控2班"},
	}}
}

func written(t *testing.T, s Sheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit opens a workbook, applies cell edits on 评分表 and returns the file.
func edit(t *testing.T, data []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for c, v := range cells {
		if err := f.SetCellValue(dataSheet, c, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parse(t *testing.T, data []byte, s Sheet) *Result {
	t.Helper()
	res, err := Parse(bytes.NewReader(data), roster.Limits{}, s)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return res
}

func TestRoundTripPrefillsAndReadsBack(t *testing.T) {
	s := testSheet(t)
	s.Current = []model.Rating{
		{StudentID: 101, IndicatorCode: "S1", Value: 88.5},
		{StudentID: 101, IndicatorCode: "S2", Value: 4},
		{StudentID: 101, IndicatorCode: "S3", Level: "良好"},
		{StudentID: 103, IndicatorCode: "S3", Level: "待合格"},
	}
	data := written(t, s)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := f.GetRows(dataSheet)
	if got := strings.Join(head[0], "|"); got != "班级|学号|姓名|S1 遵纪守法|S2 集体意识|S3 劳动习惯" {
		t.Fatalf("header %q (S4 is not the head teacher's)", got)
	}
	if vis, _ := f.GetSheetVisible(keySheet); vis {
		t.Fatal("the key sheet is visible")
	}
	if help, _ := f.GetCellValue(helpSheet, "A1"); !strings.Contains(help, "王老师") {
		t.Fatalf("填写说明 does not name the rater: %q", help)
	}
	dvs, _ := f.GetDataValidations(dataSheet)
	if len(dvs) != 3 || dvs[2].Type != "list" || !strings.Contains(dvs[2].Formula1, "待合格") || dvs[0].Type != "decimal" {
		t.Fatalf("data validations: %+v", dvs)
	}
	comments, _ := f.GetComments(dataSheet)
	if len(comments) != 3 || !strings.Contains(comments[0].Text, "遵守校规") {
		t.Fatalf("header notes: %+v", comments)
	}
	f.Close()

	res := parse(t, data, s)
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	got := map[string]string{}
	for _, r := range res.Ratings {
		if r.RaterRole != key.Role || r.RaterID != key.RaterID || r.CycleID != key.CycleID {
			t.Fatalf("rating not bound to the key: %+v", r)
		}
		got[itoa(r.StudentID)+r.IndicatorCode] = r.Level + ftoa(r.Value)
	}
	want := map[string]string{"101S1": "88.5", "101S2": "4", "101S3": "良好0", "103S3": "待合格0"}
	if len(got) != len(want) {
		t.Fatalf("ratings %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("ratings %v, want %v", got, want)
		}
	}
	if res.Students != 2 {
		t.Fatalf("students with values: %d", res.Students)
	}

	// Filled in: a level by its first character, a full-width number.
	res = parse(t, edit(t, data, map[string]any{"F3": "优", "D3": "９０", "E4": 2}), s)
	if len(res.Errors) != 0 || len(res.Ratings) != 7 {
		t.Fatalf("after filling: %d ratings, errors %v", len(res.Ratings), res.Errors)
	}
	for _, r := range res.Ratings {
		if r.StudentID == 102 && r.IndicatorCode == "S3" && r.Level != "优秀" || r.StudentID == 102 && r.IndicatorCode == "S1" && r.Value != 90 {
			t.Fatalf("shortcut or full-width value misread: %+v", r)
		}
	}
}

func TestBadCellsAreRowErrors(t *testing.T) {
	s := testSheet(t)
	data := written(t, s)
	cases := []struct {
		name  string
		cells map[string]any
		row   int
		col   string
		value string
		why   string
	}{
		{"score above the scale", map[string]any{"D2": 120}, 2, "S1 遵纪守法", "120", "0 到 100"},
		{"negative score", map[string]any{"D2": -1}, 2, "S1 遵纪守法", "-1", "0 到 100"},
		{"not a number", map[string]any{"D3": "很好"}, 3, "S1 遵纪守法", "很好", "应填数字"},
		{"rating5 out of range", map[string]any{"E2": 6}, 2, "S2 集体意识", "6", "1 到 5"},
		{"unknown level", map[string]any{"F2": "特优"}, 2, "S3 劳动习惯", "特优", "优秀、良好、合格、待合格"},
		{"student not assigned", map[string]any{"B3": "2099999", "D3": 80}, 3, "学号", "2099999", "不在您本周期的评价任务中"},
		{"name does not match the number", map[string]any{"C2": "李四", "D2": 80}, 2, "姓名", "李四", "张一"},
		{"duplicate student", map[string]any{"B3": "2026001", "C3": "张一", "D3": 80}, 3, "学号", "2026001", "第 2 行重复"},
		{"missing number", map[string]any{"B4": "", "D4": 80}, 4, "学号", "", "缺少学号"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := parse(t, edit(t, data, c.cells), s)
			if len(res.Errors) != 1 {
				t.Fatalf("errors %v", res.Errors)
			}
			e := res.Errors[0]
			if e.Row != c.row || e.Column != c.col || e.Value != c.value || !strings.Contains(e.Reason, c.why) {
				t.Fatalf("got %+v, want row %d column %s value %q reason ~%q", e, c.row, c.col, c.value, c.why)
			}
			// The only values typed are in the bad row: nothing to rate.
			if len(res.Ratings) != 0 {
				t.Fatalf("a bad row still yields ratings: %+v", res.Ratings)
			}
			var rep bytes.Buffer
			if err := res.ErrorReport(&rep); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&rep)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, _ := f.GetRows("错误报告")
			if len(rows) < c.row || !strings.Contains(strings.Join(rows[c.row-1], "|"), c.why) {
				t.Fatalf("error report row %d: %v", c.row, rows)
			}
		})
	}
}

func TestTamperedHeaderRefused(t *testing.T) {
	s := testSheet(t)
	data := written(t, s)
	for name, cells := range map[string]map[string]any{
		"an indicator the role does not rate": {"F1": "S4 自我反思"},
		"an unknown column":                   {"G1": "备注"},
		"the same indicator twice":            {"F1": "S1 遵纪守法"},
		"no 学号 column":                        {"B1": "编号"},
	} {
		if _, err := Parse(bytes.NewReader(edit(t, data, cells)), roster.Limits{}, s); err == nil || !strings.Contains(err.Error(), "表头") && !strings.Contains(err.Error(), "学号") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestAnotherRatersFileRefused(t *testing.T) {
	s := testSheet(t)
	for name, c := range map[string]struct {
		k   Key
		msg string
	}{
		"another school": {Key{99, 7, model.RaterHeadTeacher, 11}, "另一所学校"},
		"another cycle":  {Key{3, 8, model.RaterHeadTeacher, 11}, "另一个评价周期"},
		"another role":   {Key{3, 7, model.RaterSubjectTeacher, 11}, "任课教师评"},
		"another rater":  {Key{3, 7, model.RaterHeadTeacher, 12}, "其他评分人"},
	} {
		other := s
		other.Key = c.k
		_, err := Parse(bytes.NewReader(written(t, other)), roster.Limits{}, s)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A workbook that is not ours: no key at all.
	var buf bytes.Buffer
	if err := roster.WriteTemplate(&buf, roster.KindStudents); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(&buf, roster.Limits{}, s); err == nil || !strings.Contains(err.Error(), "不是从本系统下载的离线评分表") {
		t.Errorf("a roster template: %v", err)
	}
}

func TestNotASpreadsheet(t *testing.T) {
	s := testSheet(t)
	for name, c := range map[string]struct {
		data []byte
		msg  string
	}{
		"text":    {[]byte("学号,姓名\n2026001,张一\n"), "不是 Excel"},
		"empty":   {nil, "文件是空的"},
		"old xls": {append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...), ".xls"},
		"zip":     {[]byte("PK\x03\x04 not really a zip"), "损坏"},
	} {
		_, err := Parse(bytes.NewReader(c.data), roster.Limits{}, s)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", name, err)
		}
	}
	big := written(t, s)
	if _, err := Parse(bytes.NewReader(big), roster.Limits{MaxBytes: int64(len(big) - 1)}, s); err == nil || !strings.Contains(err.Error(), "上限") {
		t.Errorf("too big: %v", err)
	}
}

func TestPassValue(t *testing.T) {
	f := testFramework(t)
	for _, c := range []struct {
		sc   model.Scale
		want string
	}{
		{model.Scale{Kind: model.ScaleScore100}, "60"},
		{model.Scale{Kind: model.ScaleRating5}, "3"},
		{f.Dimensions[0].Indicators[2].Scale, "合格"},
		{model.Scale{Kind: model.ScaleLevels, Levels: []model.ScaleLevel{{Name: "A", Points: 90}, {Name: "B", Points: 65}, {Name: "C", Points: 40}}}, "B"},
	} {
		if got := PassValue(f, c.sc); got != c.want {
			t.Errorf("%v: %q, want %q", c.sc, got, c.want)
		}
	}
}

func itoa(n int64) string   { return strconv.FormatInt(n, 10) }
func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
