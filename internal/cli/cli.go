// Package cli holds the subcommands of the zhijiao binary. Each command
// lives in its own file and registers itself in commands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"zhijiao/internal/storage"
)

// Version is set at build time with -ldflags "-X zhijiao/internal/cli.Version=…".
var Version = "dev"

// command is one subcommand.
type command struct {
	name    string
	summary string // "中文 / English"
	usage   string // argument synopsis after the name
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets: its output streams and the --db flag.
type env struct {
	stdout, stderr io.Writer
	fs             *flag.FlagSet
	dsn            *string
	args           []string // positional arguments, flags taken out
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// errUsage marks a wrong invocation; the command's help has been printed.
var errUsage = errors.New("usage")

// exitError carries a specific exit status.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs the CLI and returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	logger, err := newLogger(stderr)
	if err == nil {
		err = storage.CheckZone()
	}
	if err != nil {
		fmt.Fprintln(stderr, "配置错误 / configuration error:", err)
		return 2
	}
	slog.SetDefault(logger)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				// Commands define their flags inside run, so help runs the
				// command with -h: the usage then lists every flag.
				e := newEnv(c, stdout, stdout)
				c.run(context.Background(), e, []string{"-h"})
				return 0
			}
		}
		printHelp(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q（unknown command）。运行 zhijiao help 查看全部命令。\n", args[0])
		return 2
	}
	e := newEnv(c, stdout, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = c.run(ctx, e, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(stderr, "错误：%v\n", err)
		return 1
	}
}

func newEnv(c *command, stdout, stderr io.Writer) *env {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := os.Getenv("ZHIJIAO_DB")
	if def == "" {
		def = storage.DefaultDSN
	}
	e := &env{stdout: stdout, stderr: stderr, fs: fs}
	e.dsn = fs.String("db", def, "数据库地址 / database: sqlite:PATH 或 postgres://…（环境变量 ZHIJIAO_DB）")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法 / usage: zhijiao %s [选项] %s\n\n%s\n\n选项 / options:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return e
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "职教引擎 Zhijiao — 中职学生多元立体评价与数据画像平台 / evaluation and data portrait platform for vocational schools")
	fmt.Fprintln(w, "\n用法 / usage: zhijiao <命令 command> [选项 options]\n\n命令 / commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n每个命令都接受 --db（或环境变量 ZHIJIAO_DB）。运行 zhijiao help <命令> 或 zhijiao <命令> -h 查看详细说明。")
	fmt.Fprintln(w, "Every command takes --db (or ZHIJIAO_DB). Run zhijiao help <command> or zhijiao <command> -h for details.")
}

// openDB opens and migrates the database named by --db.
func (e *env) openDB(ctx context.Context) (*storage.Storage, error) {
	st, err := storage.Open(ctx, *e.dsn)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// parse parses flags; interspersed flags after positional arguments are
// allowed ("import students FILE --school x").
func (e *env) parse(args []string) error {
	var pos []string
	for {
		if err := e.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		rest := e.fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	e.args = pos
	return nil
}

// sub splits "SUBCOMMAND [flags] [args]": it parses the flags (which the
// caller has defined by now, so -h lists them all) and returns the
// subcommand word.
func (e *env) sub(args []string) (string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if err := e.parse(args); err != nil {
			return "", err
		}
		e.fs.Usage()
		return "", errUsage
	}
	return args[0], e.parse(args[1:])
}

// schoolID resolves --school CODE.
func schoolByCode(ctx context.Context, st *storage.Storage, code string) (int64, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return 0, errors.New("请用 --school 指定学校代码")
	}
	sc, err := st.SchoolByCode(ctx, code)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, fmt.Errorf("学校代码 %q 不存在", code)
	}
	return sc.ID, err
}
