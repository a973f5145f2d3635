package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// Report job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
	JobExpired = "expired" // done, and its ZIP has been deleted
)

// Report job kinds: what TargetID names.
const (
	JobClass  = "class"  // TargetID is a class id
	JobCohort = "cohort" // TargetID is an entry year (年级)
)

// JobFailure is one student whose card could not be made.
type JobFailure struct {
	StudentID int64  `json:"student_id"`
	Name      string `json:"name"`
	StudentNo string `json:"student_no"`
	Reason    string `json:"reason"`
}

// ReportJob is a batch export of report cards as one ZIP.
type ReportJob struct {
	ID         int64
	SchoolID   int64
	CycleID    int64
	Kind       string
	TargetID   int64
	Label      string
	VerifyBase string // the site address the cards' QR codes point to
	State      string
	Total      int
	Done       int
	Failures   []JobFailure
	Error      string
	ZipSize    int64
	Attempts   int
	CreatedBy  int64
	CreatedAt  time.Time
	StartedAt  *time.Time
	FinishedAt *time.Time
}

const reportJobCols = `id, school_id, cycle_id, kind, target_id, label, verify_base, state, total, done, failures, error, zip_size, attempts, COALESCE(created_by, 0), created_at, started_at, finished_at`

func scanReportJob(row interface{ Scan(...any) error }) (ReportJob, error) {
	var j ReportJob
	var fails string
	var started, finished sql.NullTime
	if err := row.Scan(&j.ID, &j.SchoolID, &j.CycleID, &j.Kind, &j.TargetID, &j.Label, &j.VerifyBase, &j.State, &j.Total, &j.Done, &fails, &j.Error, &j.ZipSize, &j.Attempts, &j.CreatedBy, &j.CreatedAt, &started, &finished); err != nil {
		return j, fmt.Errorf("scanReportJob: %w", err)
	}
	j.CreatedAt = j.CreatedAt.UTC()
	if started.Valid {
		t := started.Time.UTC()
		j.StartedAt = &t
	}
	if finished.Valid {
		t := finished.Time.UTC()
		j.FinishedAt = &t
	}
	return j, json.Unmarshal([]byte(fails), &j.Failures)
}

// CreateReportJob queues a job and audits it.
func (s *Storage) CreateReportJob(ctx context.Context, schoolID int64, a model.Actor, j *ReportJob) error {
	if j.Kind != JobClass && j.Kind != JobCohort {
		return errors.New("未知的导出范围")
	}
	j.SchoolID, j.State, j.CreatedBy, j.CreatedAt = schoolID, JobQueued, a.UserID, now()
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO report_jobs (school_id, cycle_id, kind, target_id, label, verify_base, state, total, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			schoolID, j.CycleID, j.Kind, j.TargetID, j.Label, j.VerifyBase, j.State, j.Total, nullInt(a.UserID), j.CreatedAt).Scan(&j.ID); err != nil {
			return fmt.Errorf("CreateReportJob: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "export", "report_job", j.ID, nil, map[string]any{"cycle_id": j.CycleID, "kind": j.Kind, "target_id": j.TargetID, "label": j.Label, "total": j.Total})
	})
}

// ReportJob reads one job (without its ZIP).
func (s *Storage) ReportJob(ctx context.Context, schoolID, id int64) (ReportJob, error) {
	j, err := scanReportJob(s.db.QueryRowContext(ctx, `SELECT `+reportJobCols+` FROM report_jobs WHERE school_id = $1 AND id = $2`, schoolID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return j, ErrNotFound
	}
	return j, err
}

// ReportJobs lists a school's newest jobs; createdBy 0 lists everyone's.
func (s *Storage) ReportJobs(ctx context.Context, schoolID, createdBy int64, limit int) ([]ReportJob, error) {
	return s.reportJobs(ctx, `SELECT `+reportJobCols+` FROM report_jobs WHERE school_id = $1 AND (CAST($2 AS BIGINT) = 0 OR created_by = $2) ORDER BY id DESC LIMIT $3`, schoolID, createdBy, limit)
}

// QueuedReportJobs lists every school's queued jobs, oldest first: the
// worker's queue after a start.
func (s *Storage) QueuedReportJobs(ctx context.Context) ([]ReportJob, error) {
	return s.reportJobs(ctx, `SELECT `+reportJobCols+` FROM report_jobs WHERE state = $1 ORDER BY created_at, id`, JobQueued)
}

func (s *Storage) reportJobs(ctx context.Context, q string, args ...any) ([]ReportJob, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("reportJobs: %w", err)
	}
	defer rows.Close()
	var out []ReportJob
	for rows.Next() {
		j, err := scanReportJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// StartReportJob moves a queued job to running with its student count.
// It reports false when the job was not queued (another worker has it).
func (s *Storage) StartReportJob(ctx context.Context, schoolID, id int64, total int) (bool, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $3, total = $4, done = 0, failures = '[]', attempts = attempts + 1, started_at = $5
		WHERE school_id = $1 AND id = $2 AND state = $6`, schoolID, id, JobRunning, total, now(), JobQueued)
	if err != nil {
		return false, fmt.Errorf("StartReportJob: %w", err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// ReportJobProgress records how many students are done.
func (s *Storage) ReportJobProgress(ctx context.Context, schoolID, id int64, done int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE report_jobs SET done = $3 WHERE school_id = $1 AND id = $2`, schoolID, id, done)
	return err
}

// FinishReportJob stores the ZIP and the per-student failures.
func (s *Storage) FinishReportJob(ctx context.Context, schoolID, id int64, failures []JobFailure, zip []byte) error {
	if failures == nil {
		failures = []JobFailure{}
	}
	b, err := json.Marshal(failures)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $3, done = total, failures = $4, zip_data = $5, zip_size = $6, finished_at = $7 WHERE school_id = $1 AND id = $2`,
		schoolID, id, JobDone, string(b), zip, int64(len(zip)), now())
	return err
}

// FailReportJob marks a job failed with a reason.
func (s *Storage) FailReportJob(ctx context.Context, schoolID, id int64, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $3, error = $4, finished_at = $5 WHERE school_id = $1 AND id = $2`, schoolID, id, JobFailed, reason, now())
	return err
}

// ReportJobZip reads a finished job's ZIP.
func (s *Storage) ReportJobZip(ctx context.Context, schoolID, id int64) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT zip_data FROM report_jobs WHERE school_id = $1 AND id = $2 AND state = $3 AND zip_data IS NOT NULL`, schoolID, id, JobDone).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return b, err
}

// RecoverReportJobs runs at start: a job left running by a stopped process
// is queued again when it has been tried fewer than maxAttempts times and
// marked failed otherwise. It returns how many were requeued and failed.
func (s *Storage) RecoverReportJobs(ctx context.Context, maxAttempts int, reason string) (requeued, failed int64, err error) {
	r, err := s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $1 WHERE state = $2 AND attempts < $3`, JobQueued, JobRunning, maxAttempts)
	if err != nil {
		return 0, 0, fmt.Errorf("RecoverReportJobs: %w", err)
	}
	requeued, _ = r.RowsAffected()
	r, err = s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $1, error = $2, finished_at = $3 WHERE state = $4`, JobFailed, reason, now(), JobRunning)
	if err != nil {
		return requeued, 0, fmt.Errorf("RecoverReportJobs: %w", err)
	}
	failed, _ = r.RowsAffected()
	return requeued, failed, nil
}

// ExpireReportZips deletes the ZIPs of jobs finished before cutoff; the
// job rows stay (state expired) so the history of exports remains.
func (s *Storage) ExpireReportZips(ctx context.Context, cutoff time.Time) (int64, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE report_jobs SET state = $1, zip_data = NULL WHERE state = $2 AND finished_at < $3`, JobExpired, JobDone, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("ExpireReportZips: %w", err)
	}
	return r.RowsAffected()
}

// ReportJobCounts counts every school's batch exports by state, for the
// operators' /metrics.
func (s *Storage) ReportJobCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, COUNT(*) FROM report_jobs GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("ReportJobCounts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("ReportJobCounts: %w", err)
		}
		out[state] = n
	}
	return out, rows.Err()
}
