package plan

import "fmt"

// Format implements [fmt.Formatter]: every verb prints a summary of the space (how many
// environments, tenants, projects, targets and principals it has), never its contents, so that
// logging a Space (or a *Space) cannot print a sensitive value.
func (s Space) Format(f fmt.State, verb rune) {
	_, _ = fmt.Fprintf(f, "plan.Space{environments: %d, tenants: %d, projects: %d, targets: %d, principals: %d}",
		len(s.envs), s.tenants.Len(), len(s.projects), len(s.targets), len(s.principals))
}
