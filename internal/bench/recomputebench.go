package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// RecomputeResult is what `zhijiao bench recompute` prints: rating
// submission (bench.Submit's load, unchanged) alone, and again while
// district recompute jobs run over Schools schools.
type RecomputeResult struct {
	Schools, Students int           // schools in the job, students per school
	Setup             time.Duration // the schools, rated and computed
	Alone, During     SubmitResult
	// PerSchool is every school recomputed while submissions ran, in the
	// order done; Rounds is how many whole jobs ran in that time.
	PerSchool []time.Duration
	Rounds    int
	Failed    []string // schools not recomputed, with why (should be none)
	// Overlap is how long jobs ran while the load was running (from the
	// first rating stored to the end of the load).
	Overlap time.Duration
}

// Median and Max of the time per school.
func (r RecomputeResult) Median() time.Duration { return median(slices.Clone(r.PerSchool)) }

// Max is the slowest school.
func (r RecomputeResult) Max() time.Duration {
	if len(r.PerSchool) == 0 {
		return 0
	}
	return slices.Max(r.PerSchool)
}

// SubmitDuringRecompute measures submission alone on the database open
// gives first, then on a second fresh database from open: there it builds
// schools computed schools of students each, and from the moment the
// load's first rating is stored until Submit returns it runs district
// recompute jobs over them back to back (evalrun's DistrictRunner, one
// school at a time, as `serve` does). Submit makes its own school and
// cannot run twice in one database, hence two.
func SubmitDuringRecompute(ctx context.Context, open func(context.Context) (*storage.Storage, func(), error), schools, students, clients int, rate float64) (RecomputeResult, error) {
	res := RecomputeResult{Schools: schools, Students: students}
	st, done, err := open(ctx)
	if err != nil {
		return res, err
	}
	res.Alone, err = Submit(ctx, st, clients, clients, rate)
	done()
	if err != nil {
		return res, err
	}
	st, done, err = open(ctx)
	if err != nil {
		return res, err
	}
	defer done()
	t0 := time.Now()
	ids := make([]int64, schools)
	var term model.Term
	for i := range schools {
		p, err := computedSchool(ctx, st, fmt.Sprintf("recompute%d", i+1), fmt.Sprintf("重算基准学校%d", i+1), students)
		if err != nil {
			return res, err
		}
		ids[i] = p.school
		if i == 0 {
			if term, err = cycleTerm(ctx, st, p.school, p.cycle.TermID); err != nil {
				return res, err
			}
		}
	}
	res.Setup = time.Since(t0)
	jobCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var jobErr error
	wg.Go(func() { jobErr = recomputeWhileLoad(jobCtx, st, ids, term, &res) })
	res.During, err = Submit(ctx, st, clients, clients, rate)
	stop()
	wg.Wait()
	if err != nil {
		return res, err
	}
	if jobErr != nil && jobErr != context.Canceled {
		return res, jobErr
	}
	return res, nil
}

// recomputeWhileLoad waits for the submit load's first stored rating,
// then runs district jobs over ids until ctx ends.
func recomputeWhileLoad(ctx context.Context, st *storage.Storage, ids []int64, term model.Term, res *RecomputeResult) error {
	if err := waitFirstRating(ctx, st); err != nil {
		return err
	}
	t0 := time.Now()
	defer func() { res.Overlap = time.Since(t0) }()
	r := evalrun.NewDistrictRunner(st, nil)
	r.AfterSchool = func(p storage.DistrictJobSchool) {
		if p.State != storage.JobDone {
			res.Failed = append(res.Failed, p.Error+fmt.Sprint(p.Notes))
		}
		res.PerSchool = append(res.PerSchool, time.Duration(p.Millis)*time.Millisecond)
	}
	for ctx.Err() == nil {
		j := storage.DistrictJob{YearName: term.YearName, Semester: term.Semester}
		if err := st.CreateDistrictJob(ctx, model.SystemActor, &j, ids); err != nil {
			return err
		}
		if err := r.Do(ctx, j); err != nil {
			return err
		}
		res.Rounds++
	}
	return ctx.Err()
}

// waitFirstRating polls for the submit bench school's first rating: the
// load has begun (its school, accounts and logins are made before).
func waitFirstRating(ctx context.Context, st *storage.Storage) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		schools, err := st.Schools(ctx, 0)
		if err != nil {
			return err
		}
		for _, sc := range schools {
			if sc.Code != "submitbench" {
				continue
			}
			cycles, err := st.Cycles(ctx, sc.ID, 0)
			if err != nil || len(cycles) == 0 {
				break
			}
			if n, err := st.RatingCount(ctx, sc.ID, cycles[0].ID); err == nil && n > 0 {
				return nil
			}
		}
	}
}

// cycleTerm is the school's term of that id, with its year's name.
func cycleTerm(ctx context.Context, st *storage.Storage, schoolID, termID int64) (model.Term, error) {
	terms, err := st.Terms(ctx, schoolID)
	if err != nil {
		return model.Term{}, err
	}
	for _, t := range terms {
		if t.ID == termID {
			return t, nil
		}
	}
	return model.Term{}, fmt.Errorf("bench school has no term %d", termID)
}
