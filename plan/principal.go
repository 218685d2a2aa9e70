package plan

import (
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
)

// principal is a compiled principal: its deploy and view grants.
type principal struct {
	name   string
	deploy []grant
	view   []grant
}

// grant covers projects, environments and tenants; a nil or empty dimension means all.
type grant struct {
	projects map[string]bool
	envs     lifecycle.EnvSet
	allEnvs  bool
	tenants  *tags.Bound // nil: every tenant (and the untenanted track)
}

func compilePrincipal(pr model.Principal, s *Space, lookup tags.TenantLookup) (*principal, error) {
	p := &principal{name: pr.Name}
	for _, g := range pr.Grants {
		cg := grant{allEnvs: len(g.Environments) == 0}
		if len(g.Projects) > 0 {
			cg.projects = map[string]bool{}
			for _, pn := range g.Projects {
				cg.projects[pn] = true
			}
		}
		for _, e := range g.Environments {
			cg.envs = cg.envs.With(s.envIndex[e])
		}
		// Decision: a grant's tenants and tenantTags form one tenant filter (named UNION tagged:
		// OR within a tag set, AND across sets), the way a team's tenant scope works in Octopus.
		if f := tags.NewFilter(g.Tenants, g.TenantTags); !f.IsEmpty() {
			b, err := f.Bind(s.catalog, lookup)
			if err != nil {
				return nil, err
			}
			cg.tenants = b
		}
		if g.Action == "deploy" {
			p.deploy = append(p.deploy, cg)
		} else {
			p.view = append(p.view, cg)
		}
	}
	return p, nil
}

func (g grant) coversProject(project string) bool { return g.projects == nil || g.projects[project] }
func (g grant) coversEnv(env int) bool            { return g.allEnvs || g.envs.Has(env) }

// coversTenant: track -1 is the untenanted track, which only an unrestricted grant covers.
func (g grant) coversTenant(s *Space, track int) bool {
	if g.tenants == nil {
		return true
	}
	return track >= 0 && g.tenants.Match(s.tenants.Bits(track), track)
}

// canView reports whether the principal may see tenant i in the context of project.
func (p *principal) canView(s *Space, project string, i int) bool {
	for _, g := range p.view {
		if g.coversProject(project) && g.coversTenant(s, i) {
			return true
		}
	}
	return false
}

// deployGrants returns the deploy grants that cover project and env: the per-request part of
// the deploy check, so that only the tenant dimension is left per cell.
func (p *principal) deployGrants(project string, env int) []grant {
	var out []grant
	for _, g := range p.deploy {
		if g.coversProject(project) && g.coversEnv(env) {
			out = append(out, g)
		}
	}
	return out
}
