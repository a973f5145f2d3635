package cli

import (
	"context"
	"fmt"
	"time"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

// printReportBench runs `zhijiao bench report`: every student's report
// card rendered, against two anchors: a new headless Chromium process per
// card (cold) and one warm Chromium printing each card over CDP (fair).
func printReportBench(ctx context.Context, e *env, st *storage.Storage, students, runs int) error {
	r, err := bench.Report(ctx, st, students, runs, bench.ChromiumPath())
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "报告单：%d 名学生（评价结果已公示），%d 个渲染协程 / report cards: %d students with publicised results, %d render goroutines\n",
		r.Students, r.Workers, r.Students, r.Workers)
	fmt.Fprintf(w, "  生成学校、评分、重算 / setup (school, ratings, recompute): %8.3f s\n", r.Setup.Seconds())
	fmt.Fprintf(w, "  从数据库组装报告单（含验证码）/ building cards from the database (codes issued): %8.3f s\n", r.Load.Seconds())
	fmt.Fprintf(w, "  渲染全部 PDF / rendering all PDFs                : %8.3f s  (%.0f 份/秒 PDFs/s, 平均 %.0f KB / avg)\n",
		r.Render.Seconds(), r.PerSecond(), float64(r.Bytes)/float64(r.Students)/1024)
	if r.LoadAvg != "" {
		fmt.Fprintf(w, "  渲染结束时系统负载 / load average after rendering: %s\n", r.LoadAvg)
	}
	fmt.Fprintf(w, "  每份 / per report at that rate                  : %8.2f ms\n", ms(r.PerReport()))
	fmt.Fprintf(w, "  单份单协程 / one card alone, one goroutine (median of %d): %8.2f ms\n", r.Runs, ms(r.One))
	okAll := r.Render.Seconds()+r.Load.Seconds() <= 60
	fmt.Fprintf(w, "  目标 / target all %d in ≤ 60 s (build + render %.1f s): %s\n", r.Students, r.Render.Seconds()+r.Load.Seconds(), met(okAll))
	if r.Skipped != "" {
		fmt.Fprintf(w, "  Chromium 对比跳过 / Chromium comparison skipped: %s\n", r.Skipped)
		return nil
	}
	fmt.Fprintf(w, "  Chromium --headless --print-to-pdf 同一学生的报告单页面（%d 次取中位数）/ same student's page (median of %d): %8.1f ms per report (%.0f KB)\n",
		r.Runs, r.Runs, ms(r.Chromium), float64(r.ChromiumPDF)/1024)
	fmt.Fprintf(w, "  比值（冷启动）/ ratio cold process ÷ ours: %.0f× (throughput), %.0f× (one card alone)\n", r.Ratio(), r.RatioOne())
	fmt.Fprintf(w, "  公平对照：一个已预热的 Chromium 经 CDP Page.printToPDF 逐份打印（%d 份取中位数）/ fair anchor, one warm Chromium printing each card over CDP (median of %d): %8.1f ms per report (%.0f KB)\n",
		r.Runs, r.Runs, ms(r.Warm), float64(r.WarmPDF)/1024)
	fmt.Fprintf(w, "  比值（预热浏览器）/ ratio warm browser ÷ ours: %.1f× (throughput), %.1f× (one card alone)\n", r.WarmRatio(), r.WarmRatioOne())
	fmt.Fprintf(w, "  目标 / target ≥ 10× faster per report than the warm browser (both ratios): %s\n", met(r.WarmRatio() >= 10 && r.WarmRatioOne() >= 10))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func met(ok bool) string {
	return map[bool]string{true: "达成 / met", false: "未达成 / NOT met"}[ok]
}
