package roster

import (
	"fmt"
	"io"
)

// The small .xlsx imports outside the roster (competition results,
// graduate destinations, framework workbooks) come in through here too, so
// every upload has the same guards and every date cell the same reader.

// FirstSheet reads an uploaded workbook through OpenXLSX and returns its
// first sheet's rows as raw cell values (dates as Excel serial numbers)
// and whether serial dates count from 1904. More than lim.MaxRows rows
// after the header are refused.
func FirstSheet(r io.Reader, lim Limits) ([][]string, bool, error) {
	lim = lim.withDefaults()
	f, err := OpenXLSX(r, lim)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, false, fmt.Errorf("文件中没有工作表")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, false, fmt.Errorf("文件已损坏，无法作为 Excel(.xlsx) 打开；请在 Excel 中重新保存后再上传")
	}
	if len(rows) > lim.MaxRows+1 {
		return nil, false, tooManyRows(lim)
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	return rows, date1904, nil
}

// ParseDay reads a full date as the roster import does (an Excel serial,
// 2026-05-20, 2026/5/20, 2026.5.20, 2026年5月20日, 20260520); a year and
// month alone, a day that does not exist and a day after today are
// refused with the reason.
func ParseDay(s string, date1904 bool) (string, error) {
	iso, partial, err := parseDate(s, date1904)
	if err != nil {
		return "", err
	}
	if partial {
		return "", fmt.Errorf("日期 %s 缺少日，请写成 2008-03-01 的形式", iso)
	}
	return iso, nil
}
