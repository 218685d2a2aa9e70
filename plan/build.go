package plan

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// sortedKeys returns the keys of m in order; a map of one key is not sorted.
func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 1 {
		for k := range m {
			return []string{k}
		}
	}
	return slices.Sorted(maps.Keys(m))
}

// valueSpan is a range of the values of one slab: slabs[slab][start:end]. Compile converts the
// values of a model once, in one slab per goroutine that checked tenants.
type valueSpan struct{ slab, start, end int32 }

// valueTable holds the values of the templates of one project for every tenant: the values of
// tenant index i are slabs[span[i].slab][span[i].start:span[i].end]. It replaces a map or a slice
// per tenant.
type valueTable struct {
	span  []valueSpan
	slabs slabs
}

// of returns the values of tenant i (nil when none), capped so that an append by the caller never
// writes into another tenant's values.
func (t *valueTable) of(i int) []variables.TenantValue {
	if i < 0 || i >= len(t.span) {
		return nil
	}
	return t.slabs.of(t.span[i])
}

// slabs are the slabs of converted values of a Space.
type slabs [][]variables.TenantValue

// of returns the values of sp, capped (nil when empty).
func (s slabs) of(sp valueSpan) []variables.TenantValue {
	if sp.start == sp.end {
		return nil
	}
	return s[sp.slab][sp.start:sp.end:sp.end]
}

// commonEntry is the values of one library for one tenant.
type commonEntry struct {
	lib  string
	span valueSpan
}

// commonOf returns the common values of tenant i by library, as variables.TenantValues wants them
// (nil when the tenant gives none). It builds a map: the planner calls it only where a
// precomputed answer does not exist.
func (s *Space) commonOf(i int) map[string][]variables.TenantValue {
	es := s.commonEntries(i)
	if len(es) == 0 {
		return nil
	}
	m := make(map[string][]variables.TenantValue, len(es))
	for _, e := range es {
		m[e.lib] = s.slabs.of(e.span)
	}
	return m
}

// commonEntries returns the common values of tenant i, by library.
func (s *Space) commonEntries(i int) []commonEntry {
	if i < 0 || i >= len(s.commonSpan) {
		return nil
	}
	sp := s.commonSpan[i]
	return s.common[sp[0]:sp[1]]
}

// trackRelease is what one track did with one release: the environments it attempted and its
// successes under each policy, as indexes into Space.envSets.
type trackRelease struct {
	rel       int32
	attempted int32
	own       [2]int32 // by lifecycle.Policy
}

// currentEntry says that rel is the current release of a track in env: the release of its latest
// successful deployment there.
type currentEntry struct {
	env int32
	rel int32
}

// history is a project's deployment history per track, in flat per-track tables: slot 0 is the
// untenanted track and slot i+1 tenant index i. The records of slot k are recs[off[k]:off[k+1]]
// (by release) and its current releases cur[curOff[k]:curOff[k+1]] (by environment).
type history struct {
	off    []int32
	recs   []trackRelease
	curOff []int32
	cur    []currentEntry
}

// record returns the track's record of release rel, or nil.
func (h *history) record(track, rel int) *trackRelease {
	k := track + 1
	if k < 0 || k+1 >= len(h.off) {
		return nil
	}
	for j := h.off[k]; j < h.off[k+1]; j++ {
		if int(h.recs[j].rel) == rel {
			return &h.recs[j]
		}
	}
	return nil
}

// current returns the index of the current release of the track in env, or -1.
func (h *history) current(track, env int) int {
	k := track + 1
	if k < 0 || k+1 >= len(h.curOff) {
		return -1
	}
	for _, e := range h.cur[h.curOff[k]:h.curOff[k+1]] {
		if int(e.env) == env {
			return int(e.rel)
		}
	}
	return -1
}

// dep is a validated deployment, resolved to indexes during validation so that the build reads
// no name and parses no time again.
type dep struct {
	sec     int64 // the time, as seconds and nanoseconds since 1970
	nsec    int32
	tenant  int32 // model tenant index, -1 for the untenanted track
	release int32 // model release index (which gives the project)
	env     uint16
	success bool
}

func (d *dep) at() time.Time { return time.Unix(d.sec, int64(d.nsec)).UTC() }

// before reports whether d happened before e.
func (d *dep) before(e *dep) bool { return d.sec < e.sec || d.sec == e.sec && d.nsec < e.nsec }

// envSets interns environment sets, so that per-tenant tables hold a 4-byte index, not a set.
type envSets struct {
	list  []lifecycle.EnvSet
	index map[lifecycle.EnvSet]int32
}

func newEnvSets() *envSets {
	return &envSets{list: []lifecycle.EnvSet{{}}, index: map[lifecycle.EnvSet]int32{{}: 0}}
}

func (e *envSets) intern(s lifecycle.EnvSet) int32 {
	if s.IsEmpty() {
		return 0
	}
	// Most models have a handful of distinct sets: comparing with the first ones is cheaper than
	// hashing a set.
	for k := 1; k < len(e.list) && k <= 8; k++ {
		if e.list[k] == s {
			return int32(k)
		}
	}
	if k, ok := e.index[s]; ok {
		return k
	}
	k := int32(len(e.list))
	e.list = append(e.list, s)
	e.index[s] = k
	return k
}

// templateKinds says which template names are sensitive, built once per project or library: a
// value of a sensitive template is sensitive.
type templateKinds struct {
	names []string        // the template names, in order
	sens  []bool          // per name: sensitive
	exact map[string]bool // every template name as written -> sensitive
	lower map[string]bool // lower-case names of the sensitive templates
}

func newTemplateKinds(ts []variables.Template) *templateKinds {
	k := &templateKinds{exact: make(map[string]bool, len(ts)), lower: map[string]bool{}}
	for _, t := range ts {
		if t.Sensitive {
			k.lower[strings.ToLower(t.Name)] = true
		}
	}
	for _, t := range ts {
		s := k.lower[strings.ToLower(t.Name)]
		k.names = append(k.names, t.Name)
		k.sens = append(k.sens, s)
		k.exact[t.Name] = s
	}
	return k
}

// sensitive reports whether a value for template name is sensitive: some sensitive template has
// that name, letter case aside. hint is where the name is likely to be: tenants often list
// their values in the order of the templates.
func (k *templateKinds) sensitive(name string, hint int) bool {
	if len(k.lower) == 0 {
		return false // no template is sensitive
	}
	if hint < len(k.names) && k.names[hint] == name {
		return k.sens[hint]
	}
	if s, ok := k.exact[name]; ok {
		return s
	}
	return k.lower[strings.ToLower(name)]
}

// build turns a validated model into a Space, in named steps. Every lookup here succeeds:
// validation checked it.
func (c *compiler) build() (*Space, error) {
	f := c.f
	s := &Space{
		envs:       slices.Clone(f.Environments),
		envIndex:   c.envIndex,
		catalog:    c.catalog,
		lifecycles: c.lifecycles,
		tenants:    c.set, // validation built it, and found no problem
		projIndex:  make(map[string]*project, len(f.Projects)),
		principals: make(map[string]*principal, len(f.Principals)),
		freezes:    freeze.NewIndex(c.freezes),
	}
	byModel := c.buildTenants(s)
	if err := c.buildProjects(s); err != nil {
		return nil, err
	}
	// The tenant tables and the histories share nothing they write: for a big model, they are
	// built at the same time.
	var tables sync.WaitGroup
	if workers(len(byModel)) > 1 {
		tables.Go(func() { c.buildTenantTables(s, byModel) })
	} else {
		c.buildTenantTables(s, byModel)
	}
	c.buildFrozenTenants(s)
	relByModel := c.buildReleases(s)
	c.buildHistory(s, c.sets, byModel, relByModel)
	tables.Wait()
	s.envSets = c.sets.list
	if err := c.buildTargets(s); err != nil {
		return nil, err
	}
	for _, pr := range f.Principals {
		pp, err := compilePrincipal(pr, s, s.tenants.Lookup())
		if err != nil {
			return nil, ValidationErrors{{Path: "principals", Code: sentinelCode(err), Message: message(err), Err: err}}
		}
		s.principals[pr.Name] = pp
	}
	return s, nil
}

// buildTenants fills the tenants' names and the disabled ones, and returns the tenant index of
// each model tenant (a valid model names every tenant).
func (c *compiler) buildTenants(s *Space) (byModel []int32) {
	f, set := c.f, s.tenants
	n := set.Len()
	byModel = make([]int32, len(f.Tenants))
	for k := range n {
		byModel[c.setModel[set.Source(k)]] = int32(k)
	}
	s.names = make([]string, n)
	var disabled []int
	for mi, i := range byModel {
		t := &f.Tenants[mi]
		s.names[i] = t.Name
		if t.Disabled {
			disabled = append(disabled, int(i))
		}
	}
	s.disabled = set.Selection(disabled...)
	return byModel
}

// buildProjects builds the projects with their channels, whose tenant restrictions are bound to
// the tenant set.
func (c *compiler) buildProjects(s *Space) error {
	n := s.tenants.Len()
	for pi, pr := range c.f.Projects {
		cp := c.projects[pr.Name]
		p := &project{
			name:       pr.Name,
			index:      pi,
			tenancy:    cp.tenancy,
			lc:         cp.lc,
			roles:      slices.Compact(slices.Sorted(slices.Values(pr.TargetRoles))), // a set, sorted: plans are deterministic
			defChannel: cp.defChannel,
			vars:       cp.vars,
			relIndex:   make(map[string]*release),
			conn:       make([]int32, n),
		}
		p.templates = len(pr.Templates) > 0
		for _, l := range pr.Libraries {
			if len(c.varsOfLib[l].Templates) > 0 {
				p.templates = true
			}
		}
		for k, ch := range cp.channels {
			chn := &channel{ch: ch, lc: cp.chanLC[k]}
			if e, ok := ch.Restriction(); ok {
				b, err := e.Bind(c.catalog, s.tenants.Lookup())
				if err != nil {
					return ValidationErrors{{Path: "projects", Code: sentinelCode(err), Message: message(err), Err: err}}
				}
				chn.restrict = b
				chn.admits = s.tenants.Select(b)
			}
			p.channels = append(p.channels, chn)
		}
		s.projects = append(s.projects, p)
		s.projIndex[p.name] = p
	}
	return nil
}

// buildFrozenTenants lists, per project and environment, the tenants that tenant-scoped freezes
// name.
func (c *compiler) buildFrozenTenants(s *Space) {
	s.frozenTenants = map[frozenKey]tenant.Selection{}
	for _, p := range s.projects {
		for e, env := range s.envs {
			var idx []int
			for _, n := range s.freezes.Tenants(p.name, env) {
				if i, ok := s.tenants.Index(n); ok {
					idx = append(idx, i)
				}
			}
			if len(idx) > 0 {
				s.frozenTenants[frozenKey{p.name, e}] = s.tenants.Selection(idx...)
			}
		}
	}
}

// buildReleases adds the releases to their projects and returns them by model index.
func (c *compiler) buildReleases(s *Space) []*release {
	relByModel := make([]*release, len(c.f.Releases))
	for i, r := range c.f.Releases {
		cp := c.projects[r.Project]
		p := s.projIndex[r.Project]
		rel := &release{
			project:     p,
			index:       len(p.releases),
			version:     cp.versions[i],
			text:        r.Version,
			channel:     p.channels[cp.relChannel[i]],
			blocked:     r.Blocked,
			lastSuccess: map[int]time.Time{},
		}
		p.releases = append(p.releases, rel)
		p.relIndex[r.Version] = rel
		relByModel[i] = rel
	}
	return relByModel
}

// buildTargets builds the deployment targets, sorted by name, their tenant filters bound to the
// tenant set.
func (c *compiler) buildTargets(s *Space) error {
	var scratch []int
	for _, t := range c.f.Targets {
		ten, _ := ParseTenancy(t.Tenancy)
		tg := &target{name: t.Name, roles: slices.Clone(t.Roles), tenancy: ten}
		tg.envs = envSetOf(s.envIndex, t.Environments, &scratch)
		flt := tags.NewFilter(t.Tenants, t.TenantTags)
		if !flt.IsEmpty() {
			b, err := flt.Bind(c.catalog, s.tenants.Lookup())
			if err != nil {
				return ValidationErrors{{Path: "targets", Code: sentinelCode(err), Message: message(err), Err: err}}
			}
			tg.filter = b
		}
		s.targets = append(s.targets, tg)
	}
	slices.SortFunc(s.targets, func(a, b *target) int { return cmp.Compare(a.name, b.name) })
	return nil
}

// buildTenantTables fills the per-tenant tables in tenant (set) order from what validation
// recorded: connections, project and common values, and each project's precomputed
// missing-variables answer.
func (c *compiler) buildTenantTables(s *Space, byModel []int32) {
	r := &c.ten
	n := len(s.names)
	connected := make([][]uint64, len(s.projects)) // per project: bits of the connected tenants
	for k, p := range s.projects {
		p.values.span = make([]valueSpan, n)
		p.values.slabs = r.slabs
		connected[k] = make([]uint64, (n+63)/64)
	}
	// The values were converted while checking the tenants, in model order: the tables of the
	// Space point into them by tenant index. They are filled in model order too, which reads the
	// records and values in the order they are in memory.
	s.slabs = r.slabs
	s.common = r.common
	s.commonSpan = make([][2]int32, n)
	for mi, i := range byModel {
		for _, cn := range r.conns[r.connOff[mi]:r.connOff[mi+1]] {
			s.projects[cn.project].conn[i] = cn.envs
			connected[cn.project][i/64] |= 1 << (i % 64)
		}
		s.commonSpan[i] = [2]int32{r.commonOff[mi], r.commonOff[mi+1]}
		for _, e := range r.project[r.projOff[mi]:r.projOff[mi+1]] {
			s.projects[e.project].values.span[i] = e.span
		}
	}
	c.ten = tenantRecords{}
	// Each project on its own: for a big model, the projects are split over goroutines.
	eachOn(len(s.projects), min(workers(n), len(s.projects)), func(_, k int) {
		p, bits := s.projects[k], connected[k]
		p.connected = s.tenants.Where(func(i int) bool { return bits[i/64]&(1<<(i%64)) != 0 })
		p.precomputeMissing(s, byModel)
	})
}

// precomputeMissing answers the missing-variables check once per connected tenant whose values
// are all unscoped (the answer then does not depend on the environment); the planner computes it
// per cell only for the other tenants. byModel gives the tenant index of each model tenant.
func (p *project) precomputeMissing(s *Space, byModel []int32) {
	if !p.templates || p.vars == nil {
		return
	}
	n := len(s.names)
	p.missing = make([]int32, n)
	p.missLists = [][]string{nil}
	p.missReasons = []Reason{{}}
	known := map[string]int32{"": 0}
	common := map[string][]variables.TenantValue{}
	var key []byte
	for i := range p.missing {
		p.missing[i] = -1
	}
	// In model order: the values are in memory in that order.
	for _, i32 := range byModel {
		i := int(i32)
		if !p.connected.Contains(i) {
			continue // evaluated per cell, if ever
		}
		vals := p.values.of(i)
		scoped := hasScoped(vals)
		clear(common)
		for _, e := range s.commonEntries(i) {
			cv := s.slabs.of(e.span)
			scoped = scoped || hasScoped(cv)
			common[e.lib] = cv
		}
		if scoped {
			continue
		}
		tv := variables.TenantValues{Project: vals}
		if len(common) > 0 {
			tv.Common = common
		}
		missing := p.vars.Missing("", tv)
		key = key[:0]
		for _, m := range missing {
			key = append(key, m...)
			key = append(key, 0)
		}
		k, ok := known[string(key)]
		if !ok {
			k = int32(len(p.missLists))
			known[string(key)] = k
			p.missLists = append(p.missLists, missing)
			p.missReasons = append(p.missReasons, missingReason(missing))
		}
		p.missing[i] = k
	}
}

func hasScoped(vals []variables.TenantValue) bool {
	for k := range vals {
		if len(vals[k].Environments) > 0 {
			return true
		}
	}
	return false
}

func missingReason(missing []string) Reason {
	r := reason(ReasonMissingVariables, "no value for %s", strings.Join(missing, ", "))
	r.Missing = missing
	return r
}

// buildHistory groups the deployments by project and track (a two-pass counting sort, linear in
// the deployments and tenants) and computes, per track and release, the attempted environments
// and the successes under each policy; per track and environment, the current release; per
// release, the environments where anyone has a success and the latest success per environment.
func (c *compiler) buildHistory(s *Space, sets *envSets, byModel []int32, relByModel []*release) {
	deps := c.deps
	n := len(s.names)
	slot := func(d *dep) int32 {
		if d.tenant < 0 {
			return 0
		}
		return byModel[d.tenant] + 1
	}
	// Pass 1: by track slot; pass 2 (stable): by project.
	count := make([]int32, n+2)
	for k := range deps {
		count[slot(&deps[k])+1]++
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	bySlot := make([]int32, len(deps))
	for k := range deps {
		sl := slot(&deps[k])
		bySlot[count[sl]] = int32(k)
		count[sl]++
	}
	pcount := make([]int32, len(s.projects)+1)
	for _, d := range deps {
		pcount[relByModel[d.release].project.index+1]++
	}
	for k := 1; k < len(pcount); k++ {
		pcount[k] += pcount[k-1]
	}
	pstart := slices.Clone(pcount)
	order := make([]int32, len(deps))
	for _, k := range bySlot {
		pj := relByModel[deps[k].release].project.index
		order[pcount[pj]] = k
		pcount[pj]++
	}
	bySlot = nil

	// The latest success per release and environment, any track, kept in a table (when the
	// environments are few) and written to the releases' maps once at the end.
	var lastOK []*dep
	if len(s.envs) <= 64 {
		lastOK = make([]*dep, len(c.f.Releases)*len(s.envs))
	}
	// Each project on its own (a release is of one project): for a big model, the projects are
	// split over goroutines, each interning environment sets in a table of its own, merged after.
	nw := min(workers(len(deps)), len(s.projects))
	scratch := make([]*historyScratch, nw)
	for k := range scratch {
		scratch[k] = &historyScratch{sets: sets, cur: make([]latest, len(s.envs))}
		if k > 0 {
			scratch[k].sets = newEnvSets()
		}
	}
	by := make([]int, len(s.projects)) // which goroutine computed each project
	eachOn(len(s.projects), nw, func(k, pj int) {
		by[pj] = k
		c.projectHistory(s, scratch[k], s.projects[pj], order[pstart[pj]:pstart[pj+1]], slot, relByModel, lastOK)
	})
	for k := 1; k < nw; k++ { // the first goroutine interned in sets itself
		hs := scratch[k]
		remap := make([]int32, len(hs.sets.list))
		for j, set := range hs.sets.list {
			remap[j] = sets.intern(set)
		}
		for pj, p := range s.projects {
			if by[pj] != k {
				continue
			}
			for j := range p.hist.recs {
				tr := &p.hist.recs[j]
				tr.attempted = remap[tr.attempted]
				for pol := range tr.own {
					tr.own[pol] = remap[tr.own[pol]]
				}
			}
		}
	}
	for k, d := range lastOK {
		if d != nil {
			relByModel[k/len(s.envs)].lastSuccess[k%len(s.envs)] = d.at()
		}
	}
	c.deps = nil
}

// envSetOf returns the set of the named environments (indexes in index), built at once (adding
// environments one at a time would copy the set each time). scratch is reused across calls.
func envSetOf(index map[string]int, names []string, scratch *[]int) lifecycle.EnvSet {
	idx := (*scratch)[:0]
	for _, e := range names {
		idx = append(idx, index[e])
	}
	*scratch = idx
	return lifecycle.EnvSetOf(idx...)
}

// connOf returns the environments tenant i is connected to for the project.
func (p *project) connOf(s *Space, i int) lifecycle.EnvSet { return s.envSets[p.conn[i]] }

// own returns the successes of the track (-1: untenanted) with the release under policy pol.
func (p *project) own(s *Space, track, rel, pol int) lifecycle.EnvSet {
	if tr := p.hist.record(track, rel); tr != nil {
		return s.envSets[tr.own[pol]]
	}
	return lifecycle.EnvSet{}
}

// currentRelease returns the release of the latest successful deployment of the cell, or nil.
func (p *project) currentRelease(track, env int) *release {
	if k := p.hist.current(track, env); k >= 0 {
		return p.releases[k]
	}
	return nil
}

// latest is the latest successful deployment of a track in one environment.
type latest struct {
	d    *dep
	seen bool
}

// historyScratch is what computing the history of projects on one goroutine reuses.
type historyScratch struct {
	sets     *envSets
	cur      []latest // per environment, for one track
	touched  []int32
	attempts []lifecycle.Attempt
}

// projectHistory computes the history of project p from its deployments seg, grouped by track
// slot (see buildHistory).
func (c *compiler) projectHistory(s *Space, hs *historyScratch, p *project, seg []int32, slot func(*dep) int32, relByModel []*release, lastOK []*dep) {
	deps, n, sets, cur := c.deps, len(s.names), hs.sets, hs.cur
	h := &p.hist
	h.off = make([]int32, n+2)
	h.curOff = make([]int32, n+2)
	h.recs = make([]trackRelease, 0, len(seg))
	h.cur = make([]currentEntry, 0, len(seg))
	next := 0 // the next slot whose offsets are not written
	for len(seg) > 0 {
		sl := int(slot(&deps[seg[0]]))
		g := 1
		for g < len(seg) && int(slot(&deps[seg[g]])) == sl {
			g++
		}
		group := seg[:g]
		seg = seg[g:]
		for ; next <= sl; next++ {
			h.off[next] = int32(len(h.recs))
			h.curOff[next] = int32(len(h.cur))
		}
		// Current releases: the latest success per environment; on equal times the later
		// deployment in the model.
		for _, k := range group {
			d := &deps[k]
			if !d.success {
				continue
			}
			l := &cur[d.env]
			if !l.seen {
				hs.touched = append(hs.touched, int32(d.env))
				l.seen, l.d = true, d
			} else if !d.before(l.d) {
				l.d = d
			}
		}
		slices.Sort(hs.touched)
		for _, e := range hs.touched {
			h.cur = append(h.cur, currentEntry{env: e, rel: int32(relByModel[cur[e].d.release].index)})
			cur[e] = latest{}
		}
		hs.touched = hs.touched[:0]
		// Per release, in model order inside each release.
		if g > 1 {
			slices.SortStableFunc(group, func(a, b int32) int {
				return cmp.Compare(relByModel[deps[a].release].index, relByModel[deps[b].release].index)
			})
		}
		for len(group) > 0 {
			rel := relByModel[deps[group[0]].release]
			r := 1
			for r < len(group) && relByModel[deps[group[r]].release] == rel {
				r++
			}
			hs.attempts = hs.attempts[:0]
			var attempted lifecycle.EnvSet
			for _, k := range group[:r] {
				d := &deps[k]
				at := d.at()
				hs.attempts = append(hs.attempts, lifecycle.Attempt{Env: int(d.env), At: at, Success: d.success})
				attempted = attempted.With(int(d.env))
				if d.success {
					if lastOK != nil {
						if l := &lastOK[int(d.release)*len(s.envs)+int(d.env)]; *l == nil || (*l).before(d) {
							*l = d
						}
					} else if last, seen := rel.lastSuccess[int(d.env)]; !seen || at.After(last) {
						rel.lastSuccess[int(d.env)] = at
					}
				}
			}
			tr := trackRelease{rel: int32(rel.index), attempted: sets.intern(attempted)}
			for pol := range tr.own {
				own := lifecycle.Successes(lifecycle.Policy(pol), hs.attempts)
				tr.own[pol] = sets.intern(own)
				rel.facts[pol].any = rel.facts[pol].any.Union(own)
			}
			h.recs = append(h.recs, tr)
			group = group[r:]
		}
	}
	for ; next < len(h.off); next++ {
		h.off[next] = int32(len(h.recs))
		h.curOff[next] = int32(len(h.cur))
	}
	h.recs = slices.Clip(h.recs)
	h.cur = slices.Clip(h.cur)
}
