package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/variables"
)

// ExplainRequest asks why one cell (a release of a project, in one environment, for one track)
// is or is not deployable. Tenant "" is the untenanted track. Variables asks for the provenance of
// every resolved variable of the cell too. The other fields mean what they mean in a
// DeployRequest. Its JSON form, for example:
//
//	{"project": "Shop", "release": "1.2.0", "environment": "Production", "tenant": "Acme",
//	 "at": "2026-03-16T09:00:00Z", "variables": true}
type ExplainRequest struct {
	Project         string           `json:"project"`
	Release         string           `json:"release"`
	Environment     string           `json:"environment"`
	Tenant          string           `json:"tenant,omitempty"`
	At              time.Time        `json:"at,omitzero"`
	OverrideFreezes []string         `json:"overrideFreezes,omitempty"`
	Principal       string           `json:"principal,omitempty"`
	SkipCurrent     bool             `json:"skipCurrent,omitempty"`
	Policy          lifecycle.Policy `json:"policy,omitzero"`
	Variables       bool             `json:"variables,omitempty"`
}

// CheckOutcome is the outcome of one check (see Reasons in the package documentation) for the
// explained cell. Evaluated is false for checks that do not apply (for example lifecycle when the
// environment is not in the release's lifecycle, or forbidden when no principal asks). Passed
// says the check does not block the cell: it ran and passed, or it does not apply; a failed check
// has Passed false and its Reason. Detail says what the check saw, or why it does not apply.
type CheckOutcome struct {
	Check     Code    `json:"check"`
	Evaluated bool    `json:"evaluated"`
	Passed    bool    `json:"passed"`
	Detail    string  `json:"detail"`
	Reason    *Reason `json:"reason,omitempty"`
}

// PhaseFact is what progression saw in one phase of the release's lifecycle for the track:
// the phase's environments, those the track is connected to, the track's own successes, the
// environments where anyone has a success, and whether the phase is complete (need and have as
// phase completion counts them: the track's own successes where it is connected, else anyone's).
type PhaseFact struct {
	Phase       string   `json:"phase"`
	Optional    bool     `json:"optional,omitempty"`
	Minimum     int      `json:"minimum,omitempty"`
	Environment []string `json:"environments"`
	Connected   []string `json:"connected"`
	Own         []string `json:"ownSuccesses"`
	Anyone      []string `json:"anySuccesses"`
	Complete    bool     `json:"complete"`
	Need        int      `json:"need"`
	Have        int      `json:"have"`
}

// Explanation is a structured account of one cell, and (Text) a human-readable one that a support
// engineer can paste into a ticket. Sensitive variable values stay masked.
type Explanation struct {
	Project     string                  `json:"project"`
	Release     string                  `json:"release"`
	Channel     string                  `json:"channel"`
	Lifecycle   string                  `json:"lifecycle"`
	Environment string                  `json:"environment"`
	Tenant      string                  `json:"tenant"`
	Untenanted  bool                    `json:"untenanted,omitempty"`
	Deployable  bool                    `json:"deployable"`
	Current     string                  `json:"current,omitempty"`
	Targets     []string                `json:"targets"`
	Checks      []CheckOutcome          `json:"checks"`
	Phases      []PhaseFact             `json:"phases"`
	Variables   []variables.Explanation `json:"variables,omitempty"`
}

// Explain explains one cell: every check, in the order they run, with its outcome, the phase facts
// progression depended on, and on request the provenance of the cell's variables. A tenant the
// principal cannot view is an unknown tenant.
func (s *Space) Explain(req ExplainRequest) (*Explanation, error) {
	q, track, err := s.resolveCell(cellQuery{project: req.Project, release: req.Release, environment: req.Environment,
		tenant: req.Tenant, principal: req.Principal, at: req.At, overrides: req.OverrideFreezes, policy: req.Policy,
		skipCurrent: req.SkipCurrent})
	if err != nil {
		return nil, err
	}
	p, r := q.p, q.r
	c := s.newCellCtx(q)
	c.listTargets = true
	var rs []Reason
	var targets []string
	var connected lifecycle.EnvSet
	if track < 0 {
		rs, targets = c.untenantedReasons()
		connected = c.lc.Environments()
	} else {
		rs, targets = c.tenantReasons(track)
		connected = p.connOf(s, track)
	}
	ex := &Explanation{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Lifecycle: c.lc.Name(),
		Environment: c.envName, Tenant: req.Tenant, Untenanted: track < 0, Deployable: len(rs) == 0,
		Targets: orEmpty(targets)}
	if cur := p.currentRelease(track, q.env); cur != nil {
		ex.Current = cur.text
	}
	ex.Checks = c.checkOutcomes(req, track, rs, targets)
	ex.Phases = c.phaseFacts(track, connected)
	if req.Variables {
		if ex.Variables, err = s.variableExplanations(p, r, c.envName, req); err != nil {
			return nil, err
		}
	}
	return ex, nil
}

// checkOutcomes lists every check in order with its outcome for the track: failed with its
// reason, passed with a detail, or not evaluated with why not.
func (c *cellCtx) checkOutcomes(req ExplainRequest, track int, rs []Reason, targets []string) []CheckOutcome {
	failed := map[Code]Reason{}
	for _, r := range rs {
		failed[r.Code] = r
	}
	out := make([]CheckOutcome, 0, len(checkOrder))
	for _, code := range checkOrder {
		ok, why := c.checkApplies(code, req, track)
		o := CheckOutcome{Check: code, Evaluated: ok, Passed: true, Detail: why}
		if r, bad := failed[code]; bad {
			o.Passed, o.Reason, o.Detail, o.Evaluated = false, &r, r.Message, true
		} else if ok {
			o.Detail = c.passDetail(code, track, targets)
		}
		out = append(out, o)
	}
	return out
}

// checkApplies reports whether a check is evaluated for the track and the request, and if not, why.
func (c *cellCtx) checkApplies(code Code, req ExplainRequest, track int) (bool, string) {
	switch code {
	case ReasonUntenantedProject, ReasonDisabled, ReasonNotConnected, ReasonChannelMismatch, ReasonMissingVariables:
		if track < 0 {
			return false, "applies to tenants only"
		}
	case ReasonTenantedProject:
		if track >= 0 {
			return false, "applies to the untenanted track only"
		}
	case ReasonLifecycle, ReasonReleaseBlocked:
		if !c.inLC {
			return false, "the environment is not in the release's lifecycle"
		}
	case ReasonFrozen:
		if req.At.IsZero() {
			return false, "no time given: freezes do not apply"
		}
	case ReasonForbidden:
		if c.principal == nil {
			return false, "no principal given"
		}
	case ReasonAlreadyCurrent:
		if !req.SkipCurrent {
			return false, "the request does not skip current cells"
		}
	}
	return true, ""
}

// phaseFacts lists what progression saw in each phase of the release's lifecycle for the track.
func (c *cellCtx) phaseFacts(track int, connected lifecycle.EnvSet) []PhaseFact {
	s := c.s
	tr := lifecycle.Track{Connected: connected, Succeeded: c.own(track)}
	names := func(es lifecycle.EnvSet) []string {
		out := []string{}
		for e := range es.Envs() {
			out = append(out, s.envs[e])
		}
		return out
	}
	var out []PhaseFact
	for k, ph := range c.lc.Phases() {
		complete, need, have := c.lc.PhaseComplete(k, tr, c.facts.any)
		set := ph.Set()
		out = append(out, PhaseFact{Phase: ph.Name(), Optional: ph.Optional(), Minimum: ph.Minimum(),
			Environment: names(set), Connected: names(set.Intersect(connected)), Own: names(set.Intersect(tr.Succeeded)),
			Anyone: names(set.Intersect(c.facts.any)), Complete: complete, Need: need, Have: have})
	}
	return out
}

// variableExplanations explains where each resolved variable of the explained cell comes from.
func (s *Space) variableExplanations(p *project, r *release, env string, req ExplainRequest) ([]variables.Explanation, error) {
	res, err := s.Variables(VariablesRequest{Project: p.name, Environment: env, Tenant: req.Tenant, Release: r.text,
		Principal: req.Principal})
	if err != nil {
		return nil, err
	}
	var out []variables.Explanation
	for _, n := range res.Names() {
		if e, ok := res.Explain(n); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

var checkOrder = []Code{ReasonUntenantedProject, ReasonTenantedProject, ReasonDisabled, ReasonNotConnected,
	ReasonNotInLifecycle, ReasonChannelMismatch, ReasonLifecycle, ReasonReleaseBlocked, ReasonFrozen,
	ReasonMissingVariables, ReasonNoTargets, ReasonForbidden, ReasonAlreadyCurrent}

func (c *cellCtx) passDetail(code Code, track int, targets []string) string {
	switch code {
	case ReasonUntenantedProject, ReasonTenantedProject:
		return "project tenancy is " + c.p.tenancy.String()
	case ReasonDisabled:
		return "tenant is enabled"
	case ReasonNotConnected:
		return "tenant is connected to " + quote(c.envName)
	case ReasonNotInLifecycle:
		return fmt.Sprintf("environment is in lifecycle %s", quote(c.lc.Name()))
	case ReasonChannelMismatch:
		if c.r.channel.restrict == nil {
			return fmt.Sprintf("channel %s has no tenant restriction", quote(c.r.channel.ch.Name()))
		}
		return fmt.Sprintf("channel %s admits the tenant (%s)", quote(c.r.channel.ch.Name()), c.r.channel.restrict.Expr())
	case ReasonLifecycle:
		k, _ := c.lc.PhaseOf(c.env)
		return fmt.Sprintf("every phase before %s is complete", quote(c.lc.Phase(k).Name()))
	case ReasonReleaseBlocked:
		if c.r.blocked {
			return "the release is blocked, but this phase stays open for the track"
		}
		return "the release is not blocked"
	case ReasonFrozen:
		return "no freeze holds the cell at " + c.at.UTC().Format(time.RFC3339)
	case ReasonMissingVariables:
		return "every required template has a value"
	case ReasonNoTargets:
		if len(c.p.roles) == 0 {
			return "the project declares no target roles"
		}
		return "targets: " + strings.Join(targets, ", ")
	case ReasonForbidden:
		return fmt.Sprintf("principal %s holds a deploy grant for the cell", quote(c.principal.name))
	case ReasonAlreadyCurrent:
		return "the cell does not run this release yet"
	}
	return ""
}

// Text renders the explanation for a ticket: the verdict, each check, and the phase facts.
func (e *Explanation) Text() string {
	var b strings.Builder
	track := "tenant " + quote(e.Tenant)
	if e.Untenanted {
		track = "the untenanted track"
	}
	verdict := "DEPLOYABLE"
	if !e.Deployable {
		verdict = "NOT DEPLOYABLE"
	}
	fmt.Fprintf(&b, "Release %s of project %s (channel %s, lifecycle %s) to %s for %s: %s\n",
		e.Release, quote(e.Project), quote(e.Channel), quote(e.Lifecycle), quote(e.Environment), track, verdict)
	if e.Current != "" {
		fmt.Fprintf(&b, "Current release in %s: %s\n", e.Environment, e.Current)
	}
	b.WriteString("\nChecks, in the order they run:\n")
	for _, c := range e.Checks {
		mark := "ok  "
		switch {
		case !c.Evaluated:
			mark = "n/a "
		case !c.Passed:
			mark = "FAIL"
		}
		fmt.Fprintf(&b, "  [%s] %-18s %s\n", mark, c.Check, c.Detail)
	}
	b.WriteString("\nPhases:\n")
	for _, p := range e.Phases {
		state := "incomplete"
		if p.Complete {
			state = "complete"
		}
		opt := ""
		if p.Optional {
			opt = ", optional"
		}
		fmt.Fprintf(&b, "  %s%s: %s (need %d, have %d); environments %s; connected %s; own successes %s; anyone's %s\n",
			quote(p.Phase), opt, state, p.Need, p.Have, list(p.Environment), list(p.Connected), list(p.Own), list(p.Anyone))
	}
	if len(e.Targets) > 0 {
		fmt.Fprintf(&b, "\nTargets: %s\n", strings.Join(e.Targets, ", "))
	}
	if len(e.Variables) > 0 {
		b.WriteString("\nVariables:\n")
		for _, v := range e.Variables {
			for _, line := range strings.Split(strings.TrimRight(v.String(), "\n"), "\n") {
				b.WriteString("  " + line + "\n")
			}
		}
	}
	return b.String()
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(slices.Clone(xs), ", ")
}
