package report

import (
	"github.com/tenantplan/tenantplan/plan"
)

// diffData is the diff section: the changed cells of the matrix between two models.
type diffData struct {
	Added, Removed, Changed int
	Changes                 []diffRow
}

type diffRow struct {
	Kind, Environment, Tenant string
	Before, After             string // what the cell said: state word, current release, reasons
}

// buildDiff compares the matrix of the model before with this one's. Cells of tenants the
// principal may not view in this model are left out: both matrices were computed for the same
// principal, and a tenant that only the other model lets it view is left out too, so that the
// diff never names more tenants than the grid.
func buildDiff(before, after *plan.Matrix, visible map[string]bool) (*diffData, map[string]plan.ChangeKind) {
	pd := plan.Diff(before.Cells(), after.Cells())
	d := &diffData{Changes: []diffRow{}}
	changes := map[string]plan.ChangeKind{}
	for _, c := range pd.Changes {
		cell := c.After
		if cell == nil {
			cell = c.Before
		}
		if !cell.Untenanted && !visible[cell.Tenant] {
			continue
		}
		switch c.Kind {
		case plan.CellAdded:
			d.Added++
		case plan.CellRemoved:
			d.Removed++
		default:
			d.Changed++
		}
		name := cell.Tenant
		if cell.Untenanted {
			name = "(untenanted)"
		}
		d.Changes = append(d.Changes, diffRow{Kind: string(c.Kind), Environment: cell.Environment, Tenant: name,
			Before: describe(after.Release, c.Before), After: describe(after.Release, c.After)})
		changes[changeKey(cell.Environment, cell.Untenanted, cell.Tenant)] = c.Kind
	}
	return d, changes
}

// describe says in words what a cell of a matrix said; "" for no cell.
func describe(release string, c *plan.Cell) string {
	if c == nil {
		return ""
	}
	st := classify(release, plan.MatrixCell{Environment: c.Environment, Current: c.Current,
		Deployable: c.Decision == plan.DecisionDeployable, Reasons: c.Reasons})
	out := st.word
	if c.Current != "" {
		out = "current " + c.Current + ", " + out
	}
	for _, r := range c.Reasons {
		out += "; " + string(r.Code) + ": " + r.Message
	}
	return out
}
