package variables_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

func TestExplain_WinnerAndWhyOthersLost(t *testing.T) {
	p := precedence(t)
	r := resolve(t, p, variables.Context{Project: "P", Environment: "Production", Target: "web-01", Roles: []string{"web"}})
	ex, ok := r.Explain("conn")
	require.True(t, ok)
	require.Equal(t, "Conn", ex.Name)
	require.Equal(t, variables.SourceProject, ex.Winner.Source)
	require.Equal(t, 4, ex.Winner.Index)
	require.Len(t, ex.Beaten, 1)
	require.Equal(t, "less specific: lacks role", ex.Beaten[0].Why)
	require.Equal(t, ex.Text, ex.String())
	require.Contains(t, ex.Text, `Conn = "A": project variable [4] "A" (roles=[web])`)

	ex, ok = r.Explain("Color")
	require.True(t, ok)
	require.Equal(t, "tie lost to a project value", ex.Beaten[0].Why)
	require.Equal(t, variables.SourceLibrary, ex.Beaten[0].Candidate.Source)
	require.Equal(t, "Shared", ex.Beaten[0].Candidate.Library)

	ex, ok = r.Explain("MyVariable")
	require.True(t, ok)
	require.Equal(t, "does not apply: step", ex.Beaten[0].Why)

	_, ok = r.Explain("Nope")
	require.False(t, ok)

	rt := resolve(t, p, with(tenantX, "Production"))
	ex, ok = rt.Explain("Db.Server")
	require.True(t, ok)
	require.Equal(t, variables.SourceTenantValue, ex.Winner.Source)
	require.Equal(t, "less specific: lacks tenant", ex.Beaten[0].Why)
	ex, ok = rt.Explain("Greeting")
	require.True(t, ok)
	require.Equal(t, "tie broken by source order (a conflict)", ex.Beaten[0].Why)
	ex, ok = rt.Explain("Octopus.Deployment.Tenant.Name")
	require.True(t, ok)
	require.Equal(t, variables.SourceSystem, ex.Winner.Source)

	ru := resolve(t, p, with(variables.Context{}, "Production"))
	ex, ok = ru.Explain("Db.Server")
	require.True(t, ok)
	require.Equal(t, "does not apply: untenanted context", ex.Beaten[0].Why)
}

func TestConflicts_ReportedTiesAndShadows(t *testing.T) {
	p, err := variables.NewProject(variables.ProjectSpec{
		Name: "P",
		Variables: []variables.Variable{
			pv("Same", "one", envs("Dev")),
			pv("Same", "two", envs("Dev", "Test")),
			pv("Octopus.Environment.Name", "mine", variables.Scope{}),
			pv("Alias", "project", variables.Scope{Tenants: []string{"T"}}),
		},
		Templates: []variables.Template{{Name: "Alias"}},
		Libraries: []variables.Library{
			{Name: "L1", Templates: []variables.Template{tmplDefault("Alias", "lib")}},
			{Name: "L2", Variables: []variables.Variable{pv("Lib", "a", envs("Dev")), pv("Lib", "b", envs("Dev"))}},
		},
	})
	require.NoError(t, err)
	r := resolve(t, p, variables.Context{Environment: "Dev", Tenant: "T", Values: variables.TenantValues{
		Project: []variables.TenantValue{{Template: "alias", Value: variables.Plain("tenant")}},
	}})
	requireValues(t, r, map[string]string{"Same": "one", "Octopus.Environment.Name": "mine", "Alias": "tenant", "Lib": "a"})
	type row struct {
		Name   string
		Values []string
	}
	var got []row
	for _, c := range r.Conflicts() {
		rw := row{Name: c.Name}
		for _, cd := range c.Candidates {
			rw.Values = append(rw.Values, cd.Source.String()+":"+cd.Value.Reveal())
		}
		got = append(got, rw)
	}
	want := []row{
		{"Alias", []string{"tenant value:tenant", "template default:lib", "project:project"}},
		{"Lib", []string{"library:a", "library:b"}},
		{"Octopus.Environment.Name", []string{"project:mine", "system:Dev"}},
		{"Same", []string{"project:one", "project:two"}},
	}
	require.Empty(t, cmp.Diff(want, got))
}

func TestCompareSpecificity_DimensionOrder(t *testing.T) {
	step := variables.Scope{Steps: []string{"s"}}
	envRole := variables.Scope{Environments: []string{"e"}, Roles: []string{"r"}}
	role := variables.Scope{Roles: []string{"r"}}
	require.Equal(t, 1, variables.CompareSpecificity(step, envRole))
	require.Equal(t, 1, variables.CompareSpecificity(envRole, role))
	require.Equal(t, -1, variables.CompareSpecificity(variables.Scope{}, role))
	require.Equal(t, 0, variables.CompareSpecificity(variables.Scope{TenantTags: []string{"A/a"}}, variables.Scope{TenantTags: []string{"A/a", "A/b"}}))
	require.Equal(t, "steps=[s] roles=[r] environments=[e]", variables.Scope{Steps: []string{"s"}, Roles: []string{"r"}, Environments: []string{"e"}}.String())
	require.Equal(t, "unscoped", variables.Scope{}.String())
}
