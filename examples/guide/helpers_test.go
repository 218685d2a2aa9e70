package guide_test

import (
	"fmt"
	"strings"

	"github.com/tenantplan/tenantplan/plan"
)

// value returns a pointer to s, for the optional values of the model types.
func value(s string) *string { return &s }

// codes lists the reason codes of a cell.
func codes(rs []plan.Reason) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r.Code)
	}
	return strings.Join(out, ", ")
}

// printPlan prints a deploy plan, one tenant a line.
func printPlan(p *plan.DeployPlan) {
	for _, c := range p.Deploy {
		if len(c.Targets) == 0 {
			fmt.Printf("deploy   %s\n", name(c))
			continue
		}
		fmt.Printf("deploy   %s on %s\n", name(c), strings.Join(c.Targets, ", "))
	}
	for _, c := range p.Skipped {
		fmt.Printf("skipped  %s: %s\n", name(c), codes(c.Reasons))
	}
	for _, c := range p.Rejected {
		fmt.Printf("rejected %s: %s\n", name(c), codes(c.Reasons))
	}
}

func name(c plan.DeployCell) string {
	if c.Untenanted {
		return "(untenanted)"
	}
	return c.Tenant
}
