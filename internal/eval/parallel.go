package eval

import (
	"runtime"
	"sync"
)

// minPerWorker keeps small cycles (one class, a test) on one goroutine:
// starting workers costs more than a few dozen students take.
const minPerWorker = 256

// parallel calls work on consecutive ranges [lo, hi) covering 0…n, on up
// to GOMAXPROCS goroutines, and returns when all are done. work must only
// touch the indices of its range.
func parallel(n int, work func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minPerWorker)
	if workers <= 1 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := n*k/workers, n*(k+1)/workers
		wg.Go(func() { work(lo, hi) })
	}
	wg.Wait()
}
