package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

// SubmitResult is what `zhijiao bench submit` prints.
type SubmitResult struct {
	Students int
	Load     LoadResult
	Expected int // ratings that must be stored afterwards
	Counted  int // ratings found in the database afterwards
	Login    time.Duration
	Rate     float64 // offered submissions per second (0: all at once)
	// Provisional is save → provisional result stored, per student saved
	// (the worker of evalrun.Provisional), measured in the same run.
	Provisional struct {
		N        int
		P50, P99 time.Duration
	}
	// Pool is what the database pool did during the load: connections
	// waited for, and closed for want of idle room (then reopened).
	Pool struct {
		WaitCount     int64
		WaitDuration  time.Duration
		MaxIdleClosed int64
	}
}

// Submit measures rating submission under load: a demo school with its
// evaluation open, students logged in through the real login page, then
// every student submits all their peer forms through HTTP on loopback, all
// students active at once. rate is the offered load in submissions per
// second (each student pauses between forms as a person does); 0 sends
// every form back to back, which measures the server's capacity.
// Afterwards every rating is counted in the database: nothing may be lost.
func Submit(ctx context.Context, st *storage.Storage, schoolStudents, clients int, rate float64) (SubmitResult, error) {
	res := SubmitResult{}
	sb, err := prepareSubmit(ctx, st, schoolStudents, clients)
	if err != nil {
		return res, err
	}
	defer sb.close()
	res.Login, res.Students = sb.login, len(sb.jobs)
	clientsList := make([]*http.Client, len(sb.jobs))
	for i, j := range sb.jobs {
		clientsList[i] = j.client
		res.Expected += len(j.paths) * sb.perForm
	}
	var pace time.Duration
	if rate > 0 {
		pace = time.Duration(float64(len(clientsList)) / rate * float64(time.Second))
	}
	res.Rate = rate
	pool0 := st.DB().Stats()
	res.Load = Load(ctx, clientsList, pace, func(c, i int) *http.Request {
		if i >= len(sb.jobs[c].paths) {
			return nil
		}
		return sb.request(sb.jobs[c].paths[i])
	}, submitted)
	pool1 := st.DB().Stats()
	res.Pool.WaitCount, res.Pool.WaitDuration, res.Pool.MaxIdleClosed = pool1.WaitCount-pool0.WaitCount, pool1.WaitDuration-pool0.WaitDuration, pool1.MaxIdleClosed-pool0.MaxIdleClosed
	sb.srv.Provisional().Wait()
	res.Provisional.N, res.Provisional.P50, res.Provisional.P99 = sb.srv.Provisional().Latency()
	res.Counted, err = st.RatingCount(ctx, sb.school, sb.cycle)
	return res, err
}

// submitted is a stored form's answer: the redirect to the next task.
func submitted(r *http.Response) bool { return r.StatusCode == http.StatusSeeOther }

// submitBench is a prepared run: the demo school with its open cycle, the
// real site on loopback and every student logged in.
type submitBench struct {
	school, cycle int64
	site          *httptest.Server
	srv           *ui.Server
	tr            *http.Transport
	jobs          []submitJob
	body          string // one peer form, all indicators answered
	perForm       int    // ratings one form stores
	login         time.Duration
}

func (sb *submitBench) close() {
	sb.tr.CloseIdleConnections()
	sb.site.Close()
}

// request is the POST of the peer form to one rating page.
func (sb *submitBench) request(path string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, sb.site.URL+path, strings.NewReader(sb.body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// prepareSubmit builds the demo school and logs clients students in.
func prepareSubmit(ctx context.Context, st *storage.Storage, schoolStudents, clients int) (*submitBench, error) {
	out, err := demo.Generate(ctx, st, demo.Options{SchoolCode: "submitbench", SchoolName: "提交基准学校", Students: schoolStudents, Seed: EvalSeed, Bare: true}, nil)
	if err != nil {
		return nil, err
	}
	sid := out.Schools[0].ID
	cycles, err := st.Cycles(ctx, sid, 0)
	if err != nil || len(cycles) == 0 {
		return nil, fmt.Errorf("demo school has no open cycle: %v", err)
	}
	c := cycles[0]
	f, err := st.Framework(ctx, sid, c.FrameworkID)
	if err != nil {
		return nil, err
	}
	codes := eval.IndicatorsFor(f, model.RaterPeer)
	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return nil, err
	}
	sb := &submitBench{school: sid, cycle: c.ID, srv: srv, site: httptest.NewServer(srv.Handler()), body: peerForm(f, codes).Encode(), perForm: len(codes),
		// One pool of keep-alive connections for all simulated phones, as
		// many real phones each keep their own connection open.
		tr: &http.Transport{MaxIdleConns: 2 * clients, MaxIdleConnsPerHost: 2 * clients, IdleConnTimeout: time.Minute}}
	students, _, err := st.Students(ctx, sid, storage.StudentFilter{ListQuery: model.ListQuery{PerPage: min(clients, model.MaxPerPage)}, Status: model.StatusEnrolled})
	if err != nil {
		sb.close()
		return nil, err
	}
	t0 := time.Now()
	if sb.jobs, err = loginStudents(ctx, st, sb.site, sb.tr, sid, c.ID, students); err != nil {
		sb.close()
		return nil, err
	}
	sb.login = time.Since(t0)
	return sb, nil
}

// peerForm is the rating form a classmate submits: an answer for every
// indicator peers rate.
func peerForm(f model.Framework, codes []string) url.Values {
	form := url.Values{}
	for _, ind := range eval.Indicators(f) {
		for _, code := range codes {
			if ind.Code == code {
				form.Set("v_"+code, answer(ind))
			}
		}
	}
	return form
}

// submitJob is one simulated phone: its logged-in client and the rating
// pages it will post to.
type submitJob struct {
	client *http.Client
	paths  []string
}

// loginStudents logs every student in (eight at a time) and lists the
// classmates each is to rate; it returns the first error met.
func loginStudents(ctx context.Context, st *storage.Storage, site *httptest.Server, tr http.RoundTripper, sid, cycleID int64, students []model.Student) ([]submitJob, error) {
	jobs := make([]submitJob, len(students))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 8)
	for i, s := range students {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, s model.Student) {
			defer wg.Done()
			defer func() { <-sem }()
			cl, err := login(site, tr, s.StudentNo+"@submitbench", demo.Password)
			if err == nil {
				var tasks []storage.RaterTask
				tasks, err = st.TasksForRater(ctx, sid, cycleID, model.RaterPeer, s.ID)
				for _, t := range tasks {
					jobs[i].paths = append(jobs[i].paths, "/rate/"+strconv.FormatInt(cycleID, 10)+"/peer/"+strconv.FormatInt(t.StudentID, 10))
				}
			}
			jobs[i].client = cl
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}(i, s)
	}
	wg.Wait()
	return jobs, firstErr
}

func answer(ind model.Indicator) string {
	switch ind.Scale.Kind {
	case model.ScaleRating5:
		return "4"
	case model.ScaleLevels:
		return ind.Scale.Levels[1].Name
	}
	return "85"
}

// login signs in through the real login page and returns a client that
// keeps the session cookie and does not follow redirects.
func login(site *httptest.Server, tr http.RoundTripper, username, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport: tr}
	resp, err := cl.PostForm(site.URL+"/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return nil, fmt.Errorf("login %s: %d", username, resp.StatusCode)
	}
	return cl, nil
}
