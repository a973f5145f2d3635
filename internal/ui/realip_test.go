package ui

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRealIP(t *testing.T) {
	var seen string
	h := realIP([]string{"10.0.0.5"}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = clientIP(r) }))
	cases := []struct{ remote, xff, want string }{
		{"10.0.0.5:4000", "203.0.113.9", "203.0.113.9"},          // from the proxy: its report counts
		{"10.0.0.5:4000", "1.1.1.1, 203.0.113.9", "203.0.113.9"}, // the right-most entry, the proxy's own
		{"198.51.100.7:4000", "203.0.113.9", "198.51.100.7"},     // not the proxy: header ignored
		{"10.0.0.5:4000", "", "10.0.0.5"},                        // proxy without header
		{"10.0.0.5:4000", "not-an-ip", "10.0.0.5"},               // garbage ignored
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if seen != c.want {
			t.Errorf("%s + %q → %s, want %s", c.remote, c.xff, seen, c.want)
		}
	}
	// No trusted proxies: the header is never believed.
	plain := realIP(nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = clientIP(r) }))
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.5:4000"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	plain.ServeHTTP(httptest.NewRecorder(), r)
	if seen != "10.0.0.5" {
		t.Fatalf("without trusted proxies the header was believed: %s", seen)
	}
}
