package roster

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// maxHeaderScan is how far down the header may sit: school files often
// carry a title row or two ("2024级新生名单") above it.
const maxHeaderScan = 10

// parse runs the steps every roster shares: open, find the header, check
// merges and limits, then hand each non-blank data row to build. build
// returns ok=false when it has reported errors through the rowCtx.
func parse[T any](r io.Reader, lim Limits, cols []column, build func(c *rowCtx) T, sink *Sink[T]) (*Result[T], error) {
	lim = lim.withDefaults()
	op, err := open(r, lim)
	if err != nil {
		return nil, err
	}
	defer op.src.close()
	sc := &sheetCtx{cols: cols, pos: make(map[string]int, len(cols)), scan: op.scan, date1904: op.date1904}
	for i, c := range cols {
		sc.pos[c.Name] = i
	}
	res := &Result[T]{}
	if res.HeaderRow, res.Header, sc.h, err = findHeader(op.src, cols); err != nil {
		return nil, err
	}
	res.Unused = sc.h.unused
	if op.scan != nil {
		if err := checkMerges(op.scan.merges, res.HeaderRow, sc.h); err != nil {
			return nil, err
		}
	}
	example := exampleRow(cols, sc.h)
	data := 0
	var pending []T
	flush := func() error {
		if sink == nil || len(pending) == 0 || len(res.Errors) > 0 {
			return nil
		}
		err := sink.Fn(pending)
		pending = nil
		return err
	}
	for {
		row, cells, err := op.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		for len(res.Raw) < row-res.HeaderRow-1 {
			res.Raw = append(res.Raw, nil) // a row excelize skipped
		}
		if isBlank(cells) {
			res.Raw = append(res.Raw, nil)
			continue
		}
		res.Raw = append(res.Raw, cells)
		if example != nil && sameCells(cells, example) {
			continue // the template's example row, left in by the user
		}
		if data++; data > lim.MaxRows {
			return nil, tooManyRows(lim)
		}
		c := rowCtx{sheetCtx: sc, row: row, cells: cells}
		v := build(&c)
		if len(c.errs) == 0 {
			res.Rows = append(res.Rows, v)
			if sink != nil && len(res.Errors) == 0 {
				pending = append(pending, v)
			}
		}
		res.Errors = append(res.Errors, c.errs...)
		if len(pending) >= sink.batch() {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	for len(res.Raw) > 0 && res.Raw[len(res.Raw)-1] == nil {
		res.Raw = res.Raw[:len(res.Raw)-1]
	}
	if data == 0 {
		return nil, fmt.Errorf("表格中没有数据行（只有表头）；请在表头下方逐行填写后再导入")
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return res, nil
}

// Sink receives valid rows in batches while the file is still being read,
// so a caller can write them inside an open transaction as parsing goes on.
// It is called only while no row so far has had an error; once one has,
// it is not called again, and the caller must discard (roll back) what it
// received: the file as a whole is invalid.
type Sink[T any] struct {
	Batch int // rows per call; default 500
	Fn    func([]T) error
}

func (s *Sink[T]) batch() int {
	switch {
	case s == nil:
		return int(^uint(0) >> 1)
	case s.Batch <= 0:
		return 500
	}
	return s.Batch
}

// findHeader takes the first row within maxHeaderScan that names at least
// two known columns; when none does, the first non-blank row is reported
// against, since that is where the user will look.
func findHeader(src source, cols []column) (row int, header []string, h headerMap, err error) {
	aliases := aliasIndex(cols)
	var firstRow int
	var first []string
	for {
		n, cells, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, nil, h, err
		}
		if isBlank(cells) {
			if n >= maxHeaderScan {
				break
			}
			continue
		}
		if first == nil {
			firstRow, first = n, cells
		}
		if h, err = matchHeader(cells, cols, aliases); err != nil {
			return 0, nil, h, err
		}
		if h.known >= 2 {
			if m := h.missing(cols); len(m) > 0 {
				return 0, nil, h, missingError(m)
			}
			return n, trimHeader(cells), h, nil
		}
		if n >= maxHeaderScan {
			break
		}
	}
	if first == nil {
		return 0, nil, h, fmt.Errorf("表格中没有数据行（工作表是空的）")
	}
	h, _ = matchHeader(first, cols, aliases)
	return firstRow, first, h, missingError(h.missing(cols))
}

func trimHeader(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = cleanCell(c)
	}
	return out
}

// checkMerges refuses merged cells in the header row, and in the data area
// where they touch a column we import: a merged 班级 cell spanning thirty
// rows leaves twenty-nine of them empty in the file.
func checkMerges(merges []cellRange, headerRow int, h headerMap) error {
	used := map[int]bool{}
	for _, p := range h.index {
		if p >= 0 {
			used[p+1] = true
		}
	}
	var inHeader, inData []string
	for _, m := range merges {
		if m.Row2 < headerRow || m.Row1 == m.Row2 && m.Col1 == m.Col2 {
			continue // a title above the header, or a 1×1 "merge"
		}
		if m.Row1 <= headerRow {
			inHeader = append(inHeader, m.Ref)
			continue
		}
		for c := m.Col1; c <= m.Col2; c++ {
			if used[c] {
				inData = append(inData, m.Ref)
				break
			}
		}
	}
	if len(inHeader) > 0 {
		return fmt.Errorf("表头（第 %d 行）有合并单元格 %s，请取消合并，让每一列都有自己的列名后再导入",
			headerRow, listRefs(inHeader))
	}
	if len(inData) > 0 {
		return fmt.Errorf("数据区有合并单元格 %s；导入时每一行都要完整填写，请取消合并并补全每一行后再导入",
			listRefs(inData))
	}
	return nil
}

func listRefs(refs []string) string {
	sort.Strings(refs)
	if len(refs) > 5 {
		return strings.Join(refs[:5], "、") + fmt.Sprintf(" 等 %d 处", len(refs))
	}
	return strings.Join(refs, "、")
}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// exampleRow lays the template's example values out in the file's column
// order, so a forgotten example line is skipped instead of imported.
func exampleRow(cols []column, h headerMap) []string {
	width := 0
	for _, p := range h.index {
		width = max(width, p+1)
	}
	row := make([]string, width)
	for i, c := range cols {
		if p := h.index[i]; p >= 0 {
			row[p] = c.Example
		}
	}
	return row
}

func sameCells(a, b []string) bool {
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y string
		if i < len(a) {
			x = cleanCell(a[i])
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return false
		}
	}
	return true
}
