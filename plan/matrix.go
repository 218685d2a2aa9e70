package plan

import (
	"encoding/json"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// MatrixRequest asks for the "why not" view of a project: for a release, every (environment, track)
// with its current release and whether the release is deployable there. Its JSON form, for
// example:
//
//	{"project": "Shop", "release": "1.2.0", "at": "2026-03-16T09:00:00Z", "principal": "ops"}
type MatrixRequest struct {
	Project   string           `json:"project"`
	Release   string           `json:"release"`
	At        time.Time        `json:"at,omitzero"`         // for freezes; the zero time means no freeze applies (the planner never reads the clock)
	Principal string           `json:"principal,omitempty"` // when set, tenants it cannot view are left out and forbidden applies
	Policy    lifecycle.Policy `json:"policy,omitzero"`
}

// Matrix is the answer to a MatrixRequest: one row per track (the untenanted track first when the
// project allows untenanted deployments, then every tenant connected to the project, by name), one
// cell per model environment in order.
type Matrix struct {
	Project      string      `json:"project"`
	Release      string      `json:"release"`
	Channel      string      `json:"channel"`
	Environments []string    `json:"environments"`
	Rows         []MatrixRow `json:"rows"`
}

// MatrixRow is one track of a Matrix.
type MatrixRow struct {
	Tenant     string       `json:"tenant"`
	Untenanted bool         `json:"untenanted,omitempty"`
	Cells      []MatrixCell `json:"cells"`
}

// MatrixCell is one (environment, track): the current release (the release of the latest
// successful deployment, "" when none) and, for the requested release, Deployable or the Reasons.
type MatrixCell struct {
	Environment string   `json:"environment"`
	Current     string   `json:"current,omitempty"`
	Deployable  bool     `json:"deployable"`
	Reasons     []Reason `json:"reasons,omitempty"`
}

// Matrix computes the matrix of a project for a release. Per-release facts are computed once; each
// cell costs a handful of set operations. Cells with the same reasons share one slice: treat a
// matrix as read-only.
func (s *Space) Matrix(req MatrixRequest) (*Matrix, error) {
	p, r, err := s.projectRelease(req.Project, req.Release)
	if err != nil {
		return nil, err
	}
	pr, err := s.principal(req.Principal)
	if err != nil {
		return nil, err
	}
	m := &Matrix{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Environments: s.Environments()}
	ne := len(s.envs)
	ctxs := make([]*cellCtx, ne)
	for e := range s.envs {
		ctxs[e] = s.newCellCtx(cellRequest{p: p, r: r, env: e, policy: req.Policy, at: req.At, principal: pr})
		ctxs[e].prepareBulk()
	}
	current := func(track, env int) string {
		if k := p.hist.current(track, env); k >= 0 {
			return p.releases[k].text
		}
		return ""
	}
	tenants := p.connected.Intersect(s.visible(pr, p.name))
	rows := tenants.Len()
	if p.tenancy.allowsUntenanted() {
		rows++
	}
	// One array holds every cell; each row has its part.
	m.Rows = make([]MatrixRow, 0, rows)
	all := make([]MatrixCell, rows*ne)
	nextRow := func() []MatrixCell {
		k := len(m.Rows) * ne
		return all[k : k+ne : k+ne]
	}
	if p.tenancy.allowsUntenanted() {
		row := MatrixRow{Untenanted: true, Cells: nextRow()}
		for e, c := range ctxs {
			rs, _ := c.untenantedReasons()
			row.Cells[e] = MatrixCell{Environment: s.envs[e], Current: current(-1, e), Deployable: len(rs) == 0, Reasons: rs}
		}
		m.Rows = append(m.Rows, row)
	}
	for i := range tenants.Indexes() {
		row := MatrixRow{Tenant: s.names[i], Cells: nextRow()}
		for e, c := range ctxs {
			c.evalTenant(i)
			row.Cells[e] = MatrixCell{Environment: s.envs[e], Current: current(i, e), Deployable: len(c.buf) == 0, Reasons: c.reasons()}
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

// JSON returns the plan as indented JSON. The output is deterministic: the same request on the same
// model (whatever the order of the model's lists) gives the same bytes.
func (p *DeployPlan) JSON() ([]byte, error) { return json.MarshalIndent(p, "", "  ") }

// JSON returns the matrix as indented, deterministic JSON.
func (m *Matrix) JSON() ([]byte, error) { return json.MarshalIndent(m, "", "  ") }
