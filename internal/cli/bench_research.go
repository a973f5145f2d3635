package cli

import (
	"context"
	"fmt"

	"zhijiao/internal/bench"
	"zhijiao/internal/storage"
)

// printResearchBench runs `zhijiao bench research`: computing one term's
// 科研考核 for 500 teachers and 10,000 outputs (issue 13 section 4) against
// a bare SQL read of the same rows; the target is under 1 s on SQLite.
func printResearchBench(ctx context.Context, e *env, st *storage.Storage, teachers, outputs, runs int) error {
	r, err := bench.Research(ctx, st, teachers, outputs, runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "科研考核：%d 名教师，%d 项成果，%d 条认领，%d 条计分明细 / research assessment: %d teachers, %d outputs, %d claims, %d credits\n",
		r.Teachers, r.Outputs, r.Claims, r.Credits, r.Teachers, r.Outputs, r.Claims, r.Credits)
	fmt.Fprintf(e.stdout, "  生成学校、成果与认领 / setup (school, outputs, claims): %8.3f s\n", r.Setup.Seconds())
	fmt.Fprintf(e.stdout, "  %d 次取中位数 / median of %d runs:\n", r.Runs, r.Runs)
	fmt.Fprintf(e.stdout, "  裸 SQL 读取同样的行 / bare SQL read of the same rows : %8.3f s\n", r.Bare.Seconds())
	fmt.Fprintf(e.stdout, "  读取明细 / load credits                          : %8.3f s\n", r.Load.Seconds())
	fmt.Fprintf(e.stdout, "  纯计算 / pure compute                            : %8.3f s\n", r.Compute.Seconds())
	fmt.Fprintf(e.stdout, "  完整计算 / full compute (load+compute+write)     : %8.3f s\n", r.Full.Seconds())
	fmt.Fprintf(e.stdout, "  比值 / ratio full ÷ bare read                    : %8.2f×\n", r.Ratio())
	if st.Dialect() == storage.SQLite {
		fmt.Fprintf(e.stdout, "  目标 / target < 1 s on SQLite: %s\n", met(r.Full.Seconds() < 1))
	} else {
		fmt.Fprintf(e.stdout, "  PostgreSQL（SQLite 目标 < 1 s，仅供对照）/ PostgreSQL figure (the < 1 s target is SQLite's)\n")
	}
	return nil
}
