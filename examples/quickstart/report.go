package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan"
)

// The question the quickstart answers: where is Storefront, and where can 1.5.0 go now?
const (
	project    = "Storefront"
	release    = "1.5.0"
	production = "Production"
	showTenant = "Acme Corp"
	width      = 100 // no output line is longer than this, in runes
	nameColumn = 25  // width of the tenant column
	cellColumn = 18  // width of one environment column of the matrix
)

// short is the matrix's word for each reason code; the legend under the matrix spells them out.
var short = []struct {
	code  plan.Code
	word  string
	means string
}{
	{plan.ReasonUntenantedProject, "tenancy", "the project does not deploy to tenants"},
	{plan.ReasonDisabled, "disabled", "the tenant is disabled"},
	{plan.ReasonNotInLifecycle, "n/a", "the environment is not in the release's lifecycle"},
	{plan.ReasonChannelMismatch, "channel", "the release's channel does not admit the tenant"},
	{plan.ReasonLifecycle, "lifecycle", "an earlier phase is not complete for the tenant"},
	{plan.ReasonReleaseBlocked, "blocked", "the release is blocked"},
	{plan.ReasonFrozen, "frozen", "a freeze holds the cell"},
	{plan.ReasonMissingVariables, "missing", "a tenant variable has no value"},
	{plan.ReasonNoTargets, "no-target", "no deployment target serves the tenant"},
	{plan.ReasonForbidden, "forbidden", "the principal may not deploy"},
}

// report loads the model and writes what a release manager wants to see on a Monday morning:
// the tenant x environment matrix, the plan for Production, the rollout waves by upgrade ring,
// and one tenant's variables with the secrets masked.
func report(w io.Writer, modelJSON []byte, now time.Time) error {
	s, err := plan.Load(modelJSON)
	if err != nil {
		return fmt.Errorf("load the model: %w", err)
	}
	p := &printer{w: w}
	p.line("%s: %d tenants, environments %s", project, s.Tenants().Len(),
		strings.Join(s.Environments(), " > "))
	p.line("Next release %s, as of %s.", release, now.Format("Mon 2006-01-02 15:04 MST"))
	if err := matrix(p, s, now); err != nil {
		return err
	}
	if err := deployPlan(p, s, now); err != nil {
		return err
	}
	if err := rollout(p, s, now); err != nil {
		return err
	}
	if err := tenantVariables(p, s); err != nil {
		return err
	}
	p.blank()
	p.wrap("", "The same, as a web page with the grid grouped by upgrade ring and the rollout's timeline: "+
		htmlFile+" in the current folder (open it in a browser).")
	return p.err
}

// matrix prints every tenant's current release per environment and whether the next release
// can go there.
func matrix(p *printer, s *plan.Space, now time.Time) error {
	m, err := s.Matrix(plan.MatrixRequest{Project: project, Release: release, At: now})
	if err != nil {
		return err
	}
	p.heading("1. Where each tenant is, and where %s can go now", release)
	p.wrap("", "Each cell: the current release, then \"ok\" when "+release+" can be deployed there, "+
		"\"done\" when it is there already, or the first reason why not (\"+\": more reasons). "+
		"\".\" marks an environment the tenant is not connected to.")
	p.blank()
	head := pad("Tenant", nameColumn)
	for _, e := range m.Environments {
		head += pad(e, cellColumn)
	}
	p.line("%s", strings.TrimRight(head, " "))
	used := map[plan.Code]bool{}
	for _, row := range m.Rows {
		text := pad(row.Tenant, nameColumn)
		for _, c := range row.Cells {
			text += pad(cell(c, used), cellColumn)
		}
		p.line("%s", strings.TrimRight(text, " "))
	}
	p.blank()
	for _, s := range short {
		if used[s.code] {
			p.line("  %-10s %s", s.word, s.means)
		}
	}
	return nil
}

// cell renders one matrix cell and records the reason codes it shows.
func cell(c plan.MatrixCell, used map[plan.Code]bool) string {
	cur := c.Current
	if cur == "" {
		cur = "-"
	}
	for _, r := range c.Reasons {
		if r.Code == plan.ReasonNotConnected {
			if c.Current == "" {
				return "."
			}
			return cur + " ."
		}
	}
	switch {
	case c.Current == release:
		return cur + " done"
	case c.Deployable:
		return cur + " ok"
	case len(c.Reasons) == 0:
		return cur
	}
	first := c.Reasons[0]
	used[first.Code] = true
	word := string(first.Code)
	for _, s := range short {
		if s.code == first.Code {
			word = s.word
		}
	}
	if len(c.Reasons) > 1 {
		word += "+"
	}
	return cur + " " + word
}

// deployPlan prints the plan for "deploy the next release to Production for all tenants",
// with every skipped tenant and its reasons.
func deployPlan(p *printer, s *plan.Space, now time.Time) error {
	d, err := s.Deploy(plan.DeployRequest{Project: project, Release: release, Environment: production,
		All: true, At: now})
	if err != nil {
		return err
	}
	p.heading("2. Plan: deploy %s to %s for all tenants", release, production)
	p.line("Deploy (%d):", len(d.Deploy))
	for _, c := range d.Deploy {
		p.wrap("  "+pad(c.Tenant, nameColumn+2), "on "+strings.Join(c.Targets, ", "))
	}
	p.line("Skipped (%d):", len(d.Skipped))
	for _, c := range d.Skipped {
		for i, r := range c.Reasons {
			name := ""
			if i == 0 {
				name = c.Tenant
			}
			p.wrap("  "+pad(name, nameColumn+2), string(r.Code)+": "+r.Message)
		}
	}
	return nil
}

// rollout prints the rollout of the next release through Staging and Production, ring by ring,
// timed around the freezes.
func rollout(p *printer, s *plan.Space, now time.Time) error {
	r, err := s.Rollout(rolloutPolicy(now))
	if err != nil {
		return err
	}
	p.heading("3. Rollout of %s by upgrade ring: each ring through Staging, then Production", release)
	p.wrap("", "Early adopters go two at a time with a day's soak, the Stable ring half at a time with two "+
		"days' soak; waves of two hours each, never inside a freeze.")
	p.blank()
	p.line("%-4s %-16s %-11s %-14s %s", "Wave", "Starts", "Environment", "Ring", "Tenants")
	for _, wv := range r.Waves {
		start := "unscheduled"
		if !wv.Start.IsZero() {
			start = wv.Start.Format("Mon 01-02 15:04")
		}
		prefix := fmt.Sprintf("%4d %-16s %-11s %-14s ", wv.Index+1, start, wv.Environment, wv.Ring)
		p.wrap(prefix, strings.Join(wv.Tenants, ", "))
	}
	p.blank()
	if len(r.Done) > 0 {
		var done []string
		for _, c := range r.Done {
			done = append(done, c.Tenant+" in "+c.Environment)
		}
		p.wrap("Already there: ", strings.Join(done, ", ")+".")
	}
	if len(r.Unassigned) > 0 {
		p.wrap("In no ring (they stay where they are): ", strings.Join(r.Unassigned, ", ")+".")
	}
	if len(r.Never) > 0 {
		p.line("Never deployable by this rollout:")
		for _, c := range r.Never {
			var codes []string
			for _, x := range c.Reasons {
				codes = append(codes, string(x.Code))
			}
			p.wrap("  "+pad(c.Tenant+" in "+c.Environment, 38), strings.Join(codes, ", "))
		}
	}
	return nil
}

// rolloutPolicy is the rollout of the next release through Staging and Production, ring by ring,
// timed from now around the freezes.
func rolloutPolicy(now time.Time) plan.RolloutRequest {
	return plan.RolloutRequest{
		Project:      project,
		Release:      release,
		Environments: []string{"Staging", production},
		Order:        plan.ByRing,
		Rings: []plan.Ring{
			{Name: "Tester", Tags: []string{"Upgrade ring/Tester"}},
			{Name: "Early adopter", Tags: []string{"Upgrade ring/Early adopter"}, MaxParallel: 2, Soak: plan.Duration(24 * time.Hour)},
			{Name: "Stable", Tags: []string{"Upgrade ring/Stable"}, MaxParallelPercent: 50, Soak: plan.Duration(48 * time.Hour)},
		},
		Start:        now,
		WaveDuration: plan.Duration(2 * time.Hour),
	}
}

// tenantVariables prints the variables of one tenant's Production deployment: secrets, and
// every value that binds one, print masked.
func tenantVariables(p *printer, s *plan.Space) error {
	res, err := s.Variables(plan.VariablesRequest{Project: project, Environment: production,
		Tenant: showTenant, Release: release})
	if err != nil {
		return err
	}
	p.heading("4. Variables of %s in %s (secrets stay masked)", showTenant, production)
	names := slices.DeleteFunc(res.Names(), func(n string) bool { return strings.HasPrefix(n, "Octopus.") })
	for _, n := range names {
		v, _ := res.Get(n)
		p.wrap("  "+pad(n, nameColumn+2), v.String())
	}
	if m := res.Missing(); len(m) > 0 {
		p.wrap("  Missing: ", strings.Join(m, ", "))
	}
	return nil
}

// printer writes lines and remembers the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
}

func (p *printer) blank() { p.line("") }

func (p *printer) heading(format string, args ...any) {
	p.blank()
	p.line(format, args...)
	p.line("%s", strings.Repeat("-", len([]rune(fmt.Sprintf(format, args...)))))
}

// wrap writes text after prefix, wrapped at word boundaries so that no line is longer than width;
// continuation lines are indented by the prefix's width.
func (p *printer) wrap(prefix, text string) {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	line := prefix
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len([]rune(line))+1+len([]rune(word)) > width {
			p.line("%s", line)
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	p.line("%s", strings.TrimRight(line, " "))
}

// pad left-aligns s in n columns, keeping at least one space after it.
func pad(s string, n int) string {
	k := len([]rune(s))
	if k >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-k)
}
