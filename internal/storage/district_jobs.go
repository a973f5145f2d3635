package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// District job school states, besides JobQueued, JobRunning, JobDone and
// JobFailed: a school whose every cycle of the term was left alone
// (公示中, 已终审, not yet closed, or no cycle at all) is skipped.
const JobSkipped = "skipped"

// DistrictJob is a district recompute (区域重新计算): the results of one
// term for every school of a district, one school at a time.
type DistrictJob struct {
	ID            int64
	DistrictID    int64 // 0: every school (platform admin only)
	YearName      string
	Semester      int
	State         string
	Total         int
	Attempts      int
	Error         string
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
	StartedAt     *time.Time
	FinishedAt    *time.Time
}

// TermName is the term as schools say it: "2025-2026学年第一学期".
func (j DistrictJob) TermName() string {
	return model.Term{YearName: j.YearName, Semester: j.Semester}.Name()
}

// DistrictJobSchool is one school's progress in a district job.
type DistrictJobSchool struct {
	SchoolID   int64
	SchoolName string
	JobID      int64
	Seq        int
	State      string
	Cycles     int      // cycles recomputed
	Students   int      // students in them
	Notes      []string // cycles skipped and why, in Chinese
	Error      string
	Millis     int64 // time spent on the school
	FinishedAt *time.Time
}

// Seconds is the time spent on the school.
func (p DistrictJobSchool) Seconds() float64 { return float64(p.Millis) / 1000 }

const districtJobCols = `id, district_id, year_name, semester, state, total, attempts, error, COALESCE(created_by, 0), created_by_name, created_at, started_at, finished_at`

func scanDistrictJob(row interface{ Scan(...any) error }) (DistrictJob, error) {
	var j DistrictJob
	var started, finished sql.NullTime
	if err := row.Scan(&j.ID, &j.DistrictID, &j.YearName, &j.Semester, &j.State, &j.Total, &j.Attempts, &j.Error, &j.CreatedBy, &j.CreatedByName, &j.CreatedAt, &started, &finished); err != nil {
		return j, fmt.Errorf("scanDistrictJob: %w", err)
	}
	j.CreatedAt = j.CreatedAt.UTC()
	j.StartedAt, j.FinishedAt = utcPtr(started), utcPtr(finished)
	return j, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// OnDistrictJobQueued sets the function called after a district job is
// queued (the worker's wake-up), whichever page or API call queued it.
func (s *Storage) OnDistrictJobQueued(fn func()) { s.jobQueued.Store(&fn) }

// CreateDistrictJob queues a job over the given schools (in this order)
// with one progress row per school, in one transaction. A job without a
// term or without schools is refused (ErrRefused, a message for the user).
func (s *Storage) CreateDistrictJob(ctx context.Context, a model.Actor, j *DistrictJob, schoolIDs []int64) error {
	if j.YearName == "" || j.Semester < 1 || j.Semester > 2 {
		return refusal("请选择学期")
	}
	if len(schoolIDs) == 0 {
		return refusal("该区域没有学校")
	}
	j.State, j.Total, j.CreatedBy, j.CreatedByName, j.CreatedAt = JobQueued, len(schoolIDs), a.UserID, a.Username, now()
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO district_jobs (district_id, year_name, semester, state, total, created_by, created_by_name, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			j.DistrictID, j.YearName, j.Semester, j.State, j.Total, nullInt(a.UserID), a.Username, j.CreatedAt).Scan(&j.ID); err != nil {
			return fmt.Errorf("CreateDistrictJob: %w", err)
		}
		for i, sid := range schoolIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO district_job_schools (school_id, job_id, seq, state) VALUES ($1, $2, $3, $4)`, sid, j.ID, i, JobQueued); err != nil {
				return fmt.Errorf("CreateDistrictJob: %w", err)
			}
		}
		return nil
	})
	if fn := s.jobQueued.Load(); fn != nil && err == nil {
		(*fn)()
	}
	return err
}

// DistrictJob reads one job.
func (s *Storage) DistrictJob(ctx context.Context, id int64) (DistrictJob, error) {
	j, err := scanDistrictJob(s.db.QueryRowContext(ctx, `SELECT `+districtJobCols+` FROM district_jobs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return j, ErrNotFound
	}
	return j, err
}

// DistrictJobs lists the newest jobs of a district; all lists every
// district's (the platform admin's view) and districtID is then ignored.
func (s *Storage) DistrictJobs(ctx context.Context, districtID int64, all bool, limit int) ([]DistrictJob, error) {
	return s.districtJobs(ctx, `SELECT `+districtJobCols+` FROM district_jobs WHERE ($1 OR district_id = $2) ORDER BY id DESC LIMIT $3`, all, districtID, limit)
}

// QueuedDistrictJobs is the worker's queue, oldest first.
func (s *Storage) QueuedDistrictJobs(ctx context.Context) ([]DistrictJob, error) {
	return s.districtJobs(ctx, `SELECT `+districtJobCols+` FROM district_jobs WHERE state = $1 ORDER BY id`, JobQueued)
}

func (s *Storage) districtJobs(ctx context.Context, q string, args ...any) ([]DistrictJob, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("districtJobs: %w", err)
	}
	defer rows.Close()
	var out []DistrictJob
	for rows.Next() {
		j, err := scanDistrictJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// DistrictTerms lists the terms the schools of a district have (every
// school's when districtID is 0), by name, newest first: the choices of a
// district recompute. One grouped read, whatever the number of schools.
func (s *Storage) DistrictTerms(ctx context.Context, districtID int64) ([]model.Term, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT y.name, t.semester
		FROM terms t JOIN academic_years y ON y.school_id = t.school_id AND y.id = t.academic_year_id
		JOIN schools sc ON sc.id = t.school_id
		WHERE CAST($1 AS BIGINT) = 0 OR sc.district_id = $1
		ORDER BY y.name DESC, t.semester DESC LIMIT 12`, districtID)
	if err != nil {
		return nil, fmt.Errorf("DistrictTerms: %w", err)
	}
	defer rows.Close()
	var out []model.Term
	for rows.Next() {
		var t model.Term
		if err := rows.Scan(&t.YearName, &t.Semester); err != nil {
			return nil, fmt.Errorf("DistrictTerms: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
