package roster

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bigXLSX streams n data rows through excelize's StreamWriter.
func bigXLSX(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"学号", "姓名", "性别", "班级"})
	for i := 1; i <= n; i++ {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), []any{fmt.Sprint(100000 + i), "张三", "男", "24数控1班"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTooManyRowsRefusedQuickly(t *testing.T) {
	b := bigXLSX(t, 100000)
	start := time.Now()
	_, err := parseBytes(b)
	took := time.Since(start)
	mustFail(t, err, "数据超过 20000 行的单次导入上限")
	if took > 500*time.Millisecond && !raceEnabled {
		t.Errorf("refusing a 100,000-row file took %v", took)
	}
	t.Logf("100,000-row file refused in %v (%d KB)", took, len(b)>>10)

	// The row loop enforces the exact limit where the pre-scan leaves
	// slack for title rows, and CSV has no pre-scan at all.
	lines := []string{"学号,姓名,性别,班级"}
	for i := 0; i < 6; i++ {
		lines = append(lines, fmt.Sprintf("%d,张三,男,24数控1班", i+1))
	}
	_, err = ParseStudents(bytes.NewReader(csvFile(lines...)), Limits{MaxRows: 5}, testLookups)
	mustFail(t, err, "数据超过 5 行")
	if _, err = ParseStudents(bytes.NewReader(csvFile(lines[:6]...)), Limits{MaxRows: 5}, testLookups); err != nil {
		t.Fatalf("exactly 5 rows must pass: %v", err)
	}
	_, err = ParseStudents(bytes.NewReader(bigXLSX(t, 30)), Limits{MaxRows: 29}, testLookups)
	mustFail(t, err, "数据超过 29 行")
}

func TestFileTooLarge(t *testing.T) {
	_, err := ParseStudents(bytes.NewReader(make([]byte, 2048)), Limits{MaxBytes: 1024}, testLookups)
	mustFail(t, err, "文件超过 1 KB 上限")
}

// bombXLSX is a valid workbook whose sheet XML is padded with size bytes
// of whitespace, which deflate squeezes about a thousandfold.
func bombXLSX(t testing.TB, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for name, body := range minimalParts(t) {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	pad := bytes.Repeat([]byte(" "), 1<<20)
	for n := 0; n < size; n += len(pad) {
		w.Write(pad)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	zw.Close()
	return buf.Bytes()
}

// minimalParts are the workbook parts around sheet1.xml.
func minimalParts(t testing.TB) map[string]string {
	b := rawXLSX(t, "", "")
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		out[f.Name] = string(b)
	}
	return out
}

func TestZipBomb(t *testing.T) {
	// 300 MB unzipped: over the 200 MB total.
	b := bombXLSX(t, 300<<20)
	t.Logf("300 MB bomb is %d KB zipped", len(b)>>10)
	start := time.Now()
	_, err := parseBytes(b)
	mustFail(t, err, "超过 200 MB 上限")
	if took := time.Since(start); took > 200*time.Millisecond && !raceEnabled {
		t.Errorf("bomb refused only after %v", took)
	}

	// 64 MB fits the total but compresses a thousandfold.
	_, err = parseBytes(bombXLSX(t, 64<<20))
	mustFail(t, err, "压缩比异常")

	// A central directory that lies: it declares 1 KB, the data inflates
	// to 64 MB. archive/zip stops at the declared size.
	_, err = parseBytes(lyingXLSX(t))
	mustFail(t, err, "文件已损坏")
}

func lyingXLSX(t *testing.T) []byte {
	var body bytes.Buffer
	body.WriteString(`<worksheet><sheetData>`)
	body.Write(bytes.Repeat([]byte(" "), 64<<20))
	body.WriteString(`</sheetData></worksheet>`)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(body.Bytes())
	fw.Close()

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, part := range minimalParts(t) {
		w, _ := zw.Create(name)
		io.WriteString(w, part)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(body.Bytes()), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1024})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestScanSheetCounts(t *testing.T) {
	xml := `<worksheet><dimension ref="A1:C4"/><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
		`<row r="2" s="3" customFormat="1"/>` + // styled, empty
		`<row r="3"><c r="A3" s="1"/><c r="B3" t="str"><f>""</f><v></v></c></row>` + // nothing visible
		`<x:row r="4"><x:c r="C4"><x:f>1+1</x:f></x:c></x:row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`
	info, err := scanSheet(strings.NewReader(xml), 100)
	if err != nil {
		t.Fatal(err)
	}
	if info.valueRows != 1 || len(info.merges) != 1 || info.merges[0].Col2 != 3 || !info.noCache[keyOf(4, 3)] || len(info.noCache) != 1 {
		t.Fatalf("scan = %+v", info)
	}
}
