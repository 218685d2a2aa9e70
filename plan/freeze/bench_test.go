package freeze_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// benchIndex builds n recurring freezes in project Shop: every tenth holds a whole environment
// (Staging), the others hold one tenant each (T0, T1, ...) in Production, with every unit in turn.
func benchIndex(b *testing.B, n int) *freeze.Index {
	start := time.Date(2026, 1, 2, 22, 0, 0, 0, time.UTC)
	units := []freeze.Unit{freeze.Daily, freeze.Weekly, freeze.Monthly, freeze.Annually}
	fs := make([]freeze.Freeze, 0, n)
	for i := range n {
		scope := freeze.Scope{Tenants: []freeze.TenantScope{{Tenant: fmt.Sprintf("T%d", i), Project: "Shop", Environment: "Production"}}}
		if i%10 == 0 {
			scope = freeze.Scope{Projects: map[string][]string{"Shop": {"Staging"}}}
		}
		f, err := freeze.New(fmt.Sprintf("F%d", i), start.Add(time.Duration(i)*time.Hour), start.Add(time.Duration(i)*time.Hour+2*time.Hour),
			&freeze.Recurrence{Unit: units[i%len(units)], Every: 1 + i%3, TimeZone: "Europe/Berlin"}, scope)
		if err != nil {
			b.Fatal(err)
		}
		fs = append(fs, f)
	}
	return freeze.NewIndex(fs)
}

// BenchmarkActive measures the per-cell query: one recurring freeze queried a century after its
// start (the search jumps, it does not step), and an index of 1,000 recurring freezes queried for
// one (project, environment, tenant) the way a planner does for each of 100,000 tenants.
func BenchmarkActive(b *testing.B) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2126, 6, 7, 23, 0, 0, 0, ny) // a Friday night, a century after start
	start := time.Date(2026, 1, 2, 22, 0, 0, 0, ny)
	f, err := freeze.New("Friday nights", start, start.Add(8*time.Hour),
		&freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Friday}, TimeZone: "America/New_York"}, shopProd)
	if err != nil {
		b.Fatal(err)
	}
	one := freeze.NewIndex([]freeze.Freeze{f})
	// Far: beyond the zone's transition table, where Go evaluates the zone's rule string on each
	// lookup. Near: a year after start.
	for _, q := range []struct {
		name string
		at   time.Time
	}{{"far-from-start", at}, {"a-year-from-start", time.Date(2027, 1, 1, 23, 0, 0, 0, ny)}} {
		at := q.at
		b.Run("one-recurring-"+q.name, func(b *testing.B) {
			if len(one.Active("Shop", "Production", "Acme", at, nil)) != 1 {
				b.Fatal("not frozen")
			}
			b.ReportAllocs()
			for b.Loop() {
				one.Active("Shop", "Production", "Acme", at, nil)
			}
		})
	}
	for _, n := range []int{0, 1000} {
		x := benchIndex(b, n)
		b.Run(fmt.Sprintf("index-%d/tenant-not-named", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x.TenantActive("Shop", "Production", "Acme", at, nil)
			}
		})
		b.Run(fmt.Sprintf("index-%d/tenant-named", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x.TenantActive("Shop", "Production", "T1", at, nil)
			}
		})
		b.Run(fmt.Sprintf("index-%d/active-tenant-not-named", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x.Active("Shop", "Production", "Acme", at, nil)
			}
		})
		b.Run(fmt.Sprintf("index-%d/project-once", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x.ProjectActive("Shop", "Staging", at, nil)
			}
		})
	}
}

// BenchmarkClear measures a clear-time search through a week of back-to-back daily occurrences.
func BenchmarkClear(b *testing.B) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := freeze.New("Week", start, start.Add(24*time.Hour), &freeze.Recurrence{Unit: freeze.Daily, EndAfter: 400}, shopProd)
	if err != nil {
		b.Fatal(err)
	}
	x := freeze.NewIndex([]freeze.Freeze{f})
	at := time.Date(2026, 12, 25, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		x.Clear("Shop", "Production", "", at, nil, 0)
	}
}

// BenchmarkNew measures validation and compilation, including counting EndAfter occurrences.
func BenchmarkNew(b *testing.B) {
	start := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	rec := &freeze.Recurrence{Unit: freeze.Monthly, EndAfter: freeze.MaxEndAfter, TimeZone: "Europe/Berlin"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := freeze.New("F", start, start.Add(time.Hour), rec, shopProd); err != nil {
			b.Fatal(err)
		}
	}
}

// tiledShapes are calendars that freezes cover completely, at two sizes each, so that a clear-time
// search runs to its ten-year bound:
//
//   - weekly-tiles: n weekly freezes (UTC), freeze i from Monday 00:00 + i week/n for week/n, so
//     that each covers 1/n of the week and together they tile it.
//   - daily-staggered: n daily freezes (America/New_York), freeze i from midnight + i day/n for
//     two hours, so that about n/12 overlap at any time, across daylight-saving changes.
var tiledShapes = []struct {
	name  string
	sizes []int
	build func(n int) []tiledFreeze
}{
	{"weekly-tiles", []int{48, 192}, func(n int) []tiledFreeze {
		base := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
		step := 7 * 24 * time.Hour / time.Duration(n)
		out := make([]tiledFreeze, n)
		for i := range out {
			start := base.Add(time.Duration(i) * step)
			out[i] = tiledFreeze{start, start.Add(step), &freeze.Recurrence{Unit: freeze.Weekly}}
		}
		return out
	}},
	{"daily-staggered", []int{250, 1000}, func(n int) []tiledFreeze {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			panic(err)
		}
		base := time.Date(2026, 1, 5, 0, 0, 0, 0, ny)
		step := 24 * time.Hour / time.Duration(n)
		out := make([]tiledFreeze, n)
		for i := range out {
			start := base.Add(time.Duration(i) * step)
			out[i] = tiledFreeze{start, start.Add(2 * time.Hour), &freeze.Recurrence{Unit: freeze.Daily, TimeZone: "America/New_York"}}
		}
		return out
	}},
}

type tiledFreeze struct {
	start, end time.Time
	rec        *freeze.Recurrence
}

// tiledIndex builds the freezes of a tiled shape, each holding Shop/Production.
func tiledIndex(tb testing.TB, fs []tiledFreeze) *freeze.Index {
	tb.Helper()
	out := make([]freeze.Freeze, len(fs))
	for i, g := range fs {
		f, err := freeze.New(fmt.Sprintf("F%d", i), g.start, g.end, g.rec, shopProd)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = f
	}
	return freeze.NewIndex(out)
}

// BenchmarkClearTiled measures a clear-time search through calendars that freezes tile: the
// search covers its whole ten-year bound and finds nothing.
func BenchmarkClearTiled(b *testing.B) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, shape := range tiledShapes {
		for _, n := range shape.sizes {
			b.Run(fmt.Sprintf("%s/freezes=%d", shape.name, n), func(b *testing.B) {
				x := tiledIndex(b, shape.build(n))
				b.ReportAllocs()
				for b.Loop() {
					if _, ok := x.Clear("Shop", "Production", "Acme", at, nil, 0); ok {
						b.Fatal("found a clear time in a tiled calendar")
					}
				}
			})
		}
	}
}
