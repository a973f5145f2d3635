package ui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// expect fails the test unless a response has the status and contains
// every string of has.
func expect(t *testing.T, what string, code, want int, body string, has ...string) {
	t.Helper()
	if code != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, code, want, snippet(body))
	}
	for _, h := range has {
		if !strings.Contains(body, h) {
			t.Fatalf("%s: body lacks %q\n%s", what, h, snippet(body))
		}
	}
}

// lacks fails the test if body contains any of the strings.
func lacks(t *testing.T, what, body string, not ...string) {
	t.Helper()
	for _, n := range not {
		if strings.Contains(body, n) {
			t.Fatalf("%s: body shows %q", what, n)
		}
	}
}

func snippet(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 1500 {
		body = body[:1500]
	}
	return body
}

var secretRe = regexp.MustCompile(`<code id="(?:secret|token)">([^<]+)</code>`)

// secretOf extracts the one-time password or token from a result page.
func secretOf(t *testing.T, body string) string {
	t.Helper()
	m := secretRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no secret on the page\n%s", snippet(body))
	}
	return m[1]
}

// loginWith signs in with a given password and returns the client and
// where the site sent it.
func (s *site) loginWith(t *testing.T, username, password string) (*client, int, string) {
	t.Helper()
	c := s.anon(t)
	code, _, loc := c.postForm("/login", url.Values{"username": {username}, "password": {password}})
	return c, code, loc
}

// forbidden checks that each GET path answers 403 for c.
func forbidden(t *testing.T, who string, c *client, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if code, _ := c.get(p); code != http.StatusForbidden {
			t.Errorf("%s GET %s: %d, want 403", who, p, code)
		}
	}
}

// notFound checks that each GET path answers 404 for c.
func notFound(t *testing.T, who string, c *client, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if code, _ := c.get(p); code != http.StatusNotFound {
			t.Errorf("%s GET %s: %d, want 404", who, p, code)
		}
	}
}
