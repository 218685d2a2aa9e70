package freeze_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// Zones for generated recurrences: daylight-saving gaps and overlaps at various hours, a
// 30-minute change (Lord Howe) and midnight changes (São Paulo before 2019).
var zones = []string{"", "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Santiago"}

type genFreeze struct {
	start, end time.Time
	rec        *freeze.Recurrence
}

// spanOf is the time over which a generated recurrence shows several occurrences.
func spanOf(rec *freeze.Recurrence) time.Duration {
	if rec == nil {
		return 30 * 24 * time.Hour
	}
	switch rec.Unit {
	case freeze.Daily:
		return 60 * 24 * time.Hour
	case freeze.Weekly:
		return 30 * 7 * 24 * time.Hour
	case freeze.Monthly:
		return 4 * 366 * 24 * time.Hour
	default:
		return 12 * 366 * 24 * time.Hour
	}
}

func drawRecurrence(t *rapid.T) *freeze.Recurrence {
	if rapid.IntRange(0, 5).Draw(t, "oneOff") == 0 {
		return nil
	}
	rec := &freeze.Recurrence{Unit: freeze.Unit(rapid.IntRange(1, 4).Draw(t, "unit"))}
	maxEvery := map[freeze.Unit]int{freeze.Daily: 5, freeze.Weekly: 4, freeze.Monthly: 4, freeze.Annually: 4}[rec.Unit]
	rec.Every = rapid.IntRange(0, maxEvery).Draw(t, "every")
	switch rec.Unit {
	case freeze.Weekly:
		rec.DaysOfWeek = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) time.Weekday {
			return time.Weekday(rapid.IntRange(0, 6).Draw(t, "day"))
		}), 0, 8).Draw(t, "days")
	case freeze.Monthly:
		rec.DayOfMonth = rapid.OneOf(rapid.Just(0), rapid.IntRange(1, 31), rapid.IntRange(28, 31)).Draw(t, "dayOfMonth")
	}
	if rapid.Bool().Draw(t, "hasEndAfter") {
		rec.EndAfter = rapid.IntRange(1, 30).Draw(t, "endAfter")
	}
	rec.TimeZone = rapid.SampledFrom(zones).Draw(t, "zone")
	return rec
}

func drawFreeze(t *rapid.T) genFreeze {
	// Start anywhere in 2016..2027 (including São Paulo's and Santiago's midnight changes), at
	// any minute, sometimes with seconds and nanoseconds.
	rec := drawRecurrence(t)
	base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	start := base.Add(time.Duration(rapid.Int64Range(0, 12*366*24*60).Draw(t, "startMinute")) * time.Minute)
	if rec != nil && rapid.IntRange(0, 3).Draw(t, "nearMidnight") == 0 {
		// Local times just after midnight fall into the midnight daylight-saving gaps of São
		// Paulo and Santiago, which time.Date normalises to the previous evening.
		loc, err := time.LoadLocation(rec.TimeZone)
		require.NoError(t, err)
		ls := start.In(loc)
		start = time.Date(ls.Year(), ls.Month(), ls.Day(), 0, rapid.IntRange(0, 59).Draw(t, "minute"), 0, 0, loc)
	}
	if rapid.IntRange(0, 4).Draw(t, "odd") == 0 {
		start = start.Add(time.Duration(rapid.Int64Range(0, int64(time.Minute)).Draw(t, "ns")))
	}
	dur := time.Duration(rapid.OneOf(rapid.Int64Range(1, 3*24*60), rapid.Int64Range(1, 15*24*60)).Draw(t, "durMinutes")) * time.Minute
	if rec != nil && rapid.IntRange(0, 3).Draw(t, "hasEndOn") == 0 {
		rec.EndOn = start.Add(time.Duration(rapid.Int64Range(0, int64(spanOf(rec)/time.Minute)).Draw(t, "endOnMinute")) * time.Minute)
	}
	return genFreeze{start: start, end: start.Add(dur), rec: rec}
}

func (g genFreeze) build(t *rapid.T, name string, scope freeze.Scope) freeze.Freeze {
	f, err := freeze.New(name, g.start, g.end, g.rec, scope)
	require.NoError(t, err)
	return f
}

// TestOccurrence_AgreesWithSlowReference steps minute by minute over a week and checks
// every occurrence boundary in a three-week window somewhere in the recurrence's life.
func TestOccurrence_AgreesWithSlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawFreeze(t)
		f := g.build(t, "F", shopProd)
		from := g.start.Add(-3*24*time.Hour + time.Duration(rapid.Int64Range(0, int64(spanOf(g.rec)/time.Minute)).Draw(t, "fromMinute"))*time.Minute)
		to := from.Add(21 * 24 * time.Hour)
		occs := slowOccurrences(g.start, g.end, g.rec, to)

		check := func(at time.Time) {
			want, wantOK := slowOccurrence(occs, at)
			b, e, ok := f.Occurrence(at)
			require.Equal(t, wantOK, ok, "frozen at %s", at)
			if ok {
				require.Equal(t, want.begin, b, "begin at %s", at)
				require.Equal(t, want.end, e, "end at %s", at)
			}
		}
		for at := from; at.Before(from.Add(7 * 24 * time.Hour)); at = at.Add(time.Minute) {
			check(at)
		}
		for _, o := range occs {
			for _, at := range []time.Time{o.begin.Add(-1), o.begin, o.end.Add(-1), o.end} {
				if !at.Before(from) && at.Before(to) {
					check(at)
				}
			}
		}

		// Occurrences(from) yields the reference's occurrences that end after from.
		var want, got []interval
		for _, o := range occs {
			if o.end.After(from) {
				want = append(want, o)
			}
		}
		for b, e := range f.Occurrences(from) {
			if !b.Before(to) {
				break
			}
			got = append(got, interval{b, e})
		}
		require.Equal(t, want, got)
	})
}

var (
	propProjects = []string{"P1", "P2"}
	propEnvs     = []string{"E1", "E2"}
	propTenants  = []string{"T1", "T2", "T3"}
)

func drawScope(t *rapid.T) freeze.Scope {
	var s freeze.Scope
	for _, p := range propProjects {
		envs := rapid.SliceOfNDistinct(rapid.SampledFrom(propEnvs), 0, 2, rapid.ID).Draw(t, "envs")
		if len(envs) > 0 {
			if s.Projects == nil {
				s.Projects = map[string][]string{}
			}
			s.Projects[p] = envs
		}
	}
	s.Tenants = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) freeze.TenantScope {
		return freeze.TenantScope{
			Tenant:      rapid.SampledFrom(propTenants).Draw(t, "tenant"),
			Project:     rapid.SampledFrom(propProjects).Draw(t, "project"),
			Environment: rapid.SampledFrom(propEnvs).Draw(t, "environment"),
		}
	}), 0, 4).Draw(t, "tenants")
	return s
}

// inScope says, from the scope data alone, whether a scope holds a cell.
func inScope(s freeze.Scope, project, env, tenant string) bool {
	if slices.Contains(s.Projects[project], env) {
		return true
	}
	return tenant != "" && slices.Contains(s.Tenants, freeze.TenantScope{Tenant: tenant, Project: project, Environment: env})
}

type indexCase struct {
	gens   []genFreeze
	scopes []freeze.Scope
	fs     []freeze.Freeze
	x      *freeze.Index
}

func drawIndex(t *rapid.T) indexCase {
	var c indexCase
	n := rapid.IntRange(0, 6).Draw(t, "freezes")
	for i := range n {
		g := drawFreeze(t)
		s := drawScope(t)
		c.gens = append(c.gens, g)
		c.scopes = append(c.scopes, s)
		c.fs = append(c.fs, g.build(t, fmt.Sprintf("F%d", i), s))
	}
	c.x = freeze.NewIndex(c.fs)
	return c
}

type cell struct{ p, e, t string }

// allCells lists every cell of the property tests' small world, untenanted tracks included.
func allCells() []cell {
	var out []cell
	for _, p := range propProjects {
		for _, e := range propEnvs {
			for _, t := range append([]string{""}, propTenants...) {
				out = append(out, cell{p, e, t})
			}
		}
	}
	return out
}

// TestIndex_Scope: a freeze never affects cells outside its scope, and holds every cell
// in it while an occurrence contains the time; ProjectActive and TenantActive split Active.
func TestIndex_Scope(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := drawIndex(t)
		at := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 14*366*24*60).Draw(t, "atMinute")) * time.Minute)
		for _, cl := range allCells() {
			p, e, tn := cl.p, cl.e, cl.t
			var want []string
			for i, f := range c.fs {
				require.Equal(t, inScope(c.scopes[i], p, e, tn), f.Covers(p, e, tn))
				if _, _, ok := f.Occurrence(at); ok && f.Covers(p, e, tn) {
					want = append(want, f.Name())
				}
			}
			hits := c.x.Active(p, e, tn, at, nil)
			var got []string
			for _, h := range hits {
				got = append(got, h.Freeze)
			}
			slices.Sort(got)
			require.Equal(t, want, got, "cell %s/%s/%q", p, e, tn)
			require.True(t, slices.IsSortedFunc(hits, func(a, b freeze.Hit) int {
				if c := b.End.Compare(a.End); c != 0 {
					return c
				}
				return compareStrings(a.Freeze, b.Freeze)
			}))
			split := append(c.x.ProjectActive(p, e, at, nil), c.x.TenantActive(p, e, tn, at, nil)...)
			require.ElementsMatch(t, hits, split)
			if !c.x.HasTenantFreezes(p, e) {
				require.Empty(t, c.x.TenantActive(p, e, tn, at, nil))
			}
		}
	})
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestIndex_OverrideAll: overriding every freeze equals having none.
func TestIndex_OverrideAll(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := drawIndex(t)
		none := freeze.NewIndex(nil)
		all := func(string) bool { return true }
		at := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 14*366*24*60).Draw(t, "atMinute")) * time.Minute)
		for _, cl := range allCells() {
			p, e, tn := cl.p, cl.e, cl.t
			require.Equal(t, none.Active(p, e, tn, at, nil), c.x.Active(p, e, tn, at, all))
			require.Empty(t, c.x.ProjectActive(p, e, at, all))
			require.Empty(t, c.x.TenantActive(p, e, tn, at, all))
			got, ok := c.x.Clear(p, e, tn, at, all, 0)
			require.True(t, ok)
			require.Equal(t, at, got)
		}
	})
}

// TestIndex_Clear_AgreesWithSlowReference: Clear returns a time that is not frozen, and no earlier
// unfrozen time exists at or after `at`, according to the slow reference; overrides are honoured.
func TestIndex_Clear_AgreesWithSlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := drawIndex(t)
		overridden := rapid.SliceOfDistinct(rapid.IntRange(0, max(len(c.fs)-1, 0)), rapid.ID).Draw(t, "overridden")
		override := func(name string) bool {
			return slices.ContainsFunc(overridden, func(i int) bool { return fmt.Sprintf("F%d", i) == name })
		}
		at := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 14*366*24*60).Draw(t, "atMinute")) * time.Minute)
		limit := time.Duration(rapid.Int64Range(1, 60*24*60).Draw(t, "limitMinutes")) * time.Minute
		horizon := at.Add(limit + 16*24*time.Hour)
		for _, cl := range allCells() {
			p, e, tn := cl.p, cl.e, cl.t
			var occs []interval
			for i, g := range c.gens {
				if override(c.fs[i].Name()) || !inScope(c.scopes[i], p, e, tn) {
					continue
				}
				occs = append(occs, slowOccurrences(g.start, g.end, g.rec, horizon)...)
			}
			want := slowClear(occs, at)
			got, ok := c.x.Clear(p, e, tn, at, override, limit)
			if want.After(at.Add(limit)) {
				require.False(t, ok, "cell %s/%s/%q: reference clear %s is beyond the limit", p, e, tn, want)
				continue
			}
			require.True(t, ok, "cell %s/%s/%q", p, e, tn)
			require.Equal(t, want, got, "cell %s/%s/%q", p, e, tn)
			require.Empty(t, c.x.Active(p, e, tn, got, override))
		}
	})
}
