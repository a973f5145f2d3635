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
	register(&command{name: "bench", summary: "性能基准：import 导入花名册 / benchmarks: import",
		usage: "import [--rows N] [--runs N]", run: runBench})
}

// runBench prints figures as ratios against a baseline measured in the same
// run. Without --db it uses a fresh SQLite file in a temporary folder.
func runBench(ctx context.Context, e *env, args []string) error {
	rows := e.fs.Int("rows", 10000, "花名册行数 / roster rows")
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
	}
	return fmt.Errorf("未知基准 %q（可用：import）", what)
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
