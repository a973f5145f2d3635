package cli

import (
	"context"
	"fmt"

	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "migrate", summary: "升级数据库结构；--print-citus 输出按学校分布的 Citus 脚本 / apply database migrations; --print-citus prints the Citus distribution script",
		usage: "[--print-citus [--schools N] [--shards N]]",
		run: func(ctx context.Context, e *env, args []string) error {
			citus := e.fs.Bool("print-citus", false, "迁移后输出 Citus 分布脚本（仅 PostgreSQL）/ after migrating, print the Citus distribution script (PostgreSQL only)")
			schools := e.fs.Int("schools", 7000, "--print-citus：按多少所学校估算行数与容量 / sizing for this many schools")
			shards := e.fs.Int("shards", 64, "--print-citus：citus.shard_count")
			if err := e.parse(args); err != nil {
				return err
			}
			st, err := storage.Open(ctx, *e.dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := st.Migrate(ctx)
			if err != nil {
				return err
			}
			v, _ := st.SchemaVersion(ctx)
			out := e.stdout
			if *citus { // stdout is the script alone, ready for psql -f
				out = e.stderr
			}
			fmt.Fprintf(out, "已应用 %d 个迁移，当前版本 %d / applied %d migrations, schema version %d\n", n, v, n, v)
			if !*citus {
				return nil
			}
			if *schools < 1 || *shards < 1 {
				return fmt.Errorf("--schools 与 --shards 须为正数 / --schools and --shards must be positive")
			}
			plan, err := st.ReadCitusPlan(ctx)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, plan.CitusScript(*schools, *shards))
			return nil
		}})
}
