package variables_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

// bytesPerRun returns the bytes allocated by one call of f, averaged over runs calls.
func bytesPerRun(runs int, f func()) float64 {
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(runs)
}

// requireLinear checks that the bytes allocated by cost(n) grow at most twice as fast as n
// between n and 10n (a quadratic cost grows 100 times).
func requireLinear(t *testing.T, n int, cost func(n int) func()) {
	t.Helper()
	if testing.Short() {
		t.Skip("measures allocations of large inputs")
	}
	small := bytesPerRun(3, cost(n))
	large := bytesPerRun(3, cost(10*n))
	require.Greater(t, small, 0.0)
	require.Less(t, large/small, 20.0, "allocations for %d and %d: %.0f and %.0f bytes", n, 10*n, small, large)
}

// parseEscapes returns a function that compiles a project whose one value is n "##{" escapes.
func parseEscapes(tb testing.TB, n int) func() {
	spec := variables.ProjectSpec{Name: "P", Variables: []variables.Variable{{Name: "A", Value: variables.Plain(strings.Repeat("##{", n))}}}
	return func() {
		if _, err := variables.NewProject(spec); err != nil {
			tb.Fatal(err)
		}
	}
}

func TestParse_EscapesLinear(t *testing.T) {
	requireLinear(t, 2000, func(n int) func() { return parseEscapes(t, n) })
	got, err := variables.Substitute(strings.Repeat("##{", 5)+"#{A}", plainVars("A", "x"), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, strings.Repeat("#{", 5)+"x", got.Text.Reveal())
}
