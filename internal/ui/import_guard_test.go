package ui_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// zipBomb is a zip holding a workbook part and a sheet of 64 MB of spaces,
// which deflate squeezes about a thousandfold: about 64 KB on the wire.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, _ := zw.Create("xl/workbook.xml")
	io.WriteString(w, `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="指标" sheetId="1"/></sheets></workbook>`)
	w, _ = zw.Create("xl/worksheets/sheet1.xml")
	pad := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 {
		w.Write(pad)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportsRefuseNonSpreadsheets: the competition-result, destination
// and framework imports read uploads through roster.OpenXLSX, so a text
// file renamed .xlsx and a zip bomb are refused with a reason, and nothing
// is written.
func TestImportsRefuseNonSpreadsheets(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	ctx, sid := context.Background(), s.a.School.ID
	admin := s.login(t, "jiaowu@a1")
	bomb := zipBomb(t)
	text := []byte("学号,姓名\n2026001,张三\n")
	for _, c := range []struct {
		name, want string
		data       []byte
	}{{"text renamed .xlsx", "文件不是 Excel(.xlsx) 表格", text}, {"zip bomb", "压缩比异常", bomb}} {
		code, body, _ := admin.evPost("/evidence/import", url.Values{"term_id": {itoa(s.a.Term.ID)}}, "file", "results.xlsx", c.data)
		expect(t, "evidence import, "+c.name, code, http.StatusUnprocessableEntity, body, c.want)
		code, body = s.login(t, "admin@a1").postFile("/outcomes/import", "d.xlsx", c.data)
		expect(t, "destination import, "+c.name, code, http.StatusUnprocessableEntity, body, c.want)
		code, body = s.login(t, "admin@a1").postFile("/frameworks/import", "方案.xlsx", c.data)
		expect(t, "framework import, "+c.name, code, http.StatusUnprocessableEntity, body, c.want)
	}
	if _, n, _ := st.ListEvidence(ctx, sid, storage.EvidenceFilter{}); n != 0 {
		t.Errorf("refused imports wrote %d records", n)
	}
	if _, n, _ := st.ListDestinations(ctx, sid, storage.DestinationFilter{}); n != 0 {
		t.Errorf("refused imports wrote %d destinations", n)
	}
	if list, _ := st.Frameworks(ctx, sid); len(list) != 0 {
		t.Errorf("refused imports wrote %d frameworks", len(list))
	}
}
