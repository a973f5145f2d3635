package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

func init() {
	register(&command{name: "serve", summary: "启动网页服务 / run the web server",
		run: runServe})
}

func runServe(ctx context.Context, e *env, args []string) error {
	addr := e.fs.String("addr", envOr("ZHIJIAO_ADDR", "127.0.0.1:8080"), "监听地址 / listen address")
	withDemo := e.fs.Bool("demo", false, "数据库为空时生成演示学校 / create the demo school when the database is empty")
	secure := e.fs.Bool("secure-cookie", os.Getenv("ZHIJIAO_SECURE_COOKIE") == "1", "会话 Cookie 仅通过 HTTPS 发送 / mark session cookies Secure (behind HTTPS)")
	proxies := e.fs.String("trusted-proxy", os.Getenv("ZHIJIAO_TRUSTED_PROXY"), "可信反向代理的地址，逗号分隔；其 X-Forwarded-For 视为真实客户端地址 / reverse proxy addresses whose X-Forwarded-For is trusted")
	if err := e.parse(args); err != nil {
		return err
	}
	// Held until the server exits, so that `zhijiao restore` cannot swap
	// the database file from under it.
	lock, err := storage.LockServer(*e.dsn)
	if err != nil {
		return err
	}
	defer lock.Release()
	st, err := e.openDB(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *withDemo {
		res, err := demo.IfEmpty(ctx, st, e.stderr)
		if err != nil {
			return fmt.Errorf("生成演示学校: %w", err)
		}
		if res != nil {
			demo.PrintLogins(e.stdout, res)
		} else {
			fmt.Fprintln(e.stdout, "数据库中已有学校，未重新生成演示数据 / the database already has schools; demo not regenerated")
		}
	}
	if has, err := st.HasUsers(ctx); err == nil && !has {
		fmt.Fprintln(e.stdout, "数据库中还没有任何账号。先创建平台管理员，再在「学校管理」中建校 / no accounts yet; create the platform admin first:\n"+
			"  zhijiao user create --platform --username root --name 平台管理员 --role platform_admin\n"+
			"或用 --demo 生成演示学校 / or start with --demo for the demo school")
	}
	srv, err := ui.New(ctx, st, ui.Options{Secure: *secure, API: apiHandler(st), TrustedProxies: strings.Split(*proxies, ",")})
	if err != nil {
		return err
	}
	go srv.PurgeSessions(ctx)
	go srv.CatchUpProvisional(ctx)                              // results behind their sheets after a restart or the demo's bulk load
	go st.KeepKPISummaries(ctx, 30*time.Second, slog.Default()) // the district view's summaries (docs/kpi.md)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(e.stdout, "职教引擎已启动 / Zhijiao is running: http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
