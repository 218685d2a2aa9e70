package plan_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// compileGenerated returns a compile of the generated model of n tenants (3 projects).
func compileGenerated(t *testing.T, n int) func() {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Projects: 3, Seed: 1})
	return func() {
		if _, err := plan.Compile(f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCompile_GrowsLinearly: compiling 8 times the tenants (with their deployments) allocates
// about 8 times as often and as many bytes: within a quarter of linear, where a step that is
// quadratic per tenant, project or environment would show as 64 times. (Time is left to
// BenchmarkCompileGenerated: on a shared machine it says less than the allocations.)
func TestCompile_GrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles models of 2,500 and 20,000 tenants")
	}
	const n, factor = 2_500, 8
	small, large := compileGenerated(t, n), compileGenerated(t, n*factor)
	a1, a2 := testing.AllocsPerRun(1, small), testing.AllocsPerRun(1, large)
	b1, b2 := float64(lineartest.AllocBytes(small)), float64(lineartest.AllocBytes(large))
	t.Logf("allocations %.0f -> %.0f (%.2fx), bytes %.0f -> %.0f (%.2fx)", a1, a2, a2/a1, b1, b2, b2/b1)
	require.LessOrEqual(t, a2/a1, 1.25*factor, "allocations")
	require.LessOrEqual(t, b2/b1, 1.25*factor, "bytes")
}
