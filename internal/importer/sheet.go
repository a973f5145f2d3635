package importer

import (
	"context"
	"fmt"
	"io"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// The small .xlsx imports (competition results, graduate destinations):
// one sheet with a header row, every bad row named with its reasons, and
// all or nothing. The upload is read by roster.FirstSheet, dates by
// roster.ParseDay, and each row is checked by the validate rules the web
// forms use.

// SheetLimits bounds one of these uploads.
var SheetLimits = roster.Limits{MaxBytes: 5 << 20, MaxRows: 5000}

// SheetOutcome is what a small import did: the records written, or the
// problems that stopped it (nothing is written then).
type SheetOutcome struct {
	Written  int
	Problems []string
}

// importSheet reads an upload with the required columns, reads each row
// with its students by 学号, and writes the rows only when none has a
// problem.
func importSheet[T any](ctx context.Context, st *storage.Storage, schoolID int64, r io.Reader, required []string,
	read func(sh *sheet, row []string, byNo map[string]model.Student) (T, []string), write func([]T) error) (SheetOutcome, error) {
	sh, probs := openSheet(r, required)
	if probs != nil {
		return SheetOutcome{Problems: probs}, nil
	}
	byNo, err := studentsByNo(ctx, st, schoolID)
	if err != nil {
		return SheetOutcome{}, err
	}
	var out []T
	probs = sh.each(func(row []string) []string {
		v, bad := read(sh, row, byNo)
		if len(bad) == 0 {
			out = append(out, v)
		}
		return bad
	})
	if len(probs) > 0 {
		return SheetOutcome{Problems: probs}, nil
	}
	if err := write(out); err != nil {
		return SheetOutcome{}, err
	}
	return SheetOutcome{Written: len(out)}, nil
}

// sheet is an uploaded sheet with its columns by name.
type sheet struct {
	rows     [][]string
	col      map[string]int
	date1904 bool
}

// openSheet reads the upload and checks its header; a problem the user
// can fix is returned as the message, nil sheet.
func openSheet(r io.Reader, required []string) (*sheet, []string) {
	rows, date1904, err := roster.FirstSheet(r, SheetLimits)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if len(rows) == 0 {
		return nil, []string{"文件是空的：第 1 行应为表头"}
	}
	sh := &sheet{rows: rows, col: map[string]int{}, date1904: date1904}
	for i, h := range rows[0] {
		sh.col[strings.TrimSpace(h)] = i
	}
	var probs []string
	for _, h := range required {
		if _, ok := sh.col[h]; !ok {
			probs = append(probs, "缺少“"+h+"”列：请使用下载的模板")
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return sh, nil
}

// get is a row's trimmed cell of a column, "" when absent.
func (sh *sheet) get(row []string, name string) string {
	i, ok := sh.col[name]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// each calls fn for every non-blank data row with its number in the
// sheet; fn returns the row's problems. It returns all rows' problems as
// "第 N 行：…", or "文件中没有数据行" when no row had data.
func (sh *sheet) each(fn func(row []string) []string) []string {
	var probs []string
	seen := false
	for n, row := range sh.rows[1:] {
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		seen = true
		if bad := fn(row); len(bad) > 0 {
			probs = append(probs, fmt.Sprintf("第 %d 行：%s", n+2, strings.Join(bad, "；")))
		}
	}
	if len(probs) == 0 && !seen {
		probs = append(probs, "文件中没有数据行")
	}
	return probs
}

// studentsByNo reads the school's students once, by 学号, for an import
// that names students row by row (one query, not one per row).
func studentsByNo(ctx context.Context, st *storage.Storage, schoolID int64) (map[string]model.Student, error) {
	out := map[string]model.Student{}
	err := st.AllStudents(ctx, schoolID, storage.StudentFilter{}, func(s model.Student) error {
		out[s.StudentNo] = s
		return nil
	})
	return out, err
}

// rowReporter says a validate rule's problems as an import row does:
// naming the column (wrapped in open and close, such as 「」) and the value.
type rowReporter struct {
	cols        map[string]string // field → column
	open, close string
	bad         []string
}

func (r *rowReporter) name(field, label string) string {
	if c, ok := r.cols[field]; ok {
		label = c
	}
	return r.open + label + r.close
}

func (r *rowReporter) Missing(field, label string) {
	r.bad = append(r.bad, r.name(field, label)+"为空")
}
func (r *rowReporter) NotAllowed(field, label, value string, allowed []string) {
	r.bad = append(r.bad, r.name(field, label)+"“"+value+"”不在可选范围（"+strings.Join(allowed, "、")+"）")
}
func (r *rowReporter) TooLong(field, label string, max int) {
	r.bad = append(r.bad, fmt.Sprintf("%s不能超过 %d 个字", r.name(field, label), max))
}
func (r *rowReporter) OutOfRange(field, label string, lo, hi float64) {
	r.bad = append(r.bad, fmt.Sprintf("%s应为 %g 到 %g 之间的数字", r.name(field, label), lo, hi))
}
func (r *rowReporter) Invalid(field, label, reason string) {
	r.bad = append(r.bad, r.name(field, label)+reason)
}

// student finds the row's student by 学号 and checks 姓名 and, when mayUse
// is given, that the user may name them.
func (r *rowReporter) student(sh *sheet, row []string, byNo map[string]model.Student, mayUse func(model.Student) bool) (model.Student, bool) {
	no, name := sh.get(row, "学号"), sh.get(row, "姓名")
	col, sep := r.open+"学号"+r.close, " "
	if r.open != "" {
		sep = ""
	}
	st, found := byNo[no]
	switch {
	case no == "":
		r.bad = append(r.bad, col+"为空")
	case !found:
		r.bad = append(r.bad, col+sep+no+" 不是本校学生")
	case mayUse != nil && !mayUse(st):
		r.bad = append(r.bad, col+sep+no+" 的学生不在您的管理范围内")
	case name != st.Name:
		r.bad = append(r.bad, r.open+"姓名"+r.close+"“"+name+"”与学号 "+no+" 的学生“"+st.Name+"”不一致")
	default:
		return st, true
	}
	return model.Student{}, false
}
