package roster

import (
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxSource streams one sheet through excelize's row iterator.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	n    int
}

func openXLSX(data []byte, lim Limits) (*opened, error) {
	zr, err := checkZip(data, lim)
	if err != nil {
		return nil, err
	}
	wb, err := readWorkbook(zr)
	if err != nil {
		return nil, err
	}
	var scan *sheetInfo
	for _, zf := range zr.File {
		if zf.Name != wb.sheetPath {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("文件已损坏，工作表无法读取")
		}
		// Header and title rows sit within the first maxHeaderScan rows,
		// so more value rows than this mean too many data rows.
		scan, err = scanSheet(rc, lim.MaxRows+maxHeaderScan)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("文件已损坏，工作表无法读取")
		}
	}
	if scan == nil {
		return nil, fmt.Errorf("文件已损坏：找不到工作表「%s」的内容", wb.sheetName)
	}
	if scan.valueRows > lim.MaxRows+maxHeaderScan {
		return nil, tooManyRows(lim)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true, // serial dates and full-precision numbers, parsed by us
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, 64<<20),
	})
	if err != nil {
		return nil, fmt.Errorf("文件已损坏，无法作为 Excel(.xlsx) 打开；请在 Excel 中重新保存后再导入")
	}
	rows, err := f.Rows(wb.sheetName)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("无法读取工作表「%s」", wb.sheetName)
	}
	return &opened{src: newPrefetch(&xlsxSource{f: f, rows: rows}), scan: scan, date1904: wb.date1904}, nil
}

func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, fmt.Errorf("工作表内容已损坏，无法继续读取（第 %d 行之后）", s.n)
		}
		return 0, nil, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns()
	if err != nil {
		return 0, nil, fmt.Errorf("工作表第 %d 行已损坏，无法读取", s.n)
	}
	return s.n, cells, nil
}

func (s *xlsxSource) close() {
	s.rows.Close()
	s.f.Close()
}

func tooManyRows(lim Limits) error {
	return fmt.Errorf("数据超过 %d 行的单次导入上限，请拆分成多个文件分批导入", lim.MaxRows)
}
