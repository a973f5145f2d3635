package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "backup", summary: "在线备份数据库 / make a consistent online backup",
		usage: "--out FILE", run: runBackup})
	register(&command{name: "restore", summary: "从备份恢复 SQLite 数据库（需先停止服务）/ restore a SQLite backup (stop the server first)",
		usage: "--from FILE", run: runRestore})
}

func runBackup(ctx context.Context, e *env, args []string) error {
	out := e.fs.String("out", "", "备份文件路径 / backup file")
	if err := e.parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("请用 --out 指定备份文件")
	}
	if strings.HasPrefix(*e.dsn, "postgres") {
		// pg_dump is the right tool for PostgreSQL: consistent, restorable
		// with pg_restore, and independent of this binary's version.
		if _, err := exec.LookPath("pg_dump"); err != nil {
			return errors.New("PostgreSQL 备份需要 pg_dump：pg_dump --format=custom --file=备份文件 数据库地址")
		}
		cmd := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--file="+*out, *e.dsn)
		cmd.Stderr = e.stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("pg_dump 失败: %w", err)
		}
		fmt.Fprintf(e.stdout, "已备份到 %s（用 pg_restore 恢复）/ backed up with pg_dump\n", *out)
		return nil
	}
	st, err := e.openDB(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fi, _ := os.Stat(*out)
	fmt.Fprintf(e.stdout, "已备份到 %s（%d KB）/ backup written\n", *out, fi.Size()/1024)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	from := e.fs.String("from", "", "备份文件 / backup file")
	if err := e.parse(args); err != nil {
		return err
	}
	if *from == "" {
		return errors.New("请用 --from 指定备份文件")
	}
	if err := storage.RestoreSQLite(ctx, *from, *e.dsn); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已从 %s 恢复；原数据库文件保留为 *.before-restore / restored\n", *from)
	return nil
}
