package plan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestRequest_DidYouMean: every unknown name in a request gets the closest known name, case-
// insensitive matches first, then edit distance, then the shortest name it is a prefix of; a
// principal is never offered a name it cannot view.
func TestRequest_DidYouMean(t *testing.T) {
	s := shop(t)
	deploy := func(req plan.DeployRequest) error {
		if req.Project == "" {
			req.Project = "Shop"
		}
		if req.Release == "" {
			req.Release = "1.0.0"
		}
		if req.Environment == "" {
			req.Environment = "Dev"
		}
		_, err := s.Deploy(req)
		return err
	}
	type row struct {
		name string
		err  error
		code plan.Code
		want string // the message's suggestion; "" when none may be offered
	}
	tests := []row{
		{"project, one letter too many", deploy(plan.DeployRequest{Project: "Shopp"}), plan.CodeUnknownProject, `did you mean "Shop"?`},
		{"environment, a prefix", deploy(plan.DeployRequest{Environment: "Prod"}), plan.CodeUnknownEnvironment, `did you mean "Production"?`},
		{"environment, letter case", deploy(plan.DeployRequest{Environment: "production"}), plan.CodeUnknownEnvironment, `did you mean "Production"?`},
		{"release, missing patch", deploy(plan.DeployRequest{Release: "1.1"}), plan.CodeUnknownRelease, `did you mean "1.1.0"?`},
		{"named tenant, transposed", deploy(plan.DeployRequest{Tenants: []string{"Acme", "Gloebx"}}), plan.CodeUnknownTenant, `did you mean "Globex"?`},
		{"tenant() in an expression", deploy(plan.DeployRequest{Expression: `tenant("Acmee")`}), plan.CodeUnknownTenant, `did you mean "Acme"?`},
		{"tag in the filter", deploy(plan.DeployRequest{Tags: []string{"Tier/Glod"}}), plan.CodeUnknownTag, `did you mean "Tier/Gold"?`},
		{"freeze to override", deploy(plan.DeployRequest{OverrideFreezes: []string{"Black Fridya"}}), plan.CodeInvalidValue, `did you mean "Black Friday"?`},
		{"hidden tenant named by a principal", deploy(plan.DeployRequest{Tenants: []string{"Globexx"}, Principal: "acme-admin"}), plan.CodeUnknownTenant, ""},
		{"hidden tenant in an expression", deploy(plan.DeployRequest{Expression: `tenant("Globexx")`, Principal: "acme-admin"}), plan.CodeUnknownTenant, ""},
		{"visible tenant for a principal", deploy(plan.DeployRequest{Tenants: []string{"acme"}, Principal: "acme-admin"}), plan.CodeUnknownTenant, `did you mean "Acme"?`},
	}
	_, err := s.Variables(plan.VariablesRequest{Project: "Shop", Environment: "Dev", Channel: "Betta"})
	tests = append(tests, row{"channel", err, plan.CodeUnknownChannel, `did you mean "Beta"?`})
	_, err = s.Explain(plan.ExplainRequest{Project: "Shop", Release: "1.0.0", Environment: "Dev", Tenant: "Umbrela"})
	tests = append(tests, row{"explained tenant", err, plan.CodeUnknownTenant, `did you mean "Umbrella"?`})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Error(t, tt.err)
			require.Equal(t, tt.code, plan.CodeOf(tt.err), tt.err.Error())
			if tt.want == "" {
				require.NotContains(t, tt.err.Error(), "did you mean")
				require.NotContains(t, tt.err.Error(), `"Globex"`)
			} else {
				require.Contains(t, tt.err.Error(), tt.want)
			}
		})
	}
}

// TestDeploy_UnknownOverrideIsAnError: a misspelt freeze override is a request error, not a
// silently ignored name while the freeze still holds.
func TestDeploy_UnknownOverrideIsAnError(t *testing.T) {
	s := shop(t)
	_, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", All: true,
		OverrideFreezes: []string{"Black Friday", "Acme audt"}})
	require.Error(t, err)
	var re *plan.RequestError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "overrideFreezes[1]", re.Field)
	require.ErrorIs(t, err, plan.ErrUnknownFreeze)
	require.Contains(t, err.Error(), `did you mean "Acme audit"?`)
	_, err = s.Explain(plan.ExplainRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenant: "Acme",
		OverrideFreezes: []string{"Audt"}})
	require.ErrorIs(t, err, plan.ErrUnknownFreeze)
	_, err = s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", All: true,
		OverrideFreezes: []string{"Black Friday", "Acme audit"}})
	require.NoError(t, err)
}

// TestRequest_NoSuggestionOfHiddenFreeTextValues: a FreeText value only hidden tenants carry is
// never suggested to a principal; one a visible tenant carries is.
func TestRequest_NoSuggestionOfHiddenFreeTextValues(t *testing.T) {
	s, err := plan.Load([]byte(`{
		"environments": ["Dev"],
		"tagSets": [{"name": "Region", "type": "FreeText"}],
		"projects": [{"name": "App", "tenancy": "Tenanted"}],
		"tenants": [
			{"name": "Seen", "tags": ["Region/A"], "projects": {"App": ["Dev"]}},
			{"name": "HiddenCorp", "tags": ["Region/Z"], "projects": {"App": ["Dev"]}}
		],
		"releases": [{"project": "App", "version": "1.0.0"}],
		"principals": [
			{"name": "seer", "grants": [{"action": "view", "tenants": ["Seen"]}]},
			{"name": "other", "grants": [{"action": "view", "tenants": ["HiddenCorp"]}]}
		]
	}`))
	require.NoError(t, err)
	for _, tt := range []struct{ principal, want, never string }{
		{"seer", `"Region/A"`, "Region/Z"},
		{"other", `"Region/Z"`, "Region/A"},
	} {
		_, err := s.Deploy(plan.DeployRequest{Project: "App", Release: "1.0.0", Environment: "Dev", Expression: "Region/", Principal: tt.principal})
		require.Error(t, err)
		require.NotContains(t, err.Error(), tt.never, tt.principal)
		_, err = s.Deploy(plan.DeployRequest{Project: "App", Release: "1.0.0", Environment: "Dev", Tags: []string{"Region/"}, Principal: tt.principal})
		require.Error(t, err)
		require.NotContains(t, err.Error(), tt.never, tt.principal)
	}
}

// TestValidate_FirstModelHints: errors a first model meets say how to fix them.
func TestValidate_FirstModelHints(t *testing.T) {
	_, err := plan.Load([]byte(`{
		"environments": ["Dev"],
		"tagSets": [{"name": "Tier", "tags": ["Gold"]}],
		"projects": [
			{"name": "App"},
			{"name": "Web", "tenancy": "Tenanted", "channels": [{"name": "Gold", "tenantExpression": "Tier/Gold or tenant(\"Acme\")"}]}
		],
		"tenants": [{"name": "Acme", "projects": {"App": ["Dev"]}}]
	}`))
	var ve plan.ValidationErrors
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve, 2, err.Error())
	require.Equal(t, "projects[1].channels[0].tenantExpression", ve[0].Path)
	require.Equal(t, plan.CodeInvalidExpression, ve[0].Code)
	require.Contains(t, ve[0].Message, "tags only, not named tenants")
	require.NotContains(t, ve[0].Message, "unknown tenant")
	require.Equal(t, "tenants[0]", ve[1].Path)
	require.Equal(t, plan.CodeUntenantedConnection, ve[1].Code)
	require.Contains(t, ve[1].Message, `the default, as the project does not set it`)
	require.Contains(t, ve[1].Message, `set the project's "tenancy" to "Tenanted" or "TenantedOrUntenanted"`)
}

// TestValidate_LongVersionIsALimit: a version over the length limit is reported with code limit,
// not as an invalid version.
func TestValidate_LongVersionIsALimit(t *testing.T) {
	long := "1.0.0-" + strings.Repeat("a", 300)
	_, err := plan.Load([]byte(`{"environments":["Dev"],"projects":[{"name":"App"}],
		"releases":[{"project":"App","version":"` + long + `"}]}`))
	var ve plan.ValidationErrors
	require.ErrorAs(t, err, &ve)
	require.Equal(t, plan.CodeLimit, ve[0].Code, err.Error())
	require.Equal(t, "releases[0].version", ve[0].Path)
}

// TestValidate_DidYouMean: unknown names in a model get the closest name the model declares of
// that kind; past the first hundred unknown names, no more suggestions are computed.
func TestValidate_DidYouMean(t *testing.T) {
	_, err := plan.Load([]byte(`{
		"environments": ["Dev", "Production"],
		"lifecycles": [{"name": "Standard"}],
		"projects": [{"name": "Shop", "tenancy": "Tenanted", "lifecycle": "Standrad",
			"channels": [{"name": "Stable"}]}],
		"tenants": [{"name": "Acme", "projects": {"Shop": ["Prod"]}}],
		"releases": [{"project": "Shop", "version": "1.1.0", "channel": "Stabel"}],
		"deployments": [
			{"project": "Shop", "release": "1.1.0", "environment": "Dev", "outcome": "Success", "at": "2026-01-01T00:00:00Z", "tenant": "Acmee"},
			{"project": "Shopp", "release": "1.1.0", "environment": "Dev", "outcome": "Success", "at": "2026-01-01T00:00:00Z"},
			{"project": "Shop", "release": "1.1", "environment": "production", "outcome": "Success", "at": "2026-01-01T00:00:00Z"}
		]
	}`))
	var ve plan.ValidationErrors
	require.ErrorAs(t, err, &ve)
	got := map[string]string{}
	for _, e := range ve {
		got[e.Path] = e.Message
	}
	for path, want := range map[string]string{
		"projects[0].lifecycle":       `did you mean "Standard"?`,
		"tenants[0].projects.Shop[0]": `did you mean "Production"?`,
		"releases[0].channel":         `did you mean "Stable"?`,
		"deployments[0].tenant":       `did you mean "Acme"?`,
		"deployments[1].project":      `did you mean "Shop"?`,
		"deployments[2].release":      `did you mean "1.1.0"?`,
		"deployments[2].environment":  `did you mean "Production"?`,
	} {
		require.Contains(t, got, path, err.Error())
		require.Contains(t, got[path], want, path)
	}

	var tenants []string
	for i := range 150 {
		tenants = append(tenants, fmt.Sprintf(`{"name": "T%d", "projects": {"P": ["dev"]}}`, i))
	}
	_, err = plan.Load([]byte(`{"environments": ["Dev"], "projects": [{"name": "P", "tenancy": "Tenanted"}],
		"tenants": [` + strings.Join(tenants, ",") + `]}`))
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve, 150)
	hinted := 0
	for _, e := range ve {
		if strings.Contains(e.Message, "did you mean") {
			hinted++
		}
	}
	require.Equal(t, 100, hinted, "suggestions stop after the first hundred unknown names")
}

// TestValidate_TagSuggestionsAreCapped: unknown tags in scopes and channels share the cap of a
// hundred suggestions, so thousands of unknown tags against a large catalog stay cheap.
func TestValidate_TagSuggestionsAreCapped(t *testing.T) {
	var refs []string
	for range 1000 {
		refs = append(refs, `"Tier/gold"`)
	}
	_, err := plan.Load([]byte(`{"environments": ["Dev"], "tagSets": [{"name": "Tier", "tags": ["Gold"]}],
		"projects": [{"name": "P", "variables": [{"name": "V", "value": "x", "scope": {"tenantTags": [` +
		strings.Join(refs, ",") + `]}}]}]}`))
	var ve plan.ValidationErrors
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve, 1000)
	hinted := 0
	for _, e := range ve {
		if strings.Contains(e.Message, `did you mean "Tier/Gold"?`) {
			hinted++
		}
	}
	require.Equal(t, 100, hinted)
}

// TestErrors_CodeOnceAndMessageField: a caller that prints the code and the error sees the code
// once: Message holds neither the code nor the path, and Error() adds each once.
func TestErrors_CodeOnceAndMessageField(t *testing.T) {
	_, err := plan.Load([]byte(`{"environments": ["Dev"], "projects": [{"name": "App"}],
		"tenants": [{"name": "A", "tags": ["Nope/x"], "projects": {"App": ["Prod"]}}]}`))
	var ve plan.ValidationErrors
	require.ErrorAs(t, err, &ve)
	s := shop(t)
	_, rerr := s.Deploy(plan.DeployRequest{Project: "Shopp"})
	var re *plan.RequestError
	require.ErrorAs(t, rerr, &re)
	type parts struct {
		err            error
		where, message string
		code           plan.Code
	}
	all := []parts{{re, "request " + re.Field, re.Message, re.Code}}
	for _, e := range ve {
		all = append(all, parts{e, e.Path, e.Message, e.Code})
	}
	for _, p := range all {
		require.NotContains(t, p.message, "["+string(p.code)+"]")
		require.NotContains(t, p.message, p.where)
		require.Equal(t, p.where+": "+p.message+" ["+string(p.code)+"]", p.err.Error())
	}
}
