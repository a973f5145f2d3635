package ratesheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
)

// Result is what Parse found in a readable workbook of the right rater.
// Ratings hold only rows without errors; Errors every problem of every
// row. Header and Raw echo the data sheet as written (Raw[i] is row i+2)
// for the downloadable error report.
type Result struct {
	Ratings  []model.Rating
	Errors   []roster.RowError
	Students int // rows with at least one value
	Header   []string
	Raw      [][]string
}

// ErrorReport writes the roster import's error report: the user's own
// rows with a final 错误说明 column, bad rows highlighted.
func (r *Result) ErrorReport(w io.Writer) error {
	return roster.WriteErrorReport(w, r.Header, 1, r.Raw, r.Errors)
}

// Parse reads a filled workbook for s (s.Current is not used). A file
// that is not a workbook, too big, or not bound to s.Key is an error;
// problems in rows are in Result.Errors, each with row, column, value and
// reason. Ratings carry the role and student; the caller adds the rater.
// Empty cells are "not rated yet" and produce nothing.
func Parse(r io.Reader, lim roster.Limits, s Sheet) (*Result, error) {
	f, err := roster.OpenXLSX(r, lim)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := checkKey(f, s.Key); err != nil {
		return nil, err
	}
	if idx, _ := f.GetSheetIndex(dataSheet); idx < 0 {
		return nil, fmt.Errorf("文件中找不到“%s”工作表，请不要重命名或删除它", dataSheet)
	}
	rows, err := f.Rows(dataSheet)
	if err != nil {
		return nil, fmt.Errorf("无法读取“%s”工作表", dataSheet)
	}
	defer rows.Close()
	lim = lim.WithDefaults()
	res := &Result{}
	var cols []hcol
	noCol, nameCol := -1, -1
	byNo := map[string]Student{}
	for _, st := range s.Students {
		byNo[st.No] = st
	}
	seen := map[string]int{}
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("工作表第 %d 行已损坏，无法读取", n)
		}
		if n == 1 {
			res.Header = cells
			cols, noCol, nameCol, err = readHeader(cells, s)
			if err != nil {
				return nil, err
			}
			continue
		}
		if n-1 > lim.MaxRows {
			return nil, roster.TooManyRows(lim)
		}
		blank := true
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
			blank = blank && cells[i] == ""
		}
		if blank {
			res.Raw = append(res.Raw, nil)
			continue
		}
		res.Raw = append(res.Raw, cells)
		res.readRow(s, n, cells, cols, noCol, nameCol, byNo, seen)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("工作表内容已损坏，无法继续读取（第 %d 行之后）", n)
	}
	if n == 0 {
		return nil, fmt.Errorf("“%s”工作表是空的", dataSheet)
	}
	return res, nil
}

// readHeader finds 学号, 姓名 and the indicator columns. An indicator
// header is read by its leading code ("D01 思想品德"); a column of an
// indicator the role does not rate, or of no indicator, is refused rather
// than silently ignored, because it means the file was edited.
// hcol is an indicator column found in the header, left to right.
type hcol struct {
	at  int
	ind model.Indicator
}

func readHeader(cells []string, s Sheet) ([]hcol, int, int, error) {
	mine := map[string]model.Indicator{}
	for _, c := range s.columns() {
		mine[c.ind.Code] = c.ind
	}
	var cols []hcol
	noCol, nameCol := -1, -1
	for i, h := range cells {
		h = strings.TrimSpace(h)
		switch h {
		case "":
			continue
		case "学号":
			noCol = i
			continue
		case "姓名":
			nameCol = i
			continue
		case "班级":
			continue
		}
		code, _, _ := strings.Cut(h, " ")
		ind, ok := mine[code]
		if !ok {
			return nil, 0, 0, fmt.Errorf("表头第 %d 列“%s”不是您要评的指标；请不要修改表头，重新下载评分表后再填写", i+1, roster.Shorten(h, 20))
		}
		for _, c := range cols {
			if c.ind.Code == code {
				return nil, 0, 0, fmt.Errorf("表头中指标“%s”出现了两次；请不要修改表头，重新下载评分表后再填写", roster.Shorten(h, 20))
			}
		}
		cols = append(cols, hcol{i, ind})
	}
	if noCol < 0 {
		return nil, 0, 0, fmt.Errorf("评分表缺少“学号”列；请不要修改表头，重新下载评分表后再填写")
	}
	return cols, noCol, nameCol, nil
}

func (res *Result) readRow(s Sheet, n int, cells []string, cols []hcol, noCol, nameCol int, byNo map[string]Student, seen map[string]int) {
	cell := func(i int) string {
		if i >= 0 && i < len(cells) {
			return cells[i]
		}
		return ""
	}
	bad := func(col, val, why string) {
		res.Errors = append(res.Errors, roster.RowError{Row: n, Column: col, Value: val, Reason: why})
	}
	no := cell(noCol)
	stu, ok := byNo[no]
	switch {
	case no == "":
		bad("学号", "", "缺少学号")
		return
	case !ok:
		bad("学号", no, "该学生不在您本周期的评价任务中")
		return
	case nameCol >= 0 && cell(nameCol) != stu.Name:
		bad("姓名", cell(nameCol), "与学号 "+no+" 的学生姓名“"+stu.Name+"”不符")
		return
	}
	if first, dup := seen[no]; dup {
		bad("学号", no, "与第 "+strconv.Itoa(first)+" 行重复")
		return
	}
	seen[no] = n
	var got []model.Rating
	rowOK := true
	for _, c := range cols {
		ind, v := c.ind, cell(c.at)
		if v == "" {
			continue
		}
		x := model.Rating{CycleID: s.Key.CycleID, RaterRole: s.Key.Role, RaterID: s.Key.RaterID, StudentID: stu.ID, IndicatorCode: ind.Code}
		if why := ParseValue(s.Framework, &x, v); why != "" {
			bad(header(ind), v, why)
			rowOK = false
			continue
		}
		got = append(got, x)
	}
	if len(got) > 0 || !rowOK {
		res.Students++
	}
	if rowOK {
		res.Ratings = append(res.Ratings, got...)
	}
}
