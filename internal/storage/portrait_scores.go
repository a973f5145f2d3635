package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"

	"zhijiao/internal/model"
)

// result_scores holds every student's dimension and indicator scores of a
// cycle as rows, so group portraits average them in SQL instead of
// decoding every result's detail JSON. ReplaceResults writes them in the
// same transaction as the results; cycles computed before the table
// existed are filled once from their details on first use.

// Score kinds in result_scores.
const (
	ScoreDimension = "d"
	ScoreIndicator = "i"
)

var resultScoreCols = []string{"school_id", "cycle_id", "student_id", "class_id", "kind", "code", "score", "rated"}

func resultScoreRows(schoolID, cycleID int64, r *model.StudentResult) [][]any {
	rows := make([][]any, 0, 48)
	for _, d := range r.Dimensions {
		rows = append(rows, []any{schoolID, cycleID, r.StudentID, r.ClassID, ScoreDimension, d.Code, d.Score, d.Rated})
		for _, ind := range d.Indicators {
			rows = append(rows, []any{schoolID, cycleID, r.StudentID, r.ClassID, ScoreIndicator, ind.Code, ind.Score, ind.Rated})
		}
	}
	return rows
}

// replaceResultScores swaps a cycle's score rows for those of results,
// inside the caller's transaction.
func (s *Storage) replaceResultScores(ctx context.Context, tx *sql.Tx, schoolID, cycleID int64, results []model.StudentResult) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM result_scores WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID); err != nil {
		return err
	}
	var rows [][]any
	for i := range results {
		rows = append(rows, resultScoreRows(schoolID, cycleID, &results[i])...)
		if len(rows) >= 4000 {
			if err := s.batchInsert(ctx, tx, "result_scores", resultScoreCols, rows, "", "", nil); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	return s.batchInsert(ctx, tx, "result_scores", resultScoreCols, rows, "", "", nil)
}

// ensureResultScores fills the score rows of a cycle whose results were
// computed before result_scores existed: derived data, rebuilt from the
// stored details in one transaction (the recompute that made them is
// already in the audit log).
func (s *Storage) ensureResultScores(ctx context.Context, schoolID, cycleID int64) error {
	var missing bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM results WHERE school_id = $1 AND cycle_id = $2)
		AND NOT EXISTS (SELECT 1 FROM result_scores WHERE school_id = $1 AND cycle_id = $2)`, schoolID, cycleID).Scan(&missing); err != nil {
		return err
	}
	if !missing {
		return nil
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT detail FROM results WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID)
		if err != nil {
			return err
		}
		var results []model.StudentResult
		for rows.Next() {
			var d string
			var r model.StudentResult
			if err := rows.Scan(&d); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal([]byte(d), &r); err != nil {
				rows.Close()
				return err
			}
			results = append(results, r)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		slog.Info("result scores filled from details", "school", schoolID, "cycle", cycleID, "results", len(results))
		return s.replaceResultScores(ctx, tx, schoolID, cycleID, results)
	})
}

// ScoreMean is the mean score of one dimension or indicator over a group.
type ScoreMean struct {
	Kind  string  `json:"kind"` // ScoreDimension or ScoreIndicator
	Code  string  `json:"code"`
	Mean  float64 `json:"mean"`
	Count int     `json:"count"` // students with the score
}

// GroupScoreMeans averages the dimension and indicator scores of a cycle's
// results over the students of classIDs (nil: every class). Only rated
// scores count: an unrated indicator's 0 is not a score.
func (s *Storage) GroupScoreMeans(ctx context.Context, schoolID, cycleID int64, classIDs []int64) ([]ScoreMean, error) {
	if err := s.ensureResultScores(ctx, schoolID, cycleID); err != nil {
		return nil, err
	}
	w := schoolWhere("school_id", schoolID)
	w.add("cycle_id = ?", cycleID)
	w.conds = append(w.conds, "rated")
	if classIDs != nil {
		w.in("class_id", classIDs)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, code, AVG(score), COUNT(*) FROM result_scores`+w.sql()+` GROUP BY kind, code ORDER BY kind, code`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScoreMean
	for rows.Next() {
		var m ScoreMean
		if err := rows.Scan(&m.Kind, &m.Code, &m.Mean, &m.Count); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
