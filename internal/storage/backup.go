package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of a SQLite database to path while the
// server keeps running: VACUUM INTO reads one snapshot and writes a compact
// new file, so readers and the writer go on undisturbed. PostgreSQL is
// backed up with pg_dump (see the README); this method refuses it.
func (s *Storage) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return errors.New("PostgreSQL 请使用 pg_dump 备份（见 README）")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("备份文件 %s 已存在，不会覆盖", path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	}
	_, err := s.db.ExecContext(ctx, `VACUUM INTO $1`, path)
	return err
}

// CheckSQLiteFile opens a SQLite file read-only and runs the integrity
// check, so a restore never puts a damaged file in place.
func CheckSQLiteFile(ctx context.Context, path string) error {
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		return fmt.Errorf("备份文件 %s 不存在", path)
	}
	st, err := Open(ctx, "sqlite:"+path)
	if err != nil {
		return err
	}
	defer st.Close()
	var res string
	if err := st.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("不是有效的 SQLite 数据库: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("备份文件已损坏: %s", res)
	}
	var n int
	if err := st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		return errors.New("这不是职教引擎的数据库备份")
	}
	return nil
}

// RestoreSQLite copies a checked backup into place as dsn's file. It
// refuses while a server holds the database (LockServer); existing files are kept aside with a .before-restore
// suffix rather than deleted.
func RestoreSQLite(ctx context.Context, backup, dsn string) error {
	if !strings.HasPrefix(dsn, "sqlite:") {
		return errors.New("PostgreSQL 请使用 pg_restore 恢复（见 README）")
	}
	target := sqlitePath(dsn)
	// Holding the server lock for the whole copy also keeps a server from
	// starting on a half-copied file.
	lock, err := LockServer(dsn)
	if err != nil {
		if errors.Is(err, ErrServerRunning) {
			return fmt.Errorf("%w。请先停止服务再恢复，否则服务仍写入旧文件，恢复后这些数据会丢失", err)
		}
		return err
	}
	defer lock.Release()
	if err := CheckSQLiteFile(ctx, backup); err != nil {
		return err
	}
	for _, suf := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(target + suf); err == nil {
			if err := os.Rename(target+suf, target+suf+".before-restore"); err != nil {
				return err
			}
		}
	}
	in, err := os.Open(backup)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
