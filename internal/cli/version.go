package cli

import (
	"context"
	"fmt"
	"runtime"
)

func init() {
	register(&command{name: "version", summary: "显示版本 / print the version",
		run: func(ctx context.Context, e *env, args []string) error {
			if err := e.parse(args); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "zhijiao %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		}})
}
