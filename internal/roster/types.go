package roster

import (
	"fmt"
	"unicode/utf8"

	"zhijiao/internal/model"
)

// Kind names a roster type; it selects the columns of templates and exports.
type Kind string

const (
	KindStudents Kind = "students"
	KindTeachers Kind = "teachers"
	KindClasses  Kind = "classes"
)

// RowError is one problem in one cell (or one row when Column is empty).
// Row is the spreadsheet row number as the user sees it in Excel.
type RowError struct {
	Row    int
	Column string // canonical column name, e.g. 身份证号
	Value  string // the cell as the user wrote it
	Reason string // Chinese sentence
}

// Error renders the problem the way the import page lists it:
// 第 5 行「身份证号」值“1101…”：校验位错误…
func (e RowError) Error() string {
	s := fmt.Sprintf("第 %d 行", e.Row)
	if e.Column != "" {
		s += "「" + e.Column + "」"
	}
	if e.Value != "" {
		s += "值“" + shorten(e.Value, 24) + "”"
	}
	return s + "：" + e.Reason
}

// shorten keeps error messages readable when a cell holds a paragraph.
// Shorten is shorten for other readers of uploaded files' text.
func Shorten(s string, n int) string { return shorten(s, n) }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// Lookups resolves names written in a file to database ids. The caller
// fills it for the importing school. Keys are matched after trimming and
// full-width folding, so "２３数控１班" finds "23数控1班".
type Lookups struct {
	Classes     map[string]int64 // 班级名称 → id
	Majors      map[string]int64 // 专业名称, 简称 and 代码 → id
	Departments map[string]int64 // 专业部名称 → id
}

// StudentRow is one valid student line. Student.ClassID is resolved;
// MajorID stays 0 when the file has no major, and the caller then takes it
// from the class.
type StudentRow struct {
	Row                                           int
	Student                                       model.Student
	GuardianName, GuardianRelation, GuardianPhone string
}

// TeacherRow is one valid teacher line.
type TeacherRow struct {
	Row     int
	Teacher model.Teacher
}

// ClassRow is one valid class line. The head teacher is given by 工号 and
// resolved by the caller, who knows the teachers.
type ClassRow struct {
	Row                int
	Class              model.Class
	HeadTeacherStaffNo string
}

// Result is what a Parse function found in a readable file.
//
// Rows holds only lines without errors; Errors holds every problem of
// every line. Header is the header row as written and Raw the data rows as
// written (Raw[i] is spreadsheet row HeaderRow+1+i; blank rows stay as nil
// so the numbers line up), so an error report can echo the user's own file.
type Result[T any] struct {
	Rows      []T
	Errors    []RowError
	Unused    []string // headers that matched no known column, ignored
	Header    []string
	HeaderRow int
	Raw       [][]string
}
