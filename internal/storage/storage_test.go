package storage_test

import (
	"context"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestMigrate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		n, err := s.Migrate(context.Background())
		if err != nil || n != 0 {
			t.Fatalf("second migrate applied %d, %v", n, err)
		}
	})
}
