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
// every resolved variable of the cell too.
type ExplainRequest struct {
	Project         string
	Release         string
	Environment     string
	Tenant          string
	At              time.Time
	OverrideFreezes []string
	Principal       string
	SkipCurrent     bool
	Policy          lifecycle.Policy
	Variables       bool
}

// CheckOutcome is the outcome of one check (see Reasons in the package documentation) for the
// explained cell. Evaluated is false for checks that do not apply (for example lifecycle when the
// environment is not in the release's lifecycle, or forbidden when no principal asks).
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
	track := -1
	if req.Tenant != "" {
		i, err := s.tenantIndex("tenant", req.Tenant, s.viewer(pr, p.name))
		if err != nil {
			return nil, err
		}
		track = i
	}
	if err := s.overrides("overrideFreezes", req.OverrideFreezes, pr, p.name); err != nil {
		return nil, err
	}
	c := s.newCellCtx(p, r, env, req.Policy, req.At, req.OverrideFreezes, pr, req.SkipCurrent)
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
	if cur := p.currentRelease(track, env); cur != nil {
		ex.Current = cur.text
	}
	failed := map[Code]Reason{}
	for _, r := range rs {
		failed[r.Code] = r
	}
	applies := func(code Code) (bool, string) {
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
			if pr == nil {
				return false, "no principal given"
			}
		case ReasonAlreadyCurrent:
			if !req.SkipCurrent {
				return false, "the request does not skip current cells"
			}
		}
		return true, ""
	}
	for _, code := range checkOrder {
		ok, why := applies(code)
		out := CheckOutcome{Check: code, Evaluated: ok, Passed: true, Detail: why}
		if r, bad := failed[code]; bad {
			r := r
			out.Passed, out.Reason, out.Detail, out.Evaluated = false, &r, r.Message, true
		} else if ok {
			out.Detail = c.passDetail(code, track, targets)
		}
		ex.Checks = append(ex.Checks, out)
	}
	tr := lifecycle.Track{Connected: connected, Succeeded: c.own(track)}
	names := func(es lifecycle.EnvSet) []string {
		out := []string{}
		for e := range es.Envs() {
			out = append(out, s.envs[e])
		}
		return out
	}
	for k, ph := range c.lc.Phases() {
		complete, need, have := c.lc.PhaseComplete(k, tr, c.facts.any)
		set := ph.Set()
		ex.Phases = append(ex.Phases, PhaseFact{Phase: ph.Name(), Optional: ph.Optional(), Minimum: ph.Minimum(),
			Environment: names(set), Connected: names(set.Intersect(connected)), Own: names(set.Intersect(tr.Succeeded)),
			Anyone: names(set.Intersect(c.facts.any)), Complete: complete, Need: need, Have: have})
	}
	if req.Variables {
		res, err := s.Variables(VariablesRequest{Project: p.name, Environment: c.envName, Tenant: req.Tenant, Release: r.text,
			Principal: req.Principal})
		if err != nil {
			return nil, err
		}
		for _, n := range res.Names() {
			if e, ok := res.Explain(n); ok {
				ex.Variables = append(ex.Variables, e)
			}
		}
	}
	return ex, nil
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
