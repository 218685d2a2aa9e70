package plan_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// tiledRolloutShapes are calendars that project-wide freezes of Portal/Production cover
// completely, at two sizes each:
//
//   - weekly-tiles: n weekly freezes (UTC), each covering 1/n of the week, together tiling it.
//   - daily-staggered: n daily freezes (America/New_York) starting day/n apart and lasting two
//     hours, so that about n/12 overlap at any time, across daylight-saving changes.
var tiledRolloutShapes = []struct {
	name  string
	sizes []int
	build func(n int) []model.Freeze
}{
	{"weekly-tiles", []int{48, 192}, func(n int) []model.Freeze {
		base := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
		step := 7 * 24 * time.Hour / time.Duration(n)
		return tiledModelFreezes(n, func(i int) (time.Time, time.Time) {
			start := base.Add(time.Duration(i) * step)
			return start, start.Add(step)
		}, model.Recurrence{Unit: "Weekly"})
	}},
	{"daily-staggered", []int{250, 1000}, func(n int) []model.Freeze {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			panic(err)
		}
		base := time.Date(2026, 1, 5, 0, 0, 0, 0, ny)
		step := 24 * time.Hour / time.Duration(n)
		return tiledModelFreezes(n, func(i int) (time.Time, time.Time) {
			start := base.Add(time.Duration(i) * step)
			return start, start.Add(2 * time.Hour)
		}, model.Recurrence{Unit: "Daily", TimeZone: "America/New_York"})
	}},
}

func tiledModelFreezes(n int, span func(i int) (time.Time, time.Time), rec model.Recurrence) []model.Freeze {
	out := make([]model.Freeze, n)
	for i := range out {
		start, end := span(i)
		r := rec
		out[i] = model.Freeze{Name: fmt.Sprintf("tile-%d", i), Start: start.Format(time.RFC3339Nano), End: end.Format(time.RFC3339Nano),
			Projects: map[string][]string{"Portal": {"Production"}}, Recurrence: &r}
	}
	return out
}

// tiledRolloutSpace compiles a model of 1,000 tenants connected to Portal/Production, where
// release 1.0.0 is deployable everywhere and deployed nowhere, with the freezes of a shape.
func tiledRolloutSpace(tb testing.TB, fs []model.Freeze) *plan.Space {
	tb.Helper()
	f := &model.File{
		Environments: []string{"Production"},
		Lifecycles:   []model.Lifecycle{{Name: "Only", Phases: []model.Phase{{Name: "Production", Manual: []string{"Production"}}}}},
		Projects:     []model.Project{{Name: "Portal", Tenancy: "Tenanted", Lifecycle: "Only"}},
		Releases:     []model.Release{{Project: "Portal", Version: "1.0.0"}},
		Freezes:      fs,
	}
	for i := range 1000 {
		f.Tenants = append(f.Tenants, model.Tenant{Name: fmt.Sprintf("tenant-%04d", i), Projects: map[string][]string{"Portal": {"Production"}}})
	}
	s, err := plan.Compile(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// tiledRolloutPolicy is a timed rollout of 1.0.0 in one ring: its first wave finds no start outside
// the freezes within the search bound, so the rollout is unscheduled.
var tiledRolloutPolicy = plan.RolloutRequest{Project: "Portal", Release: "1.0.0",
	Rings: []plan.Ring{{Name: "All", Expression: "true", MaxParallel: 100}},
	Start: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), WaveDuration: plan.Duration(time.Hour)}

// BenchmarkRolloutTiled plans a timed rollout through calendars that freezes tile: the search for
// the first wave's start covers its whole ten-year bound.
func BenchmarkRolloutTiled(b *testing.B) {
	for _, shape := range tiledRolloutShapes {
		for _, n := range shape.sizes {
			b.Run(fmt.Sprintf("%s/freezes=%d", shape.name, n), func(b *testing.B) {
				s := tiledRolloutSpace(b, shape.build(n))
				b.ReportAllocs()
				for b.Loop() {
					r, err := s.Rollout(tiledRolloutPolicy)
					if err != nil {
						b.Fatal(err)
					}
					if !r.Unscheduled {
						b.Fatal("a tiled calendar left a start free")
					}
				}
			})
		}
	}
}
