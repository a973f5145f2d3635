package roster

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func parseBytes(b []byte) (*Result[StudentRow], error) {
	return ParseStudents(bytes.NewReader(b), Limits{}, testLookups)
}

func TestNotASpreadsheet(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...)
	_, err := parseBytes(png)
	mustFail(t, err, "文件不是 Excel(.xlsx) 或 CSV 表格")

	_, err = parseBytes(nil)
	mustFail(t, err, "文件是空的")

	_, err = parseBytes([]byte("<html><body><table><tr><td>学号</td></tr></table></body></html>"))
	mustFail(t, err, "网页或 XML 格式")

	// A zip that is not a workbook, e.g. a .docx or an archive of photos.
	zipOnly := rawXLSX(t, "", "")
	zipOnly = bytes.Replace(zipOnly, []byte("xl/workbook.xml"), []byte("xl/notebook.xml"), -1)
	_, err = parseBytes(zipOnly)
	mustFail(t, err, "不是 Excel(.xlsx) 表格")

	// Truncated download.
	good := xlsxFile(t, [][]any{{"学号", "姓名", "班级"}}, nil)
	_, err = parseBytes(good[:len(good)/2])
	mustFail(t, err, "文件已损坏")
}

func TestOldXLS(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	_, err := parseBytes(ole)
	mustFail(t, err, "这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入")

	enc := append(append([]byte{}, ole...), encryptedStream...)
	_, err = parseBytes(enc)
	mustFail(t, err, "设置了打开密码")
}

func TestEmptyAndHeaderOnly(t *testing.T) {
	_, err := parseBytes(xlsxFile(t, nil, nil))
	mustFail(t, err, "表格中没有数据行")

	_, err = parseBytes(xlsxFile(t, [][]any{{"学号", "姓名", "班级", "性别"}}, nil))
	mustFail(t, err, "表格中没有数据行")

	_, err = parseBytes(csvFile("学号,姓名,班级", ",,", ""))
	mustFail(t, err, "表格中没有数据行")

	// The untouched template holds only its example row.
	var tpl bytes.Buffer
	if err := WriteTemplate(&tpl, KindStudents); err != nil {
		t.Fatal(err)
	}
	_, err = parseBytes(tpl.Bytes())
	mustFail(t, err, "表格中没有数据行")
}

func TestMissingColumns(t *testing.T) {
	_, err := parseBytes(xlsxFile(t, [][]any{{"学号", "性别", "民族"}, {"1", "男", "汉族"}}, nil))
	mustFail(t, err, "缺少必填列「姓名」、「班级」")

	_, err = parseBytes(csvFile("编号,名字", "1,张三"))
	mustFail(t, err, "缺少必填列「学号」、「姓名」、「班级」")

	_, err = parseBytes(csvFile("学号,身份证号,证件号码,姓名,班级", "1,,,张三,24数控1班"))
	mustFail(t, err, "「身份证号」和「证件号码」都表示「身份证号」")
}

func TestMergedHeader(t *testing.T) {
	b := xlsxFile(t, [][]any{{"学号", "姓名", "班级", "家庭信息"}, {"1", "张三", "24数控1班", "x"}}, func(f *excelize.File) {
		if err := f.MergeCell("Sheet1", "D1", "E1"); err != nil {
			t.Fatal(err)
		}
	})
	_, err := parseBytes(b)
	mustFail(t, err, "表头（第 1 行）有合并单元格 D1:E1，请取消合并")

	// A merged class cell running down the data area.
	b = xlsxFile(t, [][]any{{"学号", "姓名", "性别", "班级"}, {"1", "张三", "男", "24数控1班"}, {"2", "李四", "女"}}, func(f *excelize.File) {
		f.MergeCell("Sheet1", "D2", "D3")
	})
	_, err = parseBytes(b)
	mustFail(t, err, "数据区有合并单元格 D2:D3")
}

func TestTitleRowAboveHeader(t *testing.T) {
	b := xlsxFile(t, [][]any{
		{"2024级新生名单"},
		{},
		{"学号", "姓名", "性别", "班级"},
		{"1", "张三", "男", "24数控1班"},
		{"2", "李四", "女", "无此班"},
	}, func(f *excelize.File) { f.MergeCell("Sheet1", "A1", "D1") })
	res, err := parseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderRow != 3 || len(res.Rows) != 1 || len(res.Errors) != 1 || res.Errors[0].Row != 5 {
		t.Fatalf("header row %d, rows %d, errors %v", res.HeaderRow, len(res.Rows), res.Errors)
	}
	if res.Rows[0].Row != 4 || len(res.Raw) != 2 {
		t.Fatalf("row numbers off: %+v raw %v", res.Rows[0], res.Raw)
	}
}

func TestFormulaCells(t *testing.T) {
	head := inlineRow(1, "学号", "姓名", "性别", "班级", "入学年份")
	// C2 is a formula with a cached result, as Excel saves it; E3 a
	// formula whose result was never computed, as scripts write it.
	rows := `<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" t="inlineStr"><is><t>张三</t></is></c>` +
		`<c r="C2" t="str"><f>IF(1=1,"男","女")</f><v>男</v></c><c r="D2" t="inlineStr"><is><t>24数控1班</t></is></c>` +
		`<c r="E2"><f>2000+24</f><v>2024</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>2</t></is></c><c r="B3" t="inlineStr"><is><t>李四</t></is></c>` +
		`<c r="C3" t="inlineStr"><is><t>女</t></is></c><c r="D3" t="inlineStr"><is><t>24数控1班</t></is></c>` +
		`<c r="E3"><f>2000+24</f></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>3</t></is></c><c r="B4" t="inlineStr"><is><t>王五</t></is></c>` +
		`<c r="C4" t="e"><f>VLOOKUP(1,X1:X2,2,0)</f><v>#N/A</v></c><c r="D4" t="inlineStr"><is><t>24数控1班</t></is></c></row>`
	res, err := parseBytes(rawXLSX(t, head+rows, ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0].Student.Gender != "男" || res.Rows[0].Student.EntryYear != 2024 {
		t.Fatalf("cached formula values not used: %+v", res.Rows)
	}
	got := rowErrors(res)
	for _, want := range []string{"第 3 行「入学年份」：单元格含公式但没有计算结果，请粘贴为数值", "第 4 行「性别」值“#N/A”：单元格公式计算出错"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q lack %q", got, want)
		}
	}
	if strings.Count(got, "第 3 行") != 1 || strings.Count(got, "第 4 行") != 1 {
		t.Errorf("a failed formula must not also be reported as empty: %s", got)
	}

	// excelize itself writes formulas without results.
	b := xlsxFile(t, [][]any{{"学号", "姓名", "性别", "班级"}, {"1", "张三", nil, "24数控1班"}}, func(f *excelize.File) {
		f.SetCellFormula("Sheet1", "C2", `"男"`)
	})
	res, err = parseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	mustFail(t, errString(rowErrors(res)), "「性别」：单元格含公式但没有计算结果")
}

type errString string

func (e errString) Error() string { return string(e) }
