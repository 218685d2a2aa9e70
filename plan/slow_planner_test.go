package plan_test

// A slow, obviously-correct reference planner: it applies progression, targets, freezes (through
// package freeze's occurrences), grants and the order of the checks literally,
// cell by cell, straight from the model.File, with no index and no precomputed fact. The fast
// planner (Space.Deploy and Space.Matrix) must agree with it (prop_planner_test.go).

import (
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"github.com/tenantplan/tenantplan/tags"
)

// refReason is the comparable part of a reason: the code and its structured details.
type refReason struct {
	Code    plan.Code
	Phase   string
	Need    int
	Have    int
	Freeze  string
	Until   time.Time
	Missing []string
}

// refCell is the comparable part of a cell of a deploy plan or matrix.
type refCell struct {
	Environment string
	Tenant      string
	Untenanted  bool
	Decision    plan.Decision
	Current     string
	Targets     []string
	Reasons     []refReason
}

type slowPlanner struct {
	f      *model.File
	p      model.Project
	r      model.Release
	ch     model.Channel
	phases [][]string // environments of each phase of the release's lifecycle
	lcPh   []model.Phase
	pol    lifecycle.Policy
	at     time.Time
	over   []string
	pr     *model.Principal
	skip   bool
}

// newSlow prepares the reference for one release; ok is false when a name is unknown.
func newSlow(f *model.File, project, release string, pol lifecycle.Policy) (*slowPlanner, bool) {
	s := &slowPlanner{f: f, pol: pol}
	pi := slices.IndexFunc(f.Projects, func(p model.Project) bool { return p.Name == project })
	if pi < 0 {
		return nil, false
	}
	s.p = f.Projects[pi]
	ri := slices.IndexFunc(f.Releases, func(r model.Release) bool { return r.Project == project && r.Version == release })
	if ri < 0 {
		return nil, false
	}
	s.r = f.Releases[ri]
	// No channels is one implicit channel Default; a release names its channel (the
	// generators always do), else the default channel.
	switch {
	case len(s.p.Channels) == 0:
		s.ch = model.Channel{Name: "Default", Default: true}
	case s.r.Channel != "":
		s.ch = s.p.Channels[slices.IndexFunc(s.p.Channels, func(c model.Channel) bool { return c.Name == s.r.Channel })]
	default:
		s.ch = s.p.Channels[0]
		for _, c := range s.p.Channels {
			if c.Default {
				s.ch = c
			}
		}
	}
	lcName := s.ch.Lifecycle
	if lcName == "" {
		lcName = s.p.Lifecycle
	}
	var phases []model.Phase
	if lcName != "" {
		phases = f.Lifecycles[slices.IndexFunc(f.Lifecycles, func(l model.Lifecycle) bool { return l.Name == lcName })].Phases
	}
	if len(phases) == 0 { // one manual, required phase per environment
		for _, e := range f.Environments {
			phases = append(phases, model.Phase{Name: e, Manual: []string{e}})
		}
	}
	s.lcPh = phases
	for k, ph := range phases {
		envs := append(slices.Clone(ph.Automatic), ph.Manual...)
		if len(envs) == 0 { // every environment no other phase lists
			for _, e := range f.Environments {
				listed := false
				for j, o := range phases {
					if j != k && (slices.Contains(o.Automatic, e) || slices.Contains(o.Manual, e)) {
						listed = true
					}
				}
				if !listed {
					envs = append(envs, e)
				}
			}
		}
		s.phases = append(s.phases, envs)
	}
	return s, true
}

func (s *slowPlanner) phaseOf(env string) int {
	for k, envs := range s.phases {
		if slices.Contains(envs, env) {
			return k
		}
	}
	return -1
}

func (s *slowPlanner) tenant(name string) model.Tenant {
	return s.f.Tenants[slices.IndexFunc(s.f.Tenants, func(t model.Tenant) bool { return t.Name == name })]
}

func parseAt(v string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		panic(err)
	}
	return t
}

// latest returns the latest deployment of the project to (env, track) among those keep accepts:
// by time, and on equal times the one listed later (package plan's Decision).
func (s *slowPlanner) latest(env, track string, keep func(model.Deployment) bool) (model.Deployment, bool) {
	var best model.Deployment
	found := false
	for _, d := range s.f.Deployments {
		if d.Project != s.p.Name || d.Environment != env || d.Tenant != track || !keep(d) {
			continue
		}
		if !found || !parseAt(d.At).Before(parseAt(best.At)) {
			best, found = d, true
		}
	}
	return best, found
}

// succ says whether the track has a success of the release in env under the policy: any success
// ever (AnySuccess), or a successful latest deployment (LatestOutcome).
func (s *slowPlanner) succ(track, env string) bool {
	ofR := func(d model.Deployment) bool { return d.Release == s.r.Version }
	if s.pol == lifecycle.LatestOutcome {
		d, ok := s.latest(env, track, ofR)
		return ok && d.Outcome == "Success"
	}
	for _, d := range s.f.Deployments {
		if d.Project == s.p.Name && d.Release == s.r.Version && d.Environment == env && d.Tenant == track && d.Outcome == "Success" {
			return true
		}
	}
	return false
}

// anySucc: some track (any tenant or untenanted) has Succ in env.
func (s *slowPlanner) anySucc(env string) bool {
	tracks := map[string]bool{}
	for _, d := range s.f.Deployments {
		if d.Project == s.p.Name && d.Release == s.r.Version && d.Environment == env {
			tracks[d.Tenant] = true
		}
	}
	for t := range tracks {
		if s.succ(t, env) {
			return true
		}
	}
	return false
}

// conn returns the environments of phase k the track is connected to (every one for the
// untenanted track).
func (s *slowPlanner) conn(track string, untenanted bool, k int) []string {
	if untenanted {
		return s.phases[k]
	}
	var out []string
	for _, e := range s.phases[k] {
		if slices.Contains(s.tenant(track).Projects[s.p.Name], e) {
			out = append(out, e)
		}
	}
	return out
}

// complete says whether phase k is complete for the track: optional; or the track's own
// successes in the phase environments it is connected to reach the need; or, connected to none,
// anyone's successes do. It returns need and have too.
func (s *slowPlanner) complete(track string, untenanted bool, k int) (bool, int, int) {
	ph := s.lcPh[k]
	c := s.conn(track, untenanted, k)
	var need, have int
	if len(c) > 0 {
		need = len(c)
		if ph.Minimum > 0 {
			need = min(ph.Minimum, len(c))
		}
		for _, e := range c {
			if s.succ(track, e) {
				have++
			}
		}
	} else {
		need = len(s.phases[k])
		if ph.Minimum > 0 {
			need = ph.Minimum
		}
		for _, e := range s.phases[k] {
			if s.anySucc(e) {
				have++
			}
		}
	}
	return ph.Optional || have >= need, need, have
}

// connected reports whether the tenant's connections list the project, with or without
// environments.
func connected(t model.Tenant, project string) bool {
	_, ok := t.Projects[project]
	return ok
}

// progression adds lifecycle (the first incomplete earlier phase) and release-blocked (the
// release is blocked and the track has not started the phase) for env in phase k; each is
// evaluated on its own.
func (s *slowPlanner) progression(rs []refReason, track string, untenanted bool, k int) []refReason {
	for j := range k {
		if ok, need, have := s.complete(track, untenanted, j); !ok {
			rs = append(rs, refReason{Code: plan.ReasonLifecycle, Phase: s.lcPh[j].Name, Need: need, Have: have})
			break
		}
	}
	if s.r.Blocked && k > 0 {
		own := false
		for _, e := range s.phases[k] {
			own = own || s.succ(track, e)
		}
		if !own {
			rs = append(rs, refReason{Code: plan.ReasonReleaseBlocked})
		}
	}
	return rs
}

// frozen returns the freezes (not overridden) with an occurrence containing at that cover the
// cell; the reported one ends last (then by name).
func (s *slowPlanner) frozen(rs []refReason, env, track string) []refReason {
	if s.at.IsZero() {
		return rs
	}
	var best *refReason
	for _, mf := range s.f.Freezes {
		if slices.Contains(s.over, mf.Name) {
			continue
		}
		covers := slices.Contains(mf.Projects[s.p.Name], env)
		for _, c := range mf.Tenants {
			covers = covers || track != "" && c.Tenant == track && c.Project == s.p.Name && c.Environment == env
		}
		if !covers {
			continue
		}
		fz := toFreeze(mf)
		if _, end, ok := fz.Occurrence(s.at); ok {
			if best == nil || end.After(best.Until) || end.Equal(best.Until) && mf.Name < best.Freeze {
				best = &refReason{Code: plan.ReasonFrozen, Freeze: mf.Name, Until: end}
			}
		}
	}
	if best != nil {
		rs = append(rs, *best)
	}
	return rs
}

func toFreeze(mf model.Freeze) freeze.Freeze {
	var rec *freeze.Recurrence
	if r := mf.Recurrence; r != nil {
		u, err := freeze.ParseUnit(r.Unit)
		if err != nil {
			panic(err)
		}
		rec = &freeze.Recurrence{Unit: u, Every: r.Every, DayOfMonth: r.DayOfMonth, EndAfter: r.EndAfter, TimeZone: r.TimeZone}
		for _, d := range r.DaysOfWeek {
			wd, err := freeze.ParseWeekday(d)
			if err != nil {
				panic(err)
			}
			rec.DaysOfWeek = append(rec.DaysOfWeek, wd)
		}
		if r.EndOn != "" {
			rec.EndOn = parseAt(r.EndOn)
		}
	}
	fz, err := freeze.New(mf.Name, parseAt(mf.Start), parseAt(mf.End), rec, freeze.Scope{})
	if err != nil {
		panic(err)
	}
	return fz
}

// missing returns the templates of the project and of its libraries without a default for which
// the tenant gives no value applicable in env, sorted.
func (s *slowPlanner) missing(t model.Tenant, env string) []string {
	var out []string
	has := func(vals []model.TenantValue, name string) bool {
		for _, v := range vals {
			if strings.EqualFold(v.Template, name) && v.Value != nil && (len(v.Environments) == 0 || slices.Contains(v.Environments, env)) {
				return true
			}
		}
		return false
	}
	for _, tp := range s.p.Templates {
		if tp.Default == nil && !has(t.ProjectValues[s.p.Name], tp.Name) {
			out = append(out, tp.Name)
		}
	}
	for _, ln := range s.p.Libraries {
		for _, l := range s.f.Libraries {
			if l.Name != ln {
				continue
			}
			for _, tp := range l.Templates {
				if tp.Default == nil && !has(t.CommonValues[ln], tp.Name) {
					out = append(out, tp.Name)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// filterMatches reads a tenant filter with named tenants: named UNION tag-matched; empty matches
// nobody.
func filterMatches(named, tagList []string, t model.Tenant) bool {
	return slices.Contains(named, t.Name) || plantest.MatchFilterTags(tagList, t.Tags)
}

// targets returns the targets of the cell: in env, with one of the project's roles (a project
// without roles takes every target), and whose participation and filter admit the track.
func (s *slowPlanner) targets(env string, t *model.Tenant) []string {
	var out []string
	for _, tg := range s.f.Targets {
		if !slices.Contains(tg.Environments, env) {
			continue
		}
		if len(s.p.TargetRoles) > 0 && !slices.ContainsFunc(tg.Roles, func(r string) bool { return slices.Contains(s.p.TargetRoles, r) }) {
			continue
		}
		part := tg.Tenancy
		if part == "" {
			part = "Untenanted"
		}
		if t == nil && part != "Tenanted" || t != nil && part != "Untenanted" && filterMatches(tg.Tenants, tg.TenantTags, *t) {
			out = append(out, tg.Name)
		}
	}
	slices.Sort(out)
	return out
}

// granted says whether one grant of the action covers the project, env (deploy only) and the
// track (the untenanted track needs a grant with no tenant restriction); canView reads view grants
// (a grant restricted to projects shows its tenants only in plans of those projects).
func (s *slowPlanner) granted(action, env string, t *model.Tenant) bool {
	for _, g := range s.pr.Grants {
		if g.Action != action || len(g.Projects) > 0 && !slices.Contains(g.Projects, s.p.Name) {
			continue
		}
		if action == "deploy" && len(g.Environments) > 0 && !slices.Contains(g.Environments, env) {
			continue
		}
		unrestricted := len(g.Tenants) == 0 && len(g.TenantTags) == 0
		if unrestricted || t != nil && filterMatches(g.Tenants, g.TenantTags, *t) {
			return true
		}
	}
	return false
}

func (s *slowPlanner) current(env, track string) string {
	d, ok := s.latest(env, track, func(d model.Deployment) bool { return d.Outcome == "Success" })
	if !ok {
		return ""
	}
	return d.Release
}

// channelAdmits is the channel's tenant restriction: filter tags, or an expression.
func (s *slowPlanner) channelAdmits(t model.Tenant) bool {
	if len(s.ch.TenantTags) > 0 {
		return plantest.MatchFilterTags(s.ch.TenantTags, t.Tags)
	}
	if s.ch.TenantExpression != "" {
		return exprMatches(s.f, s.ch.TenantExpression, t)
	}
	return true
}

// exprMatches evaluates an expression for a tenant of f through its own catalog.
func exprMatches(f *model.File, expr string, t model.Tenant) bool {
	sp, err := plan.Compile(f)
	if err != nil {
		panic(err)
	}
	e := tags.MustParseExpr(expr)
	lookup := func(name string) (int, bool) {
		i := slices.IndexFunc(f.Tenants, func(x model.Tenant) bool { return x.Name == name })
		return i, i >= 0
	}
	b, err := e.Bind(sp.Catalog(), lookup)
	if err != nil {
		panic(err)
	}
	i := slices.IndexFunc(f.Tenants, func(x model.Tenant) bool { return x.Name == t.Name })
	return plantest.MatchExpr(sp.Catalog(), b, i, t.Tags)
}

// tenantCell runs every check for a tenant, in order.
func (s *slowPlanner) tenantCell(env string, t model.Tenant) ([]refReason, []string) {
	var rs []refReason
	add := func(c plan.Code) { rs = append(rs, refReason{Code: c}) }
	if s.p.Tenancy == "" || s.p.Tenancy == "Untenanted" {
		add(plan.ReasonUntenantedProject)
	}
	if t.Disabled {
		add(plan.ReasonDisabled)
	}
	if !slices.Contains(t.Projects[s.p.Name], env) {
		add(plan.ReasonNotConnected)
	}
	k := s.phaseOf(env)
	if k < 0 {
		add(plan.ReasonNotInLifecycle)
	}
	if !s.channelAdmits(t) {
		add(plan.ReasonChannelMismatch)
	}
	if k >= 0 {
		rs = s.progression(rs, t.Name, false, k)
	}
	rs = s.frozen(rs, env, t.Name)
	if m := s.missing(t, env); len(m) > 0 {
		rs = append(rs, refReason{Code: plan.ReasonMissingVariables, Missing: m})
	}
	targets := s.targets(env, &t)
	if len(s.p.TargetRoles) > 0 && len(targets) == 0 {
		add(plan.ReasonNoTargets)
	}
	if s.pr != nil && !s.granted("deploy", env, &t) {
		add(plan.ReasonForbidden)
	}
	if s.skip && s.current(env, t.Name) == s.r.Version {
		add(plan.ReasonAlreadyCurrent)
	}
	return rs, targets
}

// untenantedCell runs the checks of the untenanted track, in order.
func (s *slowPlanner) untenantedCell(env string) ([]refReason, []string) {
	var rs []refReason
	add := func(c plan.Code) { rs = append(rs, refReason{Code: c}) }
	if s.p.Tenancy == "Tenanted" {
		add(plan.ReasonTenantedProject)
	}
	if k := s.phaseOf(env); k < 0 {
		add(plan.ReasonNotInLifecycle)
	} else {
		rs = s.progression(rs, "", true, k)
	}
	rs = s.frozen(rs, env, "")
	targets := s.targets(env, nil)
	if len(s.p.TargetRoles) > 0 && len(targets) == 0 {
		add(plan.ReasonNoTargets)
	}
	if s.pr != nil && !s.granted("deploy", env, nil) {
		add(plan.ReasonForbidden)
	}
	if s.skip && s.current(env, "") == s.r.Version {
		add(plan.ReasonAlreadyCurrent)
	}
	return rs, targets
}

func (s *slowPlanner) setPrincipal(name string) {
	if name == "" {
		return
	}
	i := slices.IndexFunc(s.f.Principals, func(p model.Principal) bool { return p.Name == name })
	s.pr = &s.f.Principals[i]
}

func (s *slowPlanner) visible(t model.Tenant) bool { return s.pr == nil || s.granted("view", "", &t) }

// slowDeploy is the reference of Space.Deploy. ok is false when the request names a
// tenant that does not exist or is not visible (a request error).
func slowDeploy(f *model.File, req plan.DeployRequest) (cells []refCell, ok bool) {
	s, ok := newSlow(f, req.Project, req.Release, req.Policy)
	if !ok {
		return nil, false
	}
	s.at, s.over, s.skip = req.At, req.OverrideFreezes, req.SkipCurrent
	s.setPrincipal(req.Principal)
	for _, n := range req.Tenants {
		i := slices.IndexFunc(f.Tenants, func(t model.Tenant) bool { return t.Name == n })
		if i < 0 || !s.visible(f.Tenants[i]) {
			return nil, false
		}
	}
	if req.Untenanted {
		rs, targets := s.untenantedCell(req.Environment)
		cells = append(cells, decide(refCell{Environment: req.Environment, Untenanted: true}, rs, targets, true))
	}
	var sel []model.Tenant
	for _, t := range f.Tenants {
		in := slices.Contains(req.Tenants, t.Name) ||
			len(req.Tags) > 0 && plantest.MatchFilterTags(req.Tags, t.Tags) ||
			req.Expression != "" && exprMatchesVisible(s, req.Expression, t) ||
			req.All && connected(t, s.p.Name)
		if in && s.visible(t) {
			sel = append(sel, t)
		}
	}
	slices.SortFunc(sel, func(a, b model.Tenant) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range sel {
		rs, targets := s.tenantCell(req.Environment, t)
		cells = append(cells, decide(refCell{Environment: req.Environment, Tenant: t.Name}, rs, targets, slices.Contains(req.Tenants, t.Name)))
	}
	return cells, true
}

// exprMatchesVisible evaluates an expression; tenant("x") of a tenant the principal may not
// view matches nobody (the generators never write tenant(...), so this is plain evaluation).
func exprMatchesVisible(s *slowPlanner, expr string, t model.Tenant) bool {
	return exprMatches(s.f, expr, t)
}

func decide(c refCell, rs []refReason, targets []string, named bool) refCell {
	switch {
	case len(rs) == 0:
		c.Decision, c.Targets = plan.DecisionDeploy, targets
	case named:
		c.Decision, c.Reasons = plan.DecisionRejected, rs
	default:
		c.Decision, c.Reasons = plan.DecisionSkipped, rs
	}
	return c
}

// slowMatrix is the reference of Space.Matrix.
func slowMatrix(f *model.File, req plan.MatrixRequest) []refCell {
	s, ok := newSlow(f, req.Project, req.Release, req.Policy)
	if !ok {
		return nil
	}
	s.at = req.At
	s.setPrincipal(req.Principal)
	var cells []refCell
	row := func(name string, untenanted bool, cell func(env string) ([]refReason, []string)) {
		for _, env := range f.Environments {
			rs, _ := cell(env)
			c := refCell{Environment: env, Tenant: name, Untenanted: untenanted, Current: s.current(env, name),
				Decision: plan.DecisionDeployable, Reasons: rs}
			if len(rs) > 0 {
				c.Decision = plan.DecisionBlocked
			}
			cells = append(cells, c)
		}
	}
	if s.p.Tenancy != "Tenanted" {
		row("", true, s.untenantedCell)
	}
	var ts []model.Tenant
	for _, t := range f.Tenants {
		if connected(t, s.p.Name) && s.visible(t) {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b model.Tenant) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range ts {
		row(t.Name, false, func(env string) ([]refReason, []string) { return s.tenantCell(env, t) })
	}
	// Cells are listed by environment (model order), then track, like every plan.
	slices.SortStableFunc(cells, func(a, b refCell) int {
		return slices.Index(f.Environments, a.Environment) - slices.Index(f.Environments, b.Environment)
	})
	return cells
}

// fromPlan converts the fast planner's cells to refCells.
func fromPlan(cells []plan.Cell, withTargets bool) []refCell {
	var out []refCell
	for _, c := range cells {
		r := refCell{Environment: c.Environment, Tenant: c.Tenant, Untenanted: c.Untenanted, Decision: c.Decision, Current: c.Current}
		if withTargets {
			r.Targets = c.Targets
		}
		for _, x := range c.Reasons {
			rr := refReason{Code: x.Code, Phase: x.Phase, Need: x.Need, Have: x.Have, Freeze: x.Freeze, Until: x.Until, Missing: x.Missing}
			r.Reasons = append(r.Reasons, rr)
		}
		out = append(out, r)
	}
	return out
}
