// Package e2e drives the real site in headless Chromium. The browser comes
// from Debian's chromium package (the README's test command installs it);
// its path is ZHIJIAO_CHROMIUM or the first chromium on PATH.
package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

// Browser starts headless Chromium for one test and returns its context.
// A missing browser fails the test: a skipped browser test would hide a
// missing piece.
func Browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("ZHIJIAO_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Fatal("headless Chromium not found: install Debian's chromium (scripts/test does) or set ZHIJIAO_CHROMIUM")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Serve starts the real site (pages and API) on a loopback port.
func Serve(t *testing.T, st *storage.Storage, api ui.Options) *httptest.Server {
	t.Helper()
	srv, err := ui.New(context.Background(), st, api)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// Screenshot saves a full-page PNG under ZHIJIAO_SCREENSHOTS (default: the
// test's temp dir) so a person can look at what the test saw.
func Screenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	dir := os.Getenv("ZHIJIAO_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	os.MkdirAll(dir, 0o755)
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustText reads the visible text of the first element matching sel.
func mustText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// MarkPage marks the current document, so that WaitNewPage can tell the
// page a form leads to from the page it was sent from: waiting only for a
// selector could match the old page, and reading or navigating on then
// races the navigation in flight.
func MarkPage(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ window.__zjOld = true; return true })()`)); err != nil {
		t.Fatalf("mark page: %v", err)
	}
}

// WaitNewPage waits until the marked document has been replaced and the
// new one has loaded, then for ready on it.
func WaitNewPage(t *testing.T, ctx context.Context, ready string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.__zjOld && document.readyState === "complete"`))
		if err == nil && gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the form's next page did not load: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(ready)); err != nil {
		t.Fatalf("next page %s: %v", ready, err)
	}
}
