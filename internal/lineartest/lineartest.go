package lineartest

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Require runs the work setup builds at size n and at size factor*n, and fails t when the
// allocations, the bytes allocated or (when timed) the time of one run grow by more than twice
// the factor. Time is the best of five runs with the collector off, and a ratio over the bound is
// measured again up to three times, so that another process taking the machine once does not
// fail the test; it is not measured under the race detector, which slows code unevenly. Require
// skips under -short.
func Require(t *testing.T, n, factor int, timed bool, setup func(n int) func()) {
	t.Helper()
	if testing.Short() {
		t.Skip("measures two sizes")
	}
	small, large := setup(n), setup(n*factor)
	bound := 2 * float64(factor)
	a1, a2 := testing.AllocsPerRun(1, small), testing.AllocsPerRun(1, large)
	if (a2+1)/(a1+1) > bound {
		t.Fatalf("allocations %v at n=%d, %v at n=%d: more than %v times", a1, n, a2, n*factor, bound)
	}
	b1, b2 := float64(AllocBytes(small)), float64(AllocBytes(large))
	if (b2+1)/(b1+1) > bound {
		t.Fatalf("bytes %v at n=%d, %v at n=%d: more than %v times", b1, n, b2, n*factor, bound)
	}
	if !timed || raceEnabled {
		return
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := func(run func()) float64 {
		ns := 0.0
		for range 5 {
			runtime.GC()
			start := time.Now()
			run()
			if d := float64(time.Since(start)); ns == 0 || d < ns {
				ns = d
			}
		}
		return ns
	}
	var t1, t2 float64
	for range 3 {
		if t1, t2 = best(small), best(large); t2/t1 <= bound {
			return
		}
	}
	t.Fatalf("time %v ns at n=%d, %v ns at n=%d: more than %v times", t1, n, t2, n*factor, bound)
}

// AllocBytes returns the bytes allocated by one call of f (the least of three calls).
func AllocBytes(f func()) uint64 {
	best := ^uint64(0)
	for range 3 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		best = min(best, b.TotalAlloc-a.TotalAlloc)
	}
	return best
}
