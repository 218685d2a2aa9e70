package plan

import (
	"slices"
	"strconv"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/variables"
)

// TargetsRequest asks which deployment targets serve one cell: a project, an environment and a
// track (Tenant "" for the untenanted track). Its JSON form is the question of a scenario file's
// targets check, for example
//
//	{"project": "Shop", "environment": "Production", "tenant": "Acme"}
type TargetsRequest struct {
	Project     string `json:"project"`
	Environment string `json:"environment"`
	Tenant      string `json:"tenant,omitempty"` // "" = untenanted
}

// Targets returns the names of the deployment targets that serve the cell of req, sorted, and an
// empty (not nil) list when none does. It returns a *RequestError for unknown names.
func (s *Space) Targets(req TargetsRequest) ([]string, error) {
	p, err := s.project("project", req.Project)
	if err != nil {
		return nil, err
	}
	env, err := s.environment("environment", req.Environment)
	if err != nil {
		return nil, err
	}
	c := &cellCtx{s: s, p: p, listTargets: true}
	for _, t := range s.targets {
		if t.envs.Has(env) && (len(p.roles) == 0 || hasAny(t.roles, p.roles)) {
			c.targets = append(c.targets, t)
		}
	}
	if req.Tenant == "" {
		names, _ := c.untenantedTargets()
		return orEmpty(names), nil
	}
	i, err := s.tenantIndex("tenant", req.Tenant, nil)
	if err != nil {
		return nil, err
	}
	names, _ := c.tenantTargets(i)
	return orEmpty(names), nil
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// AutomaticRequest asks which deployments of a release are queued automatically given the history.
// At, when not zero, is the time for freezes. Its JSON form is the question of a scenario file's
// automatic check, for example
//
//	{"project": "Shop", "release": "1.2.0", "at": "2026-03-16T09:00:00Z"}
type AutomaticRequest struct {
	Project string           `json:"project"`
	Release string           `json:"release"`
	At      time.Time        `json:"at,omitzero"`
	Policy  lifecycle.Policy `json:"policy,omitzero"`
}

// Queued is one automatic deployment: an environment and a track (Tenant "" and Untenanted true
// for the untenanted track).
type Queued struct {
	Environment string `json:"environment"`
	Tenant      string `json:"tenant,omitempty"`
	Untenanted  bool   `json:"untenanted,omitempty"`
}

// Automatic lists the automatic deployments of a release: every automatic environment of a
// non-optional phase that is deployable now for a track (every check of the cell passes), where
// that track has no deployment of the release yet and the cell is not frozen. Tracks are the
// untenanted track (when the project allows it) and the tenants connected to the project. The
// result is ordered by environment, then untenanted first, then tenant name.
func (s *Space) Automatic(req AutomaticRequest) ([]Queued, error) {
	p, r, err := s.projectRelease(req.Project, req.Release)
	if err != nil {
		return nil, err
	}
	lc := r.lifecycle()
	out := []Queued{}
	if lc == nil {
		return out, nil // a model without environments
	}
	for _, ph := range lc.Phases() {
		if ph.Optional() {
			continue
		}
		for _, env := range ph.Environments() {
			if !ph.IsAutomatic(env) {
				continue
			}
			c := s.newCellCtx(cellRequest{p: p, r: r, env: env, policy: req.Policy, at: req.At})
			if p.tenancy.allowsUntenanted() && !r.attempted(s, -1, env) {
				if rs, _ := c.untenantedReasons(); len(rs) == 0 {
					out = append(out, Queued{Environment: s.envs[env], Untenanted: true})
				}
			}
			if !p.tenancy.allowsTenants() {
				continue
			}
			for i := range p.connected.Indexes() {
				if !p.connOf(s, i).Has(env) || r.attempted(s, i, env) {
					continue
				}
				if rs, _ := c.tenantReasons(i); len(rs) == 0 {
					out = append(out, Queued{Environment: s.envs[env], Tenant: s.names[i]})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Queued) int {
		return s.envIndex[a.Environment] - s.envIndex[b.Environment]
	})
	return out, nil
}

// attempted reports whether the track has any deployment of the release to env, whatever its outcome.
func (r *release) attempted(s *Space, track, env int) bool {
	tr := r.project.hist.record(track, r.index)
	return tr != nil && s.envSets[tr.attempted].Has(env)
}

// ScheduledRequest asks what a scheduled promotion from Source to Destination deploys for the
// listed tenants. Its JSON form is the question of a scenario file's scheduled check, for example
//
//	{"project": "Shop", "source": "Staging", "destination": "Production", "tenants": ["Acme"]}
type ScheduledRequest struct {
	Project     string           `json:"project"`
	Source      string           `json:"source"`
	Destination string           `json:"destination"`
	Tenants     []string         `json:"tenants,omitempty"`
	At          time.Time        `json:"at,omitzero"`
	Policy      lifecycle.Policy `json:"policy,omitzero"`
}

// Promotion is one deployment a scheduled promotion makes.
type Promotion struct {
	Tenant  string `json:"tenant"`
	Release string `json:"release"`
}

// Scheduled computes a scheduled promotion: a tenant connected to Source gets its own latest
// successful release in Source; any other tenant gets the latest release successfully deployed to
// Source by anyone that is deployable to Destination for it. A tenant whose current release in
// Destination already is that release, or for which it is not deployable to Destination, gets
// nothing. The result follows the order of req.Tenants.
func (s *Space) Scheduled(req ScheduledRequest) ([]Promotion, error) {
	p, err := s.project("project", req.Project)
	if err != nil {
		return nil, err
	}
	src, err := s.environment("source", req.Source)
	if err != nil {
		return nil, err
	}
	dst, err := s.environment("destination", req.Destination)
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(req.Tenants))
	for k, n := range req.Tenants {
		if idx[k], err = s.tenantIndex("tenants["+itoa(k)+"]", n, nil); err != nil {
			return nil, err
		}
	}
	// Releases successfully deployed to Source by anyone, latest first.
	bySource := slices.Clone(p.releases)
	bySource = slices.DeleteFunc(bySource, func(r *release) bool { _, ok := r.lastSuccess[src]; return !ok })
	slices.SortStableFunc(bySource, func(a, b *release) int { return b.lastSuccess[src].Compare(a.lastSuccess[src]) })
	ctxs := map[*release]*cellCtx{}
	ctx := func(r *release) *cellCtx {
		if c, ok := ctxs[r]; ok {
			return c
		}
		c := s.newCellCtx(cellRequest{p: p, r: r, env: dst, policy: req.Policy, at: req.At})
		ctxs[r] = c
		return c
	}
	deployable := func(r *release, i int) bool {
		rs, _ := ctx(r).tenantReasons(i)
		return len(rs) == 0
	}
	out := []Promotion{}
	for _, i := range idx {
		var pick *release
		if p.connOf(s, i).Has(src) {
			pick = p.currentRelease(i, src)
			if pick != nil && !deployable(pick, i) {
				pick = nil
			}
		} else {
			for _, r := range bySource {
				if deployable(r, i) {
					pick = r
					break
				}
			}
		}
		if pick == nil || p.currentRelease(i, dst) == pick {
			continue
		}
		out = append(out, Promotion{Tenant: s.names[i], Release: pick.text})
	}
	return out, nil
}

func itoa(i int) string { return strconv.Itoa(i) }

// VariablesRequest asks for the variables of a deployment context. Its JSON form is the question
// of a scenario file's variables check (plus principal), for example
//
//	{"project": "Shop", "environment": "Production", "tenant": "Acme", "release": "1.2.0"}
//
// Options has no JSON form: a caller sets it in Go.
type VariablesRequest struct {
	Project     string `json:"project"`
	Environment string `json:"environment"`
	Tenant      string `json:"tenant,omitempty"`  // "" = untenanted
	Release     string `json:"release,omitempty"` // optional: for Octopus.Release.Number and the release's channel
	Channel     string `json:"channel,omitempty"` // optional: overrides the release's channel
	Step        string `json:"step,omitempty"`
	Target      string `json:"target,omitempty"` // optional: its roles scope role-scoped values
	// Principal, when not empty, names the principal who asks: a tenant it cannot view is an
	// unknown tenant, and the Resolution's explanations and conflicts leave out every candidate
	// scoped to a tenant it cannot view (see variables.Resolution.Restrict).
	Principal string            `json:"principal,omitempty"`
	Options   variables.Options `json:"-"`
}

// Variables resolves every variable of a deployment context: precedence, tenant values, missing
// values, substitution and system variables. Sensitive values stay masked in every output of the
// Resolution except Value.Reveal.
func (s *Space) Variables(req VariablesRequest) (*variables.Resolution, error) {
	p, err := s.project("project", req.Project)
	if err != nil {
		return nil, err
	}
	if _, err := s.environment("environment", req.Environment); err != nil {
		return nil, err
	}
	pr, err := s.principal(req.Principal)
	if err != nil {
		return nil, err
	}
	ctx := variables.Context{Project: p.name, Environment: req.Environment, Step: req.Step, Channel: req.Channel}
	if req.Release != "" {
		r, err := p.release("release", req.Release)
		if err != nil {
			return nil, err
		}
		ctx.Release = r.text
		if ctx.Channel == "" {
			ctx.Channel = r.channel.ch.Name()
		}
	}
	if ctx.Channel != "" {
		if _, err := p.channel("channel", ctx.Channel); err != nil {
			return nil, err
		}
	}
	if req.Target != "" {
		t, err := s.target("target", req.Target)
		if err != nil {
			return nil, err
		}
		ctx.Target = req.Target
		ctx.Roles = slices.Clone(t.roles)
	}
	if req.Tenant != "" {
		i, err := s.tenantIndex("tenant", req.Tenant, s.viewer(pr, p.name))
		if err != nil {
			return nil, err
		}
		ctx.Tenant = req.Tenant
		for id := range s.tenants.Bits(i).IDs() {
			ctx.TenantTags = append(ctx.TenantTags, s.catalog.Name(id)) // canonical, catalog order
		}
		ctx.Values = variables.TenantValues{Project: p.values.of(i), Common: s.commonOf(i)}
	}
	res, err := p.vars.Resolve(ctx, req.Options)
	if err != nil {
		return nil, requestErr("variables", err)
	}
	if pr != nil {
		res = res.Restrict(func(name string) bool {
			i, ok := s.tenants.Index(name)
			return ok && pr.canView(s, p.name, i)
		})
	}
	return res, nil
}
