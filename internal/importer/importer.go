// Package importer joins the pure roster parser to storage: it builds the
// school's lookups, parses and validates a file, and writes it only when
// every row is valid. The web page, the API, the CLI and the benchmark all
// import through here, so they cannot disagree.
package importer

import (
	"context"
	"fmt"
	"io"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// Outcome is what an import did, or why it did nothing.
type Outcome struct {
	Kind      roster.Kind
	Summary   storage.ImportSummary
	Errors    []roster.RowError // non-empty: nothing was written
	Unused    []string          // columns in the file that were ignored
	Header    []string
	HeaderRow int
	Raw       [][]string
	Rows      int // valid rows seen
}

// Written reports whether the file was applied.
func (o *Outcome) Written() bool { return len(o.Errors) == 0 }

// Kinds lists what can be imported, with the permission each needs.
var Kinds = map[roster.Kind]string{
	roster.KindStudents: "student:import",
	roster.KindTeachers: "teacher:import",
	roster.KindClasses:  "class:manage",
}

// KindName is the Chinese name of a roster kind.
func KindName(k roster.Kind) string {
	switch k {
	case roster.KindStudents:
		return "学生"
	case roster.KindTeachers:
		return "教师"
	case roster.KindClasses:
		return "班级"
	}
	return string(k)
}

func lookups(ctx context.Context, st *storage.Storage, schoolID int64) (roster.Lookups, error) {
	var lk roster.Lookups
	var err error
	if lk.Classes, err = st.ClassNameIndex(ctx, schoolID); err != nil {
		return lk, err
	}
	if lk.Majors, err = st.MajorNameIndex(ctx, schoolID); err != nil {
		return lk, err
	}
	lk.Departments, err = st.DepartmentNameIndex(ctx, schoolID)
	return lk, err
}

// Import parses r as a roster of kind k and writes it if every row is
// valid. A file-level problem (not a spreadsheet, missing columns, too many
// rows) is returned as the error; row problems are in Outcome.Errors.
func Import(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, k roster.Kind, r io.Reader, lim roster.Limits) (*Outcome, error) {
	lk, err := lookups(ctx, st, schoolID)
	if err != nil {
		return nil, err
	}
	o := &Outcome{Kind: k}
	switch k {
	case roster.KindStudents:
		return importStudents(ctx, st, schoolID, a, r, lim, lk)
	case roster.KindTeachers:
		res, err := roster.ParseTeachers(r, lim, lk)
		if err != nil {
			return nil, err
		}
		o.fill(res.Errors, res.Unused, res.Header, res.HeaderRow, res.Raw, len(res.Rows))
		if len(o.Errors) > 0 {
			return o, nil
		}
		if o.Errors, err = dualConflicts(ctx, st, schoolID, res.Rows); err != nil || len(o.Errors) > 0 {
			return o, err
		}
		rows := make([]storage.TeacherImport, len(res.Rows))
		for i, row := range res.Rows {
			rows[i] = storage.TeacherImport{Row: row.Row, Teacher: row.Teacher}
		}
		o.Summary, err = st.ImportTeachers(ctx, schoolID, a, rows)
		return o, err
	case roster.KindClasses:
		res, err := roster.ParseClasses(r, lim, lk)
		if err != nil {
			return nil, err
		}
		o.fill(res.Errors, res.Unused, res.Header, res.HeaderRow, res.Raw, len(res.Rows))
		staff, err := st.TeacherStaffIndex(ctx, schoolID)
		if err != nil {
			return nil, err
		}
		rows := make([]storage.ClassImport, 0, len(res.Rows))
		for _, row := range res.Rows {
			c := row.Class
			if row.HeadTeacherStaffNo != "" {
				id, ok := staff[row.HeadTeacherStaffNo]
				if !ok {
					o.Errors = append(o.Errors, roster.RowError{Row: row.Row, Column: "班主任工号", Value: row.HeadTeacherStaffNo,
						Reason: "没有这个工号的教师，请先导入教师"})
					continue
				}
				c.HeadTeacherID = id
			}
			rows = append(rows, storage.ClassImport{Row: row.Row, Class: c})
		}
		if len(o.Errors) > 0 {
			return o, nil
		}
		o.Summary, err = st.ImportClasses(ctx, schoolID, a, rows)
		return o, err
	}
	return nil, fmt.Errorf("不支持导入「%s」", k)
}

func (o *Outcome) fill(errs []roster.RowError, unused, header []string, headerRow int, raw [][]string, n int) {
	o.Errors, o.Unused, o.Header, o.HeaderRow, o.Raw, o.Rows = errs, unused, header, headerRow, raw, n
}

// ErrorReport writes the .xlsx that echoes the file with an error column.
func (o *Outcome) ErrorReport(w io.Writer) error {
	return roster.WriteErrorReport(w, o.Header, o.HeaderRow, o.Raw, o.Errors)
}
