package storage

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A server holds an exclusive lock on a file beside its SQLite database for
// as long as it runs, and `zhijiao restore` refuses to put a backup in
// place while anyone holds it: replacing the file under a running server
// lost acknowledged ratings (the server kept writing to the file it had
// open, which restore had moved aside). The lock is the operating system's
// (flock), so a server killed with -9 releases it too. PostgreSQL is
// restored with pg_restore, which has its own rules, so no lock is taken
// there.

// ServerLock is a held server lock; Release gives it up.
type ServerLock struct{ f *os.File }

// ErrServerRunning says a server has the database open.
var ErrServerRunning = errors.New("服务正在运行")

// sqlitePath is the database file of a sqlite: DSN, "" for PostgreSQL.
func sqlitePath(dsn string) string {
	if !strings.HasPrefix(dsn, "sqlite:") {
		return ""
	}
	p := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}

func lockPath(db string) string { return db + ".server-lock" }

// LockServer takes the server lock of dsn's SQLite file, or fails with a
// Chinese message wrapping ErrServerRunning when another server holds it.
// For PostgreSQL it returns a lock that holds nothing.
func LockServer(dsn string) (*ServerLock, error) {
	db := sqlitePath(dsn)
	if db == "" {
		return &ServerLock{}, nil
	}
	f, err := os.OpenFile(lockPath(db), os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		pid := readPID(f)
		f.Close()
		return nil, fmt.Errorf("%w：服务进程%s正在使用数据库 %s", ErrServerRunning, pid, db)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &ServerLock{f: f}, nil
}

// Release gives the lock up (the file stays; it is reused).
func (l *ServerLock) Release() {
	if l != nil && l.f != nil {
		unlock(l.f)
		l.f.Close()
		l.f = nil
	}
}

func readPID(f *os.File) string {
	b := make([]byte, 16)
	n, _ := f.ReadAt(b, 0)
	if p := strings.TrimSpace(string(b[:n])); p != "" {
		return "（PID " + p + "）"
	}
	return ""
}
