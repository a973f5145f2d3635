package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

// printRecomputeBench runs `zhijiao bench recompute`: rating submission
// (bench submit's load) alone, then while district recompute jobs run
// over schools schools of students each, on the engine of st.
func printRecomputeBench(ctx context.Context, e *env, st *storage.Storage, dsn string, schools, students, clients int, rate float64) error {
	open := freshDatabases(st, dsn)
	r, err := bench.SubmitDuringRecompute(ctx, open, schools, students, clients, rate)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "评分提交（%d 名学生在线，到达速率 %.0f 次/秒）单独运行，以及区域重新计算任务（%d 所学校，每校 %d 名学生，逐校重算）同时运行时 / submissions alone, and while district recompute jobs run over %d schools of %d students\n",
		clients, rate, r.Schools, r.Students, r.Schools, r.Students)
	fmt.Fprintf(w, "  准备学校（评分、首次计算）/ setup (schools rated and computed): %.1f s（不计入 / not timed）\n", r.Setup.Seconds())
	fmt.Fprintf(w, "  单独提交 / alone : %s\n", r.Alone.Load)
	fmt.Fprintf(w, "  重算期间 / during: %s\n", r.During.Load)
	fmt.Fprintf(w, "  p99 重算期间 ÷ 单独 / p99 during ÷ alone: %.2f×\n", float64(r.During.Load.P99)/float64(max(1, r.Alone.Load.P99)))
	fmt.Fprintf(w, "  重算与提交重叠 / recompute overlapping the load: %.1f s，完整任务 / whole jobs: %d，重算学校次数 / schools recomputed: %d\n",
		r.Overlap.Seconds(), r.Rounds, len(r.PerSchool))
	fmt.Fprintf(w, "  每校用时 / time per school: 中位数 median %.0f ms，最长 max %.0f ms\n", ms(r.Median()), ms(r.Max()))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(w, "  系统负载 / load average: %s", b)
	}
	lost := r.During.Counted != r.During.Expected || r.Alone.Counted != r.Alone.Expected
	fmt.Fprintf(w, "  应存评分 / ratings expected %d，数据库中 / counted %d（单独 / alone %d / %d）\n", r.During.Expected, r.During.Counted, r.Alone.Expected, r.Alone.Counted)
	if len(r.Failed) > 0 {
		fmt.Fprintf(w, "  未完成重算的学校 / schools not recomputed: %s\n", strings.Join(r.Failed, "; "))
	}
	okSchool := len(r.PerSchool) > 0 && r.Max() < 2*time.Second && len(r.Failed) == 0
	fmt.Fprintf(w, "  目标 / target one school's recompute < 2 s (max): %s\n", met(okSchool))
	okSubmit := r.During.Load.P99 < 200*time.Millisecond && r.During.Load.Errors == 0 && !lost && r.Overlap > 0
	fmt.Fprintf(w, "  目标 / target submit p99 < 200 ms while a recompute runs, no errors, nothing lost (%s): %s\n", storageName(st), met(okSubmit))
	return nil
}

func storageName(st *storage.Storage) string { return fmt.Sprint(st.Dialect()) }

// freshDatabases opens a new empty, migrated database on each call, on
// the engine of st: a temporary SQLite file, or a new PostgreSQL
// database on the server of dsn (dropped when done).
func freshDatabases(st *storage.Storage, dsn string) func(context.Context) (*storage.Storage, func(), error) {
	return func(ctx context.Context) (*storage.Storage, func(), error) {
		var b [6]byte
		rand.Read(b[:])
		name := "zhijiao_bench_" + hex.EncodeToString(b[:])
		var fresh string
		var drop func()
		if strings.HasPrefix(dsn, "postgres") {
			u, err := url.Parse(dsn)
			if err != nil {
				return nil, nil, err
			}
			if _, err := st.DB().ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
				return nil, nil, fmt.Errorf("创建基准数据库失败 / create bench database: %w", err)
			}
			u.Path = "/" + name
			fresh = u.String()
			drop = func() {
				st.DB().ExecContext(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			}
		} else {
			dir, err := os.MkdirTemp("", "zhijiao-bench-")
			if err != nil {
				return nil, nil, err
			}
			fresh = "sqlite:" + filepath.Join(dir, name+".db")
			drop = func() { os.RemoveAll(dir) }
		}
		s, err := storage.Open(ctx, fresh)
		if err != nil {
			drop()
			return nil, nil, err
		}
		if _, err := s.Migrate(ctx); err != nil {
			s.Close()
			drop()
			return nil, nil, err
		}
		return s, func() { s.Close(); drop() }, nil
	}
}

// benchRecompute picks the bench's sizes: 5 schools of 300 students
// unless --schools or --students say otherwise (the shared defaults are
// for other benches).
func benchRecompute(ctx context.Context, e *env, st *storage.Storage, dsn string, schools, students, clients int, rate float64) error {
	if !flagGiven(e, "schools") {
		schools = 5
	}
	if !flagGiven(e, "students") {
		students = 300
	}
	return printRecomputeBench(ctx, e, st, dsn, schools, students, clients, rate)
}
