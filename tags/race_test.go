//go:build race

package tags_test

// raceEnabled: the race detector changes the cost of memory accesses unevenly, so the linear
// shape tests compare only allocations under it, not time.
const raceEnabled = true
