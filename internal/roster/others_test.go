package roster

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestDatesInXLSX(t *testing.T) {
	b := xlsxFile(t, [][]any{
		{"学号", "姓名", "性别", "班级", "出生日期", "入学年份"},
		{"1", "张三", "男", "24数控1班", time.Date(2008, 3, 1, 0, 0, 0, 0, time.UTC), 2024},  // date-formatted serial
		{"2", "李四", "女", "24数控1班", 38000, time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}, // bare serial
		{"3", "王五", "男", "24数控1班", "2008/3/1", "2024-09"},
		{"4", "赵六", "女", "24数控1班", 20080301, "2024年"},
	}, nil)
	res, err := parseBytes(b)
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("%v %s", err, rowErrors(res))
	}
	want := []string{"2008-03-01", "2004-01-14", "2008-03-01", "2008-03-01"}
	for i, r := range res.Rows {
		if r.Student.BirthDate != want[i] || r.Student.EntryYear != 2024 {
			t.Errorf("row %d: %q %d", r.Row, r.Student.BirthDate, r.Student.EntryYear)
		}
	}
}

func TestDate1904(t *testing.T) {
	if iso, _, err := parseDate("36598", true); err != nil || iso != "2004-03-14" {
		t.Fatalf("%q %v", iso, err)
	}
	if iso, _, err := parseDate("36598", false); err != nil || iso != "2000-03-13" {
		t.Fatalf("%q %v", iso, err)
	}
}

func TestParseTeachers(t *testing.T) {
	idF := id(t, 1985, 6, 1, 3, false)
	b := csvFile(
		"工号*,姓名*,性别,职称,专业部,双师型,联系电话,身份证号,备注,入职日期",
		"T001,李老师,,讲师,数控专业部,中级,13700000003,"+idF+",x,2018/9/1",
		"T002,王老师,男,高级讲师,汽车专业部,否,,,,",
		"T001,赵老师,男,,不存在部,也许,123,"+idF+",,2099-09-01",
		",,,"+strings.Repeat("长", 31)+",,是,,,,2018-02-30",
		"T003,周老师,男,,,,,,,2018-09",
	)
	res, err := ParseTeachers(bytes.NewReader(b), Limits{}, testLookups)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || strings.Join(res.Unused, ",") != "备注" {
		t.Fatalf("rows %d unused %v: %s", len(res.Rows), res.Unused, rowErrors(res))
	}
	t1 := res.Rows[0].Teacher
	if t1.StaffNo != "T001" || t1.Gender != "女" || t1.DualLevel != "中级" || t1.HiredOn != "2018-09-01" || t1.DepartmentID != 31 || t1.IDNumber != idF || !t1.Active || t1.Title != "讲师" {
		t.Fatalf("%+v", t1)
	}
	// 否 leaves the recognitions alone; an empty 入职日期 keeps the stored one.
	if t2 := res.Rows[1].Teacher; t2.DualLevel != "" || t2.HiredOn != "" || t2.DepartmentID != 32 || t2.Gender != "男" {
		t.Fatalf("%+v", t2)
	}
	got := rowErrors(res)
	for _, w := range []string{"第 4 行「工号」值“T001”：工号与第 2 行重复", "专业部「不存在部」不存在，请先在专业部管理中创建",
		"「双师型」值“也许”：应填写 初级、中级 或 高级", "「联系电话」", "身份证号与第 2 行重复",
		"第 4 行「入职日期」值“2099-09-01”：日期 2099-09-01 晚于今天", "第 5 行「入职日期」值“2018-02-30”：日期 2018-02-30 不存在",
		"第 5 行「双师型」值“是”：双师型现在是带等级的认定", "第 6 行「入职日期」值“2018-09”：入职日期只写到月",
		"第 5 行「工号」：不能为空", "第 5 行「姓名」：不能为空", "「职称」", "不能超过30个字"} {
		if !strings.Contains(got, w) {
			t.Errorf("errors %q lack %q", got, w)
		}
	}
}

func TestParseClasses(t *testing.T) {
	b := xlsxFile(t, [][]any{
		{"班级名称", "专业", "入学年份", "学制", "班主任工号"},
		{"24数控1班", "数控", 2024, nil, "T001"},
		{"24汽修2班", "汽车运用与维修", "2024年9月", "五年一贯制", nil},
		{"２４数控１班", "数控", 2024, nil, nil},
		{"24烹饪1班", "烹饪", nil, "六年制", "李老师"},
	}, nil)
	res, err := ParseClasses(bytes.NewReader(b), Limits{}, testLookups)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 {
		t.Fatalf("rows %d: %s", len(res.Rows), rowErrors(res))
	}
	c := res.Rows[0]
	if c.Class.Name != "24数控1班" || c.Class.MajorID != 21 || c.Class.EntryYear != 2024 || c.Class.Program != "三年制中职" || c.HeadTeacherStaffNo != "T001" {
		t.Fatalf("%+v", c)
	}
	if res.Rows[1].Class.Program != "五年一贯制高职" {
		t.Fatal(res.Rows[1].Class.Program)
	}
	got := rowErrors(res)
	for _, w := range []string{"第 4 行「班级名称」值“２４数控１班”：班级名称与第 2 行重复", "专业「烹饪」不存在",
		"第 5 行「入学年份」：不能为空", "学制应为", "请填写班主任的工号"} {
		if !strings.Contains(got, w) {
			t.Errorf("errors %q lack %q", got, w)
		}
	}
}

func TestTemplates(t *testing.T) {
	for _, k := range []Kind{KindStudents, KindTeachers, KindClasses} {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, k); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 2 || sheets[1] != "填写说明" {
			t.Fatalf("%s: sheets %v", k, sheets)
		}
		rows, _ := f.GetRows(sheets[0])
		cols, _ := columnsOf(k)
		if len(rows) != 2 || len(rows[0]) != len(cols) {
			t.Fatalf("%s: rows %v", k, rows)
		}
		if cols[0].Required && rows[0][0] != cols[0].Name+"*" {
			t.Errorf("%s: required header %q not marked", k, rows[0][0])
		}
		help, _ := f.GetRows("填写说明")
		if len(help) < len(cols)+5 {
			t.Errorf("%s: instructions too short: %d rows", k, len(help))
		}
		f.Close()
	}
	if err := WriteTemplate(&bytes.Buffer{}, "parents"); err == nil {
		t.Fatal("unknown kind must fail")
	}

	// A filled-in template imports, its example row is skipped, and the
	// instructions sheet is never mistaken for data.
	var buf bytes.Buffer
	WriteTemplate(&buf, KindStudents)
	f, _ := excelize.OpenReader(&buf)
	f.SetSheetRow("学生名单", "A3", &[]any{"2024009", "钱七", "女", nil, nil, nil, nil, "24汽修2班"})
	f.MoveSheet("填写说明", "学生名单")
	var out bytes.Buffer
	f.Write(&out)
	res, err := parseBytes(out.Bytes())
	if err != nil || len(res.Errors) > 0 || len(res.Rows) != 1 || res.Rows[0].Row != 3 {
		t.Fatalf("%v %v", err, res)
	}
}

func TestErrorReport(t *testing.T) {
	b := xlsxFile(t, [][]any{
		{"学生名单（2024级）"},
		{"学号", "姓名", "性别", "班级", "备注"},
		{"1", "张三", "男", "24数控1班"},
		{},
		{"2", "李3", "X", "无此班", "留级"},
		{"3", "王五", "女", "24数控1班"},
	}, nil)
	res, err := parseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteErrorReport(&buf, res.Header, res.HeaderRow, res.Raw, res.Errors); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("错误报告")
	if len(rows) != 6 || !strings.Contains(rows[0][0], "共 1 行有错误") || rows[1][5] != "错误说明" {
		t.Fatalf("report rows %q", rows)
	}
	// The bad row sits at its original row number, with all its reasons.
	if rows[4][1] != "李3" || !strings.Contains(rows[4][5], "「姓名」") || !strings.Contains(rows[4][5], "「性别」") || !strings.Contains(rows[4][5], "「班级」") {
		t.Fatalf("row 5 = %q", rows[4])
	}
	if len(rows[2]) > 5 && rows[2][5] != "" {
		t.Fatalf("good row has a reason: %q", rows[2])
	}
	// The report, once corrected, imports again.
	f.SetCellStr("错误报告", "B5", "李四")
	f.SetCellStr("错误报告", "C5", "女")
	f.SetCellStr("错误报告", "D5", "24汽修2班")
	var fixed bytes.Buffer
	f.Write(&fixed)
	res, err = parseBytes(fixed.Bytes())
	if err != nil || len(res.Errors) > 0 || len(res.Rows) != 3 {
		t.Fatalf("%v %s", err, rowErrors(res))
	}
	if strings.Join(res.Unused, ",") != "备注,错误说明" {
		t.Errorf("unused %v", res.Unused)
	}
}

func TestBareRead(t *testing.T) {
	n, err := BareRead(bytes.NewReader(bigXLSX(t, 500)))
	if err != nil || n != 501 {
		t.Fatalf("%d %v", n, err)
	}
}
