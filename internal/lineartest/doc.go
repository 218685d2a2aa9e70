// Package lineartest checks, in tests, that the cost of an input shape grows linearly with its
// size: allocations, bytes allocated and, optionally, time, at two sizes. It is the benchmark-style
// check behind the tests of hostile inputs: a quadratic shape grows by factor², so a bound of
// twice the factor fails it while absorbing a noisy machine.
//
// # Concurrency
//
// Require runs the work it is given one call at a time; run it from one test at a time.
package lineartest
