package cli

import (
	"context"
	"fmt"

	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "migrate", summary: "升级数据库结构 / apply database migrations",
		run: func(ctx context.Context, e *env, args []string) error {
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
			fmt.Fprintf(e.stdout, "已应用 %d 个迁移，当前版本 %d / applied %d migrations, schema version %d\n", n, v, n, v)
			return nil
		}})
}
