package ratesheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
)

// Student is one assigned student as the workbook shows them.
type Student struct {
	ID    int64
	No    string // 学号: what a row is matched by
	Name  string
	Class string
}

// Sheet is one rater's workbook: whose it is, what they rate and whom.
type Sheet struct {
	Key       Key
	Title     string // shown on 填写说明, e.g. "2026秋综合素质评价 · 班主任评 · 王老师"
	Framework model.Framework
	Students  []Student      // the rater's assignments, in the order to list them
	Current   []model.Rating // current ratings, prefilled (Write only)
}

// column is one indicator column of the data sheet.
type column struct {
	ind model.Indicator
	dim string
}

// columns are the indicators the sheet's role rates, in framework order.
func (s Sheet) columns() []column {
	var out []column
	for _, d := range s.Framework.Dimensions {
		for _, ind := range d.Indicators {
			if ind.RoleWeights[s.Key.Role] > 0 {
				out = append(out, column{ind, d.Name})
			}
		}
	}
	return out
}

// header is an indicator's header cell: the code first, which the parser
// reads, then the name for people.
func header(ind model.Indicator) string { return ind.Code + " " + ind.Name }

// Write writes the prefilled workbook: 评分表 (班级, 学号, 姓名, one column
// per indicator with its scale in the header's note, drop-down lists for
// levels and number ranges for scores, current values filled in), 填写说明,
// and the very hidden key.
func Write(w io.Writer, s Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", dataSheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	cols := s.columns()
	if err := writeHeader(f, cols, st); err != nil {
		return err
	}
	if err := writeRows(f, s, cols); err != nil {
		return err
	}
	lastRow := max(len(s.Students)+1, 2)
	if err := f.SetCellStyle(dataSheet, "B2", "B"+strconv.Itoa(lastRow), st.text); err != nil {
		return err
	}
	if err := writeValidation(f, cols, lastRow); err != nil {
		return err
	}
	if err := f.SetPanes(dataSheet, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 1, TopLeftCell: "D2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := writeHelp(f, s, cols, st); err != nil {
		return err
	}
	if err := writeKey(f, s.Key); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// writeHeader writes the 评分表's header row (班级, 学号, 姓名, then
// "CODE name" per indicator), its widths and the locked first columns.
func writeHeader(f *excelize.File, cols []column, st styles) error {
	head := []any{"班级", "学号", "姓名"}
	for _, c := range cols {
		head = append(head, header(c.ind))
	}
	if err := f.SetSheetRow(dataSheet, "A1", &head); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(dataSheet, "A1", last, st.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(dataSheet, 1, 36); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(head))
	if err := f.SetColWidth(dataSheet, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(dataSheet, "B", "C", 12); err != nil {
		return err
	}
	if len(cols) > 0 {
		if err := f.SetColWidth(dataSheet, "D", lastCol, 11); err != nil {
			return err
		}
	}
	if err := f.SetColStyle(dataSheet, "A:C", st.locked); err != nil {
		return err
	}
	return nil
}

// writeRows writes one row per student with the current values filled in.
func writeRows(f *excelize.File, s Sheet, cols []column) error {
	cur := map[int64]map[string]model.Rating{}
	for _, r := range s.Current {
		if cur[r.StudentID] == nil {
			cur[r.StudentID] = map[string]model.Rating{}
		}
		cur[r.StudentID][r.IndicatorCode] = r
	}
	for i, stu := range s.Students {
		row := []any{stu.Class, stu.No, stu.Name} // 学号 as a string: leading zeros stay
		for _, c := range cols {
			r, ok := cur[stu.ID][c.ind.Code]
			switch {
			case !ok:
				row = append(row, nil)
			case c.ind.Scale.Kind == model.ScaleLevels:
				row = append(row, r.Level)
			default:
				row = append(row, r.Value)
			}
		}
		if err := f.SetSheetRow(dataSheet, "A"+strconv.Itoa(i+2), &row); err != nil {
			return err
		}
	}
	return nil
}

// writeValidation adds each indicator column's note and its rule: a
// drop-down list of levels, or the scale's number range, down to lastRow.
func writeValidation(f *excelize.File, cols []column, lastRow int) error {
	var err error
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(firstValue + i)
		if err := f.AddComment(dataSheet, excelize.Comment{Cell: col + "1", Author: "职教引擎", Text: note(c), Width: 260, Height: 140}); err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, lastRow))
		switch c.ind.Scale.Kind {
		case model.ScaleLevels:
			names := make([]string, len(c.ind.Scale.Levels))
			for j, l := range c.ind.Scale.Levels {
				names[j] = l.Name
			}
			err = dv.SetDropList(names)
		case model.ScaleRating5:
			err = dv.SetRange(1, 5, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		default:
			err = dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		}
		if err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "超出评分范围", c.ind.Name+"："+Hint(c.ind.Scale))
		if err := f.AddDataValidation(dataSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// note is an indicator header's comment: dimension, scale and the
// observation points a rater looks at.
func note(c column) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s\n%s\n", c.dim, c.ind.Name, Hint(c.ind.Scale))
	for _, op := range c.ind.ObservationPoints {
		b.WriteString("· " + op.Name)
		if op.Description != "" {
			b.WriteString("：" + op.Description)
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}

func writeHelp(f *excelize.File, s Sheet, cols []column, st styles) error {
	if _, err := f.NewSheet(helpSheet); err != nil {
		return err
	}
	lines := []string{
		"离线评分表：" + s.Title,
		"本文件只属于上面这位评分人和这个评价周期，只能由本人在“我的评价”中上传；其他学校、其他周期或其他老师的文件会被拒绝。",
		"1. 在“评分表”中每行一位学生，每列一个指标；不要修改班级、学号、姓名三列，也不要增删列。",
		"2. 等级制指标从下拉列表中选择（也可只写首字，如“优”“良”“合”“待”）；分数制指标填写数字，范围见表头批注和下表。",
		"3. 空着的单元格表示“暂不评”，上传时跳过；已评过的分数已预先填好，改动后上传即为更正。清空单元格不会删除已保存的评分。",
		"4. 上传是“全部成功或全部不写入”：只要有一处错误，系统会列出行号、列、值和原因（也可下载错误报告），改正后重新上传即可。",
		"5. 同一文件重复上传不会重复记分；评价周期关闭后不能再上传。",
	}
	for i, l := range lines {
		if err := f.SetCellStr(helpSheet, "A"+strconv.Itoa(i+1), l); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(helpSheet, "A1", "A1", st.header); err != nil {
		return err
	}
	start := len(lines) + 2
	if err := f.SetSheetRow(helpSheet, "A"+strconv.Itoa(start), &[]any{"列名", "维度", "评分方式", "观测点"}); err != nil {
		return err
	}
	if err := f.SetCellStyle(helpSheet, "A"+strconv.Itoa(start), "D"+strconv.Itoa(start), st.header); err != nil {
		return err
	}
	for i, c := range cols {
		var pts []string
		for _, op := range c.ind.ObservationPoints {
			pts = append(pts, op.Name+"："+op.Description)
		}
		cell := "A" + strconv.Itoa(start+1+i)
		hint := Hint(c.ind.Scale) + "；“全部设为合格”填 " + PassValue(s.Framework, c.ind.Scale)
		if err := f.SetSheetRow(helpSheet, cell, &[]any{header(c.ind), c.dim, hint, strings.Join(pts, "；")}); err != nil {
			return err
		}
		if err := f.SetCellStyle(helpSheet, "C"+strconv.Itoa(start+1+i), "D"+strconv.Itoa(start+1+i), st.note); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 22, "B": 10, "C": 28, "D": 80} {
		if err := f.SetColWidth(helpSheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// styles are the few cell styles of the workbook.
type styles struct{ header, text, locked, note int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}); err != nil {
		return s, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}); err != nil {
		return s, err
	}
	if s.locked, err = f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}); err != nil {
		return s, err
	}
	s.note, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return s, err
}
