package e2e

import (
	"os"
	"strconv"
	"testing"

	"zhijiao/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
