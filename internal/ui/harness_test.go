package ui_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}

// site is the real router over a real database with two fixture schools:
// "a1" (with the platform admin) and "b1".
type site struct {
	st   *storage.Storage
	srv  *httptest.Server
	a, b *testfix.School
}

func newSite(t *testing.T, st *storage.Storage) *site {
	t.Helper()
	s := &site{st: st}
	s.a = testfix.Build(t, st, "a1", true)
	s.b = testfix.Build(t, st, "b1", false)
	h, err := ui.New(context.Background(), st, ui.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewServer(h.Handler())
	t.Cleanup(s.srv.Close)
	return s
}

// client is one browser: a cookie jar and no automatic redirects, so tests
// see the redirects the site sends.
type client struct {
	t    *testing.T
	http *http.Client
	base string
}

func (s *site) anon(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: s.srv.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login signs in as username with the fixture password and fails the test
// unless the site redirects away from the login page.
func (s *site) login(t *testing.T, username string) *client {
	t.Helper()
	c := s.anon(t)
	st, _, loc := c.postForm("/login", url.Values{"username": {username}, "password": {testfix.Password}})
	if st != http.StatusSeeOther || strings.HasPrefix(loc, "/login") {
		t.Fatalf("login %s: status %d → %q", username, st, loc)
	}
	return c
}

func (c *client) do(req *http.Request) (int, string, string) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	st, body, _ := c.do(req)
	return st, body
}

// postForm sends a same-origin form POST (what a browser sends from the
// site's own pages).
func (c *client) postForm(path string, form url.Values) (int, string, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func (c *client) postFile(path, name string, data []byte) (int, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	st, body, _ := c.do(req)
	return st, body
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
