package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
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
	Path              string // the page measured
	Seeded            int    // schools given outcome records by SeedOutcomes
	Setup             time.Duration
	Page, Base        Latency // the page, and a trivial logged-in page (/password)
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
// district view of all of them as the platform admin. Each of requests
// GETs is sent one after the other, alternating with a GET of a trivial
// logged-in page (the baseline, measured in the same run). An empty
// database gets the demo (`zhijiao demo --schools N`) first; a database
// with fewer schools than asked is an error. Schools without outcome
// records get them from SeedOutcomes.
func KPI(ctx context.Context, st *storage.Storage, schools, requests int, progress io.Writer) (KPIResult, error) {
	res := KPIResult{Schools: max(1, schools), Requests: requests}
	start := time.Now()
	p := KPIPeriod()
	list, err := kpiSchools(ctx, st, res.Schools, portrait.Period{From: p.From}, &res.Seeded, progress)
	if err != nil {
		return res, err
	}
	res.Setup = time.Since(start)

	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return res, err
	}
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 4}
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
	page := make([]time.Duration, 0, requests)
	base := make([]time.Duration, 0, requests)
	for range requests {
		d, err := g.get(res.Path)
		if err != nil {
			return res, err
		}
		page = append(page, d)
		if d, err = g.get("/password"); err != nil {
			return res, err
		}
		base = append(base, d)
	}
	res.Page, res.Base = latency(page), latency(base)
	return res, nil
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
	return d, nil
}
