package lineartest_test

import (
	"testing"

	"github.com/tenantplan/tenantplan/internal/lineartest"
)

// TestRequire_Linear: linear work passes.
func TestRequire_Linear(t *testing.T) {
	lineartest.Require(t, 1000, 4, true, func(n int) func() {
		return func() { _ = make([]byte, n*64) }
	})
}

// TestAllocBytes: the bytes of one allocation are counted.
func TestAllocBytes(t *testing.T) {
	var sink []byte
	if got := lineartest.AllocBytes(func() { sink = make([]byte, 1<<20) }); got < 1<<20 {
		t.Fatalf("AllocBytes = %d, want at least 1 MiB", got)
	}
	_ = sink
}
