package cli

import (
	"context"
	"fmt"
	"runtime"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

// printRaschBench runs `zhijiao bench rasch`: the many-facet Rasch fit of a simulated cycle of n students, against
// the raw means of the same ratings measured in the same run.
func printRaschBench(e *env, students, runs int) error {
	r, err := bench.Rasch(students, runs)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "机器 / machine: %d 核 cores, %s/%s, 无数据库（纯计算）/ no database (pure computation)\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "多面 Rasch：模拟评价周期 %d 名学生、%d 名评分者（每名学生 4 名同学 + 3 名教师）、%d 个指标、%d 条评分 / many-facet Rasch: simulated cycle, %d students, %d raters, %d indicators, %d ratings\n",
		r.Students, r.Raters, r.Items, r.Ratings, r.Students, r.Raters, r.Items, r.Ratings)
	fmt.Fprintf(w, "  %d 次取中位数 / median of %d runs:\n", r.Runs, r.Runs)
	fmt.Fprintf(w, "  基线：学生、评分者、指标的原始平均分 / baseline: raw means of every element: %8.3f s\n", r.Baseline.Seconds())
	fmt.Fprintf(w, "  多面 Rasch 估计（JMLE，%d 轮迭代）/ many-facet Rasch fit (JMLE, %d iterations): %8.3f s\n", r.Iterations, r.Iterations, r.Fit.Seconds())
	fmt.Fprintf(w, "  比值 / ratio fit ÷ baseline: %.0f×\n", r.Ratio())
	fmt.Fprintf(w, "  目标 / target fit ≤ 5 s: %s\n", met(r.Fit.Seconds() <= 5))
	return nil
}

// printFairBench runs `zhijiao bench eval --fair`: the recompute of the same school's cycle on a framework that
// corrects the peers' scores for severity, against the plain recompute, timed alternately in the same run.
func printFairBench(ctx context.Context, e *env, st *storage.Storage, plain bench.EvalResult, runs int) error {
	r, err := bench.EvalFair(ctx, st, plain, runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "宽严校正（互评，每班一次多面 Rasch 估计），与普通重算交替，%d 次取中位数 / severity-corrected peers (a many-facet Rasch fit per class), alternating with the plain recompute, median of %d runs:\n", r.Runs, r.Runs)
	fmt.Fprintf(e.stdout, "  普通重算 / plain recompute        : %8.3f s\n", r.Plain.Seconds())
	fmt.Fprintf(e.stdout, "  宽严校正重算 / corrected recompute : %8.3f s\n", r.Fair.Seconds())
	fmt.Fprintf(e.stdout, "  比值 / ratio corrected ÷ plain    : %8.2f×\n", r.Ratio())
	return nil
}
