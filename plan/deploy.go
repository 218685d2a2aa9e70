package plan

import (
	"encoding/json"
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

// DeployRequest asks to deploy one release of a project to ONE environment for a selection of
// tenants and, optionally, untenanted.
//
// The selection is the union of the tenants named in Tenants, those matching the filter tags in
// Tags (OR within a tag set, AND across sets), those matching Expression, and, when All is set,
// every tenant connected to the project. A tenant named explicitly that does not exist (or that
// Principal may not view) is a request error.
//
// Its JSON form is the question of a scenario file's deploy check, for example
//
//	{"project": "Shop", "release": "1.2.0", "environment": "Production",
//	 "tags": ["Ring/Early"], "at": "2026-03-16T09:00:00Z", "policy": "LatestOutcome"}
type DeployRequest struct {
	Project     string   `json:"project"`
	Release     string   `json:"release"` // the release version, as written in the model
	Environment string   `json:"environment"`
	Tenants     []string `json:"tenants,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Expression  string   `json:"expression,omitempty"`
	All         bool     `json:"all,omitempty"`
	Untenanted  bool     `json:"untenanted,omitempty"`
	// SkipCurrent skips cells whose current release already is this release (already-current).
	SkipCurrent bool `json:"skipCurrent,omitempty"`
	// At is the time of the deployment, for freezes (RFC 3339 in JSON). The zero time means that
	// no freeze applies. The planner never reads the clock: a caller that means "deploy now"
	// passes the current time (the command-line tool does so unless told otherwise).
	At time.Time `json:"at,omitzero"`
	// OverrideFreezes names freezes that do not block this request.
	OverrideFreezes []string `json:"overrideFreezes,omitempty"`
	// Principal, when not empty, names the principal who asks: tenants it cannot view are left out
	// entirely, and cells it may not deploy are forbidden.
	Principal string `json:"principal,omitempty"`
	// Policy says which deployments count as successes for progression.
	Policy lifecycle.Policy `json:"policy,omitzero"`
}

// Reason says why a cell cannot be deployed. Code is the stable code; the other fields give the
// details of some codes; Message says it all in words.
type Reason struct {
	Code Code `json:"code"`
	// Phase, Need and Have: for lifecycle, the first phase that is not complete for the track, how
	// many of its environments it needs and how many it has. A lifecycle reason always writes Need
	// and Have in JSON, so that "have": 0 is kept; the other codes leave them out (they are 0).
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

// MarshalJSON writes the reason as JSON: the fields in the order of the struct, a field left out
// when it is empty, except that a lifecycle reason always has "need" and "have", since 0 there
// means something (a phase that needs one environment and has none).
func (r Reason) MarshalJSON() ([]byte, error) {
	type plain Reason // the same fields and tags, without this method
	if r.Code != ReasonLifecycle {
		return json.Marshal(plain(r))
	}
	// Fields of the outer struct win over the embedded ones of the same name, so this writes need
	// and have even when they are 0, in their usual place.
	return json.Marshal(struct {
		Code  Code   `json:"code"`
		Phase string `json:"phase,omitempty"`
		Need  int    `json:"need"`
		Have  int    `json:"have"`
		plain
	}{r.Code, r.Phase, r.Need, r.Have, plain(r)})
}

// DeployCell is one track of a DeployPlan (whose environment it shares): a tenant, or the
// untenanted track (Tenant "" and Untenanted true). A deployable cell lists its targets; one that
// is not lists its reasons, in the order of the checks (see the package doc).
type DeployCell struct {
	Tenant     string   `json:"tenant"`
	Untenanted bool     `json:"untenanted,omitempty"`
	Targets    []string `json:"targets,omitempty"`
	Reasons    []Reason `json:"reasons,omitempty"`
}

// DeployPlan is the answer to a DeployRequest: the cells to deploy, the selected tenants that are
// skipped (selected by tags, expression or All) and the ones rejected (named explicitly, or the
// untenanted track when it was asked for), each with its reasons. Every list is ordered by tenant
// name, the untenanted track first. The same request on the same model gives the same plan, byte
// for byte (see JSON).
type DeployPlan struct {
	Project     string       `json:"project"`
	Release     string       `json:"release"`
	Channel     string       `json:"channel"`
	Environment string       `json:"environment"`
	At          time.Time    `json:"at,omitzero"`
	Principal   string       `json:"principal,omitempty"`
	Deploy      []DeployCell `json:"deploy"`
	Skipped     []DeployCell `json:"skipped"`
	Rejected    []DeployCell `json:"rejected"`
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
	pol         int
	facts       *releaseFacts
	sim         *simHistory // a rollout's simulated successes, nil otherwise
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
	lifecycleReasons                                                                          map[[3]int]int
	lifecycleList                                                                             []Reason

	// Set by prepareBulk, for requests over many tenants: the tenants each target of targets
	// serves, the tenants some target serves, and the tenants the deploy grants cover.
	bulk       bool
	targetSels []tenant.Selection
	served     tenant.Selection
	granted    tenant.Selection

	// The reasons of the cell last evaluated, with an identity per reason (0: one of a kind).
	buf []Reason
	ids reasonKey
	// Identical reason lists and target lists of one answer share one slice.
	lists   map[reasonKey][]Reason
	tlists  map[uint64][]string
	missing map[int32]Reason // the precomputed missing-variables reasons, copied for this request
}

// Identities of the reasons whose text is the same for every track of a request.
const (
	idUntenantedProject uint32 = iota + 1
	idTenantedProject
	idDisabled
	idNotConnected
	idNotInLifecycle
	idChannelMismatch
	idBlocked
	idFrozenProject
	idNoTargets
	idNoUntenantedTargets
	idForbidden
	idAlreadyCurrent
	idLifecycle = 1 << 10 // + the index of the lifecycle reason
	idMissing   = 1 << 20 // + the index of the precomputed missing-variables answer
)

// maxReasons is the number of checks, hence of reasons a cell can have.
const maxReasons = 13

// reasonKey identifies a list of reasons by the identities of its reasons.
type reasonKey struct {
	n   int
	ids [maxReasons]uint32
}

// simHistory holds a rollout's simulated successes: for the tenants in set, own replaces the
// successes of the history.
type simHistory struct {
	facts releaseFacts
	own   []lifecycle.EnvSet
	set   []uint64
}

func newSimHistory(s *Space, r *release, pol int) *simHistory {
	n := len(s.names)
	return &simHistory{facts: r.facts[pol], own: make([]lifecycle.EnvSet, n), set: make([]uint64, (n+63)/64)}
}

// succeed records a simulated success of tenant i in env; base is its successes so far.
func (h *simHistory) succeed(i, env int, base lifecycle.EnvSet) {
	if h.set[i/64]&(1<<(i%64)) == 0 {
		h.set[i/64] |= 1 << (i % 64)
		h.own[i] = base
	}
	h.own[i] = h.own[i].With(env)
	h.facts.any = h.facts.any.With(env)
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

// lifecycle returns the release's lifecycle: its channel's, else its project's.
func (r *release) lifecycle() *lifecycle.Lifecycle {
	if r.channel.lc != nil {
		return r.channel.lc
	}
	return r.project.lc
}

// cellRequest is what a cell context is prepared for: a release of a project in one environment,
// under a success policy, at a time (zero: no freeze applies) with the freezes it overrides, for a
// principal (nil: anybody), skipping current cells or not.
type cellRequest struct {
	p           *project
	r           *release
	env         int
	policy      lifecycle.Policy
	at          time.Time
	overrides   []string
	principal   *principal
	skipCurrent bool
}

// newCellCtx prepares the per-request facts: the release's lifecycle, its per-release success
// facts, the project-wide freezes at the request's time, the targets of the environment and the
// grants.
func (s *Space) newCellCtx(q cellRequest) *cellCtx {
	p, env := q.p, q.env
	c := &cellCtx{s: s, p: p, r: q.r, env: env, envName: s.envs[env], at: q.at, principal: q.principal, skipCurrent: q.skipCurrent}
	c.lc = q.r.lifecycle()
	_, c.inLC = c.lc.PhaseOf(env)
	c.pol = policyIndex(q.policy)
	c.facts = &q.r.facts[c.pol]
	if len(q.overrides) > 0 {
		set := make(map[string]bool, len(q.overrides))
		for _, o := range q.overrides {
			set[o] = true
		}
		c.override = func(name string) bool { return set[name] }
	}
	if !q.at.IsZero() {
		c.projectHits = s.freezes.ProjectActive(p.name, c.envName, q.at, c.override)
		c.tenantFrz = s.frozenTenants[frozenKey{p.name, env}]
	}
	for _, t := range s.targets {
		if t.envs.Has(env) && (len(p.roles) == 0 || hasAny(t.roles, p.roles)) {
			c.targets = append(c.targets, t)
		}
	}
	if q.principal != nil {
		c.grants = q.principal.deployGrants(p.name, env)
	}
	c.prepareReasons()
	return c
}

// prepareBulk readies c for a request over many tenants: what each target serves and what the
// grants cover become selections, so that each cell costs bit tests instead of matching filters.
func (c *cellCtx) prepareBulk() {
	s := c.s
	c.bulk = true
	c.targetSels = make([]tenant.Selection, len(c.targets))
	served := s.tenants.Selection()
	for k, t := range c.targets {
		if t.tenancy != Untenanted && t.filter != nil {
			c.targetSels[k] = s.tenants.Select(t.filter)
			served = served.Union(c.targetSels[k])
		}
	}
	c.served = served
	if c.principal != nil {
		granted := s.tenants.Selection()
		for _, g := range c.grants {
			if g.tenants == nil {
				granted = s.tenants.All()
				break
			}
			granted = granted.Union(s.tenants.Select(g.tenants))
		}
		c.granted = granted
	}
	c.lists = map[reasonKey][]Reason{}
	c.tlists = map[uint64][]string{}
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
	c.lifecycleReasons = map[[3]int]int{}
}

// add appends a reason of the cell being evaluated, with its identity (0: one of a kind).
func (c *cellCtx) add(r Reason, id uint32) {
	c.buf = append(c.buf, r)
	c.ids.ids[c.ids.n] = id
	c.ids.n++
}

func (c *cellCtx) reset() {
	c.buf = c.buf[:0]
	c.ids.n = 0
}

// reasons returns the reasons of the cell last evaluated: nil when there are none, a fresh slice
// when one of them is one of a kind, else the slice shared by every cell of the answer with the
// same reasons.
func (c *cellCtx) reasons() []Reason {
	if len(c.buf) == 0 {
		return nil
	}
	if c.lists == nil || slices.Contains(c.ids.ids[:c.ids.n], 0) {
		return slices.Clone(c.buf)
	}
	k := c.ids
	if rs, ok := c.lists[k]; ok {
		return rs
	}
	rs := slices.Clone(c.buf)
	c.lists[k] = rs
	return rs
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

// tenantTargets lists the targets of a tenanted cell: participation Tenanted or
// TenantedOrUntenanted, and a tenant filter that matches the tenant (an empty one matches nobody).
// Unless the request lists targets (c.listTargets), it only says whether there is one, without
// allocating.
func (c *cellCtx) tenantTargets(i int) (names []string, served bool) {
	if c.bulk {
		return c.bulkTargets(i)
	}
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

// bulkTargets is tenantTargets with the targets' selections: the cells of an answer that have the
// same targets share one list.
func (c *cellCtx) bulkTargets(i int) (names []string, served bool) {
	if !c.served.Contains(i) {
		return nil, false
	}
	if !c.listTargets {
		return nil, true
	}
	if len(c.targets) > 64 {
		for k, t := range c.targets {
			if c.targetSels[k].Contains(i) {
				names = append(names, t.name)
			}
		}
		return names, true
	}
	var mask uint64
	for k := range c.targets {
		if c.targetSels[k].Contains(i) {
			mask |= 1 << k
		}
	}
	if names, ok := c.tlists[mask]; ok {
		return names, true
	}
	for k, t := range c.targets {
		if mask&(1<<k) != 0 {
			names = append(names, t.name)
		}
	}
	c.tlists[mask] = names
	return names, true
}

// untenantedTargets lists the targets of the untenanted cell, as tenantTargets does.
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

// progression adds lifecycle and release-blocked for an environment of the lifecycle.
func (c *cellCtx) progression(track lifecycle.Track) {
	pg := c.lc.Progress(c.env, track, c.facts.any, c.r.blocked)
	if !pg.Reachable {
		k := [3]int{pg.Waiting, pg.Need, pg.Have}
		j, ok := c.lifecycleReasons[k]
		if !ok {
			ph := c.lc.Phase(pg.Waiting)
			r := reason(ReasonLifecycle, "phase %s is not complete: it needs %d successful environment(s) and has %d",
				quote(ph.Name()), pg.Need, pg.Have)
			r.Phase, r.Need, r.Have = ph.Name(), pg.Need, pg.Have
			j = len(c.lifecycleList)
			c.lifecycleList = append(c.lifecycleList, r)
			c.lifecycleReasons[k] = j
		}
		c.add(c.lifecycleList[j], idLifecycle+uint32(j))
	}
	if pg.Blocked {
		c.add(c.rBlocked, idBlocked)
	}
}

// frozen adds the frozen reason of track i (-1: untenanted).
func (c *cellCtx) frozen(i int) {
	if c.at.IsZero() {
		return
	}
	if i >= 0 && c.tenantFrz.Contains(i) {
		if th := c.s.freezes.TenantActive(c.p.name, c.envName, c.s.names[i], c.at, c.override); len(th) > 0 {
			hits := append(slices.Clone(c.projectHits), th...)
			slices.SortFunc(hits, func(a, b freeze.Hit) int {
				if d := b.End.Compare(a.End); d != 0 {
					return d
				}
				return strings.Compare(a.Freeze, b.Freeze)
			})
			c.add(frozenReason(hits[0]), 0)
			return
		}
	}
	if c.rFrozenProject != nil {
		c.add(*c.rFrozenProject, idFrozenProject)
	}
}

// own returns the successes of the track (-1: untenanted) with the release, simulated ones
// included.
func (c *cellCtx) own(track int) lifecycle.EnvSet {
	if h := c.sim; h != nil && track >= 0 && h.set[track/64]&(1<<(track%64)) != 0 {
		return h.own[track]
	}
	return c.p.own(c.s, track, c.r.index, c.pol)
}

// evalTenant evaluates every check of a tenanted cell for tenant i, in order, into c.buf, and
// returns the cell's targets.
func (c *cellCtx) evalTenant(i int) []string {
	s, p := c.s, c.p
	c.reset()
	if !p.tenancy.allowsTenants() {
		c.add(c.rUntenantedProject, idUntenantedProject)
	}
	if s.disabled.Contains(i) {
		c.add(c.rDisabled, idDisabled)
	}
	conn := p.connOf(s, i)
	if !conn.Has(c.env) {
		c.add(c.rNotConnected, idNotConnected)
	}
	if !c.inLC {
		c.add(c.rNotInLifecycle, idNotInLifecycle)
	}
	if c.r.channel.restrict != nil && !c.r.channel.admits.Contains(i) {
		c.add(c.rChannelMismatch, idChannelMismatch)
	}
	if c.inLC {
		c.progression(lifecycle.Track{Connected: conn, Succeeded: c.own(i)})
	}
	c.frozen(i)
	if p.templates {
		if k := p.missing[i]; k > 0 {
			c.add(c.missingReason(k), idMissing+uint32(k))
		} else if k < 0 {
			tv := variables.TenantValues{Project: p.values.of(i), Common: s.commonOf(i)}
			if missing := p.vars.Missing(c.envName, tv); len(missing) > 0 {
				c.add(missingReason(missing), 0)
			}
		}
	}
	targets, served := c.tenantTargets(i)
	if len(p.roles) > 0 && !served {
		c.add(c.rNoTargets, idNoTargets)
	}
	if c.principal != nil && !c.grantedTo(i) {
		c.add(c.rForbidden, idForbidden)
	}
	if c.skipCurrent && p.hist.current(i, c.env) == c.r.index {
		c.add(c.rAlreadyCurrent, idAlreadyCurrent)
	}
	return targets
}

// missingReason returns the precomputed missing-variables reason k with a list of this request's
// own: an answer never shares a slice with the space or another answer.
func (c *cellCtx) missingReason(k int32) Reason {
	if r, ok := c.missing[k]; ok {
		return r
	}
	r := c.p.missReasons[k]
	r.Missing = slices.Clone(r.Missing)
	if c.missing == nil {
		c.missing = map[int32]Reason{}
	}
	c.missing[k] = r
	return r
}

// tenantReasons evaluates every check of a tenanted cell for tenant i, in order, and returns the
// reasons (nil when the cell is deployable) and the cell's targets.
func (c *cellCtx) tenantReasons(i int) ([]Reason, []string) {
	targets := c.evalTenant(i)
	return c.reasons(), targets
}

func (c *cellCtx) grantedTo(track int) bool {
	if c.bulk && track >= 0 {
		return c.granted.Contains(track)
	}
	for _, g := range c.grants {
		if g.coversTenant(c.s, track) {
			return true
		}
	}
	return false
}

// untenantedReasons evaluates every check of the untenanted track, in order.
func (c *cellCtx) untenantedReasons() ([]Reason, []string) {
	p := c.p
	c.reset()
	if !p.tenancy.allowsUntenanted() {
		c.add(c.rTenantedProject, idTenantedProject)
	}
	if !c.inLC {
		c.add(c.rNotInLifecycle, idNotInLifecycle)
	} else {
		c.progression(lifecycle.Track{Connected: c.lc.Environments(), Succeeded: c.own(-1)})
	}
	c.frozen(-1)
	targets, served := c.untenantedTargets()
	if len(p.roles) > 0 && !served {
		c.add(c.rNoUntenantedTargets, idNoUntenantedTargets)
	}
	if c.principal != nil && !c.grantedTo(-1) {
		c.add(c.rForbidden, idForbidden)
	}
	if c.skipCurrent && p.hist.current(-1, c.env) == c.r.index {
		c.add(c.rAlreadyCurrent, idAlreadyCurrent)
	}
	return c.reasons(), targets
}

// visible returns the tenants a principal may view for the project (all when pr is nil): the
// union of what its view grants that cover the project select.
func (s *Space) visible(pr *principal, project string) tenant.Selection {
	if pr == nil {
		return s.tenants.All()
	}
	out := s.tenants.Selection()
	for _, g := range pr.view {
		if !g.coversProject(project) {
			continue
		}
		if g.tenants == nil {
			return s.tenants.All()
		}
		out = out.Union(s.tenants.Select(g.tenants))
	}
	return out
}

// Deploy plans a deploy request. Every selected tenant appears exactly once: in Deploy, Skipped or
// Rejected. Request errors (unknown names, a malformed expression) are *RequestError values with
// the codes of the scenario format. Cells of one plan with the same reasons (or the same targets)
// share one slice: treat a plan as read-only.
func (s *Space) Deploy(req DeployRequest) (*DeployPlan, error) {
	q, _, err := s.resolveCell(cellQuery{project: req.Project, release: req.Release, environment: req.Environment,
		principal: req.Principal, at: req.At, overrides: req.OverrideFreezes, policy: req.Policy, skipCurrent: req.SkipCurrent})
	if err != nil {
		return nil, err
	}
	p, r, env := q.p, q.r, q.env
	visible := s.visible(q.principal, p.name)
	sel, named, err := s.selection(p, visible, req.Tenants, req.Tags, req.Expression, req.All)
	if err != nil {
		return nil, err
	}
	c := s.newCellCtx(q)
	c.listTargets = true
	c.prepareBulk()
	plan := &DeployPlan{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Environment: s.envs[env],
		At: req.At, Principal: req.Principal, Rejected: []DeployCell{}}
	// One array holds every cell: deployed ones from the front, skipped ones from the back.
	total := sel.Len()
	if req.Untenanted {
		total++
	}
	cells := make([]DeployCell, total)
	deployed, skipped := 0, 0
	if req.Untenanted {
		rs, targets := c.untenantedReasons()
		if len(rs) == 0 {
			cells[0] = DeployCell{Untenanted: true, Targets: targets}
			deployed++
		} else {
			plan.Rejected = append(plan.Rejected, DeployCell{Untenanted: true, Reasons: rs})
		}
	}
	for i := range sel.Indexes() {
		targets := c.evalTenant(i)
		switch {
		case len(c.buf) == 0:
			cells[deployed] = DeployCell{Tenant: s.names[i], Targets: targets}
			deployed++
		case named.Contains(i):
			plan.Rejected = append(plan.Rejected, DeployCell{Tenant: s.names[i], Reasons: c.reasons()})
		default:
			skipped++
			cells[total-skipped] = DeployCell{Tenant: s.names[i], Reasons: c.reasons()}
		}
	}
	plan.Deploy = cells[:deployed:deployed]
	plan.Skipped = cells[total-skipped:]
	slices.Reverse(plan.Skipped)
	return plan, nil
}

// cellQuery is the part of a question about one environment that Deploy and Explain share, by
// name: tenant is Explain's ("" for the untenanted track, and always for Deploy).
type cellQuery struct {
	project, release, environment, tenant, principal string
	at                                               time.Time
	overrides                                        []string
	policy                                           lifecycle.Policy
	skipCurrent                                      bool
}

// resolveCell resolves the names of a cellQuery, in this order: project and release, environment,
// principal, tenant (which the principal must be able to view), the freezes overridden. It
// returns the request for newCellCtx and the tenant's index (-1: the untenanted track).
func (s *Space) resolveCell(q cellQuery) (cellRequest, int, error) {
	p, r, err := s.projectRelease(q.project, q.release)
	if err != nil {
		return cellRequest{}, 0, err
	}
	env, err := s.environment("environment", q.environment)
	if err != nil {
		return cellRequest{}, 0, err
	}
	pr, err := s.principal(q.principal)
	if err != nil {
		return cellRequest{}, 0, err
	}
	track := -1
	if q.tenant != "" {
		if track, err = s.tenantIndex("tenant", q.tenant, s.viewer(pr, p.name)); err != nil {
			return cellRequest{}, 0, err
		}
	}
	if err := s.overrides("overrideFreezes", q.overrides, pr, p.name); err != nil {
		return cellRequest{}, 0, err
	}
	return cellRequest{p: p, r: r, env: env, policy: q.policy, at: q.at, overrides: q.overrides, principal: pr,
		skipCurrent: q.skipCurrent}, track, nil
}

// selection computes named UNION tag-matched UNION expression-matched (UNION connected when all),
// restricted to the visible tenants. Naming a tenant that is not visible is the same error as
// naming one that does not exist.
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
		// tenant("missing").
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
	return &RequestError{Field: field, Code: code, Message: message(err), Err: err}
}
