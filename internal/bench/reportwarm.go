package bench

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// warmChromiumTimes is the fair anchor for report cards: one headless
// Chromium, started once and kept, prints each card's printable page
// over CDP (Page.printToPDF) in the same tab, as a careful engineer
// would batch it. The first print is a warm-up (fonts, caches, the
// page's assets) and is not timed; then runs cards, each a different
// student's page, are timed from navigation to the PDF's bytes, and the
// median goes into res.Warm.
func warmChromiumTimes(ctx context.Context, res *ReportResult, pages []string, chromium string, runs int) error {
	dir, err := os.MkdirTemp("", "zhijiao-chromium-warm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(dir),
	)
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	yes := true
	print := func(url string) (int, error) {
		if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
			return 0, err
		}
		out, err := chromedp.Call(bctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &yes})
		return len(out.Data), err
	}
	if _, err := print(pages[0]); err != nil { // starts the browser and warms it
		return fmt.Errorf("chromium (warm): %w", err)
	}
	var times []time.Duration
	for i := range runs {
		t := time.Now()
		n, err := print(pages[(i+1)%len(pages)])
		if err != nil {
			return fmt.Errorf("chromium (warm): %w", err)
		}
		times = append(times, time.Since(t))
		res.WarmPDF = int64(n)
	}
	res.Warm = median(times)
	return nil
}
