package ui

import (
	"cmp"
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Operators watch a server through its access log and /metrics. Both name
// a request by its route (the pattern of the route table, such as
// "GET /students/{id}"), so that figures add up per page and a path that
// carries a secret — a survey link's token — is never written down.

// reqInfo is filled while a request travels inward: the route by the mux
// registration, the account by the guard. accessLog reads it at the end.
type reqInfo struct {
	route string
	user  string
}

type ctxInfoKey struct{}

func infoOf(r *http.Request) *reqInfo {
	i, _ := r.Context().Value(ctxInfoKey{}).(*reqInfo)
	return i
}

// named marks a handler with its route pattern.
func named(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if i := infoOf(r); i != nil {
			i.route = pattern
		}
		h(w, r)
	}
}

// secretPath says a route's path holds a private token (a survey link, an
// error report) or a report card's verification code: it is logged as its
// pattern only.
func secretPath(route string) bool {
	return strings.Contains(route, "{token}") || strings.Contains(route, "{code}")
}

// accessLog logs one line per request: method, route, path (never the
// query: it may carry search terms such as ID numbers; never a path with a
// token), status, duration, client address and account. Probes of
// /healthz and static files are logged at DEBUG, so a load balancer's
// checks do not drown the log. It also counts the request for /metrics.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := time.Now()
		info := &reqInfo{}
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), ctxInfoKey{}, info)))
		d := time.Since(t)
		route := info.route
		switch {
		case route != "":
		case strings.HasPrefix(r.URL.Path, "/static/"):
			route = "GET /static/"
		case strings.HasPrefix(r.URL.Path, "/api/"):
			route = r.Method + " /api/v1/"
		default:
			route = "unmatched"
		}
		s.metrics.observe(r.Method, route, sw.status, d)
		path := r.URL.Path
		if secretPath(route) {
			path = route[strings.IndexByte(route, ' ')+1:]
		}
		level := slog.LevelInfo
		if route == "GET /healthz" || route == "GET /static/" || route == "GET /metrics" {
			level = slog.LevelDebug
		}
		s.log.Log(r.Context(), level, "http", "method", r.Method, "route", route, "path", path, "status", sw.status,
			"ms", d.Milliseconds(), "client", clientIP(r), "user", info.user)
	})
}

// latencyBuckets are the upper bounds, in seconds, of the request
// duration histogram: pages answer in milliseconds, exports in seconds.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type counterKey struct {
	method, route string
	code          int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

// metrics are the server's request counters and latency histograms, kept
// in memory since the process started (Prometheus computes rates).
type metrics struct {
	mu    sync.Mutex
	reqs  map[counterKey]uint64
	lat   map[string]*histogram // by route
	start time.Time
}

func newMetrics() *metrics {
	return &metrics{reqs: map[counterKey]uint64{}, lat: map[string]*histogram{}, start: time.Now()}
}

func (m *metrics) observe(method, route string, code int, d time.Duration) {
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs[counterKey{method, route, code}]++
	h := m.lat[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.lat[route] = h
	}
	h.counts[i]++
	h.sum += sec
	h.n++
}

// metricsToken, when set (ZHIJIAO_METRICS_TOKEN), lets a scraper from
// another host read /metrics with "Authorization: Bearer TOKEN"; without
// it only the loopback address may.
var metricsToken = os.Getenv("ZHIJIAO_METRICS_TOKEN")

// serveMetrics writes the Prometheus text format (version 0.0.4).
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	if !metricsAllowed(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w)
	st := s.st.DB().Stats()
	gauge(w, "zhijiao_db_open_connections", "Open database connections.", float64(st.OpenConnections))
	gauge(w, "zhijiao_db_in_use_connections", "Database connections in use.", float64(st.InUse))
	gauge(w, "zhijiao_db_idle_connections", "Idle database connections.", float64(st.Idle))
	gauge(w, "zhijiao_db_max_open_connections", "Maximum open database connections.", float64(st.MaxOpenConnections))
	counter(w, "zhijiao_db_wait_total", "Connections waited for.", float64(st.WaitCount))
	counter(w, "zhijiao_db_wait_seconds_total", "Time spent waiting for a connection.", st.WaitDuration.Seconds())
	if jobs, err := s.st.ReportJobCounts(r.Context()); err == nil {
		fmt.Fprintf(w, "# HELP zhijiao_report_jobs Batch report-card exports by state.\n# TYPE zhijiao_report_jobs gauge\n")
		for _, state := range sortedKeys(jobs) {
			fmt.Fprintf(w, "zhijiao_report_jobs{state=%q} %d\n", state, jobs[state])
		}
	} else {
		s.log.Warn("metrics: report jobs", "err", err)
	}
	gauge(w, "go_goroutines", "Goroutines.", float64(runtime.NumGoroutine()))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gauge(w, "go_memstats_heap_inuse_bytes", "Heap bytes in use.", float64(ms.HeapInuse))
	gauge(w, "process_uptime_seconds", "Seconds since the server started.", time.Since(s.metrics.start).Seconds())
}

func metricsAllowed(r *http.Request) bool {
	if metricsToken != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(got), []byte(metricsToken)) == 1 {
			return true
		}
	}
	ip := clientIP(r)
	return ip == "127.0.0.1" || ip == "::1"
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	keys := make([]counterKey, 0, len(m.reqs))
	for k := range m.reqs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b counterKey) int {
		return cmp.Or(cmp.Compare(a.route, b.route), cmp.Compare(a.method, b.method), cmp.Compare(a.code, b.code))
	})
	fmt.Fprintf(w, "# HELP zhijiao_http_requests_total HTTP requests by route and status.\n# TYPE zhijiao_http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(w, "zhijiao_http_requests_total{method=%q,route=%q,code=\"%d\"} %d\n", k.method, k.route, k.code, m.reqs[k])
	}
	fmt.Fprintf(w, "# HELP zhijiao_http_request_duration_seconds HTTP request latency by route.\n# TYPE zhijiao_http_request_duration_seconds histogram\n")
	for _, route := range sortedKeys(m.lat) {
		h := m.lat[route]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "zhijiao_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", route, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "zhijiao_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", route, h.n)
		fmt.Fprintf(w, "zhijiao_http_request_duration_seconds_sum{route=%q} %g\n", route, h.sum)
		fmt.Fprintf(w, "zhijiao_http_request_duration_seconds_count{route=%q} %d\n", route, h.n)
	}
}

func gauge(w io.Writer, name, help string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", name, help, name, name, v)
}

func counter(w io.Writer, name, help string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %g\n", name, help, name, name, v)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
