package evalrun

import (
	"context"
	"database/sql"
	"time"
)

// inTx computes and stores students' provisional results inside their
// submission's transaction (SQLite only, storage/provisional_tx.go says
// why). It reads nothing outside tx: every connection of the pool may be
// held by a submission waiting for the write lock this transaction holds,
// so a read through the pool could wait for them while they wait for it.
// Hence the cycle comes only from the worker's copy, and while that copy
// is missing or old the students go to the worker, which reads the cycle
// again (an edited evidence policy counts within provisionalCycleTTL).
// It records, as the latency of each student, the time it added to the
// submission: the result commits with the sheets, so nobody waits longer.
func (w *Provisional) inTx(ctx context.Context, tx *sql.Tx, school, cycle int64, ids []int64) bool {
	start := time.Now()
	w.mu.Lock()
	pc, ok := w.cycles[provisionalKey{school, cycle, 0}]
	w.mu.Unlock()
	if !ok || time.Since(pc.read) >= provisionalCycleTTL {
		return false
	}
	ps, err := provisionalOf(ctx, w.st, tx, school, pc, ids)
	if err == nil {
		err = w.st.SaveProvisionalIn(ctx, tx, school, cycle, ps)
	}
	if err != nil {
		if ctx.Err() == nil {
			w.log.Debug("暂定结果留给后台计算 / provisional result left to the worker", "school", school, "cycle", cycle, "err", err)
		}
		return false
	}
	took := time.Since(start)
	w.mu.Lock()
	for range ids {
		w.note(took)
	}
	w.inTxSaves += len(ids)
	w.mu.Unlock()
	return true
}

// note keeps one latency; the caller holds w.mu.
func (w *Provisional) note(d time.Duration) {
	if len(w.lat) >= provisionalKeep {
		w.lat = w.lat[1:]
	}
	w.lat = append(w.lat, d)
}

// InTxSaves is how many students' results were stored inside their
// submission's transaction (the rest went through the worker).
func (w *Provisional) InTxSaves() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.inTxSaves
}
