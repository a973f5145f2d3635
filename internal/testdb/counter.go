package testdb

import (
	"context"
	"database/sql/driver"
	"sync/atomic"
	"testing"

	"zhijiao/internal/storage"
)

// Counter counts the SQL statements run on one Storage's real database:
// every query and exec a connection runs, prepared or not (BEGIN and
// COMMIT are not statements of ours and are not counted). A list page's
// test reads it around one request to pin how many statements the page
// needs, so a page that starts querying per row fails its test.
type Counter struct {
	n atomic.Int64
}

// N is the number of statements since the last Reset.
func (c *Counter) N() int { return int(c.n.Load()) }

// Reset starts counting from zero.
func (c *Counter) Reset() { c.n.Store(0) }

// Counted opens a fresh migrated database of the named engine ("sqlite"
// or "postgres", as Engines names them) whose statements c counts.
func Counted(t testing.TB, engine string) (*storage.Storage, *Counter) {
	t.Helper()
	c := &Counter{}
	wrap := func(d driver.Connector) driver.Connector { return countingConnector{d, c} }
	var dsn string
	switch engine {
	case "sqlite":
		dsn = sqliteCopy(t)
	case "postgres":
		dsn = postgresCopy(t)
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	return openWith(t, dsn, wrap), c
}

type countingConnector struct {
	driver.Connector
	c *Counter
}

func (k countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := k.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{conn, k.c}, nil
}

// countingConn passes everything to the driver's connection, offering
// each optional interface database/sql looks for and handing back the
// driver's own answer (driver.ErrSkip where it has none, which makes
// database/sql take its ordinary path).
type countingConn struct {
	driver.Conn
	c *Counter
}

func (k *countingConn) Prepare(query string) (driver.Stmt, error) {
	return k.PrepareContext(context.Background(), query)
}

func (k *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var st driver.Stmt
	var err error
	if p, ok := k.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = k.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &countingStmt{st, k.c}, nil
}

func (k *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := k.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	res, err := e.ExecContext(ctx, query, args)
	if err != driver.ErrSkip {
		k.c.n.Add(1)
	}
	return res, err
}

func (k *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := k.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	rows, err := q.QueryContext(ctx, query, args)
	if err != driver.ErrSkip {
		k.c.n.Add(1)
	}
	return rows, err
}

func (k *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := k.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return k.Conn.Begin() // a driver with no context-taking method
}

func (k *countingConn) Ping(ctx context.Context) error {
	if p, ok := k.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (k *countingConn) CheckNamedValue(v *driver.NamedValue) error {
	if c, ok := k.Conn.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(v)
	}
	return driver.ErrSkip
}

func (k *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := k.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (k *countingConn) IsValid() bool {
	if v, ok := k.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// countingStmt counts each run of a prepared statement.
type countingStmt struct {
	driver.Stmt
	c *Counter
}

func (k *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	k.c.n.Add(1)
	if e, ok := k.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	return k.Stmt.Exec(values(args)) // a driver with no context-taking method
}

func (k *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	k.c.n.Add(1)
	if q, ok := k.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	return k.Stmt.Query(values(args)) // a driver with no context-taking method
}

func values(args []driver.NamedValue) []driver.Value {
	out := make([]driver.Value, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}
