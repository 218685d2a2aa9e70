package plan

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Decision is what a plan decided for a cell. Its text form is its value ("deploy", ...).
type Decision string

// Decisions of deploy plans (deploy, skipped, rejected) and matrices (deployable, blocked).
const (
	DecisionDeploy     Decision = "deploy"
	DecisionSkipped    Decision = "skipped"
	DecisionRejected   Decision = "rejected"
	DecisionDeployable Decision = "deployable"
	DecisionBlocked    Decision = "blocked"
)

var decisions = []Decision{DecisionDeploy, DecisionSkipped, DecisionRejected, DecisionDeployable, DecisionBlocked}

// String returns the decision's value ("deploy", ...).
func (d Decision) String() string { return string(d) }

// MarshalText returns the decision's value.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d), nil }

// UnmarshalText sets the decision from its value; any other text is an error that lists the
// decisions and wraps ErrInvalidValue.
func (d *Decision) UnmarshalText(b []byte) error { return unmarshalEnum(d, "decision", decisions, b) }

// unmarshalEnum sets *v to the value of vals spelt exactly b, or returns an error naming what and
// listing vals.
func unmarshalEnum[E ~string](v *E, what string, vals []E, b []byte) error {
	for _, x := range vals {
		if string(x) == string(b) {
			*v = x
			return nil
		}
	}
	return &badValue{what: what, value: string(b), want: oneOf(vals)}
}

// oneOf lists values for an error: `"a", "b" or "c"`.
func oneOf[E ~string](vals []E) string {
	var b strings.Builder
	for i, v := range vals {
		switch {
		case i == len(vals)-1 && i > 0:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(string(v)))
	}
	return b.String()
}

// Cell is one cell of any plan (a DeployPlan or a Matrix) in the form that every plan shares, so
// that two plans can be compared with Diff: its environment and track (Tenant, or Untenanted for
// the untenanted track), the decision, the current release (matrices only), the targets (deploy
// plans only) and the reasons. DeployPlan.Cells and Matrix.Cells return them.
type Cell struct {
	Environment string   `json:"environment"`
	Tenant      string   `json:"tenant"`
	Untenanted  bool     `json:"untenanted,omitempty"`
	Decision    Decision `json:"decision"`
	Current     string   `json:"current,omitempty"`
	Targets     []string `json:"targets,omitempty"`
	Reasons     []Reason `json:"reasons,omitempty"`
}

func (c Cell) key() cellKey { return cellKey{c.Environment, c.Untenanted, c.Tenant} }

type cellKey struct {
	env        string
	untenanted bool
	tenant     string
}

func (c Cell) label() string {
	if c.Untenanted {
		return c.Environment + " / (untenanted)"
	}
	return c.Environment + " / " + c.Tenant
}

// Cells returns the plan's cells: deploy, skipped and rejected, ordered by track.
func (p *DeployPlan) Cells() []Cell {
	var out []Cell
	add := func(cs []DeployCell, d Decision) {
		for _, c := range cs {
			out = append(out, Cell{Environment: p.Environment, Tenant: c.Tenant, Untenanted: c.Untenanted,
				Decision: d, Targets: c.Targets, Reasons: c.Reasons})
		}
	}
	add(p.Deploy, DecisionDeploy)
	add(p.Skipped, DecisionSkipped)
	add(p.Rejected, DecisionRejected)
	sortCells(out, nil)
	return out
}

// Cells returns the matrix's cells in the order of every plan: by environment, then the
// untenanted track, then tenant name.
//
// Cells is total: a matrix decoded from a hand-written or truncated file may have rows with fewer
// or more cells than Environments. A row contributes only the cells it has: a missing cell is
// left out (so Diff reports it as removed or added), and a cell beyond the last environment is
// ignored.
func (m *Matrix) Cells() []Cell {
	out := make([]Cell, 0, len(m.Rows)*len(m.Environments))
	for e := range m.Environments {
		for _, r := range m.Rows {
			if e >= len(r.Cells) {
				continue
			}
			c := r.Cells[e]
			d := DecisionBlocked
			if c.Deployable {
				d = DecisionDeployable
			}
			out = append(out, Cell{Environment: c.Environment, Tenant: r.Tenant, Untenanted: r.Untenanted,
				Decision: d, Current: c.Current, Reasons: c.Reasons})
		}
	}
	return out
}

func sortCells(cs []Cell, envOrder map[string]int) {
	slices.SortStableFunc(cs, func(a, b Cell) int {
		if a.Environment != b.Environment {
			if envOrder != nil {
				return envOrder[a.Environment] - envOrder[b.Environment]
			}
			return strings.Compare(a.Environment, b.Environment)
		}
		if a.Untenanted != b.Untenanted {
			if a.Untenanted {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Tenant, b.Tenant)
	})
}

// ChangeKind says how a cell changed between two plans. Its text form is its value ("added", ...).
type ChangeKind string

// The kinds of change.
const (
	CellAdded   ChangeKind = "added"
	CellRemoved ChangeKind = "removed"
	CellChanged ChangeKind = "changed"
)

var changeKinds = []ChangeKind{CellAdded, CellRemoved, CellChanged}

// String returns the kind's value ("added", ...).
func (k ChangeKind) String() string { return string(k) }

// MarshalText returns the kind's value.
func (k ChangeKind) MarshalText() ([]byte, error) { return []byte(k), nil }

// UnmarshalText sets the kind from its value; any other text is an error that lists the kinds
// and wraps ErrInvalidValue.
func (k *ChangeKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, "change kind", changeKinds, b)
}

// CellChange is one cell that differs between two plans. Before is nil for CellAdded, After for
// CellRemoved.
type CellChange struct {
	Kind   ChangeKind `json:"kind"`
	Before *Cell      `json:"before,omitempty"`
	After  *Cell      `json:"after,omitempty"`
}

// CellDiff lists the cells that were added, removed, or changed decision, current release,
// targets or reasons between two plans, ordered by environment (first-seen order) then track.
type CellDiff struct {
	Changes []CellChange `json:"changes"`
}

// Diff compares the cells of two plans (for example a plan before and after a tag change or a new
// deployment; use DeployPlan.Cells or Matrix.Cells). Diff(a, a) is empty, and applying
// Diff(a, b) to a gives b.
func Diff(before, after []Cell) CellDiff {
	order := map[string]int{}
	for _, cs := range [][]Cell{before, after} {
		for _, c := range cs {
			if _, ok := order[c.Environment]; !ok {
				order[c.Environment] = len(order)
			}
		}
	}
	old := make(map[cellKey]Cell, len(before))
	for _, c := range before {
		old[c.key()] = c
	}
	d := CellDiff{Changes: []CellChange{}}
	seen := make(map[cellKey]bool, len(after))
	for _, c := range after {
		c := c
		seen[c.key()] = true
		b, ok := old[c.key()]
		switch {
		case !ok:
			d.Changes = append(d.Changes, CellChange{Kind: CellAdded, After: &c})
		case !sameCell(b, c):
			d.Changes = append(d.Changes, CellChange{Kind: CellChanged, Before: &b, After: &c})
		}
	}
	for _, c := range before {
		c := c
		if !seen[c.key()] {
			d.Changes = append(d.Changes, CellChange{Kind: CellRemoved, Before: &c})
		}
	}
	slices.SortStableFunc(d.Changes, func(x, y CellChange) int {
		a, b := x.cell(), y.cell()
		if a.Environment != b.Environment {
			return order[a.Environment] - order[b.Environment]
		}
		if a.Untenanted != b.Untenanted {
			if a.Untenanted {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Tenant, b.Tenant)
	})
	return d
}

func (c CellChange) cell() Cell {
	if c.After != nil {
		return *c.After
	}
	return *c.Before
}

func sameCell(a, b Cell) bool {
	return a.Decision == b.Decision && a.Current == b.Current && slices.Equal(a.Targets, b.Targets) &&
		slices.EqualFunc(a.Reasons, b.Reasons, sameReason)
}

func sameReason(a, b Reason) bool {
	return a.Code == b.Code && a.Phase == b.Phase && a.Need == b.Need && a.Have == b.Have &&
		a.Freeze == b.Freeze && a.Until.Equal(b.Until) && slices.Equal(a.Missing, b.Missing) && a.Message == b.Message
}

// IsEmpty reports whether the two plans had the same cells.
func (d CellDiff) IsEmpty() bool { return len(d.Changes) == 0 }

// Apply applies the diff to the cells of the plan it was computed from and returns the cells of
// the other plan, in the order of Cells: environment (in the order first seen), the untenanted
// track, then tenant name.
func (d CellDiff) Apply(cells []Cell) []Cell {
	byKey := make(map[cellKey]Cell, len(cells))
	order := map[string]int{}
	for _, c := range cells {
		byKey[c.key()] = c
		if _, ok := order[c.Environment]; !ok {
			order[c.Environment] = len(order)
		}
	}
	for _, ch := range d.Changes {
		switch ch.Kind {
		case CellRemoved:
			delete(byKey, ch.Before.key())
		default:
			byKey[ch.After.key()] = *ch.After
			if _, ok := order[ch.After.Environment]; !ok {
				order[ch.After.Environment] = len(order)
			}
		}
	}
	out := make([]Cell, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, c)
	}
	sortCells(out, order)
	return out
}

// Text renders the diff as Markdown that reads well in a pull request: one bullet per cell, with
// the decision and the reason codes before and after.
func (d CellDiff) Text() string {
	if d.IsEmpty() {
		return "No cell changed.\n"
	}
	var b strings.Builder
	added, removed, changed := 0, 0, 0
	for _, c := range d.Changes {
		switch c.Kind {
		case CellAdded:
			added++
		case CellRemoved:
			removed++
		default:
			changed++
		}
	}
	fmt.Fprintf(&b, "%d cell(s) changed, %d added, %d removed.\n\n", changed, added, removed)
	for _, c := range d.Changes {
		switch c.Kind {
		case CellAdded:
			fmt.Fprintf(&b, "- **%s**: added, %s\n", c.After.label(), describe(*c.After))
		case CellRemoved:
			fmt.Fprintf(&b, "- **%s**: removed (was %s)\n", c.Before.label(), describe(*c.Before))
		default:
			fmt.Fprintf(&b, "- **%s**: %s → %s\n", c.After.label(), describe(*c.Before), describe(*c.After))
		}
	}
	return b.String()
}

func describe(c Cell) string {
	s := string(c.Decision)
	if len(c.Reasons) > 0 {
		codes := make([]string, len(c.Reasons))
		for i, r := range c.Reasons {
			codes[i] = string(r.Code)
			if r.Code == ReasonLifecycle && r.Phase != "" {
				codes[i] += fmt.Sprintf(" (phase %s: %d/%d)", r.Phase, r.Have, r.Need)
			}
		}
		s += " (" + strings.Join(codes, ", ") + ")"
	}
	if c.Current != "" {
		s += ", current " + c.Current
	}
	if len(c.Targets) > 0 {
		s += ", targets " + strings.Join(c.Targets, ", ")
	}
	return s
}
