package storage

import (
	"context"
	"fmt"
	"time"
)

// SQLite has one writer at a time. Left to SQLite, a second writer of
// this process waits in its busy handler, which sleeps in growing steps
// (up to 100 ms) and so wakes long after the lock is free: a provisional
// result saved behind a burst of rating submissions waited 20–100 ms for
// a lock held about 1 ms at a time. The gate queues this process's write
// transactions in Go instead, so each starts the moment the one before
// commits. Another process (a CLI import beside the server) still meets
// SQLite's busy timeout. PostgreSQL has no gate.

// writeGateWait is how long a write waits for the gate, as long as
// SQLite's busy timeout would have let it wait for the lock.
const writeGateWait = 10 * time.Second

// gateWrite takes the process's one SQLite write slot (none on
// PostgreSQL) and returns what gives it back.
func (s *Storage) gateWrite(ctx context.Context) (release func(), err error) {
	if s.writeGate == nil {
		return func() {}, nil
	}
	t := time.NewTimer(writeGateWait)
	defer t.Stop()
	select {
	case s.writeGate <- struct{}{}:
		return func() { <-s.writeGate }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.C:
		return nil, fmt.Errorf("数据库繁忙：等待写入超过 %s", writeGateWait)
	}
}
