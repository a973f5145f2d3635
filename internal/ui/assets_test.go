package ui_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"zhijiao/internal/testdb"
)

// Pages name static files with their fingerprint; a fingerprinted file is
// cached for a year, text is sent gzip-compressed to browsers that take
// it, and a browser holding the file gets 304.
func TestStaticAssetsFingerprintedAndCompressed(t *testing.T) {
	s := newSite(t, testdb.SQLite(t))
	c := s.login(t, "admin@a1")
	_, page := c.get("/kpi")
	m := regexp.MustCompile(`"(/static/vendor/echarts/echarts\.min\.js\?v=[0-9a-f]{12})"`).FindStringSubmatch(page)
	if m == nil || strings.Contains(page, `"/static/app.css"`) {
		t.Fatalf("the page does not fingerprint its static files")
	}
	get := func(path string, hdr map[string]string) *http.Response {
		req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	resp := get(m[1], map[string]string{"Accept-Encoding": "gzip"})
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("fingerprinted echarts: %d %q %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if len(body)*2 > len(plain) || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("compressed %d of %d bytes, type %q", len(body), len(plain), resp.Header.Get("Content-Type"))
	}
	t.Logf("echarts: %d bytes sent for %d", len(body), len(plain))
	if r := get(m[1], map[string]string{"If-None-Match": resp.Header.Get("ETag")}); r.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %d", r.StatusCode)
	}
	if r := get("/static/app.css", nil); r.StatusCode != 200 || strings.Contains(r.Header.Get("Cache-Control"), "immutable") || r.Header.Get("Content-Encoding") != "" {
		t.Fatalf("unversioned app.css without gzip: %d %q %q", r.StatusCode, r.Header.Get("Cache-Control"), r.Header.Get("Content-Encoding"))
	}
	if r := get("/static/nosuch.js", nil); r.StatusCode != 404 {
		t.Fatalf("missing file: %d", r.StatusCode)
	}
}
