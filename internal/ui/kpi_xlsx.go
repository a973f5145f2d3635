package ui

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// xlsxSheet is one sheet of an export: a bold header row, then rows.
type xlsxSheet struct {
	Name   string
	Header []string
	Rows   [][]any
	Widths []float64 // per column; 0 keeps the default
}

// writeSheets builds an .xlsx of the sheets, in order.
func writeSheets(sheets []xlsxSheet) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EAF1FB"}}})
	if err != nil {
		return nil, err
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", sh.Name); err != nil {
				return nil, err
			}
		} else if _, err := x.NewSheet(sh.Name); err != nil {
			return nil, err
		}
		head := make([]any, len(sh.Header))
		for j, h := range sh.Header {
			head[j] = h
		}
		if err := x.SetSheetRow(sh.Name, "A1", &head); err != nil {
			return nil, err
		}
		if len(sh.Header) > 0 {
			end, _ := excelize.CoordinatesToCellName(len(sh.Header), 1)
			x.SetCellStyle(sh.Name, "A1", end, bold)
		}
		for r, row := range sh.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := x.SetSheetRow(sh.Name, cell, &row); err != nil {
				return nil, err
			}
		}
		for j, wd := range sh.Widths {
			if wd > 0 {
				col, _ := excelize.ColumnNumberToName(j + 1)
				x.SetColWidth(sh.Name, col, col, wd)
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
