package cli

import (
	"context"

	"zhijiao/internal/demo"
)

func init() {
	register(&command{name: "demo", summary: "生成虚构的演示学校数据（同一种子结果相同）/ generate a deterministic, fictional demo school",
		usage: `[--school CODE] [--name 名称] [--seed N] [--students N] [--schools N]

  生成一所完整的演示学校：专业部、专业、教师、班级、学生与家长、合作企业与导师、
  学籍变动与各角色账号，最后列出可登录的账号。学校代码已存在时拒绝执行。
  --schools N 生成 N 所学校（代码 CODE, CODE-2 … CODE-N），用于规模测试。
  所有演示账号的密码都是 ` + demo.Password + `（仅供演示）。

  Generates a complete demo school and prints one login per role. Refuses an
  existing school code. --schools N makes N schools (codes CODE, CODE-2 …
  CODE-N) for scale tests. Every demo account's password is ` + demo.Password + `.`,
		run: func(ctx context.Context, e *env, args []string) error {
			code := e.fs.String("school", demo.DefaultCode, "学校代码，也是账号后缀（admin@CODE）/ school code, the suffix of usernames")
			name := e.fs.String("name", demo.DefaultName, "学校名称（虚构）/ school name (fictional)")
			seed := e.fs.Int64("seed", demo.DefaultSeed, "随机种子：同一种子和代码生成相同的数据 / seed: the same seed and code give the same data")
			students := e.fs.Int("students", demo.DefaultStudents, "每所学校的学生人数 / students per school")
			schools := e.fs.Int("schools", 1, "学校数量（代码 CODE, CODE-2 …）/ number of schools (codes CODE, CODE-2 …)")
			if err := e.parse(args); err != nil {
				return err
			}
			st, err := e.openDB(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			// ZHIJIAO_CPUPROFILE=FILE: a CPU profile of the run (profile.go).
			stop, err := cpuProfile()
			if err != nil {
				return err
			}
			defer stop()
			res, err := demo.Generate(ctx, st, demo.Options{SchoolCode: *code, SchoolName: *name, Seed: *seed, Students: *students, Schools: *schools}, e.stderr)
			if err != nil {
				return err
			}
			demo.PrintLogins(e.stdout, res)
			return nil
		}})
}
