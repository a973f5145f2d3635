package roster

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteErrorReport echoes the user's file with a final 错误说明 column.
//
// Every row is kept, and at its original row number, with the rows that
// have errors highlighted and the others blank in 错误说明: the user can
// fix the report itself and import it again (错误说明 is then an unused
// column), and "第 N 行" in any message still points at the same row.
// When title rows sat above the header, row 1 carries a summary instead.
func WriteErrorReport(w io.Writer, header []string, headerRow int, raw [][]string, errs []RowError) error {
	headerRow = max(headerRow, 1)
	reasons := map[int][]string{}
	for _, e := range errs {
		msg := e.Reason
		if e.Column != "" {
			msg = "「" + e.Column + "」" + msg
		}
		reasons[e.Row] = append(reasons[e.Row], msg)
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "错误报告"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	width := len(header)
	for _, r := range raw {
		width = max(width, len(r))
	}
	if err := sw.SetColWidth(1, max(width, 1), 14); err != nil {
		return err
	}
	if err := sw.SetColWidth(width+1, width+1, 60); err != nil {
		return err
	}
	if headerRow > 1 {
		note := fmt.Sprintf("共 %d 行有错误，原因见最后一列“错误说明”；改正后可直接重新导入本文件。", len(reasons))
		if err := sw.SetRow("A1", []any{note}); err != nil {
			return err
		}
	}
	head := make([]any, width+1)
	for i := range head[:width] {
		v := ""
		if i < len(header) {
			v = header[i]
		}
		head[i] = excelize.Cell{StyleID: st.header, Value: v}
	}
	head[width] = excelize.Cell{StyleID: st.reason, Value: "错误说明"}
	if err := sw.SetRow("A"+strconv.Itoa(headerRow), head); err != nil {
		return err
	}
	if err := writeReportRows(sw, st, headerRow, width, raw, reasons); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// writeReportRows writes the user's rows at their original numbers below
// headerRow: rows with errors styled and their reasons in the last column.
func writeReportRows(sw *excelize.StreamWriter, st styles, headerRow, width int, raw [][]string, reasons map[int][]string) error {
	vals := make([]any, width+1)
	for i, r := range raw {
		n := headerRow + 1 + i
		why := reasons[n]
		clear(vals)
		for j, v := range r {
			switch {
			case len(why) > 0:
				// Styled as text so a long number stays as typed.
				vals[j] = excelize.Cell{StyleID: st.badText, Value: v}
			case v != "":
				vals[j] = v
			}
		}
		if len(why) > 0 {
			for j := len(r); j < width; j++ {
				vals[j] = excelize.Cell{StyleID: st.bad}
			}
			vals[width] = excelize.Cell{StyleID: st.reason, Value: strings.Join(why, "；")}
		}
		if err := sw.SetRow("A"+strconv.Itoa(n), vals); err != nil {
			return err
		}
	}
	return nil
}
