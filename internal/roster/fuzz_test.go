package roster

import (
	"bytes"
	"strings"
	"testing"
)

// Rosters come from every tool schools use. Any file is refused with a
// reason or read into rows and row errors, never a panic; every valid row
// names its class from the school and has a 学号.

func FuzzParseStudentsCSV(f *testing.F) {
	header := strings.Join(stuHeader, ",")
	f.Add([]byte(header + "\n2024001,张三,男,居民身份证,,2010-03-01,汉族,24数控1班,数控,2024,三年制中职,,在读,13800138000,张父,父亲,13900139000\n"))
	f.Add([]byte("\xef\xbb\xbf学号\t姓名\t班级\n1\t李四\t24汽修2班\n"))
	f.Add([]byte("学号,姓名,班级\n\"2024002,王五,24数控1班\n"))
	f.Add([]byte("\xff\xfe学\x00号\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseStudents(bytes.NewReader(data), Limits{MaxRows: 200}, testLookups)
		if err != nil {
			return
		}
		for _, r := range res.Rows {
			if r.Student.StudentNo == "" || r.Student.ClassID == 0 {
				t.Fatalf("row %d accepted without 学号 or class: %+v", r.Row, r.Student)
			}
		}
	})
}

// An .xlsx is a zip: OpenXLSX must refuse what is not one, or is a zip
// bomb, before excelize reads it.
func FuzzOpenXLSX(f *testing.F) {
	f.Add(xlsxFile(f, [][]any{{"学号", "姓名"}, {"2024001", "张三"}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("not a workbook"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := OpenXLSX(bytes.NewReader(data), Limits{MaxBytes: 1 << 20, MaxUnzipped: 4 << 20})
		if err == nil {
			x.Close()
		}
	})
}
