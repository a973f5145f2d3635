package auth

import (
	"sync"
	"time"
)

// Accounts are never locked: a lock lets anyone who knows a username shut
// its owner out. Instead each wrong password in a row past FreeFailures
// makes the account wait longer before the next attempt, as NIST SP
// 800-63B recommends, and a browser the owner has logged in from before
// passes the wait (package ui).
const (
	FreeFailures = 5
	// MaxLoginDelay caps the wait: at most about 100 guesses a day.
	MaxLoginDelay = 15 * time.Minute
	// ForgetFailures: a run of failures is forgotten this long after its
	// last wait ended, so a mistyped password last month costs nothing.
	ForgetFailures = 24 * time.Hour
)

// LoginDelay is the wait after n wrong passwords in a row: none for the
// first FreeFailures-1, then 30 s doubling to MaxLoginDelay.
func LoginDelay(n int) time.Duration {
	if n < FreeFailures {
		return 0
	}
	k := n - FreeFailures
	if k >= 5 {
		return MaxLoginDelay
	}
	return min(30*time.Second<<k, MaxLoginDelay)
}

// NameDelays keeps the same waits in memory for names that are not
// accounts, so an unknown name answers exactly like a real one.
type NameDelays struct {
	mu sync.Mutex
	m  map[string]nameDelay
}

type nameDelay struct {
	n     int
	until time.Time
}

// NewNameDelays makes an empty set.
func NewNameDelays() *NameDelays { return &NameDelays{m: map[string]nameDelay{}} }

// Until is when name may next be tried (zero or past: now).
func (d *NameDelays) Until(name string) time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.m[name].until
}

// Fail counts a wrong password for name.
func (d *NameDelays) Fail(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if len(d.m) > 10000 { // names sprayed at the login page age out
		for k, v := range d.m {
			if now.Sub(v.until) > ForgetFailures {
				delete(d.m, k)
			}
		}
	}
	e := d.m[name]
	if now.Sub(e.until) > ForgetFailures {
		e.n = 0
	}
	e.n++
	e.until = now.Add(LoginDelay(e.n))
	d.m[name] = e
}
