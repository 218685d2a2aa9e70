package main

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/tenantplan/tenantplan/plan"
)

// cmdValidate: validate MODEL [--format table|json] [--limit N].
//
// The table format writes the one-line summary of a valid model to standard output and every
// problem to standard error; json writes one document to standard output whatever the outcome
// (validation), with the summary line on standard error when the model is not valid.
func cmdValidate(e *env, args []string) error {
	fs := newFlags(e, "validate", "validate MODEL [--format table|json] [--limit N]")
	format := fs.format("table", "json")
	limit := fs.limit("problems")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 1, "MODEL")
	if err != nil {
		return err
	}
	path := pos[0]
	s, bad, err := openModel(e, path)
	if !format.json() {
		switch {
		case err != nil:
			return err
		case bad != nil:
			printProblems(e, path, bad, limit)
			return silent(bad.code)
		}
		_, err = fmt.Fprintf(e.stdout, "%s: valid: %d environment(s), %d project(s), %d tenant(s)\n",
			path, len(s.Environments()), len(s.Projects()), s.Tenants().Len())
		return err
	}
	v := validation{File: path, Errors: []problem{}}
	switch {
	case err != nil:
		v.Errors = append(v.Errors, problem{File: path, Code: "input-error", Message: err.Error()})
	case bad != nil:
		v.Errors = bad.problems
	default:
		v.Valid = true
		envs, projects, tenants := len(s.Environments()), len(s.Projects()), s.Tenants().Len()
		v.Environments, v.Projects, v.Tenants = &envs, &projects, &tenants
	}
	if werr := writeJSON(e.stdout, v); werr != nil {
		return werr
	}
	if bad != nil {
		fmt.Fprintf(e.stderr, "%s: %s: %d problem(s)\n", path, bad.what, len(bad.problems))
		return silent(bad.code)
	}
	return err
}

// validation is the JSON output of validate: the counts of a valid model, or every problem. The
// counts are left out when the model is not valid: nothing was counted, and a 0 would say that
// the model has no environments.
type validation struct {
	File         string    `json:"file"`
	Valid        bool      `json:"valid"`
	Environments *int      `json:"environments,omitempty"`
	Projects     *int      `json:"projects,omitempty"`
	Tenants      *int      `json:"tenants,omitempty"`
	Errors       []problem `json:"errors"`
}

// cmdPlan: plan MODEL --project P --release V --environment E [selection] [--format].
func cmdPlan(e *env, args []string) error {
	fs := newFlags(e, "plan", "plan MODEL --project P --release V --environment E [flags]")
	var (
		req                plan.DeployRequest
		tenants, tags, ovr listFlag
		pol                policyFlag
		format             = fs.format("table", "json")
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
	limit := fs.limit("tenants")
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
	if format.json() {
		b, err := p.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return planTable(e.stdout, p, limit)
}

// planTable writes a plan: a header with the counts, the reasons counted by code, then one row
// per selected cell (its targets, or one row per reason), at most as many cells as limit lets
// through.
func planTable(w io.Writer, p *plan.DeployPlan, limit *limitFlag) error {
	fmt.Fprintf(w, "Plan: %s %s (channel %s) to %s", p.Project, p.Release, p.Channel, p.Environment)
	fmt.Fprintf(w, " %s", when(p.At))
	if p.Principal != "" {
		fmt.Fprintf(w, " as %s", p.Principal)
	}
	fmt.Fprintf(w, ": %d to deploy, %d skipped, %d rejected\n", len(p.Deploy), len(p.Skipped), len(p.Rejected))
	cells := slices.Concat(p.Deploy, p.Skipped, p.Rejected)
	if sum := reasonSummary(reasonsOf(len(cells), func(i int) []plan.Reason { return cells[i].Reasons })); sum != "" {
		fmt.Fprintf(w, "Reasons: %s\n", sum)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DECISION\tTENANT\tTARGETS OR REASONS")
	left := limit.shown(len(cells))
	rows := func(decision string, cells []plan.DeployCell) {
		for _, c := range cells {
			if left == 0 {
				return
			}
			left--
			if len(c.Reasons) == 0 {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", decision, clip(track(c.Tenant, c.Untenanted)), clipList(c.Targets))
				continue
			}
			d, t := decision, clip(track(c.Tenant, c.Untenanted))
			for _, r := range c.Reasons {
				for _, l := range wrapCell(string(r.Code) + ": " + r.Message) {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", d, t, l)
					d, t = "", ""
				}
			}
		}
	}
	rows("deploy", p.Deploy)
	rows("skipped", p.Skipped)
	rows("rejected", p.Rejected)
	if err := tw.Flush(); err != nil {
		return err
	}
	limit.more(w, len(cells), "tenant(s)")
	return nil
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
		format = fs.format("table", "json")
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (required)")
	fs.StringVar(&req.Release, "release", "", "the release `version` to check every cell for (required)")
	at := fs.freezeFlags(e, "the `time` for freezes: now (the default) or RFC 3339")
	fs.StringVar(&req.Principal, "as", "", "the `principal` who looks: tenants it cannot view are left out")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	limit := fs.limit("tenants")
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
	if format.json() {
		b, err := m.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return matrixTable(e.stdout, m, req.At, limit)
}

// when says at what time a plan checked freezes; the zero time means they were ignored.
func when(at time.Time) string {
	if at.IsZero() {
		return "ignoring freezes"
	}
	return "at " + at.Format(time.RFC3339)
}

// cmdExplain: explain MODEL --project P --release V --environment E [--tenant T] [--variables].
func cmdExplain(e *env, args []string) error {
	fs := newFlags(e, "explain", "explain MODEL --project P --release V --environment E [--tenant T] [flags]")
	var (
		req    plan.ExplainRequest
		ovr    listFlag
		pol    policyFlag
		format = fs.format("table", "json")
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
	if format.json() {
		return writeJSON(e.stdout, x)
	}
	text, err := explainText(s, req, x)
	if err != nil {
		return requestErr(err)
	}
	_, err = io.WriteString(e.stdout, text)
	return err
}
