package plan_test

import (
	"flag"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// The benchmarks of this file run on the model a user meets first: the one that
// `tenantplan generate --tenants N --projects 3 --seed 1` writes (plantest.Synthetic), with
// targets, variables, freezes and principals. The 1,000,000-tenant sizes need a few GB of memory,
// so they run only with -huge.

var huge = flag.Bool("huge", false, "also run the 1,000,000-tenant sizes of the generated-model benchmarks")

type genSize struct {
	name string
	n    int
}

func genSizes(b *testing.B) []genSize {
	out := []genSize{{"10k", 10_000}, {"100k", 100_000}}
	if *huge {
		out = append(out, genSize{"1M", 1_000_000})
	}
	return out
}

// generatedFile is the model of `tenantplan generate --tenants n --projects 3 --seed 1`.
func generatedFile(n int) *model.File {
	return plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Projects: 3, Seed: 1})
}

// generatedSpace compiles the generated model of n tenants. It keeps the last one it built, as
// the benchmarks of one size follow each other and a big space is slow to build; it keeps only
// one, as a big space is big.
var lastSpace struct {
	n int
	s *plan.Space
}

func generatedSpace(b *testing.B, n int) *plan.Space {
	b.Helper()
	if lastSpace.s != nil && lastSpace.n == n {
		return lastSpace.s
	}
	lastSpace.s = nil
	runtime.GC()
	s, err := plan.Compile(generatedFile(n))
	if err != nil {
		b.Fatal(err)
	}
	lastSpace.n, lastSpace.s = n, s
	runtime.GC() // the garbage of compiling is not the benchmark's
	return s
}

// cpuTime returns the CPU time the process has used so far (user and system, every thread).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs fn in b.Loop and reports, next to the wall time, the CPU time per operation
// (cpu-ms/op): on a shared machine the wall time of a run includes time spent waiting for a core.
func loopCPU(b *testing.B, fn func()) {
	b.Helper()
	b.ReportAllocs()
	var start time.Duration
	n := 0
	for b.Loop() {
		if n == 0 {
			start = cpuTime()
		}
		fn()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n)/1e6, "cpu-ms/op")
}

// generatedAt is a time for freezes: a Tuesday, when only the tenant freeze of the model may hold.
var generatedAt = time.Date(2026, time.March, 10, 12, 0, 0, 0, time.UTC)

// BenchmarkDeployGenerated deploys release 1.2.0 of Mojo for all tenants: to Dev (most cells
// deployed) and to Staging (most cells skipped with lifecycle reasons).
func BenchmarkDeployGenerated(b *testing.B) {
	for _, sz := range genSizes(b) {
		for _, env := range []string{"Dev", "Staging"} {
			b.Run(sz.name+"/"+env, func(b *testing.B) {
				s := generatedSpace(b, sz.n)
				req := plan.DeployRequest{Project: "Mojo", Release: "1.2.0", Environment: env, All: true, At: generatedAt}
				var p *plan.DeployPlan
				loopCPU(b, func() {
					var err error
					if p, err = s.Deploy(req); err != nil {
						b.Fatal(err)
					}
				})
				b.ReportMetric(float64(len(p.Deploy)), "deployed")
				b.ReportMetric(float64(len(p.Skipped)), "skipped")
			})
		}
	}
}

// BenchmarkMatrixGenerated computes the matrix of release 1.2.0 of Mojo: 4 environments for
// every connected tenant.
func BenchmarkMatrixGenerated(b *testing.B) {
	for _, sz := range genSizes(b) {
		b.Run(sz.name, func(b *testing.B) {
			s := generatedSpace(b, sz.n)
			loopCPU(b, func() {
				if _, err := s.Matrix(plan.MatrixRequest{Project: "Mojo", Release: "1.2.0", At: generatedAt}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// generatedRollout is a rollout of Mojo 1.2.0 in the rings of the generated model's tags.
var generatedRollout = plan.RolloutRequest{Project: "Mojo", Release: "1.2.0", Rings: []plan.Ring{
	{Name: "Testers", Tags: []string{"Upgrade ring/Tester"}},
	{Name: "Early", Tags: []string{"Upgrade ring/Early adopter"}, MaxParallel: 1000},
	{Name: "Half", Tags: []string{"Upgrade ring/Stable"}, Percent: 50, MaxParallelPercent: 25, Soak: plan.Duration(time.Hour)},
	{Name: "Rest", Tags: []string{"Upgrade ring/Stable"}},
	{Name: "Pinned", Expression: `"Upgrade ring/Pinned" and not Tier/Free`},
}}

// BenchmarkRolloutGenerated plans a rollout of every connected tenant in 5 rings through the
// lifecycle's environments.
func BenchmarkRolloutGenerated(b *testing.B) {
	for _, sz := range genSizes(b) {
		b.Run(sz.name, func(b *testing.B) {
			s := generatedSpace(b, sz.n)
			loopCPU(b, func() {
				if _, err := s.Rollout(generatedRollout); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkCompileGenerated validates and compiles the generated model (decoding not included).
func BenchmarkCompileGenerated(b *testing.B) {
	for _, sz := range genSizes(b) {
		b.Run(sz.name, func(b *testing.B) {
			lastSpace.s = nil
			f := generatedFile(sz.n)
			runtime.GC()
			loopCPU(b, func() {
				if _, err := plan.Compile(f); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkSpaceBytes reports the heap a compiled space of the generated model holds (space-MB)
// and the bytes per tenant (B/tenant).
func BenchmarkSpaceBytes(b *testing.B) {
	for _, sz := range genSizes(b) {
		b.Run(sz.name, func(b *testing.B) {
			lastSpace.s = nil
			f := generatedFile(sz.n)
			var held uint64
			for b.Loop() {
				held = spaceBytes(b, f)
			}
			b.ReportMetric(float64(held)/(1<<20), "space-MB")
			b.ReportMetric(float64(held)/float64(sz.n), "B/tenant")
		})
	}
}

// spaceBytes compiles f and returns the growth of the live heap while the space is held.
func spaceBytes(b *testing.B, f *model.File) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := plan.Compile(f)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}
