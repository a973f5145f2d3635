// Package storage is the only package that speaks SQL. Storage wraps one
// *sql.DB; every method that reads or writes school data takes the school
// explicitly, so no query can forget its tenant.
package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names the SQL engine behind a Storage.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Storage is the data layer. It is safe for concurrent use.
type Storage struct {
	db         *sql.DB
	dialect    Dialect
	dsn        string
	frameworks frameworkCache
	summaries  summaryCache // kpi_summary_cache.go
	zhICU      bool         // PostgreSQL has ICU's zh-Hans collation (zh_order.go)
	keysReady  atomic.Bool  // global_keys exists (global_keys.go)
	// summariesReady: kpi_summary_dirty exists (kpi_summary.go)
	summariesReady atomic.Bool

	sessionsOnce sync.Once
	sessions     *SessionStore                                                   // sessions.go
	sheetsSaved  atomic.Pointer[func(schoolID, cycleID int64, students []int64)] // provisional.go
	jobQueued    atomic.Pointer[func()]                                          // district_jobs.go
	writeGate    chan struct{}                                                   // SQLite only (write_gate.go)
}

// DefaultDSN is used when neither --db nor ZHIJIAO_DB is given.
const DefaultDSN = "sqlite:./zhijiao.db"

// ErrNotFound is returned when a row does not exist in the given school.
var ErrNotFound = errors.New("记录不存在")

// ErrNotAssigned wraps a rating for a student the rater has no task for,
// so pages can answer "not found" rather than show whom one could rate.
var ErrNotAssigned = errors.New("未分配的评价任务")

// ErrRefused marks a refusal whose Chinese message is meant for the user
// (a closed cycle, a value off the scale); any other error of the same
// method is the database's, for the log and not for the page.
var ErrRefused = errors.New("提交被拒绝")

// refusal is a Chinese message that errors.Is reports as ErrRefused.
type refusal string

func (e refusal) Error() string        { return string(e) }
func (e refusal) Is(target error) bool { return target == ErrRefused }

// Open connects to dsn: "sqlite:PATH" or "postgres://…" (also "postgresql://").
// SQLite is opened in WAL mode with foreign keys on and a busy timeout, so
// readers never block the single writer and a second process waits instead
// of failing at once.
func Open(ctx context.Context, dsn string) (*Storage, error) {
	return OpenWrapped(ctx, dsn, nil)
}

// OpenWrapped is Open with every connection made through wrap (nil: as
// the driver makes it). Tests use it to count the statements a request
// runs on the real database (testdb.Counted).
func OpenWrapped(ctx context.Context, dsn string, wrap func(driver.Connector) driver.Connector) (*Storage, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return nil, fmt.Errorf("数据库地址 %q 缺少文件路径", dsn)
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("创建数据库目录: %w", err)
			}
		}
		q := "?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err := openPool("sqlite", "file:"+path+q, wrap)
		if err != nil {
			return nil, err
		}
		// One writer at a time is SQLite's rule; a small pool still lets
		// readers run beside it in WAL mode.
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(4)
		db.SetConnMaxLifetime(0)
		s := &Storage{db: db, dialect: SQLite, dsn: dsn, writeGate: make(chan struct{}, 1)}
		if err := s.ping(ctx); err != nil {
			return s, err
		}
		s.refreshKeysReady(ctx)
		return s, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err := openPool("pgx", dsn, wrap)
		if err != nil {
			return nil, err
		}
		// As many idle as open: with fewer, a burst of submissions closes
		// the extra connections as they come back and opens new ones at
		// the next burst (a backend process each, its prepared statements
		// lost). More than a few per core only queues inside PostgreSQL;
		// a few more than that keep commits overlapping (one WAL flush
		// serves every commit waiting on it).
		db.SetMaxOpenConns(pgPoolSize)
		db.SetMaxIdleConns(pgPoolSize)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s := &Storage{db: db, dialect: Postgres, dsn: dsn}
		if err := s.ping(ctx); err != nil {
			return s, err
		}
		if s.zhICU = s.detectZhCollation(ctx); !s.zhICU {
			slog.Warn("PostgreSQL has no ICU collation " + pgZhCollation + ": names sort by code point, not pinyin")
		}
		s.refreshKeysReady(ctx)
		return s, nil
	default:
		return nil, fmt.Errorf("无法识别的数据库地址 %q：应为 sqlite:路径 或 postgres://…", dsn)
	}
}

// pgPoolSize is the PostgreSQL pool's size (measured with bench submit,
// docs/benchmarks.md).
const pgPoolSize = 10

// openPool opens the named driver's pool, its connector wrapped when wrap
// is given.
func openPool(name, dsn string, wrap func(driver.Connector) driver.Connector) (*sql.DB, error) {
	if wrap == nil {
		return sql.Open(name, dsn)
	}
	db, err := sql.Open(name, "")
	if err != nil {
		return nil, err
	}
	d := db.Driver()
	db.Close()
	var c driver.Connector = dsnConnector{d, dsn}
	if dc, ok := d.(driver.DriverContext); ok {
		if c, err = dc.OpenConnector(dsn); err != nil {
			return nil, err
		}
	}
	return sql.OpenDB(wrap(c)), nil
}

// dsnConnector is the connector of a driver that offers none.
type dsnConnector struct {
	d   driver.Driver
	dsn string
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.d }

func (s *Storage) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return fmt.Errorf("无法连接数据库: %w", err)
	}
	return nil
}

// Close closes the pool.
func (s *Storage) Close() error { return s.db.Close() }

// Dialect reports the engine.
func (s *Storage) Dialect() Dialect { return s.dialect }

// DB exposes the pool for benchmarks and the session store.
func (s *Storage) DB() *sql.DB { return s.db }

// querier is what both *sql.DB and *sql.Tx offer, so helpers can run inside
// or outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// InTx runs fn in one transaction: all of it lands, or none of it.
func (s *Storage) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	release, err := s.gateWrite(ctx)
	if err != nil {
		return err
	}
	defer release()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// now is the one clock of the storage layer, in UTC with microseconds so
// both engines store and return the same value.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// nullInt turns 0 into NULL for optional foreign keys.
func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// nullTime turns the zero time into NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// isUniqueViolation recognises a unique-constraint error on both engines.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "SQLSTATE 23505") || strings.Contains(m, "duplicate key")
}

// likePattern escapes a user's search text for LIKE … ESCAPE '\'.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + strings.ToLower(r.Replace(strings.TrimSpace(q))) + "%"
}
