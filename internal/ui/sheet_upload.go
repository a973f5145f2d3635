package ui

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Shared pieces of the small .xlsx imports (competition results, graduate
// destinations): the template with drop-down lists, and reading the
// uploaded file within its size limit.

// dropList is a column of a template restricted to a list of values.
type dropList struct {
	Col  string
	List []string
}

// sheetTemplate builds an import template: a header row, one example row,
// column widths (from column A) and drop-down lists for 5,000 rows.
func sheetTemplate(sheet string, header, example []string, widths []float64, drops []dropList) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i := range header {
		c1, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, c1, header[i])
		if i < len(example) {
			c2, _ := excelize.CoordinatesToCellName(i+1, 2)
			f.SetCellStr(sheet, c2, example[i])
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, w)
	}
	for _, dv := range drops {
		v := excelize.NewDataValidation(true)
		v.Sqref = dv.Col + "2:" + dv.Col + "5001"
		if err := v.SetDropList(dv.List); err == nil {
			f.AddDataValidation(sheet, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// uploadedSheet reads the uploaded "file" (at most maxEvidenceImport
// bytes) and its first sheet's rows. On failure it returns the Chinese
// message and the status to answer with.
func uploadedSheet(w http.ResponseWriter, r *http.Request) ([][]string, string, int) {
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidenceImport+1<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "文件太大：上限为 5 MB", http.StatusBadRequest
		}
		return nil, "请选择要上传的文件", http.StatusBadRequest
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxEvidenceImport+1))
	if err != nil || len(data) > maxEvidenceImport {
		return nil, "文件太大：上限为 5 MB", http.StatusBadRequest
	}
	rows, err := readEvidenceSheet(data)
	if err != nil {
		return nil, err.Error(), http.StatusUnprocessableEntity
	}
	return rows, "", 0
}

// sheetColumns maps the header row's names to columns. It returns a getter
// of a row's trimmed cell by column name, or the errors of an empty file
// or missing required columns.
func sheetColumns(rows [][]string, required []string) (func(row []string, name string) string, []string) {
	if len(rows) == 0 {
		return nil, []string{"文件是空的：第 1 行应为表头"}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	var errs []string
	for _, h := range required {
		if _, ok := col[h]; !ok {
			errs = append(errs, "缺少“"+h+"”列：请使用下载的模板")
		}
	}
	return func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}, errs
}

// studentsByNo reads the school's students once, by 学号, for an import
// that names students row by row (one query, not one per row).
func (s *Server) studentsByNo(r *http.Request) (map[string]model.Student, error) {
	out := map[string]model.Student{}
	err := s.st.AllStudents(r.Context(), schoolOf(r), storage.StudentFilter{}, func(st model.Student) error {
		out[st.StudentNo] = st
		return nil
	})
	return out, err
}
