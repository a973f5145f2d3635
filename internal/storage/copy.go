package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// COPY on PostgreSQL. A multi-row INSERT of 500 rows is one statement of
// thousands of parameters that the server parses, plans and binds; COPY
// streams the same rows in binary with none of that. database/sql does not
// offer COPY, so the writers that want it hold the one connection their
// transaction runs on (pinnedTx) and reach pgx's CopyFrom through its Raw
// driver connection. The rows go into the same transaction as everything
// else: a failed load still rolls back whole.

// pinnedTx is a transaction together with the connection it runs on.
// conn is nil on SQLite, where every writer keeps its INSERTs.
type pinnedTx struct {
	conn *sql.Conn
	tx   *sql.Tx
}

// beginPinned opens a transaction; on PostgreSQL on a connection of its
// own, so that COPY can reach it.
func (s *Storage) beginPinned(ctx context.Context) (pinnedTx, error) {
	if s.dialect != Postgres {
		tx, err := s.db.BeginTx(ctx, nil)
		return pinnedTx{tx: tx}, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return pinnedTx{}, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return pinnedTx{}, err
	}
	return pinnedTx{conn: conn, tx: tx}, nil
}

// release gives the connection back to the pool once the transaction has
// ended (Commit or Rollback first).
func (p pinnedTx) release() {
	if p.conn != nil {
		p.conn.Close()
	}
}

// errNoCopy says the connection is not a plain pgx one (a test's wrapped
// connector, say): the caller writes with INSERT instead.
var errNoCopy = errors.New("COPY unavailable on this connection")

// copyInto writes rows into table with COPY inside p's transaction and
// reports whether it did; false with a nil error means "use INSERT".
func (p pinnedTx) copyInto(ctx context.Context, table string, cols []string, rows [][]any) (bool, error) {
	if !p.canCopy() {
		return false, nil
	}
	if len(rows) == 0 {
		return true, nil
	}
	err := p.conn.Raw(func(dc any) error {
		pc, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			return errNoCopy
		}
		n, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err == nil && n != int64(len(rows)) {
			err = fmt.Errorf("COPY %s wrote %d of %d rows", table, n, len(rows))
		}
		return err
	})
	if errors.Is(err, errNoCopy) {
		return false, nil
	}
	return err == nil, err
}

// noCopy lets the tests write the same load with INSERT and with COPY and
// compare the rows.
var noCopy atomic.Bool

// canCopy says whether p's writers use COPY.
func (p pinnedTx) canCopy() bool { return p.conn != nil && !noCopy.Load() }

// reserveIDs draws n values of table's id sequence for rows that COPY will
// write (COPY cannot return the ids the database chose).
func reserveIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error) {
	rs, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, fmt.Errorf("reserveIDs: %w", err)
	}
	defer rs.Close()
	ids := make([]int64, 0, n)
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, fmt.Errorf("reserveIDs: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rs.Err()
}
