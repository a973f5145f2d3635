package storage_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestBulkWriterChecksReferences: the writer's sessions skip the per-row
// foreign-key triggers (a dangling row goes in), and CheckSchool finds such
// a row in its school, names the table, and leaves other schools clean.
func TestBulkWriterChecksReferences(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		w, err := s.OpenBulkWriter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Dialect() != storage.Postgres {
			if w != nil {
				t.Fatal("a bulk writer on SQLite")
			}
			return
		}
		if w == nil {
			var super string
			if err := s.DB().QueryRowContext(ctx, `SELECT current_setting('is_superuser')`).Scan(&super); err == nil && super != "on" {
				t.Skip("the test database's user is not a superuser")
			}
			t.Fatal("no bulk writer for a superuser")
		}
		t.Cleanup(func() { w.Close() })

		sc, _ := bulkSchool(t, w.Storage, "bw1", 600)
		other, _ := bulkSchool(t, w.Storage, "bw2", 30)
		for _, id := range []int64{sc.ID, other.ID} {
			if err := w.CheckSchool(ctx, id); err != nil {
				t.Fatalf("a school written whole: %v", err)
			}
		}

		dangling := `INSERT INTO student_guardians (school_id, student_id, guardian_id, relation)
			SELECT school_id, id, 987654321, '父亲' FROM students WHERE school_id = $1 LIMIT 1`
		if _, err := s.DB().ExecContext(ctx, dangling, sc.ID); err == nil {
			t.Fatal("an ordinary session wrote a row whose guardian does not exist")
		}
		if _, err := w.DB().ExecContext(ctx, dangling, sc.ID); err != nil {
			t.Fatalf("the writer checked the row itself: %v", err)
		}
		err = w.CheckSchool(ctx, sc.ID)
		if err == nil || !strings.Contains(err.Error(), "student_guardians") {
			t.Fatalf("dangling guardian: %v", err)
		}
		if err := w.CheckSchool(ctx, other.ID); err != nil {
			t.Fatalf("the other school: %v", err)
		}
		if err := w.CheckSchool(ctx, 987654321); err == nil || !strings.Contains(err.Error(), "schools") {
			t.Fatalf("a school that does not exist: %v", err)
		}
	})
}
