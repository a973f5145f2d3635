package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// newLogger builds the process's logger from ZHIJIAO_LOG (text, the
// default, or json for log collectors) and ZHIJIAO_LOG_LEVEL (debug, info,
// the default, warn, error). Probes of /healthz and /metrics are logged at
// debug.
func newLogger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if v := os.Getenv("ZHIJIAO_LOG_LEVEL"); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			return nil, fmt.Errorf("ZHIJIAO_LOG_LEVEL=%q 无效，应为 debug、info、warn 或 error", v)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(os.Getenv("ZHIJIAO_LOG")) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, fmt.Errorf("ZHIJIAO_LOG=%q 无效，应为 text 或 json", os.Getenv("ZHIJIAO_LOG"))
	}
}
