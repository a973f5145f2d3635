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
	out, err := demo.Generate(ctx, st, demo.Options{SchoolCode: "submitbench", SchoolName: "提交基准学校", Students: schoolStudents, Seed: EvalSeed, Bare: true}, nil)
	if err != nil {
		return res, err
	}
	sid := out.Schools[0].ID
	cycles, err := st.Cycles(ctx, sid, 0)
	if err != nil || len(cycles) == 0 {
		return res, fmt.Errorf("demo school has no open cycle: %v", err)
	}
	c := cycles[0]
	f, err := st.Framework(ctx, sid, c.FrameworkID)
	if err != nil {
		return res, err
	}
	codes := eval.IndicatorsFor(f, model.RaterPeer)
	form := peerForm(f, codes)
	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return res, err
	}
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	// One pool of keep-alive connections for all simulated phones, as many
	// real phones each keep their own connection open.
	tr := &http.Transport{MaxIdleConns: 2 * clients, MaxIdleConnsPerHost: 2 * clients, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()

	students, _, err := st.Students(ctx, sid, storage.StudentFilter{ListQuery: model.ListQuery{PerPage: min(clients, model.MaxPerPage)}, Status: model.StatusEnrolled})
	if err != nil {
		return res, err
	}
	t0 := time.Now()
	jobs, err := loginStudents(ctx, st, site, tr, sid, c.ID, students)
	if err != nil {
		return res, err
	}
	res.Login = time.Since(t0)
	res.Students = len(students)
	clientsList := make([]*http.Client, len(jobs))
	for i, j := range jobs {
		clientsList[i] = j.client
		res.Expected += len(j.paths) * len(codes)
	}
	body := form.Encode()
	var pace time.Duration
	if rate > 0 {
		pace = time.Duration(float64(len(clientsList)) / rate * float64(time.Second))
	}
	res.Rate = rate
	res.Load = Load(ctx, clientsList, pace, func(c, i int) *http.Request {
		if i >= len(jobs[c].paths) {
			return nil
		}
		req, _ := http.NewRequest(http.MethodPost, site.URL+jobs[c].paths[i], strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		return req
	}, func(r *http.Response) bool { return r.StatusCode == http.StatusSeeOther })
	res.Counted, err = st.RatingCount(ctx, sid, c.ID)
	return res, err
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
