package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sort"

	"zhijiao/internal/model"
)

// Result summaries per class (result_means, result_progress) are what the
// group portraits read. ReplaceResults writes them in the same
// transaction as the results; a cycle computed before the tables existed
// gets them on first use, from its stored details and tasks.

// Score kinds of result_means.
const (
	ScoreDimension = "d"
	ScoreIndicator = "i"
)

type meanKey struct {
	class      int64
	kind, code string
}

// classMeans sums the rated scores of complete results per class,
// dimension and indicator, in a fixed order (so two recomputes write the
// same rows). 待补评 students are left out.
func classMeans(schoolID, cycleID int64, results []model.StudentResult) [][]any {
	type acc struct {
		total float64
		n     int
	}
	sums := map[meanKey]*acc{}
	add := func(k meanKey, v float64) {
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		a.total += v
		a.n++
	}
	for i := range results {
		r := &results[i]
		if r.Incomplete {
			// 待补评: partial scores would bias a group's means; the
			// portraits count such students apart.
			continue
		}
		for _, d := range r.Dimensions {
			if d.Rated {
				add(meanKey{r.ClassID, ScoreDimension, d.Code}, d.Score)
			}
			for _, ind := range d.Indicators {
				if ind.Rated {
					add(meanKey{r.ClassID, ScoreIndicator, ind.Code}, ind.Score)
				}
			}
		}
	}
	keys := make([]meanKey, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.code < b.code
	})
	rows := make([][]any, len(keys))
	for i, k := range keys {
		rows[i] = []any{schoolID, cycleID, k.class, k.kind, k.code, sums[k].total, sums[k].n}
	}
	return rows
}

var resultMeanCols = []string{"school_id", "cycle_id", "class_id", "kind", "code", "total", "n"}

// replaceResultSummaries rewrites a cycle's class summaries inside the
// caller's transaction: the score sums of results and, counted from the
// rating tasks and ratings, how many tasks of each role were done.
func (s *Storage) replaceResultSummaries(ctx context.Context, tx *sql.Tx, schoolID, cycleID int64, results []model.StudentResult) error {
	for _, table := range []string{"result_means", "result_progress"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID); err != nil {
			return fmt.Errorf("replaceResultSummaries: %w", err)
		}
	}
	if err := s.batchInsert(ctx, tx, "result_means", resultMeanCols, classMeans(schoolID, cycleID, results), "", "", nil); err != nil {
		return fmt.Errorf("replaceResultSummaries: %w", err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO result_progress (school_id, cycle_id, class_id, rater_role, done, total)
		SELECT t.school_id, t.cycle_id, t.class_id, t.rater_role, SUM(`+taskDone+`), COUNT(*) FROM rating_tasks t
		WHERE t.school_id = $1 AND t.cycle_id = $2 GROUP BY t.school_id, t.cycle_id, t.class_id, t.rater_role`, schoolID, cycleID)
	return err
}

// ensureResultSummaries fills the summaries of a cycle whose results were
// computed before the summary tables existed (derived data: the recompute
// that made the results is already in the audit log).
func (s *Storage) ensureResultSummaries(ctx context.Context, schoolID, cycleID int64) error {
	var missing bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM results WHERE school_id = $1 AND cycle_id = $2)
		AND NOT EXISTS (SELECT 1 FROM result_progress WHERE school_id = $1 AND cycle_id = $2)`, schoolID, cycleID).Scan(&missing); err != nil {
		return fmt.Errorf("ensureResultSummaries: %w", err)
	}
	if !missing {
		return nil
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT detail, detail_z FROM results WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID)
		if err != nil {
			return fmt.Errorf("ensureResultSummaries: %w", err)
		}
		var results []model.StudentResult
		for rows.Next() {
			var d string
			var z []byte
			var r model.StudentResult
			if err := rows.Scan(&d, &z); err != nil {
				rows.Close()
				return err
			}
			b, err := detailJSON(d, z)
			if err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal(b, &r); err != nil {
				rows.Close()
				return err
			}
			results = append(results, r)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		slog.Info("result summaries filled from details", "school", schoolID, "cycle", cycleID, "results", len(results))
		return s.replaceResultSummaries(ctx, tx, schoolID, cycleID, results)
	})
	// Two first visits at once both fill: the second finds the first's
	// rows (a duplicate key), which are the same summaries.
	if isUniqueViolation(err) {
		return nil
	}
	return err
}

// ScoreMean is the mean score of one dimension or indicator over a group.
type ScoreMean struct {
	Kind  string  `json:"kind"` // ScoreDimension or ScoreIndicator
	Code  string  `json:"code"`
	Mean  float64 `json:"mean"`
	Count int     `json:"count"` // students with a rated score
}

// GroupScoreMeans averages the dimension and indicator scores of a cycle's
// results over the students of classIDs (nil: every class). Only rated
// scores count: an unrated indicator's 0 is not a score.
func (s *Storage) GroupScoreMeans(ctx context.Context, schoolID, cycleID int64, classIDs []int64) ([]ScoreMean, error) {
	if err := s.ensureResultSummaries(ctx, schoolID, cycleID); err != nil {
		return nil, err
	}
	w := groupWhere("m", schoolID, cycleID, classIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT m.kind, m.code, SUM(m.total), SUM(m.n) FROM result_means m`+w.sql()+` GROUP BY m.kind, m.code ORDER BY m.kind, m.code`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("GroupScoreMeans: %w", err)
	}
	defer rows.Close()
	var out []ScoreMean
	for rows.Next() {
		var m ScoreMean
		var total float64
		if err := rows.Scan(&m.Kind, &m.Code, &total, &m.Count); err != nil {
			return nil, fmt.Errorf("GroupScoreMeans: %w", err)
		}
		if m.Count > 0 {
			m.Mean = total / float64(m.Count)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// GroupCompletion counts a cycle's rating tasks per rater role in classIDs
// (nil: every class), as they stood when the results were computed: Done
// are the tasks with at least one rating.
func (s *Storage) GroupCompletion(ctx context.Context, schoolID, cycleID int64, classIDs []int64) ([]Progress, error) {
	if err := s.ensureResultSummaries(ctx, schoolID, cycleID); err != nil {
		return nil, err
	}
	w := groupWhere("p", schoolID, cycleID, classIDs)
	return s.progress(ctx, `SELECT 0, p.rater_role, 0, SUM(p.done), 0, SUM(p.total) FROM result_progress p`+w.sql()+` GROUP BY p.rater_role ORDER BY p.rater_role`, w.args...)
}
