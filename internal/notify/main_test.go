package notify_test

import (
	"os"
	"testing"

	"zhijiao/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}
