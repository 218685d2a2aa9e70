package main

import (
	"bytes"
	"fmt"
	"os"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan/report"
)

// cmdReport: report MODEL --project P --release V [--policy FILE] [--as PRINCIPAL] [-o FILE].
func cmdReport(e *env, args []string) error {
	fs := newFlags(e, "report", "report MODEL --project P --release V [--policy FILE] [--as PRINCIPAL] [-o FILE] [flags]")
	var (
		req                     report.Request
		opts                    report.Options
		policyPath, out, before string
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (required)")
	fs.StringVar(&req.Release, "release", "", "the release `version` (required)")
	fs.StringVar(&policyPath, "policy", "", "a rollout policy `file` (as for rollout): adds the timeline of its waves and freezes")
	fs.StringVar(&req.Principal, "as", "", "the `principal` the report is for: tenants it cannot view are left out")
	fs.StringVar(&out, "o", "", "write the page to this `file` instead of standard output")
	fs.StringVar(&before, "before", "", "another `model` to compare with: adds the cells that differ")
	fs.StringVar(&opts.GroupBy, "group", "", "group the tenants by their tag of this tag `set` (e.g. \"Upgrade ring\")")
	at := fs.freezeFlags(e, "the `time` for freezes, and the first wave's earliest start: now (the default) or RFC 3339")
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
	if policyPath != "" {
		pol, err := readPolicy(policyPath, e.maxInput)
		if err != nil {
			return err
		}
		if (pol.Project != "" && pol.Project != req.Project) || (pol.Release != "" && pol.Release != req.Release) {
			return inputErr("%s: the policy is for %q %q, not %q %q", policyPath, prob.Cut(pol.Project),
				prob.Cut(pol.Release), prob.Cut(req.Project), prob.Cut(req.Release))
		}
		// As for rollout: the waves start at --at, else the policy's start, else now.
		if at.given() || pol.Start.IsZero() {
			pol.Start = req.At
		}
		req.Rollout = &pol
	}
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	if before != "" {
		if req.Before, err = loadModel(e, before); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := report.Write(&b, s, req, opts); err != nil {
		return reportErr(policyPath, err)
	}
	if out == "" {
		_, err := e.stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return fileErr(out, err)
	}
	_, err = fmt.Fprintf(e.stderr, "tenantplan report: wrote %s (%d bytes)\n", out, b.Len())
	return err
}
