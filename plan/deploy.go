package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// DeployRequest asks to deploy one release of a project to ONE environment (§8.1, DEP-3) for a
// selection of tenants and, optionally, untenanted.
//
// The selection is the union of the tenants named in Tenants, those matching the filter tags in
// Tags (OR within a tag set, AND across sets, §1.3), those matching Expression (§1.4), and, when
// All is set, every tenant connected to the project. A tenant named explicitly that does not exist
// (or that Principal may not view) is a request error.
type DeployRequest struct {
	Project     string
	Release     string // the release version, as written in the model
	Environment string
	Tenants     []string
	Tags        []string
	Expression  string
	All         bool
	Untenanted  bool
	// SkipCurrent skips cells whose current release already is this release (already-current).
	SkipCurrent bool
	// At is the time of the deployment, for freezes. The zero time means that no freeze applies.
	// The planner never reads the clock: a caller that means "deploy now" passes the current
	// time (the command-line tool does so unless told otherwise).
	At time.Time
	// OverrideFreezes names freezes that do not block this request.
	OverrideFreezes []string
	// Principal, when not empty, names the principal who asks (§7.2): tenants it cannot view are
	// left out entirely, and cells it may not deploy are forbidden.
	Principal string
	// Policy says which deployments count as successes for progression (§4.2).
	Policy lifecycle.Policy
}

// Reason says why a cell cannot be deployed (§7.3). Code is the stable code; the other fields give
// the details of some codes; Message says it all in words.
type Reason struct {
	Code Code `json:"code"`
	// Phase, Need and Have: for lifecycle, the first phase that is not complete for the track, how
	// many of its environments it needs and how many it has.
	Phase string `json:"phase,omitempty"`
	Need  int    `json:"need,omitempty"`
	Have  int    `json:"have,omitempty"`
	// Freeze and Until: for frozen, the freeze and the end of its occurrence (the latest ending
	// one when several hold the cell).
	Freeze string    `json:"freeze,omitempty"`
	Until  time.Time `json:"until,omitzero"`
	// Missing: for missing-variables, the templates without a value, sorted.
	Missing []string `json:"missing,omitempty"`
	Message string   `json:"message"`
}

// Cell is one (environment, track) of a plan: a tenant, or the untenanted track (Tenant "" and
// Untenanted true). A deployable cell lists its targets; one that is not lists its reasons, in
// the order of §7.3.
type Cell struct {
	Tenant     string   `json:"tenant"`
	Untenanted bool     `json:"untenanted,omitempty"`
	Targets    []string `json:"targets,omitempty"`
	Reasons    []Reason `json:"reasons,omitempty"`
}

// DeployPlan is the answer to a DeployRequest (§8.2): the cells to deploy, the selected tenants
// that are skipped (selected by tags, expression or All) and the ones rejected (named explicitly,
// or the untenanted track when it was asked for), each with its reasons. Every list is ordered by
// tenant name, the untenanted track first. The same request on the same model gives the same plan,
// byte for byte (see JSON).
type DeployPlan struct {
	Project     string    `json:"project"`
	Release     string    `json:"release"`
	Channel     string    `json:"channel"`
	Environment string    `json:"environment"`
	At          time.Time `json:"at,omitzero"`
	Principal   string    `json:"principal,omitempty"`
	Deploy      []Cell    `json:"deploy"`
	Skipped     []Cell    `json:"skipped"`
	Rejected    []Cell    `json:"rejected"`
}

// UntenantedPlanned reports whether the plan deploys the untenanted track.
func (p *DeployPlan) UntenantedPlanned() bool {
	return len(p.Deploy) > 0 && p.Deploy[0].Untenanted
}

// cellCtx holds everything about a request that does not depend on the track, computed once.
type cellCtx struct {
	s           *Space
	p           *project
	r           *release
	lc          *lifecycle.Lifecycle
	env         int
	envName     string
	inLC        bool
	facts       *releaseFacts
	at          time.Time
	override    func(string) bool
	projectHits []freeze.Hit
	tenantFrz   tenant.Selection // tenants that tenant-scoped freezes name for this cell
	targets     []*target        // targets in env carrying one of the project's roles
	principal   *principal
	grants      []grant
	skipCurrent bool
	listTargets bool // whether cells list their targets (deploy plans and explanations do)
	// Reasons whose text does not depend on the track, built once per request (the cell names
	// the track).
	rUntenantedProject, rDisabled, rNotConnected, rNotInLifecycle, rChannelMismatch           Reason
	rBlocked, rForbidden, rAlreadyCurrent, rTenantedProject, rNoTargets, rNoUntenantedTargets Reason
	rFrozenProject                                                                            *Reason
	lifecycleReasons                                                                          map[[3]int]Reason
}

// projectRelease resolves a request's project and release.
func (s *Space) projectRelease(project, version string) (*project, *release, error) {
	p, err := s.project("project", project)
	if err != nil {
		return nil, nil, err
	}
	r, err := p.release("release", version)
	if err != nil {
		return nil, nil, err
	}
	return p, r, nil
}

// lifecycle returns the release's lifecycle: its channel's, else its project's (§3.4).
func (r *release) lifecycle() *lifecycle.Lifecycle {
	if r.channel.lc != nil {
		return r.channel.lc
	}
	return r.project.lc
}

// newCellCtx prepares the per-request facts: the release's lifecycle, its per-release success
// facts, the project-wide freezes at `at`, the targets of the environment and the grants.
func (s *Space) newCellCtx(p *project, r *release, env int, policy lifecycle.Policy, at time.Time,
	overrides []string, pr *principal, skipCurrent bool) *cellCtx {
	c := &cellCtx{s: s, p: p, r: r, env: env, envName: s.envs[env], at: at, principal: pr, skipCurrent: skipCurrent}
	c.lc = r.lifecycle()
	_, c.inLC = c.lc.PhaseOf(env)
	pol := int(policy)
	if pol < 0 || pol >= len(r.facts) {
		pol = 0
	}
	c.facts = &r.facts[pol]
	if len(overrides) > 0 {
		set := make(map[string]bool, len(overrides))
		for _, o := range overrides {
			set[o] = true
		}
		c.override = func(name string) bool { return set[name] }
	}
	if !at.IsZero() {
		c.projectHits = s.freezes.ProjectActive(p.name, c.envName, at, c.override)
		c.tenantFrz = s.frozenTenants[frozenKey{p.name, env}]
	}
	for _, t := range s.targets {
		if t.envs.Has(env) && (len(p.roles) == 0 || hasAny(t.roles, p.roles)) {
			c.targets = append(c.targets, t)
		}
	}
	if pr != nil {
		c.grants = pr.deployGrants(p.name, env)
	}
	c.prepareReasons()
	return c
}

// prepareReasons builds the reasons whose text is the same for every track of the request.
func (c *cellCtx) prepareReasons() {
	p, r, env := c.p, c.r, quote(c.envName)
	c.rUntenantedProject = reason(ReasonUntenantedProject, "project %s does not allow tenanted deployments", quote(p.name))
	c.rTenantedProject = reason(ReasonTenantedProject, "project %s allows only tenanted deployments", quote(p.name))
	c.rDisabled = reason(ReasonDisabled, "the tenant is disabled")
	c.rNotConnected = reason(ReasonNotConnected, "the tenant is not connected to project %s in environment %s", quote(p.name), env)
	c.rNotInLifecycle = reason(ReasonNotInLifecycle, "environment %s is not in lifecycle %s of release %s",
		env, quote(c.lc.Name()), quote(r.text))
	c.rChannelMismatch = reason(ReasonChannelMismatch, "channel %s of release %s does not admit the tenant",
		quote(r.channel.ch.Name()), quote(r.text))
	c.rBlocked = reason(ReasonReleaseBlocked,
		"release %s is blocked: only its first phase and phases the track has already reached stay open", quote(r.text))
	roles := strings.Join(p.roles, " or ")
	c.rNoTargets = reason(ReasonNoTargets, "no target in %s with role %s serves the tenant", env, roles)
	c.rNoUntenantedTargets = reason(ReasonNoTargets, "no untenanted target in %s with role %s", env, roles)
	if c.principal != nil {
		c.rForbidden = reason(ReasonForbidden, "principal %s may not deploy project %s to %s for this track",
			quote(c.principal.name), quote(p.name), env)
	}
	c.rAlreadyCurrent = reason(ReasonAlreadyCurrent, "release %s is already current in %s", quote(r.text), env)
	if len(c.projectHits) > 0 {
		fr := frozenReason(c.projectHits[0])
		c.rFrozenProject = &fr
	}
	c.lifecycleReasons = map[[3]int]Reason{}
}

func frozenReason(h freeze.Hit) Reason {
	r := reason(ReasonFrozen, "freeze %s holds the cell until %s", quote(h.Freeze), h.End.UTC().Format(time.RFC3339))
	r.Freeze, r.Until = h.Freeze, h.End
	return r
}

func hasAny(have, want []string) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

// tenantTargets lists the targets of a tenanted cell (§5.2): participation Tenanted or
// TenantedOrUntenanted, and a tenant filter that matches the tenant (an empty one matches nobody).
// Unless the request lists targets (c.listTargets), it only says whether there is one, without
// allocating.
func (c *cellCtx) tenantTargets(i int) (names []string, served bool) {
	for _, t := range c.targets {
		if t.tenancy != Untenanted && t.filter != nil && t.filter.Match(c.s.tenants.Bits(i), i) {
			if !c.listTargets {
				return nil, true
			}
			names = append(names, t.name)
		}
	}
	return names, len(names) > 0
}

// untenantedTargets lists the targets of the untenanted cell (§5.2, DT-5), as tenantTargets does.
func (c *cellCtx) untenantedTargets() (names []string, served bool) {
	for _, t := range c.targets {
		if t.tenancy != Tenanted {
			if !c.listTargets {
				return nil, true
			}
			names = append(names, t.name)
		}
	}
	return names, len(names) > 0
}

func reason(code Code, format string, args ...any) Reason {
	return Reason{Code: code, Message: fmt.Sprintf(format, args...)}
}

// progression adds lifecycle and release-blocked (§4, §7.3) for an environment of the lifecycle.
func (c *cellCtx) progression(rs []Reason, track lifecycle.Track) []Reason {
	pg := c.lc.Progress(c.env, track, c.facts.any, c.r.blocked)
	if !pg.Reachable {
		k := [3]int{pg.Waiting, pg.Need, pg.Have}
		r, ok := c.lifecycleReasons[k]
		if !ok {
			ph := c.lc.Phase(pg.Waiting)
			r = reason(ReasonLifecycle, "phase %s is not complete: it needs %d successful environment(s) and has %d",
				quote(ph.Name()), pg.Need, pg.Have)
			r.Phase, r.Need, r.Have = ph.Name(), pg.Need, pg.Have
			c.lifecycleReasons[k] = r
		}
		rs = append(rs, r)
	}
	if pg.Blocked {
		return append(rs, c.rBlocked)
	}
	return rs
}

// frozen adds the frozen reason (§7.1) of track i (-1: untenanted).
func (c *cellCtx) frozen(rs []Reason, i int) []Reason {
	if c.at.IsZero() {
		return rs
	}
	if i >= 0 && c.tenantFrz.Contains(i) {
		tenantName := c.s.tenants.At(i).Name()
		if th := c.s.freezes.TenantActive(c.p.name, c.envName, tenantName, c.at, c.override); len(th) > 0 {
			hits := append(slices.Clone(c.projectHits), th...)
			slices.SortFunc(hits, func(a, b freeze.Hit) int {
				if d := b.End.Compare(a.End); d != 0 {
					return d
				}
				return strings.Compare(a.Freeze, b.Freeze)
			})
			return append(rs, frozenReason(hits[0]))
		}
	}
	if c.rFrozenProject != nil {
		return append(rs, *c.rFrozenProject)
	}
	return rs
}

// tenantReasons evaluates every check of §7.3 for tenant i, in order, and returns the reasons
// (nil when the cell is deployable) and the cell's targets.
func (c *cellCtx) tenantReasons(i int) ([]Reason, []string) {
	s, p := c.s, c.p
	t := s.tenants.At(i)
	var rs []Reason
	if !p.tenancy.allowsTenants() {
		rs = append(rs, c.rUntenantedProject)
	}
	if t.Disabled() {
		rs = append(rs, c.rDisabled)
	}
	conn := p.conn[i]
	if !conn.Has(c.env) {
		rs = append(rs, c.rNotConnected)
	}
	if !c.inLC {
		rs = append(rs, c.rNotInLifecycle)
	}
	if c.r.channel.restrict != nil && !c.r.channel.restrict.Match(s.tenants.Bits(i), i) {
		rs = append(rs, c.rChannelMismatch)
	}
	if c.inLC {
		rs = c.progression(rs, lifecycle.Track{Connected: conn, Succeeded: c.facts.own[i]})
	}
	rs = c.frozen(rs, i)
	if p.templates {
		if missing := p.vars.Missing(c.envName, variables.TenantValues{Project: p.values[i], Common: s.common[i]}); len(missing) > 0 {
			r := reason(ReasonMissingVariables, "no value for %s", strings.Join(missing, ", "))
			r.Missing = missing
			rs = append(rs, r)
		}
	}
	targets, served := c.tenantTargets(i)
	if len(p.roles) > 0 && !served {
		rs = append(rs, c.rNoTargets)
	}
	if c.principal != nil && !c.granted(i) {
		rs = append(rs, c.rForbidden)
	}
	if c.skipCurrent && p.currentRelease(i, c.env) == c.r {
		rs = append(rs, c.rAlreadyCurrent)
	}
	return rs, targets
}

func (c *cellCtx) granted(track int) bool {
	for _, g := range c.grants {
		if g.coversTenant(c.s, track) {
			return true
		}
	}
	return false
}

// untenantedReasons evaluates §7.3 for the untenanted track.
func (c *cellCtx) untenantedReasons() ([]Reason, []string) {
	p := c.p
	var rs []Reason
	if !p.tenancy.allowsUntenanted() {
		rs = append(rs, c.rTenantedProject)
	}
	if !c.inLC {
		rs = append(rs, c.rNotInLifecycle)
	} else {
		rs = c.progression(rs, lifecycle.Track{Connected: c.lc.Environments(), Succeeded: c.facts.own[-1]})
	}
	rs = c.frozen(rs, -1)
	targets, served := c.untenantedTargets()
	if len(p.roles) > 0 && !served {
		rs = append(rs, c.rNoUntenantedTargets)
	}
	if c.principal != nil && !c.granted(-1) {
		rs = append(rs, c.rForbidden)
	}
	if c.skipCurrent && p.currentRelease(-1, c.env) == c.r {
		rs = append(rs, c.rAlreadyCurrent)
	}
	return rs, targets
}

// visible returns the tenants a principal may view for the project (all when pr is nil).
func (s *Space) visible(pr *principal, project string) tenant.Selection {
	if pr == nil {
		return s.tenants.All()
	}
	return s.tenants.Where(func(i int) bool { return pr.canView(s, project, i) })
}

// Deploy plans a deploy request (§8.1, §8.2). Every selected tenant appears exactly once: in
// Deploy, Skipped or Rejected. Request errors (unknown names, a malformed expression) are
// *RequestError values with the codes of the scenario format.
func (s *Space) Deploy(req DeployRequest) (*DeployPlan, error) {
	p, r, err := s.projectRelease(req.Project, req.Release)
	if err != nil {
		return nil, err
	}
	env, err := s.environment("environment", req.Environment)
	if err != nil {
		return nil, err
	}
	pr, err := s.principal(req.Principal)
	if err != nil {
		return nil, err
	}
	if err := s.overrides("overrideFreezes", req.OverrideFreezes, pr, p.name); err != nil {
		return nil, err
	}
	visible := s.visible(pr, p.name)
	sel, named, err := s.selection(p, visible, req.Tenants, req.Tags, req.Expression, req.All)
	if err != nil {
		return nil, err
	}
	c := s.newCellCtx(p, r, env, req.Policy, req.At, req.OverrideFreezes, pr, req.SkipCurrent)
	c.listTargets = true
	plan := &DeployPlan{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Environment: s.envs[env],
		At: req.At, Principal: req.Principal, Deploy: []Cell{}, Skipped: []Cell{}, Rejected: []Cell{}}
	if req.Untenanted {
		rs, targets := c.untenantedReasons()
		if len(rs) == 0 {
			plan.Deploy = append(plan.Deploy, Cell{Untenanted: true, Targets: targets})
		} else {
			plan.Rejected = append(plan.Rejected, Cell{Untenanted: true, Reasons: rs})
		}
	}
	for i := range sel.Indexes() {
		rs, targets := c.tenantReasons(i)
		name := s.tenants.At(i).Name()
		switch {
		case len(rs) == 0:
			plan.Deploy = append(plan.Deploy, Cell{Tenant: name, Targets: targets})
		case named.Contains(i):
			plan.Rejected = append(plan.Rejected, Cell{Tenant: name, Reasons: rs})
		default:
			plan.Skipped = append(plan.Skipped, Cell{Tenant: name, Reasons: rs})
		}
	}
	return plan, nil
}

// selection computes named UNION tag-matched UNION expression-matched (UNION connected when all),
// restricted to the visible tenants (§8.1). Naming a tenant that is not visible is the same error
// as naming one that does not exist (§7.2).
func (s *Space) selection(p *project, visible tenant.Selection, named, tagList []string, expr string, all bool) (sel, explicit tenant.Selection, err error) {
	var idx []int
	for k, n := range named {
		i, ok := s.tenants.Index(n)
		if !ok || !visible.Contains(i) {
			return sel, explicit, s.unknownTenant(fmt.Sprintf("tenants[%d]", k), n, visible.Contains)
		}
		idx = append(idx, i)
	}
	explicit = s.tenants.Selection(idx...)
	sel = explicit
	if len(tagList) > 0 {
		m, err := s.tenants.SelectFilter(tags.NewFilter(nil, tagList))
		if err != nil {
			s.fixSuggestions(err, visible.Contains)
			return sel, explicit, requestErr("tags", err)
		}
		sel = sel.Union(m.Intersect(visible))
	}
	if expr != "" {
		e, err := tags.ParseExpr(expr)
		if err != nil {
			return sel, explicit, requestErr("expression", err)
		}
		// Bind against the visible tenants only, so that tenant("hidden") reads exactly like
		// tenant("missing") (§7.2).
		lookup := func(name string) (int, bool) {
			i, ok := s.tenants.Index(name)
			return i, ok && visible.Contains(i)
		}
		b, err := e.Bind(s.catalog, lookup)
		if err != nil {
			s.fixSuggestions(err, visible.Contains)
			return sel, explicit, requestErr("expression", err)
		}
		sel = sel.Union(s.tenants.Select(b).Intersect(visible))
	}
	if all {
		sel = sel.Union(p.connected.Intersect(visible))
	}
	return sel, explicit, nil
}

// requestErr wraps an error of another package as a *RequestError with the code of its sentinel.
// A tenant hidden from a principal is never named here: only names the request gave appear.
func requestErr(field string, err error) error {
	code := sentinelCode(err)
	if code == "" {
		code = CodeInvalidValue
	}
	return &RequestError{Field: field, Code: code, Msg: err.Error(), Err: err}
}
