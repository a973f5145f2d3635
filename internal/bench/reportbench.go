package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/report"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

// ReportResult is what `zhijiao bench report` prints.
type ReportResult struct {
	Students int           // cards rendered
	Setup    time.Duration // demo school, ratings, recompute, 公示
	Load     time.Duration // building every card from the database (codes issued)
	Render   time.Duration // rendering every card to PDF (RenderMany)
	Bytes    int64         // all PDFs together
	Workers  int
	One      time.Duration // one card alone, one goroutine (median)
	Runs     int

	// Chromium printing the same student's printable page; zero when
	// Skipped says why not.
	Chromium    time.Duration // median per report, a new process per card (cold)
	ChromiumPDF int64
	Skipped     string
	// Warm is the fair anchor: one Chromium started once, printing each
	// card's page over CDP (Page.printToPDF) in the same tab after a
	// warm-up; median per card, navigation included.
	Warm    time.Duration
	WarmPDF int64

	// LoadAvg is the machine's load average when rendering ended
	// (/proc/loadavg; "" where there is none): the figures are wall-clock
	// times on a machine that may be shared.
	LoadAvg string
}

// PerSecond is report PDFs rendered per second.
func (r ReportResult) PerSecond() float64 { return float64(r.Students) / r.Render.Seconds() }

// PerReport is the render time per report at full throughput.
func (r ReportResult) PerReport() time.Duration {
	return r.Render / time.Duration(max(1, r.Students))
}

// Ratio is Chromium's time per report over ours (throughput).
func (r ReportResult) Ratio() float64 { return float64(r.Chromium) / float64(r.PerReport()) }

// RatioOne is Chromium's time per report over one card rendered alone.
func (r ReportResult) RatioOne() float64 { return float64(r.Chromium) / float64(r.One) }

// WarmRatio is the warm browser's time per card over ours (throughput).
func (r ReportResult) WarmRatio() float64 { return float64(r.Warm) / float64(r.PerReport()) }

// WarmRatioOne is the warm browser's time per card over one card alone.
func (r ReportResult) WarmRatioOne() float64 { return float64(r.Warm) / float64(r.One) }

// ChromiumPath is ZHIJIAO_CHROMIUM or the first chromium on PATH; "" when
// there is none.
func ChromiumPath() string {
	if p := os.Getenv("ZHIJIAO_CHROMIUM"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Report builds a demo school of n students with computed and publicised
// results (every rating task rated, head teachers' comments), then builds
// and renders every student's report card the way the batch export does,
// and, in the same run, has headless Chromium print the same student's
// printable report page served by the real site in this process, runs
// times each (median).
func Report(ctx context.Context, st *storage.Storage, n, runs int, chromium string) (ReportResult, error) {
	res := ReportResult{Runs: runs, Workers: runtime.GOMAXPROCS(0)}
	t0 := time.Now()
	code := "reportbench"
	sid, c, err := PublicisedSchool(ctx, st, code, "报告单基准学校", n)
	if err != nil {
		return res, err
	}
	students, err := st.CycleResults(ctx, sid, c.ID, 0)
	if err != nil {
		return res, err
	}
	res.Setup = time.Since(t0)

	// The site, for the printable page; its address goes into the QR codes.
	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return res, err
	}
	site := httptest.NewServer(srv.Handler())
	defer site.Close()

	t1 := time.Now()
	l := &reportcard.Loader{St: st, VerifyBase: site.URL}
	cards := make([]report.Card, 0, len(students))
	for _, s := range students {
		card, err := l.Card(ctx, sid, c, s.StudentID)
		if err != nil {
			return res, fmt.Errorf("card of student %d: %w", s.StudentID, err)
		}
		cards = append(cards, card)
	}
	res.Load = time.Since(t1)
	res.Students = len(cards)
	if res.Students == 0 {
		return res, errors.New("no results to print")
	}
	if err := renderCards(&res, cards, runs); err != nil {
		return res, err
	}
	if chromium == "" {
		res.Skipped = "未找到 Chromium（设置 ZHIJIAO_CHROMIUM 或安装 chromium）/ no Chromium found (set ZHIJIAO_CHROMIUM or install chromium)"
		return res, nil
	}
	front, err := loggedInProxy(site, "admin@"+code)
	if err != nil {
		return res, err
	}
	defer front.Close()
	// The cold anchor prints the first student of the school; the warm
	// one prints a different student's page each time, as a batch would.
	pages := make([]string, len(students))
	for i, s := range students {
		pages[i] = front.URL + fmt.Sprintf("/reports/%d/students/%d", c.ID, s.StudentID)
	}
	if err := chromiumTimes(ctx, &res, pages[0], chromium, runs); err != nil {
		return res, err
	}
	err = warmChromiumTimes(ctx, &res, pages, chromium, runs)
	return res, err
}

// renderCards times rendering every card with all workers, and the first
// card alone runs times (its median goes into res.One).
func renderCards(res *ReportResult, cards []report.Card, runs int) error {
	t2 := time.Now()
	err := report.RenderMany(cards, res.Workers, func(i int, pdf []byte) error {
		res.Bytes += int64(len(pdf))
		return nil
	})
	res.Render = time.Since(t2)
	if err != nil {
		return err
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			res.LoadAvg = strings.Join(f[:3], " ")
		}
	}
	var ones []time.Duration
	for range runs {
		t := time.Now()
		if err := report.RenderCard(discard{}, cards[0]); err != nil {
			return err
		}
		ones = append(ones, time.Since(t))
	}
	res.One = median(ones)
	return nil
}

// loggedInProxy is a pass-through proxy to the site that adds user's
// session cookie: Chromium has no way to log in from the command line, so
// it prints through this proxy and the page is rendered by the real
// handler on every request.
func loggedInProxy(site *httptest.Server, user string) (*httptest.Server, error) {
	cl, err := login(site, http.DefaultTransport, user, demo.Password)
	if err != nil {
		return nil, err
	}
	target, _ := url.Parse(site.URL)
	cookies := cl.Jar.Cookies(target)
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		// Keep the browser's Host and client address, as the page would
		// see them behind a plain single-host proxy.
		pr.Out.Host = pr.In.Host
		pr.SetXForwarded()
		for _, ck := range cookies {
			pr.Out.AddCookie(ck)
		}
	}}
	return httptest.NewServer(proxy), nil
}

// chromiumTimes prints page with a new Chromium process runs times and
// keeps the median in res.Chromium.
func chromiumTimes(ctx context.Context, res *ReportResult, page, chromium string, runs int) error {
	dir, err := os.MkdirTemp("", "zhijiao-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var times []time.Duration
	for i := range runs {
		outPDF := filepath.Join(dir, fmt.Sprintf("card-%d.pdf", i))
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
			"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+outPDF, page)
		t := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("chromium: %v: %s", err, b)
		}
		times = append(times, time.Since(t))
		fi, err := os.Stat(outPDF)
		if err != nil {
			return fmt.Errorf("chromium wrote no PDF: %w", err)
		}
		res.ChromiumPDF = fi.Size()
	}
	res.Chromium = median(times)
	return nil
}

// PublicisedSchool generates a demo school of n students (accounts
// <role>@code, password demo.Password) whose term evaluation is rated by
// every task, with a head teacher's comment per student, computed and
// publicised. It returns the school and the cycle.
func PublicisedSchool(ctx context.Context, st *storage.Storage, code, name string, n int) (int64, storage.EvalCycle, error) {
	p, err := publicisedSchool(ctx, st, code, name, n)
	return p.school, p.cycle, err
}

// publicised is what publicisedSchool made: the demo's result (its
// logins), the cycle, its organisation and how many ratings it holds.
type publicised struct {
	out     *demo.Result
	school  int64
	cycle   storage.EvalCycle
	org     eval.TaskInput
	ratings int
}

func publicisedSchool(ctx context.Context, st *storage.Storage, code, name string, n int) (publicised, error) {
	p, err := computedSchool(ctx, st, code, name, n)
	if err != nil {
		return p, err
	}
	if err := st.MoveCycle(ctx, p.school, model.SystemActor, p.cycle.ID, model.CyclePublicised, true); err != nil {
		return p, err
	}
	p.cycle, err = st.Cycle(ctx, p.school, p.cycle.ID)
	return p, err
}

// computedSchool is publicisedSchool before the 公示: the cycle is
// computed, so a recompute may run again.
func computedSchool(ctx context.Context, st *storage.Storage, code, name string, n int) (publicised, error) {
	var p publicised
	out, err := demo.Generate(ctx, st, demo.Options{SchoolCode: code, SchoolName: name, Students: n, Seed: EvalSeed, Bare: true}, nil)
	if err != nil {
		return p, err
	}
	sid, a := out.Schools[0].ID, model.SystemActor
	p.out, p.school = out, sid
	cycles, err := st.Cycles(ctx, sid, 0)
	if err != nil || len(cycles) == 0 {
		return p, fmt.Errorf("demo school has no open cycle: %v", err)
	}
	c := cycles[0]
	f, err := st.Framework(ctx, sid, c.FrameworkID)
	if err != nil {
		return p, err
	}
	if p.org, err = st.EvalOrganisation(ctx, sid, c); err != nil {
		return p, err
	}
	ratings := GenerateRatings(f, p.org, EvalSeed)
	p.ratings = len(ratings)
	commented := map[int64]bool{}
	for i := range ratings {
		r := &ratings[i]
		if r.RaterRole == model.RaterHeadTeacher && !commented[r.StudentID] {
			r.Comment = "该生本学期学习态度端正，能按时完成实训任务，与同学相处融洽；希望在专业技能上继续钻研，争取更好成绩。"
			commented[r.StudentID] = true
		}
	}
	if err := st.LoadRatings(ctx, sid, a, c.ID, ratings); err != nil {
		return p, err
	}
	if err := st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, true); err != nil {
		return p, err
	}
	if _, err := evalrun.Recompute(ctx, st, sid, a, c.ID); err != nil {
		return p, err
	}
	p.cycle, err = st.Cycle(ctx, sid, c.ID)
	return p, err
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
