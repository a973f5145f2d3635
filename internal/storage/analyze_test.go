package storage_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestNewValuesGetStatistics: a table whose statistics count plenty of rows
// of earlier cycles still knows nothing of a new cycle's rows; a write of a
// tenth of the table must refresh them, or the planner takes the new cycle
// for one row (a nested loop that took seconds on the progress page).
func TestNewValuesGetStatistics(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		if s.Dialect() != storage.Postgres {
			return // SQLite plans without per-value statistics; analyzeIfStale does nothing there
		}
		ctx, db := context.Background(), s.DB()
		exec := func(q string) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec(`CREATE TABLE stats_probe (cycle_id INT)`)
		exec(`INSERT INTO stats_probe SELECT 1 FROM generate_series(1, 20000)`)
		exec(`ANALYZE stats_probe`)
		err := s.InTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO stats_probe SELECT 2 FROM generate_series(1, 2500)`); err != nil {
				return err
			}
			return s.AnalyzeIfStale(ctx, tx, "stats_probe", 2500)
		})
		if err != nil {
			t.Fatal(err)
		}
		var plan string
		if err := db.QueryRowContext(ctx, `EXPLAIN (FORMAT JSON) SELECT * FROM stats_probe WHERE cycle_id = 2`).Scan(&plan); err != nil {
			t.Fatal(err)
		}
		var p []struct {
			Plan struct {
				Rows float64 `json:"Plan Rows"`
			} `json:"Plan"`
		}
		if err := json.Unmarshal([]byte(plan), &p); err != nil || len(p) == 0 {
			t.Fatalf("plan %s: %v", plan, err)
		}
		if p[0].Plan.Rows < 1000 {
			t.Errorf("the planner expects %.0f rows of the new cycle, 2,500 were written", p[0].Plan.Rows)
		}
	})
}
