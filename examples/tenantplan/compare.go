package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan"
)

// deploymentTemplate is what compare-octopus reads of Octopus's answer to
// GET /api/{space}/releases/{id}/deployments/template: the environments the release can be
// promoted to untenanted (PromoteTo) and per tenant (TenantPromotions). Other fields of the
// response are ignored.
type deploymentTemplate struct {
	PromoteTo        []templateEnv `json:"PromoteTo"`
	TenantPromotions []struct {
		ID        string        `json:"Id"`
		Name      string        `json:"Name"`
		PromoteTo []templateEnv `json:"PromoteTo"`
	} `json:"TenantPromotions"`
}

type templateEnv struct {
	ID   string `json:"Id"`
	Name string `json:"Name"`
}

// readTemplate reads a saved deployment template response. It must be a JSON object with
// TenantPromotions or PromoteTo; every error names the file.
func readTemplate(path string, limit int64) (*deploymentTemplate, error) {
	data, err := readInput(path, limit)
	if err != nil {
		return nil, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(data, se.Offset)
			return nil, inputErr("%s:%d:%d: malformed deployment template: %v", path, line, col, se)
		}
		return nil, inputErr("%s: not an Octopus deployment template: the file is not a JSON object", path)
	}
	_, hasTenants := keys["TenantPromotions"]
	_, hasEnvs := keys["PromoteTo"]
	if !hasTenants && !hasEnvs {
		return nil, inputErr("%s: not an Octopus deployment template: it has neither TenantPromotions nor PromoteTo (save the response of GET /api/{space}/releases/{id}/deployments/template)", path)
	}
	var t deploymentTemplate
	if err := json.Unmarshal(data, &t); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, inputErr("%s: %s: malformed deployment template: %s where %s is expected", path, te.Field, te.Value, te.Type)
		}
		return nil, inputErr("%s: malformed deployment template: %v", path, err)
	}
	return &t, nil
}

// disagreement is one cell where Octopus and tenantplan give different answers.
type disagreement struct {
	environment, tenant string
	octopus             bool // Octopus can promote the release there
	noCell              bool // the model has no such cell: the tenant or the environment is not in it
	reasons             []plan.Reason
	note                string // why the model has no such cell
}

// cmdCompareOctopus: compare-octopus MODEL TEMPLATE.json --release V [--project P].
func cmdCompareOctopus(e *env, args []string) error {
	fs := newFlags(e, "compare-octopus", "compare-octopus MODEL TEMPLATE.json --release V [--project P] [--at TIME]")
	var (
		req plan.MatrixRequest
		pol policyFlag
		at  timeFlag
	)
	fs.StringVar(&req.Project, "project", "", "the `project` (default: the model's only project with the release)")
	fs.StringVar(&req.Release, "release", "", "the release `version` the template is for (required)")
	fs.Var(&at, "at", "check freezes at this `time` (RFC 3339; default: no freeze applies, as in Octopus's template)")
	fs.Var(&pol, "policy", "which deployments count for progression (`policy`): AnySuccess (default) or LatestOutcome")
	format := fs.format("table", "json")
	limit := fs.limit("disagreements")
	fs.inputs(e)
	pos, err := parse(fs, args, 2, 2, "MODEL TEMPLATE.json")
	if err != nil {
		return err
	}
	if err := required(fs, "release"); err != nil {
		return err
	}
	req.At, req.Policy = at.t, pol.p
	t, err := readTemplate(pos[1], e.maxInput)
	if err != nil {
		return err
	}
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	if req.Project == "" {
		if req.Project, err = projectOf(s, req.Release); err != nil {
			return err
		}
	}
	m, err := s.Matrix(req)
	if err != nil {
		return requestErr(err)
	}
	cells, diffs := compareTemplate(m, t)
	if format.json() {
		err = writeJSON(e.stdout, comparisonJSON(m, req, cells, diffs))
	} else {
		err = printComparison(e.stdout, m, req, cells, diffs, limit)
	}
	if err != nil {
		return err
	}
	if len(diffs) > 0 {
		return silent(exitFindings)
	}
	return nil
}

// projectOf returns the only project of s that has a release of the version.
func projectOf(s *plan.Space, version string) (string, error) {
	var found []string
	for _, p := range s.Projects() {
		rels, err := s.Releases(p)
		if err != nil {
			return "", requestErr(err)
		}
		for _, r := range rels {
			if r == version {
				found = append(found, p)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return "", inputErr("--release: no project of the model has a release %q", prob.Cut(version))
	case 1:
		return found[0], nil
	}
	return "", usageErr("release %q is in several projects (%s): give --project", prob.Cut(version), strings.Join(found, ", "))
}

// compareTemplate compares every cell of the matrix with the template: the untenanted track with
// PromoteTo (only when the project allows untenanted deployments; otherwise PromoteTo is not
// compared, as Octopus fills it for tenanted projects too), each tenant with its
// TenantPromotions entry (none: Octopus promotes it nowhere). Tenants and environments the
// template names that the matrix does not have are disagreements too. It returns how many cells
// were compared and the disagreements, in the matrix's order, then the template's.
func compareTemplate(m *plan.Matrix, t *deploymentTemplate) (int, []disagreement) {
	octo := map[string]map[string]bool{} // tenant ("" untenanted) -> environment -> can promote
	add := func(tenant string, envs []templateEnv) {
		set := octo[tenant]
		if set == nil {
			set = map[string]bool{}
			octo[tenant] = set
		}
		for _, env := range envs {
			set[env.Name] = true
		}
	}
	add("", t.PromoteTo)
	for _, tp := range t.TenantPromotions {
		add(tp.Name, tp.PromoteTo)
	}
	var (
		diffs  []disagreement
		cells  int
		inRows = map[string]bool{}
		inEnvs = map[string]bool{}
	)
	for _, env := range m.Environments {
		inEnvs[env] = true
	}
	for _, row := range m.Rows {
		name := row.Tenant
		if row.Untenanted {
			name = ""
		}
		inRows[name] = true
		for _, c := range row.Cells {
			cells++
			o := octo[name][c.Environment]
			if o == c.Deployable {
				continue
			}
			diffs = append(diffs, disagreement{environment: c.Environment, tenant: track(row.Tenant, row.Untenanted),
				octopus: o, reasons: c.Reasons})
		}
	}
	notInModel := func(env string) string {
		return fmt.Sprintf("environment %q is not in the model (see the import's report)", env)
	}
	if inRows[""] {
		for _, env := range t.PromoteTo {
			if !inEnvs[env.Name] {
				cells++
				diffs = append(diffs, disagreement{environment: env.Name, tenant: "(untenanted)", octopus: true, noCell: true,
					note: notInModel(env.Name)})
			}
		}
	}
	for _, tp := range t.TenantPromotions {
		for _, env := range tp.PromoteTo {
			var why string
			switch {
			case !inRows[tp.Name]:
				why = fmt.Sprintf("tenant %q is not connected to project %q in the model (see the import's report)", tp.Name, m.Project)
			case !inEnvs[env.Name]:
				why = notInModel(env.Name)
			default:
				continue // a cell of the matrix, compared above
			}
			cells++
			diffs = append(diffs, disagreement{environment: env.Name, tenant: tp.Name, octopus: true, noCell: true, note: why})
		}
	}
	return cells, diffs
}

// answers returns what Octopus and tenantplan say of a disagreement's cell.
func (d disagreement) answers() (octopus, tenantplan string) {
	switch {
	case !d.octopus:
		return "-", "deployable"
	case d.noCell:
		return "promote", "no cell"
	}
	return "promote", "blocked"
}

func printComparison(w io.Writer, m *plan.Matrix, req plan.MatrixRequest, cells int, diffs []disagreement, limit *limitFlag) error {
	fmt.Fprintf(w, "Compare: %s %s (channel %s) %s: %d cell(s) compared, %d agree, %d disagree\n",
		m.Project, m.Release, m.Channel, when(req.At), cells, cells-len(diffs), len(diffs))
	if len(diffs) == 0 {
		_, err := fmt.Fprintln(w, "tenantplan and Octopus agree on every cell.")
		return err
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tTENANT\tOCTOPUS\tTENANTPLAN\tTENANTPLAN'S REASONS")
	for _, d := range diffs[:limit.shown(len(diffs))] {
		o, tp := d.answers()
		lines := []string{""}
		if d.note != "" {
			lines = wrapCell(d.note)
		}
		if len(d.reasons) > 0 {
			lines = nil
			for _, r := range d.reasons {
				lines = append(lines, wrapCell(string(r.Code)+": "+r.Message)...)
			}
		}
		for i, l := range lines {
			if i == 0 {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", clip(d.environment), clip(d.tenant), o, tp, l)
			} else {
				fmt.Fprintf(tw, "\t\t\t\t%s\n", l)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	limit.more(w, len(diffs), "disagreement(s)")
	return nil
}

// comparison is the JSON output of compare-octopus.
type comparison struct {
	Project       string             `json:"project"`
	Release       string             `json:"release"`
	Channel       string             `json:"channel"`
	At            string             `json:"at,omitempty"`
	Compared      int                `json:"compared"`
	Agree         int                `json:"agree"`
	Disagreements []disagreementJSON `json:"disagreements"`
}

// disagreementJSON is one disagreement: Octopus's answer ("promote", or "no-promote" when the
// template does not offer the environment), tenantplan's ("deployable", "blocked", or "no-cell"
// when the model lacks the tenant or the environment), tenantplan's reasons as every command
// writes them (code, message and details), or for a missing cell a note that says why.
type disagreementJSON struct {
	Environment string        `json:"environment"`
	Tenant      string        `json:"tenant"`
	Octopus     string        `json:"octopus"`
	Tenantplan  string        `json:"tenantplan"`
	Reasons     []plan.Reason `json:"reasons,omitempty"`
	Note        string        `json:"note,omitempty"`
}

func comparisonJSON(m *plan.Matrix, req plan.MatrixRequest, cells int, diffs []disagreement) comparison {
	out := comparison{Project: m.Project, Release: m.Release, Channel: m.Channel, Compared: cells,
		Agree: cells - len(diffs), Disagreements: []disagreementJSON{}}
	if !req.At.IsZero() {
		out.At = stamp(req.At)
	}
	for _, d := range diffs {
		o, tp := d.answers()
		if o == "-" {
			o = "no-promote"
		}
		if d.noCell {
			tp = "no-cell"
		}
		out.Disagreements = append(out.Disagreements, disagreementJSON{Environment: d.environment, Tenant: d.tenant,
			Octopus: o, Tenantplan: tp, Reasons: d.reasons, Note: d.note})
	}
	return out
}
