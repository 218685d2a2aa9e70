package plan

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// build turns a validated model into a Space. Every lookup here succeeds: validation checked it.
func (c *compiler) build() (*Space, error) {
	f := c.f
	s := &Space{
		envs:       slices.Clone(f.Environments),
		envIndex:   c.envIndex,
		catalog:    c.catalog,
		lifecycles: c.lifecycles,
		projIndex:  map[string]*project{},
		principals: map[string]*principal{},
		freezes:    freeze.NewIndex(c.freezes),
	}
	set := c.set // validation built it, and found no problem
	s.tenants = set
	n := set.Len()
	s.tenantTags = make([][]string, n)
	s.common = make([]map[string][]variables.TenantValue, n)
	for i := range n {
		for id := range set.Bits(i).IDs() {
			s.tenantTags[i] = append(s.tenantTags[i], c.catalog.Name(id))
		}
	}
	lookup := set.Lookup()
	// Model tenant index -> set index.
	byModel := make([]int, len(f.Tenants))
	for i, t := range f.Tenants {
		byModel[i], _ = set.Index(t.Name)
	}

	for _, pr := range f.Projects {
		cp := c.projects[pr.Name]
		p := &project{
			name:       pr.Name,
			tenancy:    cp.tenancy,
			lc:         cp.lc,
			roles:      slices.Compact(slices.Sorted(slices.Values(pr.TargetRoles))), // a set: sorted for §8.6
			defChannel: cp.defChannel,
			vars:       cp.vars,
			relIndex:   map[string]*release{},
			conn:       make([]lifecycle.EnvSet, n),
			values:     map[int][]variables.TenantValue{},
			current:    map[int][]currentEntry{},
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
				b, err := e.Bind(c.catalog, lookup)
				if err != nil {
					return nil, ValidationErrors{{Path: "projects", Code: sentinelCode(err), Msg: err.Error(), Err: err}}
				}
				chn.restrict = b
			}
			p.channels = append(p.channels, chn)
		}
		s.projects = append(s.projects, p)
		s.projIndex[p.name] = p
	}
	for mi, t := range f.Tenants {
		i := byModel[mi]
		for pn, envs := range t.Projects {
			p := s.projIndex[pn]
			var es lifecycle.EnvSet
			for _, e := range envs {
				es = es.With(s.envIndex[e])
			}
			p.conn[i] = es
		}
		if len(t.CommonValues) > 0 {
			common := map[string][]variables.TenantValue{}
			for ln, vals := range t.CommonValues {
				common[ln] = toTenantValues(vals, c.varsOfLib[ln].Templates)
			}
			s.common[i] = common
		}
		for pn, pv := range t.ProjectValues {
			p := s.projIndex[pn]
			p.values[i] = toTenantValues(pv, templatesOf(f.Projects[c.projects[pn].index].Templates))
		}
	}
	s.frozenTenants = map[frozenKey]tenant.Selection{}
	for _, p := range s.projects {
		p.connected = set.ConnectedTo(p.name)
		for e, env := range s.envs {
			var idx []int
			for _, n := range s.freezes.Tenants(p.name, env) {
				if i, ok := set.Index(n); ok {
					idx = append(idx, i)
				}
			}
			if len(idx) > 0 {
				s.frozenTenants[frozenKey{p.name, e}] = set.Selection(idx...)
			}
		}
	}

	for i, r := range f.Releases {
		cp := c.projects[r.Project]
		p := s.projIndex[r.Project]
		rel := &release{
			project:     p,
			version:     cp.versions[i],
			text:        r.Version,
			channel:     p.channels[cp.relChannel[i]],
			blocked:     r.Blocked,
			attempts:    map[int][]lifecycle.Attempt{},
			lastSuccess: map[int]time.Time{},
		}
		p.releases = append(p.releases, rel)
		p.relIndex[r.Version] = rel
	}
	for _, d := range f.Deployments {
		p := s.projIndex[d.Project]
		rel := p.relIndex[d.Release]
		track := -1
		if d.Tenant != "" {
			track = byModel[c.tenantIdx[d.Tenant]]
		}
		ok, _ := parseOutcome(d.Outcome)
		at, _ := parseTime(d.At)
		env := s.envIndex[d.Environment]
		rel.attempts[track] = append(rel.attempts[track], lifecycle.Attempt{Env: env, At: at, Success: ok})
		if ok {
			if last, seen := rel.lastSuccess[env]; !seen || at.After(last) {
				rel.lastSuccess[env] = at
			}
			p.noteCurrent(track, env, rel, at)
		}
	}
	for _, p := range s.projects {
		for _, rel := range p.releases {
			for pol := range rel.facts {
				fa := releaseFacts{own: make(map[int]lifecycle.EnvSet, len(rel.attempts))}
				for track, as := range rel.attempts {
					own := lifecycle.Successes(lifecycle.Policy(pol), as)
					if !own.IsEmpty() {
						fa.own[track] = own
						fa.any = fa.any.Union(own)
					}
				}
				rel.facts[pol] = fa
			}
		}
	}

	for _, t := range f.Targets {
		ten, _ := ParseTenancy(t.Tenancy)
		tg := &target{name: t.Name, roles: slices.Clone(t.Roles), tenancy: ten}
		for _, e := range t.Environments {
			tg.envs = tg.envs.With(s.envIndex[e])
		}
		flt := tags.NewFilter(t.Tenants, t.TenantTags)
		if !flt.IsEmpty() {
			b, err := flt.Bind(c.catalog, lookup)
			if err != nil {
				return nil, ValidationErrors{{Path: "targets", Code: sentinelCode(err), Msg: err.Error(), Err: err}}
			}
			tg.filter = b
		}
		s.targets = append(s.targets, tg)
	}
	slices.SortFunc(s.targets, func(a, b *target) int { return cmp.Compare(a.name, b.name) })

	for _, pr := range f.Principals {
		pp, err := compilePrincipal(pr, s, lookup)
		if err != nil {
			return nil, ValidationErrors{{Path: "principals", Code: sentinelCode(err), Msg: err.Error(), Err: err}}
		}
		s.principals[pr.Name] = pp
	}
	return s, nil
}

// noteCurrent records a successful deployment as the cell's current release when it is the latest
// (ties: the later one in the model wins, §7.3).
func (p *project) noteCurrent(track, env int, rel *release, at time.Time) {
	entries := p.current[track]
	for k := range entries {
		if entries[k].env == env {
			if !at.Before(entries[k].at) {
				entries[k] = currentEntry{env: env, rel: rel, at: at}
			}
			return
		}
	}
	p.current[track] = append(entries, currentEntry{env: env, rel: rel, at: at})
}

// currentRelease returns the release of the latest successful deployment of the cell, or nil.
func (p *project) currentRelease(track, env int) *release {
	for _, e := range p.current[track] {
		if e.env == env {
			return e.rel
		}
	}
	return nil
}
