package plan

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// minChunk is the number of elements (tenants, deployments) a goroutine gets at least when a step
// of Compile is split: below it, starting goroutines costs more than it saves.
const minChunk = 1024

// workers returns how many goroutines a step over n elements uses: up to GOMAXPROCS, each with at
// least minChunk elements; 1 (the caller's goroutine) for small models.
func workers(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
}

// inChunks splits [0, n) into w contiguous chunks of about the same size and calls fn(k, lo, hi)
// for chunk k: the first on the caller's goroutine, each other on a goroutine of its own. It
// returns when every call has returned, so that no goroutine outlives it.
func inChunks(n, w int, fn func(k, lo, hi int)) {
	if w <= 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for k := 1; k < w; k++ {
		lo, hi := chunk(n, w, k)
		wg.Go(func() { fn(k, lo, hi) })
	}
	lo, hi := chunk(n, w, 0)
	fn(0, lo, hi)
	wg.Wait()
}

// chunk returns the bounds of chunk k of [0, n) split in w.
func chunk(n, w, k int) (lo, hi int) { return k * n / w, (k + 1) * n / w }

// eachOn calls fn(k, i) for every i in [0, n) on w goroutines (the caller's and w-1 others),
// handing out the next i to whichever goroutine k is free first: for steps whose elements differ
// much in size, such as projects. It returns when every call has returned.
func eachOn(n, w int, fn func(k, i int)) {
	var next atomic.Int64
	inChunks(w, w, func(k, _, _ int) {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			fn(k, i)
		}
	})
}
