package evalrun

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// District recompute (区域重新计算): a district admin or the platform admin
// recomputes one term's results for every school of a district. It runs
// as a background job, one school at a time, each school's cycles through
// Recompute (one transaction per cycle), so a rating submission waits at
// most for one cycle's write, never for the district. The database is the
// queue and the progress: a restart resumes at the first unfinished
// school. docs/evaluation.md explains which cycles are recomputed.

// districtAttempts: a job interrupted by a restart is resumed once more,
// then failed.
const districtAttempts = 3

// DistrictRunner is the district recompute worker.
type DistrictRunner struct {
	St  *storage.Storage
	Log *slog.Logger
	// AfterSchool, when set, is called after each school (tests and the
	// bench use it to watch or interrupt a job).
	AfterSchool func(storage.DistrictJobSchool)

	kick  chan struct{}
	start sync.Once
}

// NewDistrictRunner makes a runner; Start starts it.
func NewDistrictRunner(st *storage.Storage, log *slog.Logger) *DistrictRunner {
	if log == nil {
		log = slog.Default()
	}
	r := &DistrictRunner{St: st, Log: log, kick: make(chan struct{}, 1)}
	st.OnDistrictJobQueued(r.Kick) // a job queued by a page or the API wakes the worker
	return r
}

// Start resumes jobs a stopped process left running and starts the
// worker; it runs until ctx ends.
func (r *DistrictRunner) Start(ctx context.Context) {
	r.start.Do(func() {
		rq, failed, err := r.St.RecoverDistrictJobs(ctx, districtAttempts, "服务器多次重启时任务中断，请重新发起")
		if err != nil {
			r.Log.Warn("district jobs: recover", "err", err)
		} else if rq+failed > 0 {
			r.Log.Info("district jobs: recovered after restart", "requeued", rq, "failed", failed)
		}
		go r.loop(ctx)
	})
}

// Kick tells the worker a job was queued.
func (r *DistrictRunner) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

func (r *DistrictRunner) loop(ctx context.Context) {
	for {
		jobs, err := r.St.QueuedDistrictJobs(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("district jobs: queue", "err", err)
		}
		if len(jobs) == 0 || err != nil {
			select {
			case <-ctx.Done():
				return
			case <-r.kick:
			case <-time.After(time.Minute):
			}
			continue
		}
		if err := r.Do(ctx, jobs[0]); err != nil && ctx.Err() == nil {
			r.Log.Warn("district job failed", "job", jobs[0].ID, "err", err)
			r.St.FinishDistrictJob(ctx, jobs[0].ID, "任务出错，请重试；如仍失败请联系管理员查看服务器日志")
		}
	}
}

// Do runs job j now, resuming at its first unfinished school. A school's
// failure is recorded on its row and the job goes on to the next school.
func (r *DistrictRunner) Do(ctx context.Context, j storage.DistrictJob) error {
	ok, err := r.St.StartDistrictJob(ctx, j.ID)
	if err != nil || !ok {
		return err
	}
	schools, err := r.St.DistrictJobSchools(ctx, j.ID)
	if err != nil {
		return err
	}
	actor := model.Actor{UserID: j.CreatedBy, Username: j.CreatedByName}
	for _, p := range schools {
		if p.State != storage.JobQueued {
			continue // finished before a restart
		}
		if err := ctx.Err(); err != nil {
			return err // the job stays running: Start resumes it
		}
		if err := r.St.MarkDistrictSchoolRunning(ctx, p.SchoolID, j.ID); err != nil {
			return err
		}
		t0 := time.Now()
		RecomputeSchoolTerm(ctx, r.St, actor, j.YearName, j.Semester, &p)
		if ctx.Err() != nil {
			return ctx.Err() // interrupted inside the school: redone on resume
		}
		p.Millis = time.Since(t0).Milliseconds()
		if err := r.St.FinishDistrictSchool(ctx, p); err != nil {
			return err
		}
		if r.AfterSchool != nil {
			r.AfterSchool(p)
		}
	}
	return r.St.FinishDistrictJob(ctx, j.ID, "")
}

// RecomputeSchoolTerm recomputes one school's cycles of the term named
// by yearName and semester and fills p's outcome. Only cycles 已截止 or
// 已计算 are recomputed: a cycle 公示中 or 已确认 keeps the results people
// have seen (an appeal decides any change), and a cycle not yet closed
// has no results to compute. Those are listed in p.Notes.
func RecomputeSchoolTerm(ctx context.Context, st *storage.Storage, actor model.Actor, yearName string, semester int, p *storage.DistrictJobSchool) {
	p.State, p.Cycles, p.Students, p.Notes, p.Error = storage.JobSkipped, 0, 0, nil, ""
	term, err := schoolTerm(ctx, st, p.SchoolID, yearName, semester)
	if err != nil {
		p.State, p.Error = storage.JobFailed, "读取学期失败"
		return
	}
	if term.ID == 0 {
		p.Notes = append(p.Notes, "本校没有该学期")
		return
	}
	cycles, err := st.Cycles(ctx, p.SchoolID, term.ID)
	if err != nil {
		p.State, p.Error = storage.JobFailed, "读取评价周期失败"
		return
	}
	if len(cycles) == 0 {
		p.Notes = append(p.Notes, "本学期没有评价周期")
	}
	for _, c := range cycles {
		switch c.State {
		case model.CycleClosed, model.CycleComputed:
		case model.CyclePublicised, model.CycleFinal:
			p.Notes = append(p.Notes, fmt.Sprintf("“%s”%s，结果已公开，不重新计算", c.Name, c.State.Name()))
			continue
		default:
			p.Notes = append(p.Notes, fmt.Sprintf("“%s”%s，截止后才能计算", c.Name, c.State.Name()))
			continue
		}
		sum, err := Recompute(ctx, st, p.SchoolID, actor, c.ID)
		if err != nil {
			p.State = storage.JobFailed
			p.Error = joinErr(p.Error, fmt.Sprintf("“%s”计算失败：%v", c.Name, err))
			continue
		}
		p.Cycles++
		p.Students += sum.Students
	}
	if p.State != storage.JobFailed && p.Cycles > 0 {
		p.State = storage.JobDone
	}
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}

// schoolTerm finds the school's term of that name; ID 0 when it has none.
func schoolTerm(ctx context.Context, st *storage.Storage, schoolID int64, yearName string, semester int) (model.Term, error) {
	terms, err := st.Terms(ctx, schoolID)
	if err != nil {
		return model.Term{}, err
	}
	for _, t := range terms {
		if t.YearName == yearName && t.Semester == semester {
			return t, nil
		}
	}
	return model.Term{}, nil
}
