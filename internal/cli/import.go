package cli

import (
	"context"
	"fmt"
	"os"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
)

func init() {
	register(&command{name: "import", summary: "导入花名册（students、teachers、classes）/ import a roster (.xlsx or .csv)",
		usage: "students|teachers|classes --school CODE FILE", run: runImport})
}

// runImport writes nothing unless every row is valid; on any invalid row it
// prints every row error and exits with status 1.
func runImport(ctx context.Context, e *env, args []string) error {
	school := e.fs.String("school", "", "学校代码 / school code")
	sub, err := e.sub(args)
	if err != nil {
		return err
	}
	kind := roster.Kind(sub)
	if _, ok := importer.Kinds[kind]; !ok {
		return fmt.Errorf("不支持导入 %q（可用：students、teachers、classes）", sub)
	}
	if len(e.args) != 1 {
		e.fs.Usage()
		return errUsage
	}
	st, err := e.openDB(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sid, err := schoolByCode(ctx, st, *school)
	if err != nil {
		return err
	}
	f, err := os.Open(e.args[0])
	if err != nil {
		return fmt.Errorf("无法打开文件: %w", err)
	}
	defer f.Close()
	out, err := importer.Import(ctx, st, sid, model.Actor{Username: "cli"}, kind, f, roster.Limits{})
	if err != nil {
		return err
	}
	for _, u := range out.Unused {
		fmt.Fprintf(e.stderr, "提示：未使用的列「%s」已忽略\n", u)
	}
	if !out.Written() {
		for _, re := range out.Errors {
			fmt.Fprintln(e.stderr, re.Error())
		}
		fmt.Fprintf(e.stderr, "共 %d 处错误，未写入任何数据 / %d errors, nothing written\n", len(out.Errors), len(out.Errors))
		return exitError{1}
	}
	fmt.Fprintf(e.stdout, "导入完成：新增 %d，更新 %d，未变化 %d / created %d, updated %d, unchanged %d\n",
		out.Summary.Created, out.Summary.Updated, out.Summary.Unchanged, out.Summary.Created, out.Summary.Updated, out.Summary.Unchanged)
	return nil
}
