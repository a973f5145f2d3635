package reportcard

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/report"
	"zhijiao/internal/storage"
)

// Batch export limits and policy (docs/reports.md).
const (
	// MaxJobStudents bounds one job: a ZIP of about 100 KB per card is kept
	// in the database, so a cohort of 2,000 is about 200 MB.
	MaxJobStudents = 2000
	// KeepZips is how long a finished job's ZIP can be downloaded; after
	// that the ZIP is deleted and the job row stays as history.
	KeepZips = 7 * 24 * time.Hour
	// maxAttempts: a job interrupted by a restart is run again once, then
	// marked failed.
	maxAttempts = 2
	// chunk is how many cards are rendered between progress updates.
	chunk = 16
)

// Runner is the batch export worker: one job at a time, each rendered on
// at most two goroutines (the school server has two cores and also serves
// pages). The database is the queue, so a job survives a restart.
type Runner struct {
	St  *storage.Storage
	Log *slog.Logger

	kick  chan struct{}
	start sync.Once
}

// NewRunner makes a runner; Start starts it.
func NewRunner(st *storage.Storage, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.Default()
	}
	return &Runner{St: st, Log: log, kick: make(chan struct{}, 1)}
}

// Start recovers jobs a stopped process left running (queued again once,
// then failed) and starts the worker. It runs until ctx ends.
func (r *Runner) Start(ctx context.Context) {
	r.start.Do(func() {
		rq, failed, err := r.St.RecoverReportJobs(ctx, maxAttempts, "服务器重启时任务中断，已重试仍未完成，请重新导出")
		if err != nil {
			r.Log.Warn("report jobs: recover", "err", err)
		} else if rq+failed > 0 {
			r.Log.Info("report jobs: recovered after restart", "requeued", rq, "failed", failed)
		}
		go r.loop(ctx)
	})
}

// Kick tells the worker a job was queued.
func (r *Runner) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

func (r *Runner) loop(ctx context.Context) {
	for {
		if n, err := r.St.ExpireReportZips(ctx, time.Now().Add(-KeepZips)); err != nil {
			r.Log.Warn("report jobs: expire", "err", err)
		} else if n > 0 {
			r.Log.Info("report jobs: expired ZIPs deleted", "jobs", n)
		}
		jobs, err := r.St.QueuedReportJobs(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("report jobs: queue", "err", err)
		}
		if len(jobs) == 0 || err != nil {
			// Wake up hourly as well, so expired ZIPs are deleted on a
			// server where nobody exports for a week.
			select {
			case <-ctx.Done():
				return
			case <-r.kick:
			case <-time.After(time.Hour):
			}
			continue
		}
		r.run(ctx, jobs[0])
	}
}

// run does one job; any error fails the job with a reason, never the server.
func (r *Runner) run(ctx context.Context, j storage.ReportJob) {
	defer func() {
		if p := recover(); p != nil {
			r.Log.Error("report job panic", "job", j.ID, "panic", p)
			r.St.FailReportJob(context.WithoutCancel(ctx), j.SchoolID, j.ID, "导出出错，请重试")
		}
	}()
	if err := r.Do(ctx, j); err != nil {
		r.Log.Warn("report job failed", "job", j.ID, "err", err)
		if ctx.Err() == nil {
			// Per-student problems are listed on their own; what fails a
			// whole job is the database or the disk, whose (English)
			// message belongs in the log, not on the page.
			r.St.FailReportJob(ctx, j.SchoolID, j.ID, "导出失败，请重试；如仍失败请联系管理员查看服务器日志")
		}
	}
}

// JobStudents lists the students a job covers: the class's or the
// cohort's students, by 学号.
func JobStudents(ctx context.Context, st *storage.Storage, schoolID int64, kind string, target int64) ([]model.Student, error) {
	f := storage.StudentFilter{}
	switch kind {
	case storage.JobClass:
		f.ClassID = target
	case storage.JobCohort:
		f.EntryYear = int(target)
	default:
		return nil, errors.New("未知的导出范围")
	}
	var out []model.Student
	err := st.AllStudents(ctx, schoolID, f, func(s model.Student) error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// Do runs job j now: builds every student's card (a student without a
// result is a failure with its reason, not the end of the job), renders
// them on two goroutines into one ZIP and stores it.
func (r *Runner) Do(ctx context.Context, j storage.ReportJob) error {
	c, err := r.St.Cycle(ctx, j.SchoolID, j.CycleID)
	if err != nil {
		return err
	}
	students, err := JobStudents(ctx, r.St, j.SchoolID, j.Kind, j.TargetID)
	if err != nil {
		return err
	}
	if len(students) > MaxJobStudents {
		return fmt.Errorf("共 %d 名学生，超过单次导出上限 %d 名，请按班级导出", len(students), MaxJobStudents)
	}
	ok, err := r.St.StartReportJob(ctx, j.SchoolID, j.ID, len(students))
	if err != nil || !ok {
		return err
	}
	l := &Loader{St: r.St, VerifyBase: j.VerifyBase}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var failures []storage.JobFailure
	names := map[string]bool{}
	workers := min(2, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(students); lo += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		part := students[lo:min(lo+chunk, len(students))]
		var cards []report.Card
		var of []model.Student
		for _, s := range part {
			card, err := l.Card(ctx, j.SchoolID, c, s.ID)
			if err != nil {
				if !errors.Is(err, ErrNoResult) {
					r.Log.Warn("report job: card", "job", j.ID, "student", s.ID, "err", err)
				}
				failures = append(failures, storage.JobFailure{StudentID: s.ID, Name: s.Name, StudentNo: s.StudentNo, Reason: reason(err)})
				continue
			}
			cards = append(cards, card)
			of = append(of, s)
		}
		err := report.RenderMany(cards, workers, func(i int, pdf []byte) error {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: uniqueName(names, of[i]), Method: zip.Store, Modified: time.Now()})
			if err != nil {
				return err
			}
			_, err = w.Write(pdf)
			return err
		})
		if err != nil {
			return err
		}
		if err := r.St.ReportJobProgress(ctx, j.SchoolID, j.ID, min(lo+chunk, len(students))); err != nil {
			return err
		}
	}
	if len(failures) > 0 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "未能生成的学生.txt", Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return err
		}
		for _, f := range failures {
			fmt.Fprintf(w, "%s\t%s\t%s\r\n", f.StudentNo, f.Name, f.Reason)
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return r.St.FinishReportJob(ctx, j.SchoolID, j.ID, failures, buf.Bytes())
}

// reason is the Chinese reason shown for a student's failure.
func reason(err error) string {
	if errors.Is(err, ErrNoResult) {
		return ErrNoResult.Error()
	}
	return "生成失败，请单独下载重试"
}

// uniqueName is "学号_姓名.pdf", made unique within the ZIP. PDFs are
// stored, not deflated: they are compressed already.
func uniqueName(seen map[string]bool, s model.Student) string {
	base := strings.NewReplacer("/", "_", "\\", "_").Replace(s.StudentNo + "_" + s.Name)
	name := base + ".pdf"
	for i := 2; seen[name]; i++ {
		name = fmt.Sprintf("%s_%d.pdf", base, i)
	}
	seen[name] = true
	return name
}
