package roster

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// tenThousand is a realistic 10,000-student export with every column set.
func tenThousand(b testing.TB, format string) []byte {
	rows := make([]StudentRow, 10000)
	classes := []string{"24数控1班", "24汽修2班", "23电商1班"}
	for i := range rows {
		male := i%2 == 0
		birth := time.Date(2007+i%3, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		g := model.Female
		if male {
			g = model.Male
		}
		rows[i] = StudentRow{Student: model.Student{StudentNo: fmt.Sprintf("2024%05d", i), Name: "欧阳小明",
			Gender: g, IDType: model.IDResident,
			IDNumber:  idcheck.MakeIDNumber(fmt.Sprintf("5001%02d", 1+i/100%40), birth, i%100, male),
			BirthDate: birth.Format("2006-01-02"), Ethnicity: "汉族", ClassName: classes[i%3], MajorName: "数控技术应用",
			EntryYear: 2024, Program: model.Program3Year, RegistrationNo: fmt.Sprintf("G%018d", i),
			EnrollmentStatus: model.StatusEnrolled, Phone: fmt.Sprintf("138%08d", i)},
			GuardianName: "欧阳大明", GuardianRelation: "父亲", GuardianPhone: fmt.Sprintf("139%08d", i)}
	}
	var buf bytes.Buffer
	if err := WriteStudentRows(&buf, format, rows, false); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func TestTenThousandValid(t *testing.T) {
	data := tenThousand(t, "xlsx")
	start := time.Now()
	res, err := ParseStudents(bytes.NewReader(data), Limits{}, testLookups)
	if err != nil || len(res.Errors) > 0 || len(res.Rows) != 10000 {
		t.Fatalf("%v rows %d errors %d", err, len(res.Rows), len(res.Errors))
	}
	t.Logf("10,000 students (%d KB xlsx) parsed and validated in %v", len(data)>>10, time.Since(start))
}

func BenchmarkParseStudents10k(b *testing.B) {
	files := map[string][]byte{"xlsx-inline": tenThousand(b, "xlsx"), "csv": tenThousand(b, "csv")}
	files["xlsx-shared"] = sharedStrings(b, files["xlsx-inline"])
	for _, format := range []string{"xlsx-shared", "xlsx-inline", "csv"} {
		data := files[format]
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				res, err := ParseStudents(bytes.NewReader(data), Limits{}, testLookups)
				if err != nil || len(res.Rows) != 10000 {
					b.Fatal(err, len(res.Errors))
				}
			}
		})
	}
}

func BenchmarkBareRead10k(b *testing.B) {
	inline := tenThousand(b, "xlsx")
	for name, data := range map[string][]byte{"xlsx-shared": sharedStrings(b, inline), "xlsx-inline": inline} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if n, err := BareRead(bytes.NewReader(data)); err != nil || n != 10001 {
					b.Fatal(n, err)
				}
			}
		})
	}
}

// sharedStrings rewrites a workbook through excelize's regular API, which
// stores text in the shared-strings table the way Excel itself saves.
func sharedStrings(b testing.TB, data []byte) []byte {
	src, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	rows, _ := src.GetRows(src.GetSheetName(0))
	dst := excelize.NewFile()
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := dst.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &vals); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	dst.Write(&buf)
	return buf.Bytes()
}
