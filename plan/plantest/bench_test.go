package plantest_test

import (
	"testing"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// BenchmarkSynthetic measures building the benchmark model: 100,000 tenants, 1 project, a
// lifecycle of 4 phases, 3 channels and 300,000 deployments.
func BenchmarkSynthetic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 100_000, Projects: 1, Deployments: 300_000, Seed: 1})
		if len(f.Deployments) != 300_000 {
			b.Fatalf("got %d deployments, want 300000", len(f.Deployments))
		}
	}
}

// BenchmarkSyntheticCompile measures compiling the benchmark model.
func BenchmarkSyntheticCompile(b *testing.B) {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 100_000, Projects: 1, Deployments: 300_000, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plan.Compile(f); err != nil {
			b.Fatal(err)
		}
	}
}
