package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sort"
	"sync"
	"time"
)

// LoadResult is what a load run measured.
type LoadResult struct {
	Requests  int
	Errors    int
	FirstErr  string
	Elapsed   time.Duration
	P50, P99  time.Duration
	Max       time.Duration
	PerSecond float64 // all requests ÷ the whole run, ramp-up and tail included
	// Sustained is the rate over the middle 80% of completions (from the
	// 10th to the 90th percentile completion time): what the server keeps
	// up while every user is active, without the ramp-up and the tail.
	Sustained float64
}

func (r LoadResult) String() string {
	return fmt.Sprintf("%d 次请求 / requests, %d 错误 / errors, 持续 %.0f 次/秒 / sustained per s（全程平均 %.0f / overall）, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
		r.Requests, r.Errors, r.Sustained, r.PerSecond, ms(r.P50), ms(r.P99), ms(r.Max))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Load runs clients concurrently, each sending its own requests in order
// (one simulated user each: a phone submitting its forms one after the
// other), and measures every response. next(client, i) returns that
// client's i-th request or nil when it has no more; ok decides whether a
// response counts as a success. pace is a user's mean think time between
// two forms (uniform in [0, 2·pace), also before the first), so the offered
// load is len(clients)/pace requests per second, as real users arrive;
// pace 0 sends back to back. Bounded: every client stops at its last
// request or when ctx ends, and only loopback targets are used by callers.
func Load(ctx context.Context, clients []*http.Client, pace time.Duration, next func(c, i int) *http.Request, ok func(*http.Response) bool) LoadResult {
	var mu sync.Mutex
	var lat []time.Duration
	var done []time.Duration // completion times since start
	res := LoadResult{}
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 11))
			for i := 0; ctx.Err() == nil; i++ {
				req := next(c, i)
				if req == nil {
					return
				}
				if pace > 0 {
					select {
					case <-time.After(time.Duration(rng.Int64N(int64(2 * pace)))):
					case <-ctx.Done():
						return
					}
				}
				t := time.Now()
				resp, err := clients[c].Do(req.WithContext(ctx))
				d := time.Since(t)
				good := err == nil && ok(resp)
				msg := ""
				if err != nil {
					msg = err.Error()
				} else {
					if !good {
						b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
						msg = fmt.Sprintf("%d %s", resp.StatusCode, b)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				lat = append(lat, d)
				done = append(done, time.Since(start))
				res.Requests++
				if !good {
					res.Errors++
					if res.FirstErr == "" {
						res.FirstErr = msg
					}
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	if len(lat) == 0 {
		return res
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	res.P50 = lat[len(lat)/2]
	res.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
	res.Max = lat[len(lat)-1]
	res.PerSecond = float64(res.Requests) / res.Elapsed.Seconds()
	sort.Slice(done, func(i, j int) bool { return done[i] < done[j] })
	lo, hi := len(done)/10, len(done)*9/10
	if hi > lo && done[hi-1] > done[lo] {
		res.Sustained = float64(hi-1-lo) / (done[hi-1] - done[lo]).Seconds()
	} else {
		res.Sustained = res.PerSecond
	}
	return res
}
