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
	runDB  string // DSN of this run's database
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

// setup creates one database for this test process.
func setup() {
	admin = serverDSN()
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

// Cleanup drops the run's database; call it from TestMain after m.Run.
func Cleanup() {
	if runDB == "" {
		return
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return
	}
	defer db.Close()
	u, _ := url.Parse(runDB)
	db.Exec("DROP DATABASE IF EXISTS " + strings.TrimPrefix(u.Path, "/") + " WITH (FORCE)")
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

// SQLite opens a migrated database in a fresh file.
func SQLite(t testing.TB) *storage.Storage {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "test.db"))
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

// Postgres opens a migrated database in a fresh schema.
func Postgres(t testing.TB) *storage.Storage {
	t.Helper()
	return open(t, PostgresDSN(t))
}

func open(t testing.TB, dsn string) *storage.Storage {
	t.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
