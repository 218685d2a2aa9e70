//go:build !race

package plan_test

// raceEnabled says whether the race detector is on: its instrumentation slows code unevenly, so
// timing tests skip under it.
const raceEnabled = false
