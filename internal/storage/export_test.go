package storage

import (
	"context"
	"database/sql"
)

// AnalyzeIfStale lets the external tests reach the statistics refresh.
func (s *Storage) AnalyzeIfStale(ctx context.Context, tx *sql.Tx, table string, written int) error {
	return s.analyzeIfStale(ctx, tx, table, written)
}
