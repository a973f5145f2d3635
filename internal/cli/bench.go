package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "bench", summary: "性能基准：import 导入花名册、eval 评价计算 / benchmarks: import, eval",
		usage: "import [--rows N] [--runs N] | eval [--students N] [--runs N]", run: runBench})
}

// runBench prints figures as ratios against a baseline measured in the same
// run. Without --db it uses a fresh SQLite file in a temporary folder.
func runBench(ctx context.Context, e *env, args []string) error {
	rows := e.fs.Int("rows", 10000, "花名册行数 / roster rows")
	students := e.fs.Int("students", 3000, "评价基准的学生人数 / students for eval")
	runs := e.fs.Int("runs", 3, "重复次数，取中位数 / runs (median is reported)")
	what, err := e.sub(args)
	if err != nil {
		return err
	}
	dsn := *e.dsn
	if !flagGiven(e, "db") && os.Getenv("ZHIJIAO_DB") == "" {
		dir, err := os.MkdirTemp("", "zhijiao-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = "sqlite:" + filepath.Join(dir, "bench.db")
	}
	st, err := storage.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "机器 / machine: %d 核 cores, %s/%s, 数据库 / database: %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, st.Dialect())
	switch what {
	case "import":
		r, err := bench.Import(ctx, st, *rows, *runs)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "导入 %d 名学生的 .xlsx（%.1f MB），%d 次取中位数 / importing a %d-student .xlsx, median of %d runs\n",
			r.Rows, float64(r.FileBytes)/1e6, r.Runs, r.Rows, r.Runs)
		fmt.Fprintf(e.stdout, "  excelize 裸流式读取 / bare streaming read : %8.3f s\n", r.Bare.Seconds())
		fmt.Fprintf(e.stdout, "  完整导入 / full import (parse+validate+write): %8.3f s\n", r.Import.Seconds())
		fmt.Fprintf(e.stdout, "  比值 / ratio import ÷ bare read          : %8.2f×\n", r.Ratio())
		ok := r.Import.Seconds() <= 3 && r.Ratio() <= 3
		fmt.Fprintf(e.stdout, "  目标 / target ≤ 3 s and ≤ 3×: %s\n", map[bool]string{true: "达成 / met", false: "未达成 / NOT met"}[ok])
		return nil
	case "eval":
		r, err := bench.Eval(ctx, st, *students, *runs)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "评价周期：%d 名学生，%d 个指标，%d 条评价任务，%d 条评分 / cycle: %d students, %d indicators, %d tasks, %d ratings\n",
			r.Students, r.Indicators, r.Tasks, r.Ratings, r.Students, r.Indicators, r.Tasks, r.Ratings)
		fmt.Fprintf(e.stdout, "  生成学校与任务 / setup (demo school, cycle, tasks): %8.3f s\n", r.Setup.Seconds())
		fmt.Fprintf(e.stdout, "  写入评分 / loading ratings (multi-row INSERT)    : %8.3f s\n", r.Load.Seconds())
		fmt.Fprintf(e.stdout, "  %d 次取中位数 / median of %d runs:\n", r.Runs, r.Runs)
		fmt.Fprintf(e.stdout, "  裸 SQL 分组聚合 / bare SQL GROUP BY, fully read  : %8.3f s\n", r.Bare.Seconds())
		fmt.Fprintf(e.stdout, "  完整重算 / full recompute (load+compute+store)   : %8.3f s  (load %.3f, compute %.3f, store %.3f)\n",
			r.Recompute.Seconds(), r.Last.Load.Seconds(), r.Last.Compute.Seconds(), r.Last.Store.Seconds())
		fmt.Fprintf(e.stdout, "  比值 / ratio recompute ÷ bare                  : %8.2f×\n", r.Ratio())
		ok := r.Recompute.Seconds() <= 2 && r.Ratio() <= 2
		fmt.Fprintf(e.stdout, "  目标 / target ≤ 2 s and ≤ 2×: %s\n", map[bool]string{true: "达成 / met", false: "未达成 / NOT met"}[ok])
		return nil
	}
	return fmt.Errorf("未知基准 %q（可用：import、eval）", what)
}

func flagGiven(e *env, name string) bool {
	found := false
	e.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}
