package plantest

import (
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
)

// Shuffle returns a deep copy of f with every list whose order carries no meaning shuffled,
// deterministically for a seed (math/rand/v2): tag sets, lifecycles, libraries, projects (and
// their libraries, target roles, templates, channels' tenant tags), tenants (and their tags,
// connected environments and values), targets (and their lists), releases, deployments, freezes
// (and their scopes and days of week), principals and grants (and their lists).
//
// It keeps the lists whose order means something in a model file: environments, the tags of a
// tag set (display order), phases and their environments, channels (the first is the
// default when none says so) and variables. Deployments at the same instant keep their relative
// order, since the later one listed wins a tie (package plan's Decision).
func Shuffle(f *model.File, seed uint64) *model.File {
	rng := rand.New(rand.NewPCG(seed, 0x51a7c0ffee))
	g := clone(f)
	shuf(rng, g.TagSets)
	shuf(rng, g.Lifecycles)
	shuf(rng, g.Libraries)
	shuf(rng, g.Projects)
	for i := range g.Projects {
		p := &g.Projects[i]
		shuf(rng, p.Libraries)
		shuf(rng, p.TargetRoles)
		shuf(rng, p.Templates)
		for j := range p.Channels {
			shuf(rng, p.Channels[j].TenantTags)
		}
	}
	shuf(rng, g.Tenants)
	for i := range g.Tenants {
		t := &g.Tenants[i]
		shuf(rng, t.Tags)
		for _, k := range slices.Sorted(maps.Keys(t.Projects)) {
			shuf(rng, t.Projects[k])
		}
		for _, k := range slices.Sorted(maps.Keys(t.CommonValues)) {
			shuf(rng, t.CommonValues[k])
		}
		for _, k := range slices.Sorted(maps.Keys(t.ProjectValues)) {
			shuf(rng, t.ProjectValues[k])
		}
	}
	shuf(rng, g.Targets)
	for i := range g.Targets {
		t := &g.Targets[i]
		shuf(rng, t.Environments)
		shuf(rng, t.Roles)
		shuf(rng, t.Tenants)
		shuf(rng, t.TenantTags)
	}
	shuf(rng, g.Releases)
	shuffleDeployments(rng, g.Deployments)
	shuf(rng, g.Freezes)
	for i := range g.Freezes {
		fr := &g.Freezes[i]
		for _, k := range slices.Sorted(maps.Keys(fr.Projects)) {
			shuf(rng, fr.Projects[k])
		}
		shuf(rng, fr.Tenants)
		if fr.Recurrence != nil {
			shuf(rng, fr.Recurrence.DaysOfWeek)
		}
	}
	shuf(rng, g.Principals)
	for i := range g.Principals {
		p := &g.Principals[i]
		shuf(rng, p.Grants)
		for j := range p.Grants {
			gr := &p.Grants[j]
			shuf(rng, gr.Projects)
			shuf(rng, gr.Environments)
			shuf(rng, gr.Tenants)
			shuf(rng, gr.TenantTags)
		}
	}
	return g
}

func shuf[E any](rng *rand.Rand, xs []E) {
	rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
}

// shuffleDeployments shuffles ds but keeps the relative order of deployments at the same instant
// (or with times that do not parse).
func shuffleDeployments(rng *rand.Rand, ds []model.Deployment) {
	keyOf := func(d model.Deployment) string {
		if t, err := time.Parse(time.RFC3339Nano, d.At); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
		return "bad:" + d.At
	}
	// Positions of each group, in order; then a random interleaving of the groups.
	groups := map[string][]model.Deployment{}
	var order []string
	for _, d := range ds {
		k := keyOf(d)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], d)
	}
	labels := make([]string, 0, len(ds))
	for _, k := range order {
		for range groups[k] {
			labels = append(labels, k)
		}
	}
	shuf(rng, labels)
	next := map[string]int{}
	for i, k := range labels {
		ds[i] = groups[k][next[k]]
		next[k]++
	}
}

// clone returns a deep copy of f.
func clone(f *model.File) *model.File {
	g := &model.File{
		Schema:       f.Schema,
		Environments: slices.Clone(f.Environments),
		TagSets:      slices.Clone(f.TagSets),
		Lifecycles:   slices.Clone(f.Lifecycles),
		Libraries:    slices.Clone(f.Libraries),
		Projects:     slices.Clone(f.Projects),
		Tenants:      slices.Clone(f.Tenants),
		Targets:      slices.Clone(f.Targets),
		Releases:     slices.Clone(f.Releases),
		Deployments:  slices.Clone(f.Deployments),
		Freezes:      slices.Clone(f.Freezes),
		Principals:   slices.Clone(f.Principals),
	}
	for i := range g.TagSets {
		g.TagSets[i].Tags = slices.Clone(g.TagSets[i].Tags)
	}
	for i := range g.Lifecycles {
		l := &g.Lifecycles[i]
		l.Phases = slices.Clone(l.Phases)
		for j := range l.Phases {
			l.Phases[j].Automatic = slices.Clone(l.Phases[j].Automatic)
			l.Phases[j].Manual = slices.Clone(l.Phases[j].Manual)
		}
	}
	for i := range g.Libraries {
		l := &g.Libraries[i]
		l.Templates = cloneTemplates(l.Templates)
		l.Variables = cloneVariables(l.Variables)
	}
	for i := range g.Projects {
		p := &g.Projects[i]
		p.Libraries = slices.Clone(p.Libraries)
		p.TargetRoles = slices.Clone(p.TargetRoles)
		p.Channels = slices.Clone(p.Channels)
		for j := range p.Channels {
			p.Channels[j].TenantTags = slices.Clone(p.Channels[j].TenantTags)
		}
		p.Templates = cloneTemplates(p.Templates)
		p.Variables = cloneVariables(p.Variables)
	}
	for i := range g.Tenants {
		t := &g.Tenants[i]
		t.Tags = slices.Clone(t.Tags)
		t.Projects = cloneMap(t.Projects, slices.Clone)
		t.CommonValues = cloneMap(t.CommonValues, cloneValues)
		t.ProjectValues = cloneMap(t.ProjectValues, cloneValues)
	}
	for i := range g.Targets {
		t := &g.Targets[i]
		t.Environments = slices.Clone(t.Environments)
		t.Roles = slices.Clone(t.Roles)
		t.Tenants = slices.Clone(t.Tenants)
		t.TenantTags = slices.Clone(t.TenantTags)
	}
	for i := range g.Freezes {
		fr := &g.Freezes[i]
		fr.Projects = cloneMap(fr.Projects, slices.Clone)
		fr.Tenants = slices.Clone(fr.Tenants)
		if fr.Recurrence != nil {
			r := *fr.Recurrence
			r.DaysOfWeek = slices.Clone(r.DaysOfWeek)
			fr.Recurrence = &r
		}
	}
	for i := range g.Principals {
		p := &g.Principals[i]
		p.Grants = slices.Clone(p.Grants)
		for j := range p.Grants {
			gr := &p.Grants[j]
			gr.Projects = slices.Clone(gr.Projects)
			gr.Environments = slices.Clone(gr.Environments)
			gr.Tenants = slices.Clone(gr.Tenants)
			gr.TenantTags = slices.Clone(gr.TenantTags)
		}
	}
	return g
}

// Clone returns a deep copy of f: changing the copy never changes f.
func Clone(f *model.File) *model.File { return clone(f) }

func cloneMap[V any](m map[string]V, c func(V) V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = c(v)
	}
	return out
}

func cloneValues(vs []model.TenantValue) []model.TenantValue {
	out := slices.Clone(vs)
	for i := range out {
		out[i].Environments = slices.Clone(out[i].Environments)
		if out[i].Value != nil {
			out[i].Value = ptr(*out[i].Value)
		}
	}
	return out
}

func cloneTemplates(ts []model.Template) []model.Template {
	out := slices.Clone(ts)
	for i := range out {
		if out[i].Default != nil {
			out[i].Default = ptr(*out[i].Default)
		}
	}
	return out
}

func cloneVariables(vs []model.Variable) []model.Variable {
	out := slices.Clone(vs)
	for i := range out {
		if s := out[i].Scope; s != nil {
			c := model.Scope{Environments: slices.Clone(s.Environments), TenantTags: slices.Clone(s.TenantTags),
				Channels: slices.Clone(s.Channels), Roles: slices.Clone(s.Roles), Targets: slices.Clone(s.Targets),
				Steps: slices.Clone(s.Steps), Tenants: slices.Clone(s.Tenants)}
			out[i].Scope = &c
		}
	}
	return out
}
