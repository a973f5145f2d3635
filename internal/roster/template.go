package roster

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// dropDowns offers the fixed choices of some columns as Excel lists.
var dropDowns = map[string][]string{
	colGender:  {"男", "女"},
	colIDType:  {"居民身份证", "港澳居民居住证", "台湾居民居住证", "外国人永久居留身份证", "护照", "其他"},
	colProgram: {"三年制中职", "五年一贯制高职", "3+2", "3+4中本贯通"},
	colStatus:  {"在籍", "休学", "退学", "转出", "毕业"},
	colDual:    {"初级", "中级", "高级"},
}

var kindTitles = map[Kind]string{KindStudents: "学生名单", KindTeachers: "教师名单", KindClasses: "班级名单"}

// WriteTemplate writes an empty import template: styled headers (required
// ones marked *), one grey example row that import skips, drop-down lists,
// text-formatted digit columns, and a 填写说明 sheet for every column.
func WriteTemplate(w io.Writer, k Kind) error {
	cols, ok := columnsOf(k)
	if !ok {
		return fmt.Errorf("未知的名单类型“%s”", k)
	}
	title := kindTitles[k]
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", title); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	lastRow := DefaultLimits.MaxRows + 1
	for i, c := range cols {
		col := colLetters(i + 1)
		cell := col + "1"
		if err := f.SetColWidth(title, col, col, c.Width); err != nil {
			return err
		}
		if c.Text {
			if err := f.SetColStyle(title, col, st.text); err != nil {
				return err
			}
		}
		hs := st.header
		if c.Required {
			hs = st.headerReq
			err = f.SetCellRichText(title, cell, headerRuns(c).([]excelize.RichTextRun))
		} else {
			err = f.SetCellStr(title, cell, c.Name)
		}
		if err != nil {
			return err
		}
		es := st.example
		if c.Text {
			es = st.exampleText
		}
		if err := f.SetCellStyle(title, cell, cell, hs); err != nil {
			return err
		}
		if err := f.SetCellStr(title, col+"2", c.Example); err != nil {
			return err
		}
		if err := f.SetCellStyle(title, col+"2", col+"2", es); err != nil {
			return err
		}
		if list, ok := dropDowns[c.Name]; ok {
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, lastRow))
			if err := dv.SetDropList(list); err != nil {
				return err
			}
			if err := f.AddDataValidation(title, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(title, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := writeInstructions(f, cols, st); err != nil {
		return err
	}
	return f.Write(w)
}

// writeInstructions fills the 填写说明 sheet.
func writeInstructions(f *excelize.File, cols []column, st styles) error {
	const s = instructionsSheet
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	notes := []string{
		"1. 第一行是表头，请不要修改列名；标 * 的列必须填写，其他列可以留空或整列删除。",
		"2. 第二行灰色斜体是示例，导入时会自动跳过，也可以直接删除。",
		"3. 每行填写一条记录，不要合并单元格，不要插入小计行。",
		fmt.Sprintf("4. 一次最多导入 %d 行；文件不超过 %s。只导入第一个工作表。", DefaultLimits.MaxRows, sizeText(DefaultLimits.MaxBytes)),
		"5. 导入是“全部成功或全部不导入”：有任何错误时系统会列出出错的行和原因，改正后重新导入即可。",
	}
	for i, n := range notes {
		if err := f.SetCellStr(s, fmt.Sprintf("A%d", i+1), n); err != nil {
			return err
		}
	}
	start := len(notes) + 2
	if err := f.SetSheetRow(s, fmt.Sprintf("A%d", start), &[]any{"列名", "是否必填", "填写要求"}); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, fmt.Sprintf("A%d", start), fmt.Sprintf("C%d", start), st.header); err != nil {
		return err
	}
	for i, c := range cols {
		req := "选填"
		if c.Required {
			req = "必填"
		}
		help := c.Help
		if len(c.Aliases) > 0 {
			help += "。表头也可写作：" + strings.Join(c.Aliases, "、")
		}
		row := fmt.Sprintf("A%d", start+1+i)
		if err := f.SetSheetRow(s, row, &[]any{c.Name, req, help}); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, fmt.Sprintf("C%d", start+1+i), fmt.Sprintf("C%d", start+1+i), st.note); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(s, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(s, "B", "B", 10); err != nil {
		return err
	}
	return f.SetColWidth(s, "C", "C", 90)
}
