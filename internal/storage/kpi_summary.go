package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"zhijiao/internal/portrait"
)

// The district view reads per-school summaries (kpi_summaries) instead of
// every record. They are kept by a job, not by triggers: a write of a
// counted record leaves a mark for its school in its own transaction
// (markKPIDirty), and RefreshKPISummaries rebuilds each marked school from
// the school's own reads (KPIInputs, all dates), so a summary is exactly
// what the school's dashboard would count. The graduate figure depends on
// a student's latest 毕业 change, their status and a certificate of any
// date, which keeping counts by delta would have to repeat in SQL on both
// engines; a rebuild per school cannot drift from the definitions. The page
// shows how far behind it may be (数据截至).

// markKPIDirty records, inside the writer's transaction, that the school's
// district summaries are behind. An insert, never an update, so writers of
// one school never wait on each other.
func (s *Storage) markKPIDirty(ctx context.Context, q querier, schoolID int64) error {
	if !s.summariesReady.Load() {
		return nil
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO kpi_summary_dirty (school_id) VALUES ($1)`, schoolID); err != nil {
		return fmt.Errorf("记录数据画像汇总待更新: %w", err)
	}
	return nil
}

// RefreshKPISummaries rebuilds the summaries of every school with a mark,
// one school at a time, and returns how many it rebuilt. Only one refresher
// should run at a time (the server runs one).
func (s *Storage) RefreshKPISummaries(ctx context.Context) (int, error) {
	var ids []int64
	if err := scanAll(ctx, s.db, `SELECT DISTINCT school_id FROM kpi_summary_dirty ORDER BY school_id`, nil, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		return 0, fmt.Errorf("RefreshKPISummaries: %w", err)
	}
	for i, id := range ids {
		if err := s.RefreshKPISchool(ctx, id); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// RefreshKPISchool rebuilds one school's summaries. The marks are read
// first: every write that left one had committed, so the reads after see
// it. Only those marks are removed; a write committed meanwhile keeps its
// mark and is counted by the next refresh.
func (s *Storage) RefreshKPISchool(ctx context.Context, schoolID int64) error {
	at := now()
	var marks []int64
	if err := scanAll(ctx, s.db, `SELECT id FROM kpi_summary_dirty WHERE school_id = $1`, []any{schoolID}, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		marks = append(marks, id)
		return err
	}); err != nil {
		return fmt.Errorf("RefreshKPISchool: %w", err)
	}
	if len(marks) == 0 {
		return nil
	}
	in, err := s.kpiRecordInputs(ctx, schoolID, portrait.Period{})
	if err != nil {
		return fmt.Errorf("RefreshKPISchool %d: %w", schoolID, err)
	}
	staff, err := readStaff(ctx, s.db, []int64{schoolID}, portrait.Period{})
	if err != nil {
		return fmt.Errorf("RefreshKPISchool %d: %w", schoolID, err)
	}
	rows := summaryRows(schoolID, in, staff[schoolID].summary)
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM kpi_summaries WHERE school_id = $1`, schoolID); err != nil {
			return err
		}
		if err := s.batchInsert(ctx, tx, "kpi_summaries", summaryCols, rows, "", "", nil); err != nil {
			return err
		}
		for start := 0; start < len(marks); start += 500 {
			w := schoolsWhere("id", marks[start:min(start+500, len(marks))])
			w.add("school_id = ?", schoolID)
			if _, err := tx.ExecContext(ctx, `DELETE FROM kpi_summary_dirty`+w.sql(), w.args...); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO kpi_summary_state (school_id, refreshed_at) VALUES ($1, $2)
			ON CONFLICT (school_id) DO UPDATE SET refreshed_at = excluded.refreshed_at`, schoolID, at)
		return err
	})
}

// KeepKPISummaries refreshes the marked schools every interval until ctx
// ends: the district page is at most about one interval behind.
func (s *Storage) KeepKPISummaries(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.RefreshKPISummaries(ctx); err != nil && ctx.Err() == nil {
			log.Warn("refresh district summaries", "err", err, "schools", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
