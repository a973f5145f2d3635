package roster

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// csvSource streams records; a record is one spreadsheet row even when a
// quoted cell spans lines, which is how Excel numbers it too.
type csvSource struct {
	r *csv.Reader
	n int
}

func openCSV(data []byte, lim Limits) (*opened, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	head := strings.ToLower(text[:min(len(text), 2048)])
	if strings.Contains(head, "<html") || strings.Contains(head, "<table") ||
		strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet") {
		return nil, fmt.Errorf("这是网页或 XML 格式的表格（常见于其他系统导出的 .xls），请在 Excel 中打开后另存为 .xlsx 再导入")
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	return &opened{src: &csvSource{r: r}}, nil
}

// decodeText turns the bytes into UTF-8. Excel on Chinese Windows saves
// "CSV" in GBK (GB18030 is its superset); "Unicode text" is UTF-16 with a
// BOM; everything else nowadays is UTF-8, with or without BOM.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", errNotSheet
		}
		return string(out), nil
	}
	if looksBinary(data) {
		return "", errNotSheet
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.Count(out, []byte("\uFFFD")) > len(out)/100 {
		return "", errNotSheet
	}
	return string(out), nil
}

// looksBinary spots images, PDFs and other non-text uploads: text tables
// have no NUL bytes and almost no other control characters.
func looksBinary(data []byte) bool {
	sample := data[:min(len(data), 8192)]
	ctrl := 0
	for _, c := range sample {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctrl++
		}
	}
	return ctrl > len(sample)/100
}

// sniffDelimiter picks comma, tab or semicolon by counting them in the
// first line; Excel's "Unicode text" uses tabs, some locales semicolons.
func sniffDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{'\t', ';'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	s.n++
	if err != nil {
		if pe, ok := err.(*csv.ParseError); ok && pe.Err == csv.ErrFieldCount {
			return s.n, rec, nil
		}
		return 0, nil, fmt.Errorf("CSV 第 %d 行格式错误，无法读取：%v", s.n, err)
	}
	return s.n, rec, nil
}

func (s *csvSource) close() {}
