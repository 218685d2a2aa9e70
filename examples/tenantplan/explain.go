package main

import (
	"fmt"
	"strings"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/variables"
)

// explainText renders an explanation: the library's text for the verdict, the checks, the phases
// and the targets, then the variables, each on lines of their own with a label before every
// quoted text, so that the value (after substitution; secrets masked) and the text written in the
// model (the template, before substitution) cannot be taken for one another, nor for the names
// of a library or a scope. Quoted texts are Go strings: a quote or a newline inside is escaped.
func explainText(s *plan.Space, req plan.ExplainRequest, x *plan.Explanation) (string, error) {
	head := *x
	head.Variables = nil
	var b strings.Builder
	b.WriteString(head.Text())
	if len(x.Variables) == 0 {
		return b.String(), nil
	}
	tenant := req.Tenant
	if x.Untenanted {
		tenant = ""
	}
	res, err := s.Variables(plan.VariablesRequest{Project: x.Project, Environment: x.Environment, Tenant: tenant,
		Release: x.Release, Principal: req.Principal})
	if err != nil {
		return "", err
	}
	b.WriteString("\nVariables (value: after substitution; written: the text in the model, before substitution):\n")
	for _, v := range x.Variables {
		fmt.Fprintf(&b, "  %s\n", v.Name)
		if val, ok := res.Get(v.Name); ok {
			fmt.Fprintf(&b, "    value:    %q\n", val)
		}
		fmt.Fprintf(&b, "    from:     %s, %s\n", source(v.Winner), scope(v.Winner))
		fmt.Fprintf(&b, "    written:  %q\n", v.Winner.Value)
		for _, l := range v.Beaten {
			fmt.Fprintf(&b, "    beats:    %s, %s, written %q\n", source(l.Candidate), scope(l.Candidate), l.Candidate.Value)
			fmt.Fprintf(&b, "              because %s\n", l.Why)
		}
	}
	return b.String(), nil
}

// source says where a candidate value is written in the model.
func source(c variables.Candidate) string {
	owner := "a project template"
	if c.Library != "" {
		owner = fmt.Sprintf("a common template of library %q", c.Library)
	}
	switch c.Source {
	case variables.SourceProject:
		return fmt.Sprintf("project variable [%d]", c.Index)
	case variables.SourceLibrary:
		return fmt.Sprintf("variable [%d] of library %q", c.Index, c.Library)
	case variables.SourceTenantValue:
		return fmt.Sprintf("tenant value [%d] for %s", c.Index, owner)
	case variables.SourceTemplateDefault:
		return fmt.Sprintf("the default of %s [%d]", owner, c.Index)
	case variables.SourceSystem:
		return "system variable"
	}
	return c.Source.String()
}

// scope says where a candidate applies: a template's value applies to the tenant (and the
// environments it names).
func scope(c variables.Candidate) string {
	sc := c.Scope.String()
	template := c.Source == variables.SourceTenantValue || c.Source == variables.SourceTemplateDefault
	switch {
	case template && sc == "unscoped":
		return "scope tenant"
	case template:
		return "scope tenant " + sc
	case sc == "unscoped":
		return sc
	}
	return "scope " + sc
}
