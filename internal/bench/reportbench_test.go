package bench

import (
	"context"
	"testing"

	"zhijiao/internal/testdb"
)

// TestReportBenchSmall runs `zhijiao bench report`'s own code on a small
// school, Chromium half included (the test machines have it, as the
// browser tests need it), so the command cannot rot unnoticed.
func TestReportBenchSmall(t *testing.T) {
	chromium := ChromiumPath()
	if chromium == "" {
		t.Fatal("headless Chromium not found: install Debian's chromium or set ZHIJIAO_CHROMIUM")
	}
	r, err := Report(context.Background(), testdb.SQLite(t), 40, 1, chromium)
	if err != nil {
		t.Fatal(err)
	}
	if r.Students < 30 || r.Render <= 0 || r.Bytes < int64(r.Students)*20_000 || r.One <= 0 {
		t.Fatalf("result %+v", r)
	}
	if r.Skipped != "" || r.Chromium <= 0 || r.ChromiumPDF < 10_000 {
		t.Fatalf("chromium half: %+v", r)
	}
}
