package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// The CSV files of `zhijiao stats`: a header row, then one row per unit (wide files) or per rating (long files).
// Errors name the row as a spreadsheet shows it (the header is row 1), the column by number and header, the value,
// and the reason, so a researcher can find the cell.

// table is a parsed wide CSV file.
type table struct {
	header []string
	rows   [][]string
	line   []int // the file row of each data row, for messages
}

// readTable reads FILE ("-" is standard input). It drops a UTF-8 byte order mark (spreadsheets write one), trims
// cells, and skips blank lines; every row must have as many cells as the header.
func readTable(path string, stdin io.Reader) (*table, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取文件 %s：%w", path, err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.TrimLeadingSpace = true
	t := &table{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
			return nil, fmt.Errorf("第 %d 行：有 %d 列，表头有 %d 列 / row %d has %d cells, the header %d", pe.StartLine, len(rec), len(t.header), pe.StartLine, len(rec), len(t.header))
		case err != nil:
			return nil, fmt.Errorf("CSV 格式错误 / malformed CSV：%v", err)
		}
		for k := range rec {
			rec[k] = strings.TrimSpace(rec[k])
		}
		if t.header == nil {
			t.header = rec
			continue
		}
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	if t.header == nil {
		return nil, errors.New("文件为空：第 1 行应为表头 / empty file: row 1 must be the header")
	}
	return t, nil
}

// cellError describes a bad cell.
func (t *table) cellError(row, col int, reason string) error {
	return fmt.Errorf("第 %d 行第 %d 列（%s）的值 %q：%s", t.line[row], col+1, t.header[col], t.rows[row][col], reason)
}

// missing reports an empty cell or NA (any case), the missing values of the wide files.
func missing(cell string) bool { return cell == "" || strings.EqualFold(cell, "NA") }

// numbers parses the data rows as numbers, missing cells as NaN; complete demands every cell.
func (t *table) numbers(complete bool) ([][]float64, error) {
	out := make([][]float64, len(t.rows))
	for i, rec := range t.rows {
		out[i] = make([]float64, len(rec))
		for j, cell := range rec {
			if missing(cell) {
				if complete {
					return nil, t.cellError(i, j, "ICC 需要完整数据，不能有缺失值 / ICC needs complete data")
				}
				out[i][j] = math.NaN()
				continue
			}
			x, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				return nil, t.cellError(i, j, "不是数字 / not a number")
			}
			out[i][j] = x
		}
	}
	return out, nil
}

// labels codes the data rows' category labels as numbers in order of first appearance, missing cells as NaN.
func (t *table) labels() ([][]float64, []string) {
	code := map[string]float64{}
	var names []string
	out := make([][]float64, len(t.rows))
	for i, rec := range t.rows {
		out[i] = make([]float64, len(rec))
		for j, cell := range rec {
			if missing(cell) {
				out[i][j] = math.NaN()
				continue
			}
			c, ok := code[cell]
			if !ok {
				c = float64(len(names))
				code[cell] = c
				names = append(names, cell)
			}
			out[i][j] = c
		}
	}
	return out, names
}
