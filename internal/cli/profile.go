package cli

import (
	"os"
	"runtime/pprof"
)

// cpuProfile starts a CPU profile into the file ZHIJIAO_CPUPROFILE names,
// for `go tool pprof`, and returns what stops it (a no-op when the
// variable is empty): figures are only worth having with their reasons.
func cpuProfile() (stop func(), err error) {
	path := os.Getenv("ZHIJIAO_CPUPROFILE")
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
