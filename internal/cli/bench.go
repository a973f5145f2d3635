package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "bench", summary: "性能基准：import 导入花名册、eval 评价重算、submit 并发提交评分、report 报告单、portrait 画像页面、kpi 数据画像、rasch 多面 Rasch、research 科研考核 / benchmarks: import, eval, submit, report, portrait, kpi, rasch, research",
		usage: "import [--rows N] [--runs N] | eval [--students N] [--runs N] [--fair] | submit [--clients N] | report [--students N] [--runs N] | portrait [--students N] [--runs N] | kpi [--requests N] [--schools N] [--users N] | rasch [--students N] [--runs N] | recompute [--schools N] [--students N] [--clients N] | research [--teachers N] [--outputs N] [--runs N]", run: runBench})
}

// runBench prints figures as ratios against a baseline measured in the same
// run. Without --db it uses a fresh SQLite file in a temporary folder.
func runBench(ctx context.Context, e *env, args []string) error {
	rows := e.fs.Int("rows", 10000, "花名册行数 / roster rows")
	students := e.fs.Int("students", 3000, "评价基准的学生人数 / students for eval")
	clients := e.fs.Int("clients", 500, "同时提交的学生人数 / concurrent students for submit")
	rate := e.fs.Float64("rate", 380, "提交基准的到达速率（次/秒），0 为不间断提交 / offered submissions per second for submit; 0 = back to back")
	runs := e.fs.Int("runs", 3, "重复次数，取中位数 / runs (median is reported)")
	requests := e.fs.Int("requests", 200, "kpi：依次请求的次数 / kpi: sequential requests")
	fair := e.fs.Bool("fair", false, "eval：再测一次按宽严度校正互评的重算（与普通重算交替计时）/ eval: also time the recompute with the peers' severity correction, alternating with the plain one")
	schools := e.fs.Int("schools", 1, "kpi：学校数，大于 1 时测区域数据画像 / kpi: schools; above 1 the district view is measured")
	users := e.fs.Int("users", 0, "kpi：同时访问的用户数，默认区域 10、单校 1 / kpi: concurrent users, default 10 for the district view, 1 for a school")
	teachers := e.fs.Int("teachers", 500, "research：教师人数 / research: teachers")
	outputs := e.fs.Int("outputs", 10000, "research：成果数 / research: outputs")
	what, err := e.sub(args)
	if err != nil {
		return err
	}
	if what == "rasch" { // pure computation: no database
		return printRaschBench(e, *students, *runs)
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
	// ZHIJIAO_CPUPROFILE=FILE writes a CPU profile of the run (profile.go).
	stop, err := cpuProfile()
	if err != nil {
		return err
	}
	defer stop()
	switch what {
	case "import":
		return printImportBench(ctx, e, st, *rows, *runs)
	case "eval":
		return printEvalBench(ctx, e, st, *students, *runs, *fair)
	case "submit":
		return printSubmitBench(ctx, e, st, *students, *clients, *rate)
	case "report":
		return printReportBench(ctx, e, st, *students, *runs)
	case "portrait":
		return printPortraitBench(ctx, e, st, *students, *runs)
	case "kpi":
		return benchKPI(ctx, e, st, *schools, *requests, *users)
	case "recompute":
		return benchRecompute(ctx, e, st, dsn, *schools, *students, *clients, *rate)
	case "research":
		return printResearchBench(ctx, e, st, *teachers, *outputs, *runs)
	}
	return fmt.Errorf("未知基准 %q（可用：import、eval、submit、report、portrait、kpi、rasch、research）", what)
}

// printImportBench times the import of a generated roster and prints it against the target.
func printImportBench(ctx context.Context, e *env, st *storage.Storage, rows, runs int) error {
	r, err := bench.Import(ctx, st, rows, runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "导入 %d 名学生的 .xlsx（%.1f MB），%d 次取中位数 / importing a %d-student .xlsx, median of %d runs\n",
		r.Rows, float64(r.FileBytes)/1e6, r.Runs, r.Rows, r.Runs)
	fmt.Fprintf(e.stdout, "  excelize 裸流式读取 / bare streaming read : %8.3f s\n", r.Bare.Seconds())
	fmt.Fprintf(e.stdout, "  完整导入 / full import (parse+validate+write): %8.3f s\n", r.Import.Seconds())
	fmt.Fprintf(e.stdout, "  比值 / ratio import ÷ bare read          : %8.2f×\n", r.Ratio())
	ok := r.Import.Seconds() <= 3 && r.Ratio() <= 3
	fmt.Fprintf(e.stdout, "  目标（SQLite 与 PostgreSQL 相同）/ target (same on SQLite and PostgreSQL) ≤ 3 s and ≤ 3×, %s: %s\n", st.Dialect(), met(ok))
	return nil
}

// printEvalBench times a full recompute of a cycle and prints it against the target.
func printEvalBench(ctx context.Context, e *env, st *storage.Storage, students, runs int, fair bool) error {
	r, err := bench.Eval(ctx, st, students, runs)
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
	fmt.Fprintf(e.stdout, "  目标 / target ≤ 2 s and ≤ 2×: %s\n", met(ok))
	if fair {
		return printFairBench(ctx, e, st, r, runs)
	}
	return nil
}

// printSubmitBench sends peer forms from clients students at once and prints the rate held against the target.
func printSubmitBench(ctx context.Context, e *env, st *storage.Storage, students, clients int, rate float64) error {
	r, err := bench.Submit(ctx, st, max(students, clients), clients, rate)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d 名学生同时在线，通过 HTTP（本机回环）提交互评表，到达速率 %.0f 次/秒；登录用时 %.1f s（不计入）/ %d students online submit peer forms over loopback HTTP at %.0f/s offered\n",
		r.Students, r.Rate, r.Login.Seconds(), r.Students, r.Rate)
	fmt.Fprintf(e.stdout, "  %s\n", r.Load)
	fmt.Fprintf(e.stdout, "  应存评分 / ratings expected: %d，数据库中 / counted: %d\n", r.Expected, r.Counted)
	if r.Load.Errors > 0 {
		fmt.Fprintf(e.stdout, "  第一个错误 / first error: %s\n", r.Load.FirstErr)
	}
	fmt.Fprintf(e.stdout, "  连接池 / pool: 等待 %d 次 / waits, 共 %.1f s, 因空闲位不足关闭 %d 个 / closed for want of idle room\n",
		r.Pool.WaitCount, r.Pool.WaitDuration.Seconds(), r.Pool.MaxIdleClosed)
	ok := r.Load.Sustained >= 300 && r.Load.P99 < 200*time.Millisecond && r.Load.Errors == 0 && r.Counted == r.Expected
	fmt.Fprintf(e.stdout, "  目标 / target（SQLite 与 PostgreSQL 相同 / both engines）≥ 300/s sustained, p99 < 200 ms, no errors, nothing lost: %s\n", met(ok))
	fmt.Fprintf(e.stdout, "  暂定结果 / provisional results: %d 名学生 / students, 保存→写入 / save→stored p50 %.1f ms, p99 %.1f ms\n",
		r.Provisional.N, ms(r.Provisional.P50), ms(r.Provisional.P99))
	fmt.Fprintf(e.stdout, "  目标 / target（both engines）p99 < 20 ms: %s\n", met(r.Provisional.N > 0 && r.Provisional.P99 < 20*time.Millisecond))
	return nil
}

// printPortraitBench times the portrait pages and prints them against the target.
func printPortraitBench(ctx context.Context, e *env, st *storage.Storage, students, runs int) error {
	r, err := bench.Portrait(ctx, st, students, runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "画像：%d 名学生、%d 个班级、%d 条评价任务、%d 条评分，已计算并公示；准备用时 %.1f s（不计入）/ portraits: %d students, %d classes, %d tasks, %d ratings, computed and publicised\n",
		r.Students, r.Classes, r.Tasks, r.Ratings, r.Setup.Seconds(), r.Students, r.Classes, r.Tasks, r.Ratings)
	fmt.Fprintf(e.stdout, "  整页 HTTP（本机回环），%d 次取中位数 / whole pages over loopback HTTP, median of %d runs:\n", r.Runs, r.Runs)
	fmt.Fprintf(e.stdout, "  全校群体画像 / school portrait   : %8.3f s\n", r.School.Seconds())
	fmt.Fprintf(e.stdout, "  班级群体画像 / class portrait    : %8.3f s\n", r.Class.Seconds())
	fmt.Fprintf(e.stdout, "  学生画像 / student portrait      : %8.3f s\n", r.Student.Seconds())
	ok := r.School < time.Second/2 && r.Class < time.Second/2 && r.Student < time.Second/2
	fmt.Fprintf(e.stdout, "  目标 / target < 0.5 s each: %s\n", met(ok))
	return nil
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

// benchKPI prints the 数据画像 page's latency beside a trivial logged-in
// page's, measured in the same run, with the machine's load.
func benchKPI(ctx context.Context, e *env, st *storage.Storage, schools, requests, users int) error {
	if requests < 20 {
		return fmt.Errorf("--requests 至少为 20 / at least 20")
	}
	if users <= 0 {
		users = 1
		if schools > 1 {
			users = 10
		}
	}
	// One access-log line per request would be most of the output.
	slog.SetDefault(slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	r, err := bench.KPI(ctx, st, schools, requests, users, e.stderr)
	if err != nil {
		return err
	}
	engine := "SQLite"
	if st.Dialect() == storage.Postgres {
		engine = "PostgreSQL"
	}
	what, target := "学校数据画像 / school dashboard (school admin)", 150*time.Millisecond
	if r.Schools > 1 {
		// The targets, on either engine: 200 ms up to 150 schools, 500 ms up to 1,000.
		target = 200 * time.Millisecond
		if r.Schools > 150 {
			target = 500 * time.Millisecond
		}
		what = fmt.Sprintf("区域数据画像 %d 所学校 / district view of %d schools (platform admin)", r.Schools, r.Schools)
	}
	fmt.Fprintf(e.stdout, "%s，%s，%d 次请求，%d 个用户同时访问，经真实路由（本机回环）/ %d GETs by %d concurrent users through the real router over loopback\n", what, engine, r.Requests, r.Users, r.Requests, r.Users)
	fmt.Fprintf(e.stdout, "  准备 / setup: %.1f s（补充成果记录的学校 / schools given outcome records: %d）；汇总重建 / summaries rebuilt: %.1f s\n", r.Setup.Seconds(), r.Seeded, r.Refresh.Seconds())
	fmt.Fprintf(e.stdout, "  %-42s %s\n", "页面 / page "+r.Path, r.Page)
	fmt.Fprintf(e.stdout, "  %-42s %s\n", "基线 / baseline GET /password", r.Base)
	fmt.Fprintf(e.stdout, "  比值 / ratio p95 page ÷ baseline: %.1f×\n", r.Ratio())
	if r.Schools > 1 {
		fmt.Fprintf(e.stdout, "  %-42s %s\n", "汇总读取 / summary read (alone, 20×)", r.Summary)
		fmt.Fprintf(e.stdout, "  %-42s %s\n", "参照：逐条扫描 / reference scan (alone, 20×)", r.Scan)
		fmt.Fprintf(e.stdout, "  比值 / ratio p95 scan ÷ summary: %.1f×\n", float64(r.Scan.P95)/float64(max(1, r.Summary.P95)))
	}
	fmt.Fprintf(e.stdout, "  目标 / target (%s) p95 < %d ms: %s\n", engine, target.Milliseconds(), met(r.Page.P95 < target))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(e.stdout, "  负载 / loadavg: %s", b)
	}
	return nil
}
