package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchRows is how many rows one multi-row INSERT carries: large enough
// that statement preparation stops dominating a 10,000-row import, small
// enough to stay far below both engines' parameter limits.
const batchRows = 200

// batchInsert inserts rows into table in multi-row INSERT statements. When
// returning is not empty each statement ends with RETURNING returning and
// scan is called for every returned row. Both engines return rows in an
// unspecified order, so callers return a natural key with the id.
func (s *Storage) batchInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix, returning string, scan func(*sql.Rows) error) error {
	for start := 0; start < len(rows); start += batchRows {
		end := min(start+batchRows, len(rows))
		var b strings.Builder
		b.WriteString(insertSQL(table, cols, end-start, s.dialect))
		args := make([]any, 0, (end-start)*len(cols))
		for _, row := range rows[start:end] {
			args = append(args, row...)
		}
		if suffix != "" {
			b.WriteString(" " + suffix)
		}
		if returning == "" {
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
			continue
		}
		rs, err := tx.QueryContext(ctx, b.String()+" RETURNING "+returning, args...)
		if err != nil {
			return err
		}
		for rs.Next() {
			if err := scan(rs); err != nil {
				rs.Close()
				return err
			}
		}
		if err := rs.Close(); err != nil {
			return err
		}
		if err := rs.Err(); err != nil {
			return err
		}
	}
	return nil
}

// insertSQL is an INSERT of n rows with positional placeholders. SQLite
// treats "$N" as a named parameter and looks names up linearly, which turns
// a 3,000-parameter statement quadratic, so there it uses plain "?", which
// is positional; PostgreSQL needs "$N".
func insertSQL(table string, cols []string, n int, d Dialect) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	p := 0
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			p++
			if d == SQLite {
				b.WriteByte('?')
			} else {
				b.WriteString("$" + itoa(p))
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// analyzeIfStale refreshes a PostgreSQL table's statistics inside the
// transaction when the caller just wrote at least a tenth as many rows as
// they count (the share at which autovacuum would analyze, later). A child
// table's foreign-key check is planned from these statistics: on a freshly
// filled parent they say "tiny", and every child row then scans the whole
// parent (a 10,000-row import's 学籍 lines took seconds). The same holds
// for a new cycle's rows in a table that already has earlier cycles: the
// total looks current, but nothing is known of the new cycle_id, and the
// progress query (TaskStates) planned a nested loop that took 9.6 s for
// 8,921 tasks instead of 40 ms. SQLite needs nothing of the kind.
//
// cols, when given, limits the statistics to those columns: the row count
// is refreshed all the same, and a foreign-key check needs no more than
// the key's columns. Statistics of every column of a 10,000-row roster
// took most of the time of the import's write.
func (s *Storage) analyzeIfStale(ctx context.Context, tx *sql.Tx, table string, written int, cols ...string) error {
	if s.dialect != Postgres || written < 1000 {
		return nil
	}
	var est float64
	if err := tx.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)`, table).Scan(&est); err != nil {
		return fmt.Errorf("analyzeIfStale: %w", err)
	}
	if est >= 10*float64(written) {
		return nil
	}
	q := `ANALYZE ` + table
	if len(cols) > 0 {
		q += ` (` + strings.Join(cols, ", ") + `)`
	}
	_, err := tx.ExecContext(ctx, q)
	return err
}
