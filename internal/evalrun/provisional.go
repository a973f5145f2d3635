package evalrun

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// provisionalCycle is what a provisional compute needs of the cycle.
type provisionalCycle struct {
	c      storage.EvalCycle
	f      model.Framework
	policy model.EvidencePolicy
	read   time.Time
}

// readProvisionalCycle reads the cycle, its framework and evidence policy.
func readProvisionalCycle(ctx context.Context, st *storage.Storage, schoolID, cycleID int64) (provisionalCycle, error) {
	pc := provisionalCycle{read: time.Now()}
	var err error
	if pc.c, err = st.Cycle(ctx, schoolID, cycleID); err != nil {
		return pc, err
	}
	if pc.f, err = st.Framework(ctx, schoolID, pc.c.FrameworkID); err != nil {
		return pc, err
	}
	pc.policy, _, err = st.EvidencePolicy(ctx, schoolID, pc.c.PolicyVersion)
	if errors.Is(err, storage.ErrNotFound) && pc.c.PolicyVersion == 0 {
		pc.policy, err = model.EvidencePolicy{}, nil
	}
	return pc, err
}

// provisionalOf computes some students' provisional (暂定) results with
// the engine a full compute uses, from the inputs a full compute reads
// for them: the cycle's framework and evidence policy, the students'
// current complete sheets and verified records of the term. What it
// leaves out needs the whole cycle and comes only with 计算结果: levels
// and ranks (quota groups), the severity adjustment of fair roles (every
// rater's sheets) and corrections (made after computing). Students not
// in the cycle get no result.
func provisionalOf(ctx context.Context, st *storage.Storage, schoolID int64, pc provisionalCycle, ids []int64) ([]storage.Provisional, error) {
	roster, err := st.CycleStudentsOf(ctx, schoolID, pc.c.ID, ids)
	if err != nil {
		return nil, err
	}
	sheets, err := st.StudentsSheets(ctx, schoolID, pc.c.ID, ids)
	if err != nil {
		return nil, err
	}
	evidence, err := st.VerifiedEvidenceOfStudents(ctx, schoolID, pc.c.TermID, ids)
	if err != nil {
		return nil, err
	}
	sheets, evidence, _, _ = dropNonFinite(sheets, evidence, nil)
	students := make([]eval.Student, len(roster))
	for i, r := range roster {
		students[i] = eval.Student{ID: r.StudentID, ClassID: r.ClassID, CohortID: r.CohortID, MajorID: r.MajorID}
	}
	out, err := eval.Compute(eval.Input{Framework: pc.f, Students: students, Sheets: sheets, Evidence: evidence, Policy: pc.policy},
		eval.Options{CycleID: pc.c.ID, TermID: pc.c.TermID, SkipExplanations: true})
	if err != nil {
		return nil, err
	}
	n := map[int64]int{}
	for _, sh := range sheets {
		n[sh.StudentID]++
	}
	ps := make([]storage.Provisional, len(out.Results))
	for i, r := range out.Results {
		ps[i] = storage.Provisional{StudentID: r.StudentID, Total: r.Total, Complete: !r.Incomplete, Sheets: n[r.StudentID]}
	}
	return ps, nil
}

// Provisional keeps provisional results current: a committed rating
// submission queues its students (storage.OnSheetsSaved, which only
// records them, so the submit path does no more work), and a few workers
// compute and store each. A student saved again before being computed is
// computed once, from the latest sheets.
type Provisional struct {
	st      *storage.Storage
	log     *slog.Logger
	mu      sync.Mutex
	pending map[provisionalKey]time.Time        // earliest save not yet stored
	cycles  map[provisionalKey]provisionalCycle // by school and cycle (student 0)
	// inflight are the students a worker is computing: another worker
	// leaves them queued, so an older read can never be stored over a
	// newer one.
	inflight map[provisionalKey]bool
	order    []provisionalKey
	wake     chan struct{}
	idle     *sync.Cond
	busy     int
	lat      []time.Duration // save → stored, the last provisionalKeep
}

type provisionalKey struct{ school, cycle, student int64 }

// provisionalWorkers computes this many students at once: enough to
// overlap one student's reads with another's, few enough to leave the
// cores to the submissions.
const provisionalWorkers = 2

// provisionalKeep bounds the latencies kept for Latency.
const provisionalKeep = 100000

// StartProvisional hooks the workers to st's submissions until ctx ends.
func StartProvisional(ctx context.Context, st *storage.Storage, log *slog.Logger) *Provisional {
	w := &Provisional{st: st, log: log, pending: map[provisionalKey]time.Time{}, cycles: map[provisionalKey]provisionalCycle{}, inflight: map[provisionalKey]bool{}, wake: make(chan struct{}, 1)}
	w.idle = sync.NewCond(&w.mu)
	st.OnSheetsSaved(w.enqueue)
	for range provisionalWorkers {
		go w.run(ctx)
	}
	return w
}

func (w *Provisional) enqueue(schoolID, cycleID int64, students []int64) {
	at := time.Now()
	w.mu.Lock()
	for _, id := range students {
		k := provisionalKey{schoolID, cycleID, id}
		if _, ok := w.pending[k]; !ok {
			w.pending[k] = at
			w.order = append(w.order, k)
		}
	}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// take removes the queued students of the oldest queued cycle (at most
// provisionalBatch): under load one compute serves many saves, so the
// statements per save fall as saves rise. ok false when none is queued.
func (w *Provisional) take() (school, cycle int64, ids []int64, saved []time.Time, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.order) == 0 {
		return 0, 0, nil, nil, false
	}
	first := slices.IndexFunc(w.order, func(k provisionalKey) bool { return !w.inflight[k] })
	if first < 0 {
		return 0, 0, nil, nil, false
	}
	school, cycle = w.order[first].school, w.order[first].cycle
	rest := w.order[:0]
	for _, k := range w.order {
		if k.school != school || k.cycle != cycle || w.inflight[k] || len(ids) == provisionalBatch {
			rest = append(rest, k)
			continue
		}
		ids = append(ids, k.student)
		saved = append(saved, w.pending[k])
		delete(w.pending, k)
		w.inflight[k] = true
	}
	w.order = rest
	w.busy++
	return school, cycle, ids, saved, true
}

// provisionalBatch bounds one compute's students.
const provisionalBatch = 500

// cycleOf is the cycle's inputs, read again after provisionalCycleTTL so
// an edited evidence policy counts soon.
func (w *Provisional) cycleOf(ctx context.Context, school, cycle int64) (provisionalCycle, error) {
	k := provisionalKey{school, cycle, 0}
	w.mu.Lock()
	pc, ok := w.cycles[k]
	w.mu.Unlock()
	if ok && time.Since(pc.read) < provisionalCycleTTL {
		return pc, nil
	}
	pc, err := readProvisionalCycle(ctx, w.st, school, cycle)
	if err == nil {
		w.mu.Lock()
		w.cycles[k] = pc
		w.mu.Unlock()
	}
	return pc, err
}

const provisionalCycleTTL = 10 * time.Second

// step computes and stores one batch.
func (w *Provisional) step(ctx context.Context, school, cycle int64, ids []int64) error {
	pc, err := w.cycleOf(ctx, school, cycle)
	if err != nil {
		return err
	}
	ps, err := provisionalOf(ctx, w.st, school, pc, ids)
	if err != nil {
		return err
	}
	return w.st.SaveProvisional(ctx, school, cycle, ps)
}

func (w *Provisional) run(ctx context.Context) {
	for {
		school, cycle, ids, saved, ok := w.take()
		if !ok {
			select {
			case <-ctx.Done():
				return
			case <-w.wake:
				continue
			}
		}
		err := w.step(ctx, school, cycle, ids)
		w.mu.Lock()
		w.busy--
		for _, id := range ids {
			delete(w.inflight, provisionalKey{school, cycle, id})
		}
		if err == nil {
			for _, at := range saved {
				if len(w.lat) >= provisionalKeep {
					w.lat = w.lat[1:]
				}
				w.lat = append(w.lat, time.Since(at))
			}
		}
		if w.busy == 0 && len(w.order) == 0 {
			w.idle.Broadcast()
		}
		w.mu.Unlock()
		if err != nil && ctx.Err() == nil {
			w.log.Warn("暂定结果计算失败 / provisional results failed", "school", school, "cycle", cycle, "students", len(ids), "err", err)
		}
		// Another worker may sleep while students are still queued.
		select {
		case w.wake <- struct{}{}:
		default:
		}
	}
}

// Wait blocks until every queued student is stored.
func (w *Provisional) Wait() {
	w.mu.Lock()
	for w.busy > 0 || len(w.order) > 0 {
		w.idle.Wait()
	}
	w.mu.Unlock()
}

// Latency is how long saves took to be stored as provisional results:
// how many, the median and the 99th percentile.
func (w *Provisional) Latency() (n int, p50, p99 time.Duration) {
	w.mu.Lock()
	l := slices.Clone(w.lat)
	w.mu.Unlock()
	if len(l) == 0 {
		return 0, 0, 0
	}
	slices.Sort(l)
	return len(l), l[len(l)/2], l[min(len(l)-1, len(l)*99/100)]
}

// CatchUp queues every student whose provisional result is behind their
// sheets (storage.StaleProvisional): after a restart, which loses the
// in-memory queue, and after a bulk load (the demo), which saves sheets
// without the hook. It returns how many it queued.
func (w *Provisional) CatchUp(ctx context.Context) (int, error) {
	stale, err := w.st.StaleProvisional(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for k, students := range stale {
		w.enqueue(k[0], k[1], students)
		n += len(students)
	}
	return n, nil
}
