package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "export", summary: "导出花名册 / export a roster as csv or xlsx",
		usage: "students|teachers|classes --school CODE [--format csv|xlsx] [--out FILE]", run: runExport})
}

func runExport(ctx context.Context, e *env, args []string) error {
	school := e.fs.String("school", "", "学校代码 / school code")
	format := e.fs.String("format", "csv", "格式 / format: csv 或 xlsx")
	outPath := e.fs.String("out", "", "输出文件（默认标准输出）/ output file (default stdout)")
	mask := e.fs.Bool("mask", false, "证件号码打码 / mask ID numbers")
	sub, err := e.sub(args)
	if err != nil {
		return err
	}
	kind := roster.Kind(sub)
	if *format != "csv" && *format != "xlsx" {
		return fmt.Errorf("格式 %q 无效（可用：csv、xlsx）", *format)
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
	var w io.Writer = e.stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch kind {
	case roster.KindStudents:
		var list []model.Student
		if err := st.AllStudents(ctx, sid, storage.StudentFilter{}, func(s model.Student) error { list = append(list, s); return nil }); err != nil {
			return err
		}
		return roster.WriteStudents(w, *format, list, *mask)
	case roster.KindTeachers:
		list, err := st.AllTeachers(ctx, sid, storage.TeacherFilter{})
		if err != nil {
			return err
		}
		return roster.WriteTeachers(w, *format, list, *mask)
	case roster.KindClasses:
		list, _, err := st.Classes(ctx, sid, storage.ClassFilter{ListQuery: model.AllRows()})
		if err != nil {
			return err
		}
		idx, err := st.TeacherStaffIndex(ctx, sid)
		if err != nil {
			return err
		}
		staff := map[int64]string{}
		for no, id := range idx {
			staff[id] = no
		}
		return roster.WriteClasses(w, *format, list, staff)
	}
	return fmt.Errorf("不支持导出 %q（可用：students、teachers、classes）", sub)
}
