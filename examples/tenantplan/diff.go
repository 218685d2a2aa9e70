package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/tenantplan/tenantplan/plan"
)

// cmdDiff: diff BEFORE.json AFTER.json, or diff MODEL_A MODEL_B --project P --release V [--environment E].
func cmdDiff(e *env, args []string) error {
	fs := newFlags(e, "diff", "diff BEFORE.json AFTER.json | diff MODEL_A MODEL_B --project P --release V [flags]")
	var (
		project, release, environment, principal string
		untenanted                               bool
		pol                                      policyFlag
		format                                   = fs.format("table", "json")
	)
	fs.StringVar(&project, "project", "", "compare the plans of this `project` on two models")
	fs.StringVar(&release, "release", "", "the release `version` (with --project)")
	fs.StringVar(&environment, "environment", "", "compare deploy plans to this `environment` for all tenants (default: compare matrices)")
	fs.BoolVar(&untenanted, "untenanted", false, "include the untenanted deployment in the deploy plans")
	at := fs.freezeFlags(e, "with --project, the `time` for freezes: now (the default) or RFC 3339")
	fs.StringVar(&principal, "as", "", "the `principal` who looks")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	fs.Lookup("format").Usage = "output `format`: table (Markdown; text is another name for it) or json"
	fs.inputs(e)
	pos, err := parse(fs, args, 2, 2, "two plan files, or two models with --project")
	if err != nil {
		return err
	}
	var before, after []plan.Cell
	if project == "" {
		if release != "" || environment != "" || untenanted || principal != "" || at.given() {
			return usageErr("--release, --environment, --untenanted, --at, --ignore-freezes and --as need --project (two models)")
		}
		var kindBefore, kindAfter string
		if before, kindBefore, err = readCells(pos[0], e.maxInput); err != nil {
			return err
		}
		if after, kindAfter, err = readCells(pos[1], e.maxInput); err != nil {
			return err
		}
		if kindBefore != kindAfter {
			return inputErr("%s is a %s but %s is a %s: diff compares two plans or two matrices",
				pos[0], kindBefore, pos[1], kindAfter)
		}
	} else {
		if err := required(fs, "release"); err != nil {
			return err
		}
		when, err := at.time()
		if err != nil {
			return err
		}
		cells := func(path string) ([]plan.Cell, error) {
			s, err := loadModel(e, path)
			if err != nil {
				return nil, err
			}
			if environment != "" {
				p, err := s.Deploy(plan.DeployRequest{Project: project, Release: release, Environment: environment,
					All: true, Untenanted: untenanted, At: when, Principal: principal, Policy: pol.p})
				if err != nil {
					return nil, requestErr(fmt.Errorf("%s: %w", path, err))
				}
				return p.Cells(), nil
			}
			m, err := s.Matrix(plan.MatrixRequest{Project: project, Release: release, At: when,
				Principal: principal, Policy: pol.p})
			if err != nil {
				return nil, requestErr(fmt.Errorf("%s: %w", path, err))
			}
			return m.Cells(), nil
		}
		if before, err = cells(pos[0]); err != nil {
			return err
		}
		if after, err = cells(pos[1]); err != nil {
			return err
		}
	}
	d := plan.Diff(before, after)
	if format.json() {
		err = writeJSON(e.stdout, d)
	} else {
		_, err = io.WriteString(e.stdout, d.Text())
	}
	if err != nil {
		return err
	}
	if !d.IsEmpty() {
		return silent(exitFindings)
	}
	return nil
}

// readCells reads a plan or matrix written by this tool with --format json, and says which it is.
// A matrix whose rows do not have one cell per environment (a truncated or hand-edited file) is
// malformed.
func readCells(path string, limit int64) ([]plan.Cell, string, error) {
	data, err := readInput(path, limit)
	if err != nil {
		return nil, "", err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		if kerr := wrongKind(path, data, kindCells); kerr != nil && json.Valid(data) {
			return nil, "", kerr
		}
		return nil, "", inputErr("%s: not a plan or matrix file: %v", path, err)
	}
	switch {
	case keys["rows"] != nil:
		var m plan.Matrix
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, "", inputErr("%s: malformed matrix: %v", path, err)
		}
		for i, r := range m.Rows {
			if len(r.Cells) != len(m.Environments) {
				return nil, "", inputErr("%s: malformed matrix: rows[%d] has %d cell(s) for %d environment(s)",
					path, i, len(r.Cells), len(m.Environments))
			}
		}
		return m.Cells(), kindMatrix, nil
	case keys["deploy"] != nil:
		var p plan.DeployPlan
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, "", inputErr("%s: malformed plan: %v", path, err)
		}
		return p.Cells(), kindPlan, nil
	}
	if err := wrongKind(path, data, kindCells); err != nil {
		return nil, "", err
	}
	return nil, "", inputErr("%s: not a plan or matrix file: it has neither \"deploy\" nor \"rows\" (write one with --format json)", path)
}
