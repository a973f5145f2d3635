package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// StartDistrictJob moves a queued job to running; false when it was not
// queued (another worker has it).
func (s *Storage) StartDistrictJob(ctx context.Context, id int64) (bool, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE district_jobs SET state = $2, attempts = attempts + 1, started_at = COALESCE(started_at, $3) WHERE id = $1 AND state = $4`,
		id, JobRunning, now(), JobQueued)
	if err != nil {
		return false, fmt.Errorf("StartDistrictJob: %w", err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// FinishDistrictJob ends a job: done, or failed with a reason.
func (s *Storage) FinishDistrictJob(ctx context.Context, id int64, reason string) error {
	state := JobDone
	if reason != "" {
		state = JobFailed
	}
	_, err := s.db.ExecContext(ctx, `UPDATE district_jobs SET state = $2, error = $3, finished_at = $4 WHERE id = $1`, id, state, reason, now())
	return err
}

// DistrictJobSchools lists a job's schools in their order, with names.
func (s *Storage) DistrictJobSchools(ctx context.Context, jobID int64) ([]DistrictJobSchool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.school_id, sc.name, p.job_id, p.seq, p.state, p.cycles, p.students, p.notes, p.error, p.millis, p.finished_at
		FROM district_job_schools p JOIN schools sc ON sc.id = p.school_id WHERE p.job_id = $1 ORDER BY p.seq`, jobID)
	if err != nil {
		return nil, fmt.Errorf("DistrictJobSchools: %w", err)
	}
	defer rows.Close()
	var out []DistrictJobSchool
	for rows.Next() {
		var p DistrictJobSchool
		var notes string
		var fin sql.NullTime
		if err := rows.Scan(&p.SchoolID, &p.SchoolName, &p.JobID, &p.Seq, &p.State, &p.Cycles, &p.Students, &notes, &p.Error, &p.Millis, &fin); err != nil {
			return nil, fmt.Errorf("DistrictJobSchools: %w", err)
		}
		p.FinishedAt = utcPtr(fin)
		if err := json.Unmarshal([]byte(notes), &p.Notes); err != nil {
			return nil, fmt.Errorf("DistrictJobSchools: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// MarkDistrictSchoolRunning records the school the job is on now.
func (s *Storage) MarkDistrictSchoolRunning(ctx context.Context, schoolID, jobID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE district_job_schools SET state = $3 WHERE school_id = $1 AND job_id = $2`, schoolID, jobID, JobRunning)
	return err
}

// FinishDistrictSchool records one school's outcome (state JobDone,
// JobSkipped or JobFailed).
func (s *Storage) FinishDistrictSchool(ctx context.Context, p DistrictJobSchool) error {
	if p.Notes == nil {
		p.Notes = []string{}
	}
	b, err := json.Marshal(p.Notes)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE district_job_schools SET state = $3, cycles = $4, students = $5, notes = $6, error = $7, millis = $8, finished_at = $9
		WHERE school_id = $1 AND job_id = $2`, p.SchoolID, p.JobID, p.State, p.Cycles, p.Students, string(b), p.Error, p.Millis, now())
	return err
}

// RecoverDistrictJobs runs at start: a job left running by a stopped
// process is queued again (its schools already finished stay finished,
// the school it was on starts over, its recompute being one transaction
// that either committed or did not) when tried fewer than maxAttempts
// times, and failed otherwise.
func (s *Storage) RecoverDistrictJobs(ctx context.Context, maxAttempts int, reason string) (requeued, failed int64, err error) {
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE district_job_schools SET state = $1 WHERE state = $2`, JobQueued, JobRunning); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE district_jobs SET state = $1 WHERE state = $2 AND attempts < $3`, JobQueued, JobRunning, maxAttempts)
		if err != nil {
			return err
		}
		requeued, _ = r.RowsAffected()
		r, err = tx.ExecContext(ctx, `UPDATE district_jobs SET state = $1, error = $2, finished_at = $3 WHERE state = $4`, JobFailed, reason, now(), JobRunning)
		if err != nil {
			return err
		}
		failed, _ = r.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("RecoverDistrictJobs: %w", err)
	}
	return requeued, failed, nil
}

// DistrictJobsDone counts the finished schools (done, skipped or failed)
// of the newest jobs, in one grouped read for the list of jobs.
func (s *Storage) DistrictJobsDone(ctx context.Context, districtID int64, all bool, limit int) (map[int64]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.job_id, COUNT(*) FROM district_job_schools p
		WHERE p.state IN ($4, $5, $6) AND p.job_id IN (SELECT id FROM district_jobs WHERE ($1 OR district_id = $2) ORDER BY id DESC LIMIT $3)
		GROUP BY p.job_id`, all, districtID, limit, JobDone, JobSkipped, JobFailed)
	if err != nil {
		return nil, fmt.Errorf("DistrictJobsDone: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("DistrictJobsDone: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
