package roster

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// WriteStudents exports students with the template's columns, so the file
// can be edited and imported again. maskID hides the middle of ID numbers
// for lists handed around; a masked file cannot be re-imported.
func WriteStudents(w io.Writer, format string, students []model.Student, maskID bool) error {
	rows := make([]StudentRow, len(students))
	for i, s := range students {
		rows[i].Student = s
	}
	return WriteStudentRows(w, format, rows, maskID)
}

// WriteStudentRows is WriteStudents with the guardian columns filled.
func WriteStudentRows(w io.Writer, format string, rows []StudentRow, maskID bool) error {
	out := make([][]string, len(rows))
	for i, r := range rows {
		s := r.Student
		id, regNo := s.IDNumber, s.RegistrationNo
		if maskID {
			id, regNo = idcheck.MaskID(id), idcheck.MaskEmbeddedID(regNo, id)
		}
		out[i] = []string{s.StudentNo, s.Name, string(s.Gender), string(s.IDType), id, s.BirthDate,
			s.Ethnicity, s.ClassName, s.MajorName, yearText(s.EntryYear), string(s.Program),
			regNo, string(s.EnrollmentStatus), s.Phone,
			r.GuardianName, r.GuardianRelation, r.GuardianPhone}
	}
	return writeTable(w, format, "学生名单", studentColumns, out)
}

// WriteTeachers exports teachers with the template's columns.
func WriteTeachers(w io.Writer, format string, teachers []model.Teacher, maskID bool) error {
	out := make([][]string, len(teachers))
	for i, t := range teachers {
		id := t.IDNumber
		if maskID {
			id = idcheck.MaskID(id)
		}
		out[i] = []string{t.StaffNo, t.Name, string(t.Gender), t.Title, t.DepartmentName, t.DualLevel, t.Phone, id, t.HiredOn}
	}
	return writeTable(w, format, "教师名单", teacherColumns, out)
}

// WriteClasses exports classes with the template's columns. staffNos maps
// a head teacher's id to the 工号 the import expects; it may be nil.
func WriteClasses(w io.Writer, format string, classes []model.Class, staffNos map[int64]string) error {
	out := make([][]string, len(classes))
	for i, c := range classes {
		out[i] = []string{c.Name, c.MajorName, yearText(c.EntryYear), string(c.Program), staffNos[c.HeadTeacherID]}
	}
	return writeTable(w, format, "班级名单", classColumns, out)
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func writeTable(w io.Writer, format, title string, cols []column, rows [][]string) error {
	switch strings.ToLower(format) {
	case "xlsx":
		return writeXLSX(w, title, cols, rows)
	case "csv":
		return writeCSV(w, cols, rows)
	}
	return fmt.Errorf("不支持的导出格式“%s”，只能是 xlsx 或 csv", format)
}

func writeXLSX(w io.Writer, title string, cols []column, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", title); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(title)
	if err != nil {
		return err
	}
	if err := layoutColumns(sw, cols, st); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for r, row := range rows {
		for i, v := range row {
			vals[i] = cellValue(cols[i], v, st)
		}
		if err := sw.SetRow("A"+strconv.Itoa(r+2), vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// layoutColumns sets widths, text format on digit-string columns (so an
// 18-digit ID typed later is not rounded) and freezes the header.
func layoutColumns(sw *excelize.StreamWriter, cols []column, st styles) error {
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, st.text); err != nil {
				return err
			}
		}
	}
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// cellValue writes small whole numbers in numeric columns as numbers
// (Excel would flag them "stored as text") and everything else as text.
func cellValue(c column, v string, st styles) any {
	if v == "" {
		return nil
	}
	if c.Text {
		return excelize.Cell{StyleID: st.text, Value: v}
	}
	if len(v) <= 9 && allDigits(v) && v[0] != '0' {
		n, _ := strconv.Atoi(v)
		return n
	}
	return v
}

// writeCSV writes UTF-8 with a BOM, without which Excel on Chinese Windows
// reads the file as GBK and shows garbage.
func writeCSV(w io.Writer, cols []column, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for _, row := range rows {
		for i, v := range row {
			rec[i] = csvCell(cols[i], v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell protects values from Excel's guesses: long digit strings would
// become 1.10105E+17 (so they are written ="…", which Excel shows as text
// and our reader unwraps), and a leading = + - @ would run as a formula
// (CSV injection), so such text gets a leading apostrophe.
func csvCell(c column, v string) string {
	if v == "" {
		return v
	}
	if c.Text && allDigits(v) && (len(v) > 11 || v[0] == '0') {
		return `="` + v + `"`
	}
	if strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}
