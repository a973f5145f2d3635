package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// TestBackupRestore copies a live SQLite database, restores it in place of
// another file and reads the same rows back.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := "sqlite:" + filepath.Join(dir, "live.db")
	st, err := storage.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sc := model.School{Code: "bk", Name: "备份测试学校"}
	if err := st.CreateSchool(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(dir, "backup.db")
	if err := st.Backup(ctx, bak); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, bak); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	// A write after the backup must not be in it.
	if err := st.CreateSchool(ctx, &model.School{Code: "later", Name: "后来的学校"}); err != nil {
		t.Fatal(err)
	}
	target := "sqlite:" + filepath.Join(dir, "restored.db")
	if err := storage.RestoreSQLite(ctx, bak, target); err != nil {
		t.Fatal(err)
	}
	re, err := storage.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	schools, err := re.Schools(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(schools) != 1 || schools[0].Name != "备份测试学校" {
		t.Fatalf("restored schools = %+v", schools)
	}
	if err := storage.RestoreSQLite(ctx, filepath.Join(dir, "nope.db"), target); err == nil {
		t.Fatal("restored from a missing file")
	}
}
