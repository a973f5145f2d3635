// Package testdb gives tests real databases: a fresh SQLite file, and a
// fresh PostgreSQL schema inside a database made for this test run. Nothing
// is mocked; every storage test runs on both engines.
//
// PostgreSQL is found through ZHIJIAO_TEST_PG (default: the local server on
// 127.0.0.1:5432 as user postgres). When it cannot be reached the tests fail
// rather than skip: a skipped engine would hide a broken half.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"zhijiao/internal/storage"
)

// DefaultPG is the local server the README's test command starts.
const DefaultPG = "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"

var (
	once   sync.Once
	runDB  string // DSN of this run's database (only PostgresDSN's schemas need it)
	admin  string
	setErr error
)

func serverDSN() string {
	if v := os.Getenv("ZHIJIAO_TEST_PG"); v != "" {
		return v
	}
	return DefaultPG
}

func withDB(dsn, db string, params map[string]string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + db
	q := u.Query()
	for k, v := range params {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// setup creates one database for this test process, for PostgresDSN's
// schemas; the copies of the template do without it.
func setup() {
	adminOnce.Do(func() { admin = serverDSN() })
	db, err := sql.Open("pgx", admin)
	if err != nil {
		setErr = err
		return
	}
	defer db.Close()
	name := "zhijiao_test_" + randHex(6)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		setErr = fmt.Errorf("PostgreSQL at %s: %w (the README's test command starts it)", redact(admin), err)
		return
	}
	runDB = withDB(admin, name, nil)
}

// Cleanup drops what this test process made on PostgreSQL (the run's
// database, the spare copies, the template) after the copies the tests
// used are dropped; call it from TestMain after m.Run.
func Cleanup() {
	stopCopies()
	if admin == "" {
		return
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return
	}
	defer db.Close()
	if runDB != "" {
		u, _ := url.Parse(runDB)
		db.Exec("DROP DATABASE IF EXISTS " + strings.TrimPrefix(u.Path, "/") + " WITH (FORCE)")
	}
	if pgTemplate != "" {
		db.Exec("DROP DATABASE IF EXISTS " + pgTemplate + " WITH (FORCE)")
	}
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "?"
	}
	return u.Redacted()
}

// Engine is a named way to get a fresh migrated Storage.
type Engine struct {
	Name string
	Open func(t testing.TB) *storage.Storage
}

// Engines lists SQLite and PostgreSQL.
func Engines() []Engine {
	return []Engine{{"sqlite", SQLite}, {"postgres", Postgres}}
}

// Each runs fn once per engine as a subtest.
func Each(t *testing.T, fn func(t *testing.T, s *storage.Storage)) {
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.Open(t)) })
	}
}

// SQLite opens a migrated database in a fresh file: a copy of a template
// file migrated once per test process, which takes a few milliseconds
// instead of running every migration again.
func SQLite(t testing.TB) *storage.Storage {
	t.Helper()
	return open(t, sqliteCopy(t))
}

// sqliteCopy writes a copy of the migrated template and returns its DSN.
func sqliteCopy(t testing.TB) string {
	t.Helper()
	sqliteOnce.Do(makeSQLiteTemplate)
	if sqliteErr != nil {
		t.Fatalf("SQLite template: %v", sqliteErr)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := os.WriteFile(path, sqliteTemplate, 0o600); err != nil {
		t.Fatal(err)
	}
	return "sqlite:" + path
}

var (
	sqliteOnce     sync.Once
	sqliteTemplate []byte
	sqliteErr      error
)

// makeSQLiteTemplate migrates one database and keeps its bytes; the copy
// is taken after a checkpoint, so the file alone holds everything.
func makeSQLiteTemplate() {
	dir, err := os.MkdirTemp("", "zhijiao-template-")
	if err != nil {
		sqliteErr = err
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	ctx := context.Background()
	s, err := storage.Open(ctx, "sqlite:"+path)
	if err != nil {
		sqliteErr = err
		return
	}
	if _, err = s.Migrate(ctx); err == nil {
		_, err = s.DB().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	s.Close()
	if err != nil {
		sqliteErr = err
		return
	}
	sqliteTemplate, sqliteErr = os.ReadFile(path)
}

// PostgresDSN returns a DSN whose search_path is a fresh, empty schema.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	once.Do(setup)
	if setErr != nil {
		t.Fatalf("PostgreSQL test database: %v", setErr)
	}
	schema := "t_" + randHex(6)
	db, err := sql.Open("pgx", runDB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	return withDB(runDB, strings.TrimPrefix(mustPath(runDB), "/"), map[string]string{"search_path": schema})
}

func mustPath(dsn string) string {
	u, _ := url.Parse(dsn)
	return u.Path
}

// Postgres opens a migrated database of its own: a copy (CREATE DATABASE
// … TEMPLATE) of a database migrated once per test process, dropped when
// the test ends. Running every migration into a fresh database took over a
// second a test on a busy machine; a copy is cheaper, but on a busy server
// its CREATE and DROP still took 0.3–1.5 s each. So copies are made ahead,
// in the background while tests run (copies.go), and dropped behind.
func Postgres(t testing.TB) *storage.Storage {
	t.Helper()
	return open(t, postgresCopy(t))
}

// postgresCopy takes a ready copy of the migrated template, dropped when
// the test ends, and returns its DSN.
func postgresCopy(t testing.TB) string {
	t.Helper()
	adminOnce.Do(func() { admin = serverDSN() })
	pgTplOnce.Do(makePostgresTemplate)
	if pgTplErr != nil {
		t.Fatalf("PostgreSQL template at %s: %v (the README's test command starts PostgreSQL)", redact(admin), pgTplErr)
	}
	name, err := takeCopy()
	if err != nil {
		t.Fatalf("PostgreSQL test database: %v", err)
	}
	t.Cleanup(func() { dropLater(name) })
	return withDB(admin, name, nil)
}

var (
	adminOnce  sync.Once
	pgTplOnce  sync.Once
	pgTemplate string
	pgTplErr   error
)

func makePostgresTemplate() {
	pgTemplate = "zhijiao_tpl_" + randHex(6)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		pgTplErr = err
		return
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + pgTemplate); err != nil {
		pgTplErr = err
		return
	}
	ctx := context.Background()
	s, err := storage.Open(ctx, withDB(admin, pgTemplate, nil))
	if err != nil {
		pgTplErr = err
		return
	}
	_, pgTplErr = s.Migrate(ctx)
	s.Close() // no session may stay connected to a template
}

func open(t testing.TB, dsn string) *storage.Storage {
	t.Helper()
	return openWith(t, dsn, nil)
}

// openWith opens dsn with its connections wrapped (nil: not wrapped),
// closed when the test ends.
func openWith(t testing.TB, dsn string, wrap func(driver.Connector) driver.Connector) *storage.Storage {
	t.Helper()
	ctx := context.Background()
	s, err := storage.OpenWrapped(ctx, dsn, wrap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
