package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// syncBuffer is a log sink the server's goroutines may write at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The access log is one JSON object per request with route, client and
// account; probes are not logged at INFO; a survey link's token never
// reaches the log. /metrics answers the loopback in Prometheus's format
// and refuses other addresses.
func TestAccessLogAndMetrics(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "ops", false)
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	h, err := ui.New(context.Background(), st, ui.Options{Logger: logger, TrustedProxies: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	s := &site{st: st, srv: srv, a: f}
	get := func(c *http.Client, path string, hdr map[string]string) (int, string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for range 3 {
		if code, _ := get(http.DefaultClient, "/healthz", nil); code != 200 {
			t.Fatalf("healthz %d", code)
		}
	}
	const secret = "k7Qz1secretsurveytoken0000000000"
	get(http.DefaultClient, "/s/"+secret, nil)
	admin := s.login(t, "admin@ops")
	if code, _ := get(admin.http, "/students", nil); code != 200 {
		t.Fatalf("students %d", code)
	}

	text := logs.String()
	if strings.Contains(text, secret) {
		t.Fatalf("a survey token reached the log:\n%s", text)
	}
	var sawStudents, sawSurvey bool
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		if e["msg"] != "http" {
			continue
		}
		switch e["route"] {
		case "GET /healthz":
			t.Fatalf("a health probe was logged at %v", e["level"])
		case "GET /students":
			sawStudents = e["user"] == "admin@ops" && e["client"] == "127.0.0.1" && e["status"] == float64(200)
		case "GET /s/{token}":
			sawSurvey = e["path"] == "/s/{token}"
		}
	}
	if !sawStudents || !sawSurvey {
		t.Fatalf("log lacks the students page with account and client, or the survey by its pattern:\n%s", text)
	}

	code, body := get(http.DefaultClient, "/metrics", nil)
	if code != 200 {
		t.Fatalf("metrics from the loopback: %d", code)
	}
	for _, want := range []string{
		`zhijiao_http_requests_total{method="GET",route="GET /healthz",code="200"} 3`,
		`zhijiao_http_request_duration_seconds_bucket{route="GET /students",le="+Inf"} 1`,
		`# TYPE zhijiao_http_request_duration_seconds histogram`,
		`zhijiao_db_open_connections `,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("metrics lack %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, secret) {
		t.Fatal("a survey token is a metrics label")
	}
	// Through the trusted proxy for another client: refused.
	if code, _ := get(http.DefaultClient, "/metrics", map[string]string{"X-Forwarded-For": "203.0.113.9"}); code != http.StatusForbidden {
		t.Fatalf("metrics for a remote client: %d", code)
	}
}
