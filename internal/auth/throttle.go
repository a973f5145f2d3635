package auth

import (
	"sync"
	"time"
)

// Throttle limits failures per key (a client address): at most Max in
// Window, after which the key is refused until the oldest one ages out. A
// success never resets it: a student who logs in successfully must not win
// back guesses against someone else's account from the same address. The
// counts live in memory, which is enough to slow a guesser down and costs
// nothing to keep; per-account delays live in the database (see LoginDelay).
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

// Reserve counts an attempt as failed before its outcome is known and
// reports whether it was still within the limit. Logins reserve before
// hashing, so parallel guesses cannot all pass the check before any of
// them is counted; a correct password gives its reservation back (Forgive).
func (t *Throttle) Reserve(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	xs := t.recent(key, now)
	if len(xs) >= t.Max {
		return false
	}
	t.seen[key] = append(xs, now)
	return true
}

// Forgive takes back the newest recorded attempt of key: the one a
// successful login reserved. Older failures stay counted.
func (t *Throttle) Forgive(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if xs := t.seen[key]; len(xs) > 0 {
		t.seen[key] = xs[:len(xs)-1]
	}
}
