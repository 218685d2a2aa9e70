package freeze

import (
	"cmp"
	"slices"
	"time"
)

// Index finds the freezes that hold a cell at a time; built once per model. Safe for concurrent
// use.
//
// It keeps two maps: (project, environment) to the freezes whose project scope holds every track
// there, and (project, environment, tenant) to the freezes that hold that tenant's cell only through
// a tenant scope. A per-tenant query is one map lookup plus work for the freezes that name that
// tenant, however many other freezes there are.
type Index struct {
	freezes  []Freeze
	project  map[cellKey][]int32
	tenant   map[tenantKey][]int32
	tenanted map[cellKey]bool
}

type cellKey struct{ project, environment string }

type tenantKey struct{ project, environment, tenant string }

// NewIndex builds an index over a copy of fs.
func NewIndex(fs []Freeze) *Index {
	x := &Index{
		freezes:  slices.Clone(fs),
		project:  map[cellKey][]int32{},
		tenant:   map[tenantKey][]int32{},
		tenanted: map[cellKey]bool{},
	}
	for i, f := range x.freezes {
		if f.f == nil {
			continue
		}
		id := int32(i)
		for p, envs := range f.f.envs {
			for e := range envs {
				k := cellKey{p, e}
				x.project[k] = append(x.project[k], id)
			}
		}
		for ts := range f.f.tenants {
			if f.coversProject(ts.Project, ts.Environment) {
				continue // the project scope already holds every track of this cell
			}
			k := tenantKey{ts.Project, ts.Environment, ts.Tenant}
			x.tenant[k] = append(x.tenant[k], id)
			x.tenanted[cellKey{ts.Project, ts.Environment}] = true
		}
	}
	// Map iteration above is unordered; freeze order keeps results deterministic.
	for _, ids := range x.project {
		slices.Sort(ids)
	}
	for _, ids := range x.tenant {
		slices.Sort(ids)
	}
	return x
}

// Freezes returns a copy of the indexed freezes, in the order given to [NewIndex].
func (x *Index) Freezes() []Freeze {
	if x == nil {
		return nil
	}
	return slices.Clone(x.freezes)
}

// Hit names the freeze that holds a cell and when its occurrence ends (the reason `frozen` carries
// both): Start and End bound the occurrence that contains the queried time.
type Hit struct {
	Freeze     string
	Start, End time.Time
}

// Active returns the freezes holding cell (project, environment, tenant) at `at`, skipping names
// for which override returns true (override may be nil). Ordered by End descending, then name;
// empty (nil) when clear. Tenant "" is the untenanted track, which only project scopes hold.
// Active is the union of [Index.ProjectActive] and [Index.TenantActive], which never share a freeze.
func (x *Index) Active(project, environment, tenant string, at time.Time, override func(name string) bool) []Hit {
	if x == nil {
		return nil
	}
	hits := x.appendHits(nil, x.project[cellKey{project, environment}], at, override)
	if tenant != "" {
		hits = x.appendHits(hits, x.tenant[tenantKey{project, environment, tenant}], at, override)
	}
	sortHits(hits)
	return hits
}

// ProjectActive returns only the project/environment-scoped freezes holding (project, environment)
// at `at` (they hold every track of the cell), ordered as [Index.Active]. A planner evaluates it
// once per (project, environment, at), not once per tenant.
func (x *Index) ProjectActive(project, environment string, at time.Time, override func(string) bool) []Hit {
	if x == nil {
		return nil
	}
	hits := x.appendHits(nil, x.project[cellKey{project, environment}], at, override)
	sortHits(hits)
	return hits
}

// TenantActive returns only the tenant-scoped freezes naming that tenant for (project,
// environment) and holding it at `at`, ordered as [Index.Active]. A freeze whose project scope
// already holds the cell is reported by [Index.ProjectActive] instead, never by both.
func (x *Index) TenantActive(project, environment, tenant string, at time.Time, override func(string) bool) []Hit {
	if x == nil || tenant == "" {
		return nil
	}
	hits := x.appendHits(nil, x.tenant[tenantKey{project, environment, tenant}], at, override)
	sortHits(hits)
	return hits
}

// Tenants returns the tenants that tenant-scoped freezes name for (project, environment) (those
// [Index.TenantActive] may report), sorted. A planner turns them into a set once, so that the
// per-tenant check costs a bit test, not a map lookup.
func (x *Index) Tenants(project, environment string) []string {
	if x == nil || !x.tenanted[cellKey{project, environment}] {
		return nil
	}
	var out []string
	for k := range x.tenant {
		if k.project == project && k.environment == environment {
			out = append(out, k.tenant)
		}
	}
	slices.Sort(out)
	return out
}

// HasTenantFreezes says whether any tenant-scoped freeze exists for (project, environment) (one
// that [Index.TenantActive] may report): callers skip per-tenant work when false.
func (x *Index) HasTenantFreezes(project, environment string) bool {
	return x != nil && x.tenanted[cellKey{project, environment}]
}

// DefaultClearLimit is the bound [Index.Clear] uses when given a limit of 0: ten years (of 365
// days) from `at`.
const DefaultClearLimit = 10 * 365 * 24 * time.Hour

// Clear returns the earliest time >= at when the cell is not frozen (overrides honoured). The
// search is bounded: it gives up when the cell is still frozen after at+limit (0 means
// [DefaultClearLimit]), returning ok=false. A negative limit only checks `at` itself.
//
// The search merges the occurrences of the cell's freezes in time order and visits each once; when
// freezes that recur daily or weekly cover the calendar, it detects that the calendar repeats and
// jumps to the next change (an offset change of their time zones, or the end of one of them). So
// its cost is linear in the freezes and occurrences it visits, never their product, even when
// freezes tile the calendar up to the limit.
func (x *Index) Clear(project, environment, tenant string, at time.Time, override func(string) bool, limit time.Duration) (time.Time, bool) {
	t, ok, _ := x.clear(project, environment, []string{tenant}, at, override, limit)
	return t, ok
}

// ClearTenants is [Index.Clear] for several cells of one (project, environment) at once: it returns
// the earliest time >= at when none of the tenants' cells is frozen (nor the untenanted track, which
// only project scopes hold, like every track). It answers when a batch of tenants can be deployed
// together, with one search rather than one per tenant.
func (x *Index) ClearTenants(project, environment string, tenants []string, at time.Time, override func(string) bool, limit time.Duration) (time.Time, bool) {
	t, ok, _ := x.clear(project, environment, tenants, at, override, limit)
	return t, ok
}

// clear is Clear and ClearTenants; it also returns the work done (occurrences computed).
func (x *Index) clear(project, environment string, tenants []string, at time.Time, override func(string) bool, limit time.Duration) (time.Time, bool, int) {
	if limit == 0 {
		limit = DefaultClearLimit
	}
	deadline := at.Add(limit)
	if limit > 0 && deadline.Before(at) { // overflow at the edge of time.Time's range
		deadline = at
	}
	if x == nil {
		return at, true, 0
	}
	ids := x.project[cellKey{project, environment}] // shared: cloned before appending
	named := false
	if !x.tenanted[cellKey{project, environment}] {
		tenants = nil // no tenant scope names this cell: skip the lookups
	}
	for _, tn := range tenants {
		if tn == "" {
			continue
		}
		if tids := x.tenant[tenantKey{project, environment, tn}]; len(tids) > 0 {
			if !named {
				ids = slices.Clone(ids)
				named = true
			}
			ids = append(ids, tids...)
		}
	}
	if named {
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	fs := make([]*frozen, 0, len(ids))
	for _, id := range ids {
		if f := x.freezes[id]; override == nil || !override(f.f.name) {
			fs = append(fs, f.f)
		}
	}
	return clearTime(fs, at, deadline)
}

func (x *Index) appendHits(hits []Hit, ids []int32, at time.Time, override func(string) bool) []Hit {
	for _, id := range ids {
		f := x.freezes[id]
		if override != nil && override(f.f.name) {
			continue
		}
		if s, e, ok := f.Occurrence(at); ok {
			hits = append(hits, Hit{Freeze: f.f.name, Start: s, End: e})
		}
	}
	return hits
}

func sortHits(hits []Hit) {
	if len(hits) < 2 {
		return
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := b.End.Compare(a.End); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Freeze, b.Freeze); c != 0 {
			return c
		}
		return a.Start.Compare(b.Start)
	})
}
