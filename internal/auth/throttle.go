package auth

import (
	"sync"
	"time"
)

// Throttle limits login attempts per client address: at most Max failures
// in Window, after which the address is refused until the window passes.
// Per-account locking lives in the database (users.locked_until), so it
// holds across processes; per-address limits are in memory, which is enough
// to slow a guesser down and costs nothing to keep.
type Throttle struct {
	Max    int
	Window time.Duration
	mu     sync.Mutex
	seen   map[string][]time.Time
}

// NewThrottle makes a limiter.
func NewThrottle(max int, window time.Duration) *Throttle {
	return &Throttle{Max: max, Window: window, seen: map[string][]time.Time{}}
}

func (t *Throttle) recent(key string, now time.Time) []time.Time {
	xs := t.seen[key]
	i := 0
	for i < len(xs) && now.Sub(xs[i]) > t.Window {
		i++
	}
	xs = xs[i:]
	if len(xs) == 0 {
		delete(t.seen, key)
	} else {
		t.seen[key] = xs
	}
	return xs
}

// Blocked reports whether key is over its limit and, if so, for how long.
func (t *Throttle) Blocked(key string) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	xs := t.recent(key, now)
	if len(xs) >= t.Max {
		return true, t.Window - now.Sub(xs[0])
	}
	return false, 0
}

// Fail records a failed attempt.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.seen[key] = append(t.recent(key, now), now)
}

// Reset forgets a key after a successful login.
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.seen, key)
}
