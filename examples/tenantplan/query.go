package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tenantplan/tenantplan/plan"
)

// cmdValidate: validate MODEL.
func cmdValidate(e *env, args []string) error {
	fs := newFlags(e, "validate", "validate MODEL")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 1, "MODEL")
	if err != nil {
		return err
	}
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s: valid: %d environment(s), %d project(s), %d tenant(s)\n",
		pos[0], len(s.Environments()), len(s.Projects()), s.Tenants().Len())
	return err
}

// cmdPlan: plan MODEL --project P --release V --environment E [selection] [--format].
func cmdPlan(e *env, args []string) error {
	fs := newFlags(e, "plan", "plan MODEL --project P --release V --environment E [flags]")
	var (
		req                plan.DeployRequest
		tenants, tags, ovr listFlag
		pol                policyFlag
		format             = newFormat("table", "json")
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (required)")
	fs.StringVar(&req.Release, "release", "", "the release `version` (required)")
	fs.StringVar(&req.Environment, "environment", "", "the `environment` to deploy to (required)")
	fs.Var(&tenants, "tenant", "select a `tenant` by name (repeatable); its reasons are rejections")
	fs.Var(&tags, "tag", "select tenants by a canonical `tag` Set/Tag (repeatable; OR within a tag set, AND across sets)")
	fs.StringVar(&req.Expression, "expr", "", "select tenants by a tag `expression`, e.g. 'Tier/Gold and not \"Upgrade ring/Pinned\"'")
	fs.BoolVar(&req.All, "all", false, "select every tenant connected to the project")
	fs.BoolVar(&req.Untenanted, "untenanted", false, "plan the untenanted deployment too")
	fs.BoolVar(&req.SkipCurrent, "skip-current", false, "skip cells that already run the release")
	fs.Var(&ovr, "override", "a `freeze` that does not block this deployment (repeatable)")
	at := fs.freezeFlags(e, "the `time` of the deployment, for freezes: now (the default) or RFC 3339")
	fs.StringVar(&req.Principal, "as", "", "the `principal` who deploys (default: no permission check)")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	fs.Var(format, "format", "output `format`: table or json")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 1, "MODEL")
	if err != nil {
		return err
	}
	if err := required(fs, "project", "release", "environment"); err != nil {
		return err
	}
	if len(tenants) == 0 && len(tags) == 0 && req.Expression == "" && !req.All && !req.Untenanted {
		return usageErr("select what to plan: --tenant, --tag, --expr, --all or --untenanted")
	}
	if req.At, err = at.time(); err != nil {
		return err
	}
	req.Tenants, req.Tags, req.OverrideFreezes, req.Policy = tenants, tags, ovr, pol.p
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	p, err := s.Deploy(req)
	if err != nil {
		return requestErr(err)
	}
	if format.value == "json" {
		b, err := p.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return planTable(e.stdout, p)
}

func planTable(w io.Writer, p *plan.DeployPlan) error {
	fmt.Fprintf(w, "Plan: %s %s (channel %s) to %s", p.Project, p.Release, p.Channel, p.Environment)
	fmt.Fprintf(w, " %s", when(p.At))
	if p.Principal != "" {
		fmt.Fprintf(w, " as %s", p.Principal)
	}
	fmt.Fprintf(w, ": %d to deploy, %d skipped, %d rejected\n\n", len(p.Deploy), len(p.Skipped), len(p.Rejected))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DECISION\tTENANT\tTARGETS OR REASONS")
	rows := func(decision string, cells []plan.DeployCell) {
		for _, c := range cells {
			if len(c.Reasons) == 0 {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", decision, track(c.Tenant, c.Untenanted), strings.Join(c.Targets, ", "))
				continue
			}
			for i, r := range c.Reasons {
				d, t := decision, track(c.Tenant, c.Untenanted)
				if i > 0 {
					d, t = "", ""
				}
				fmt.Fprintf(tw, "%s\t%s\t%s: %s\n", d, t, r.Code, r.Message)
			}
		}
	}
	rows("deploy", p.Deploy)
	rows("skipped", p.Skipped)
	rows("rejected", p.Rejected)
	return tw.Flush()
}

func track(tenant string, untenanted bool) string {
	if untenanted {
		return "(untenanted)"
	}
	return tenant
}

// cmdMatrix: matrix MODEL --project P --release V.
func cmdMatrix(e *env, args []string) error {
	fs := newFlags(e, "matrix", "matrix MODEL --project P --release V [flags]")
	var (
		req    plan.MatrixRequest
		pol    policyFlag
		format = newFormat("table", "json")
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (required)")
	fs.StringVar(&req.Release, "release", "", "the release `version` to check every cell for (required)")
	at := fs.freezeFlags(e, "the `time` for freezes: now (the default) or RFC 3339")
	fs.StringVar(&req.Principal, "as", "", "the `principal` who looks: tenants it cannot view are left out")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	fs.Var(format, "format", "output `format`: table or json")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 1, "MODEL")
	if err != nil {
		return err
	}
	if err := required(fs, "project", "release"); err != nil {
		return err
	}
	if req.At, err = at.time(); err != nil {
		return err
	}
	req.Policy = pol.p
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	m, err := s.Matrix(req)
	if err != nil {
		return requestErr(err)
	}
	if format.value == "json" {
		b, err := m.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return matrixTable(e.stdout, m, req.At)
}

// when says at what time a plan checked freezes; the zero time means they were ignored.
func when(at time.Time) string {
	if at.IsZero() {
		return "ignoring freezes"
	}
	return "at " + at.Format(time.RFC3339)
}

func matrixTable(w io.Writer, m *plan.Matrix, at time.Time) error {
	fmt.Fprintf(w, "Matrix: %s %s (channel %s) %s; each cell: the current release, then ok or the reasons why not\n\n",
		m.Project, m.Release, m.Channel, when(at))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "TENANT")
	for _, env := range m.Environments {
		fmt.Fprintf(tw, "\t%s", env)
	}
	fmt.Fprintln(tw)
	for _, row := range m.Rows {
		fmt.Fprint(tw, track(row.Tenant, row.Untenanted))
		for _, c := range row.Cells {
			cur := c.Current
			if cur == "" {
				cur = "-"
			}
			status := "ok"
			if !c.Deployable {
				codes := make([]string, len(c.Reasons))
				for i, r := range c.Reasons {
					codes[i] = string(r.Code)
				}
				status = strings.Join(codes, ",")
			}
			fmt.Fprintf(tw, "\t%s %s", cur, status)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// cmdExplain: explain MODEL --project P --release V --environment E [--tenant T] [--variables].
func cmdExplain(e *env, args []string) error {
	fs := newFlags(e, "explain", "explain MODEL --project P --release V --environment E [--tenant T] [flags]")
	var (
		req    plan.ExplainRequest
		ovr    listFlag
		pol    policyFlag
		format = newFormat("text", "json")
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (required)")
	fs.StringVar(&req.Release, "release", "", "the release `version` (required)")
	fs.StringVar(&req.Environment, "environment", "", "the `environment` (required)")
	fs.StringVar(&req.Tenant, "tenant", "", "the `tenant` (default: the untenanted deployment)")
	fs.BoolVar(&req.Variables, "variables", false, "explain where each variable's value comes from")
	fs.BoolVar(&req.SkipCurrent, "skip-current", false, "count a cell that already runs the release as not deployable")
	fs.Var(&ovr, "override", "a `freeze` that does not block (repeatable)")
	at := fs.freezeFlags(e, "the `time` for freezes: now (the default) or RFC 3339")
	fs.StringVar(&req.Principal, "as", "", "the `principal` who asks")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	fs.Var(format, "format", "output `format`: text or json")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 1, "MODEL")
	if err != nil {
		return err
	}
	if err := required(fs, "project", "release", "environment"); err != nil {
		return err
	}
	if req.At, err = at.time(); err != nil {
		return err
	}
	req.OverrideFreezes, req.Policy = ovr, pol.p
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	x, err := s.Explain(req)
	if err != nil {
		return requestErr(err)
	}
	if format.value == "json" {
		return writeJSON(e.stdout, x)
	}
	_, err = io.WriteString(e.stdout, x.Text())
	return err
}
