package plan

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// inChunks and eachOn visit every element exactly once, whatever the number of goroutines, and
// inChunks gives each goroutine one contiguous chunk, in order.
func TestInChunksAndEachOn_VisitEveryElementOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000, 4097} {
		for _, w := range []int{1, 2, 3, 8} {
			seen := make([]atomic.Int32, n)
			owner := make([]int, n)
			bounds := make([][2]int, max(w, 1))
			inChunks(n, w, func(k, lo, hi int) {
				bounds[k] = [2]int{lo, hi}
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
					owner[i] = k
				}
			})
			for k := range bounds {
				lo, hi := chunk(n, w, k)
				require.Equal(t, [2]int{lo, hi}, bounds[k])
			}
			for i := range seen {
				require.EqualValues(t, 1, seen[i].Load(), "n=%d w=%d i=%d", n, w, i)
				if i > 0 {
					require.LessOrEqual(t, owner[i-1], owner[i], "chunks in order")
				}
			}
			each := make([]atomic.Int32, n)
			var badK atomic.Int32
			eachOn(n, w, func(k, i int) {
				if k < 0 || k >= max(w, 1) {
					badK.Add(1)
				}
				each[i].Add(1)
			})
			require.Zero(t, badK.Load())
			for i := range each {
				require.EqualValues(t, 1, each[i].Load(), "n=%d w=%d i=%d", n, w, i)
			}
		}
	}
}
