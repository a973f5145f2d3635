package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

// KPIResult is what `zhijiao bench kpi` prints.
type KPIResult struct {
	Schools, Requests int
	Users             int    // concurrent users, each sending its share of the requests one after the other
	Path              string // the page measured
	Seeded            int    // schools given outcome records by SeedOutcomes
	Setup             time.Duration
	Refresh           time.Duration // rebuilding the summaries of every school after the seed
	Page, Base        Latency       // the page, and a trivial logged-in page (/password)
	Scan              Latency       // district: the reference scan (KPIInputsBySchool) alone, sequential
	Summary           Latency       // district: the summary read (KPISummaryInputs) alone, sequential
}

// Latency is the spread of sequential requests.
type Latency struct{ P50, P95, Max time.Duration }

// Ratio is the page's p95 over the baseline's.
func (r KPIResult) Ratio() float64 { return float64(r.Page.P95) / float64(r.Base.P95) }

func latency(ds []time.Duration) Latency {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return Latency{P50: at(0.50), P95: at(0.95), Max: s[len(s)-1]}
}

func (l Latency) String() string {
	return fmt.Sprintf("p50 %6.1f ms, p95 %6.1f ms, max %6.1f ms", ms(l.P50), ms(l.P95), ms(l.Max))
}

// KPIPeriod is the period the bench asks for: from the start of the last
// school year to today, so a year of outcome records and the employer
// answers submitted today all count.
func KPIPeriod() portrait.Period {
	now := time.Now()
	y := now.Year() - 1
	if now.Month() < time.September {
		y--
	}
	return portrait.Period{From: fmt.Sprintf("%d-09-01", y), To: storage.Today()}
}

// KPI measures the 数据画像 through the real router over HTTP on loopback:
// with one school, the school's dashboard as its admin; with more, the
// district view of all of them as the platform admin. users clients (at
// least one) send requests GETs between them, each alternating with a GET
// of a trivial logged-in page (the baseline, measured in the same run). An
// empty database gets the demo (`zhijiao demo --schools N`) first; a
// database with fewer schools than asked is an error. Schools without
// outcome records get them from SeedOutcomes; then every school behind
// has its summaries rebuilt, as the server's job would.
func KPI(ctx context.Context, st *storage.Storage, schools, requests, users int, progress io.Writer) (KPIResult, error) {
	res := KPIResult{Schools: max(1, schools), Requests: requests, Users: max(1, users)}
	start := time.Now()
	p := KPIPeriod()
	list, err := kpiSchools(ctx, st, res.Schools, portrait.Period{From: p.From}, &res.Seeded, progress)
	if err != nil {
		return res, err
	}
	res.Setup = time.Since(start)
	t0 := time.Now()
	if _, err := st.RefreshKPISummaries(ctx); err != nil {
		return res, err
	}
	res.Refresh = time.Since(t0)
	if st.Dialect() == storage.Postgres {
		// As autovacuum would soon after: statistics of the fresh summaries.
		if _, err := st.DB().ExecContext(ctx, `ANALYZE kpi_summaries`); err != nil {
			return res, err
		}
	}

	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return res, err
	}
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 2*res.Users + 2}
	defer tr.CloseIdleConnections()
	user := "admin@" + list[0].Code
	res.Path = "/kpi?p=custom&from=" + p.From + "&to=" + p.To
	if res.Schools > 1 {
		user = "root"
		res.Path = "/district?from=" + p.From + "&to=" + p.To
	}
	cl, err := login(site, tr, user, demo.Password)
	if err != nil {
		return res, err
	}
	g := pageTimer{cl: cl, base: site.URL}
	for range 5 { // warm caches and connections, as a page that has been opened before
		if _, err := g.get(res.Path); err != nil {
			return res, err
		}
		if _, err := g.get("/password"); err != nil {
			return res, err
		}
	}
	if res.Page, res.Base, err = g.concurrent(res.Path, requests, res.Users); err != nil {
		return res, err
	}
	if res.Schools > 1 {
		res.Scan, res.Summary, err = kpiReads(ctx, st, list, p)
	}
	return res, err
}

// concurrent has users clients send n GETs of path between them, each
// followed by a GET of the baseline page, and returns both spreads.
func (g pageTimer) concurrent(path string, n, users int) (page, base Latency, err error) {
	var mu sync.Mutex
	var pages, bases []time.Duration
	errs := make([]error, users)
	var wg sync.WaitGroup
	for u := range users {
		share := n/users + bool2int(u < n%users)
		wg.Go(func() {
			for range share {
				d, err := g.get(path)
				if err != nil {
					errs[u] = err
					return
				}
				b, err := g.get("/password")
				if err != nil {
					errs[u] = err
					return
				}
				mu.Lock()
				pages, bases = append(pages, d), append(bases, b)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return page, base, err
	}
	return latency(pages), latency(bases), nil
}

func bool2int(b bool) int {
	if b {
		return 1
	}
	return 0
}

// kpiReads times the district's two reads alone, one after the other, 20
// times each: the reference scan and the summaries. Round trips and rows
// differ, not only time: the scan reads every record of the period.
func kpiReads(ctx context.Context, st *storage.Storage, list []model.School, p portrait.Period) (scan, sum Latency, err error) {
	ids := make([]int64, len(list))
	for i, sc := range list {
		ids[i] = sc.ID
	}
	var a, b []time.Duration
	for range 20 {
		t0 := time.Now()
		if _, err := st.KPIInputsBySchool(ctx, ids, p); err != nil {
			return scan, sum, err
		}
		a = append(a, time.Since(t0))
		t0 = time.Now()
		if _, _, err := st.KPISummaryInputsUncached(ctx, ids, p); err != nil {
			return scan, sum, err
		}
		b = append(b, time.Since(t0))
	}
	return latency(a), latency(b), nil
}

// kpiSchools returns the first n schools, generating the demo into an
// empty database, and gives those without outcome records a year of them
// (counted in seeded) starting with year.
func kpiSchools(ctx context.Context, st *storage.Storage, n int, year portrait.Period, seeded *int, progress io.Writer) ([]model.School, error) {
	list, err := st.Schools(ctx, 0)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		out, err := demo.Generate(ctx, st, demo.Options{Schools: n}, progress)
		if err != nil {
			return nil, err
		}
		list = out.Schools
	}
	if len(list) < n {
		return nil, fmt.Errorf("数据库中只有 %d 所学校，请先在空库上运行 zhijiao demo --schools %d", len(list), n)
	}
	list = list[:n]
	for i, sc := range list {
		ok, err := SeedOutcomes(ctx, st, sc, year)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.Code, err)
		}
		if ok {
			*seeded++
		}
		if progress != nil && (i+1)%10 == 0 {
			fmt.Fprintf(progress, "  已准备 %d/%d 所学校 / %d schools ready\n", i+1, len(list), i+1)
		}
	}
	if st.Dialect() == storage.Postgres {
		// What autovacuum does soon after a load: fresh statistics and the
		// visibility map, without which no index-only scan is possible.
		if _, err := st.DB().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// pageTimer times logged-in GETs of the site.
type pageTimer struct {
	cl   *http.Client
	base string
}

// get times one GET of path; a status other than 200, or a dashboard
// path whose answer has no dashboard, is an error.
func (g pageTimer) get(path string) (time.Duration, error) {
	t0 := time.Now()
	resp, err := g.cl.Get(g.base + path)
	if err != nil {
		return 0, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if resp.StatusCode != http.StatusOK {
		return d, fmt.Errorf("GET %s: %d", path, resp.StatusCode)
	}
	if strings.HasPrefix(path, "/kpi") && !strings.Contains(string(body), `data-chart="chart-awards"`) {
		return d, fmt.Errorf("GET %s: no dashboard in the answer", path)
	}
	if strings.HasPrefix(path, "/district") && !strings.Contains(string(body), "data-as-of") {
		return d, fmt.Errorf("GET %s: no 数据截至 line in the answer", path)
	}
	return d, nil
}
