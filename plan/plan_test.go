package plan_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

func shop(t testing.TB) *plan.Space {
	t.Helper()
	data, err := os.ReadFile("testdata/shop.json")
	require.NoError(t, err)
	s, err := plan.Load(data)
	require.NoError(t, err)
	return s
}

func shopFile(t testing.TB) *model.File {
	t.Helper()
	data, err := os.ReadFile("testdata/shop.json")
	require.NoError(t, err)
	f, err := model.Decode(data)
	require.NoError(t, err)
	return f
}

func codesOf(rs []plan.Reason) []plan.Code {
	out := make([]plan.Code, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

func cellsByTenant(cs []plan.DeployCell) map[string][]plan.Code {
	out := map[string][]plan.Code{}
	for _, c := range cs {
		out[c.Tenant] = codesOf(c.Reasons)
	}
	return out
}

// validationCodes compiles f and returns "path code" for each problem.
func validationCodes(t *testing.T, f *model.File) []string {
	t.Helper()
	_, err := plan.Compile(f)
	if err == nil {
		return nil
	}
	var ves plan.ValidationErrors
	require.True(t, errors.As(err, &ves), "%T %v", err, err)
	var out []string
	for _, e := range ves {
		out = append(out, e.Path+" "+string(e.Code))
		require.Equal(t, e.Code, plan.CodeOf(e))
		var one *plan.ValidationError
		require.True(t, errors.As(err, &one))
	}
	return out
}

func TestCompile_ValidModel(t *testing.T) {
	s := shop(t)
	require.Equal(t, []string{"Dev", "Test", "Staging", "Production"}, s.Environments())
	require.Equal(t, []string{"Shop", "Legacy"}, s.Projects())
	rels, err := s.Releases("Shop")
	require.NoError(t, err)
	require.Equal(t, []string{"1.0.0", "1.1.0", "1.2.0-beta.1", "0.9.0"}, rels)
	require.Equal(t, 4, s.Tenants().Len())
}

// TestCompile_ReferenceChecks covers one validation problem per table row; each must be
// reported at its path with its code, and nothing else.
func TestCompile_ReferenceChecks(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(f *model.File)
		want   []string
	}{
		{"duplicate environment, case only", func(f *model.File) { f.Environments = append(f.Environments, "dev") },
			[]string{"environments[4] duplicate-name"}},
		{"duplicate tenant", func(f *model.File) { f.Tenants = append(f.Tenants, model.Tenant{Name: "Acme"}) },
			[]string{"tenants[4] duplicate-name"}},
		{"unknown tag", func(f *model.File) { f.Tenants[0].Tags[0] = "Tier/Platinum" },
			[]string{"tenants[0].tags[0] unknown-tag"}},
		{"unknown tag set", func(f *model.File) { f.Tenants[0].Tags[0] = "Colour/Red" },
			[]string{"tenants[0].tags[0] unknown-tag-set"}},
		{"single select", func(f *model.File) { f.Tenants[1].Tags = append(f.Tenants[1].Tags, "Ring/Early") },
			[]string{"tenants[1] single-select"}},
		{"unknown project in connections", func(f *model.File) { f.Tenants[0].Projects["Nope"] = []string{"Dev"} },
			[]string{"tenants[0].projects.Nope unknown-project"}},
		{"unknown environment in connections", func(f *model.File) { f.Tenants[0].Projects["Shop"] = []string{"Qa"} },
			[]string{"tenants[0].projects.Shop[0] unknown-environment"}},
		{"connection to an untenanted project", func(f *model.File) { f.Tenants[0].Projects["Legacy"] = []string{"Dev"} },
			[]string{"tenants[0] untenanted-connection"}},
		{"unknown template", func(f *model.File) {
			v := "x"
			f.Tenants[0].ProjectValues["Shop"] = append(f.Tenants[0].ProjectValues["Shop"], model.TenantValue{Template: "Nope", Value: &v})
		}, []string{"tenants[0].projectValues.Shop[1] unknown-template"}},
		{"unknown library", func(f *model.File) { f.Projects[0].Libraries = []string{"Nope"} },
			[]string{"projects[0].libraries[0] unknown-library"}},
		{"unknown lifecycle", func(f *model.File) { f.Projects[0].Lifecycle = "Nope" },
			[]string{"projects[0].lifecycle unknown-lifecycle"}},
		{"bad tenancy", func(f *model.File) { f.Projects[1].Tenancy = "Sometimes" },
			[]string{"projects[1].tenancy invalid-value"}},
		{"unknown channel of a release", func(f *model.File) { f.Releases[0].Channel = "Nope" },
			[]string{"releases[0].channel unknown-channel"}},
		{"release breaking its channel's rules", func(f *model.File) { f.Releases[0].Channel = "Beta" },
			[]string{"releases[0] version-rule"}},
		{"invalid version", func(f *model.File) {
			f.Releases = append(f.Releases, model.Release{Project: "Shop", Version: "banana"})
			f.Deployments = append(f.Deployments, model.Deployment{Project: "Shop", Release: "banana", Environment: "Dev",
				Outcome: "Success", At: "2026-01-01T00:00:00Z"})
		}, []string{"releases[4].version invalid-version"}},
		{"duplicate release", func(f *model.File) { f.Releases = append(f.Releases, model.Release{Project: "Shop", Version: "1.0.0"}) },
			[]string{"releases[4] duplicate-name"}},
		{"release whose version differs from another only in letter case", func(f *model.File) {
			f.Releases = append(f.Releases, model.Release{Project: "Shop", Version: "1.2.0-BETA.1", Channel: "Beta"})
		}, []string{"releases[4] duplicate-name"}},
		{"bad outcome and time", func(f *model.File) { f.Deployments[0].Outcome = "Meh"; f.Deployments[0].At = "yesterday" },
			[]string{"deployments[0].at invalid-value", "deployments[0].outcome invalid-value"}},
		{"unknown tenant of a deployment", func(f *model.File) { f.Deployments[1].Tenant = "Nope" },
			[]string{"deployments[1].tenant unknown-tenant"}},
		{"unknown target environment and tenant", func(f *model.File) {
			f.Targets[1].Environments = []string{"Qa"}
			f.Targets[1].Tenants = []string{"Nope"}
		}, []string{"targets[1].environments[0] unknown-environment", "targets[1].tenants[0] unknown-tenant"}},
		{"bad freeze", func(f *model.File) {
			f.Freezes[0].End = f.Freezes[0].Start
			f.Freezes[1].Recurrence = &model.Recurrence{Unit: "Hourly"}
		}, []string{"freezes[0].end invalid-value", "freezes[1].recurrence.unit invalid-value"}},
		{"bad grant", func(f *model.File) { f.Principals[0].Grants[0].Action = "admin" },
			[]string{"principals[0].grants[0].action invalid-value"}},
		{"variable scoped to an unknown environment", func(f *model.File) {
			f.Projects[0].Variables[0].Scope = &model.Scope{Environments: []string{"Qa"}, Channels: []string{"Nope"}}
		}, []string{"projects[0].variables[0].scope.channels[0] unknown-channel",
			"projects[0].variables[0].scope.environments[0] unknown-environment"}},
		{"two default channels", func(f *model.File) { f.Projects[0].Channels[1].Default = true },
			[]string{"projects[0].channels[1].default invalid-value"}},
		{"malformed channel expression", func(f *model.File) {
			f.Projects[0].Channels[1].TenantTags = nil
			f.Projects[0].Channels[1].TenantExpression = "Ring/Tester and"
		}, []string{"projects[0].channels[1] invalid-expression"}},
		{"channel expression with an unknown tag", func(f *model.File) {
			f.Projects[0].Channels[1].TenantTags = nil
			f.Projects[0].Channels[1].TenantExpression = "Ring/Nightly"
		}, []string{"projects[0].channels[1].tenantExpression unknown-tag"}},
		{"overlapping tenant values", func(f *model.File) {
			v := "x"
			f.Tenants[0].ProjectValues["Shop"] = append(f.Tenants[0].ProjectValues["Shop"], model.TenantValue{Template: "Db.Password", Value: &v})
		}, []string{"tenants[0].projectValues.Shop[1] overlapping-tenant-values"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := shopFile(t)
			tc.mutate(f)
			got := validationCodes(t, f)
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					path, code, _ := strings.Cut(w, " ")
					gp, gc, _ := strings.Cut(g, " ")
					if gc == code && strings.HasPrefix(gp, path) {
						found = true
					}
				}
				require.True(t, found, "want %q in %q", w, got)
			}
			require.Len(t, got, len(tc.want), "got %q", got)
		})
	}
}

func TestCompile_EveryProblemAtOnceSortedByPath(t *testing.T) {
	f := shopFile(t)
	f.Tenants[3].Tags = []string{"Tier/Nope"}
	f.Tenants[0].Tags = []string{"Nope/x"}
	f.Releases = append(f.Releases, model.Release{Project: "Shop", Version: "x.y"})
	f.Deployments[0].Environment = "Qa"
	got := validationCodes(t, f)
	require.Equal(t, []string{"deployments[0].environment unknown-environment", "releases[4].version invalid-version",
		"tenants[0].tags[0] unknown-tag-set", "tenants[3].tags[0] unknown-tag"}, got)
}

func TestLoad_DecodeErrorsAreValidationErrors(t *testing.T) {
	_, err := plan.Load([]byte(`{"tenants":[{"name":"A","tagz":[]}],"environments":"Dev"}`))
	var ves plan.ValidationErrors
	require.True(t, errors.As(err, &ves))
	require.Len(t, ves, 2)
	require.Equal(t, "environments", ves[0].Path)
	require.Equal(t, plan.CodeInvalidValue, ves[0].Code)
	require.Equal(t, "tenants[0].tagz", ves[1].Path)
	require.Equal(t, plan.CodeUnknownField, ves[1].Code)
}

func TestLoad_GarbageAndHugeInput(t *testing.T) {
	garbage := []byte(strings.Repeat("garbage ", 1<<17))
	_, err := plan.Load(garbage)
	require.Error(t, err)
	require.Less(t, len(err.Error()), 2000)
	require.Contains(t, err.Error(), "line 1")

	deep := fmt.Sprintf(`{"projects":[{"name":"P","tenancy":"Tenanted","channels":[{"name":"C","tenantExpression":%q}]}]}`,
		strings.Repeat("(", 64*1024))
	_, err = plan.Load([]byte(deep))
	require.Error(t, err)
	require.Equal(t, plan.CodeLimit, plan.CodeOf(err.(plan.ValidationErrors)[0]))
	require.Less(t, len(err.Error()), 2000, "the error never prints the whole input")
}

func TestDeploy_DeploySkippedRejected(t *testing.T) {
	s := shop(t)
	p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production",
		Tenants: []string{"Initech"}, Tags: []string{"Tier/Gold"}, Untenanted: true})
	require.NoError(t, err)
	require.Equal(t, []plan.DeployCell{{Tenant: "Acme", Targets: []string{"web-acme", "web-shared"}}}, p.Deploy)
	require.Equal(t, map[string][]plan.Code{"Umbrella": {plan.ReasonMissingVariables}}, cellsByTenant(p.Skipped))
	require.Equal(t, map[string][]plan.Code{
		"":        {plan.ReasonLifecycle},
		"Initech": {plan.ReasonDisabled, plan.ReasonMissingVariables, plan.ReasonNoTargets},
	}, cellsByTenant(p.Rejected))
	require.False(t, p.UntenantedPlanned())
	miss := p.Skipped[0].Reasons[0]
	require.Equal(t, []string{"Db.Password"}, miss.Missing)
	lc := p.Rejected[0].Reasons[0]
	require.Equal(t, "Test", lc.Phase)
	require.Equal(t, 1, lc.Need)
	require.Equal(t, 0, lc.Have)
}

func TestDeploy_ReasonsInCheckOrder(t *testing.T) {
	s := shop(t)
	// Initech: disabled, not connected to Test, the beta channel does not admit Pinned, Test is not
	// reachable for it... every failing check is listed, in order.
	_, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.2.0-beta.1", Environment: "Test",
		Tenants: []string{"Initech"}, SkipCurrent: true, Principal: "acme-admin"})
	require.Error(t, err, "Initech is not visible to acme-admin")
	require.Equal(t, plan.CodeUnknownTenant, plan.CodeOf(err))
	require.NotContains(t, err.Error(), "Acme")

	p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.2.0-beta.1", Environment: "Production",
		Tenants: []string{"Initech"}, Principal: "ops", At: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	require.Equal(t, []plan.Code{plan.ReasonDisabled, plan.ReasonChannelMismatch, plan.ReasonLifecycle,
		plan.ReasonFrozen, plan.ReasonMissingVariables, plan.ReasonNoTargets}, codesOf(p.Rejected[0].Reasons))
	fr := p.Rejected[0].Reasons[3]
	require.Equal(t, "Black Friday", fr.Freeze)
	require.Equal(t, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), fr.Until)
}

func TestDeploy_BlockedReleaseAndCurrent(t *testing.T) {
	s := shop(t)
	p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "0.9.0", Environment: "Production", Tenants: []string{"Acme"}})
	require.NoError(t, err)
	require.Equal(t, []plan.Code{plan.ReasonLifecycle, plan.ReasonReleaseBlocked}, codesOf(p.Rejected[0].Reasons),
		"a blocked release is reported even where the phase is not reachable yet")
	p, err = s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenants: []string{"Acme"}, SkipCurrent: true})
	require.NoError(t, err)
	require.Equal(t, []plan.Code{plan.ReasonAlreadyCurrent}, codesOf(p.Rejected[0].Reasons))
}

func TestDeploy_FreezesAndOverrides(t *testing.T) {
	s := shop(t)
	audit := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenants: []string{"Acme", "Globex"}, At: audit})
	require.NoError(t, err)
	require.Equal(t, map[string][]plan.Code{"Acme": {plan.ReasonFrozen}}, cellsByTenant(p.Rejected))
	require.Equal(t, "Acme audit", p.Rejected[0].Reasons[0].Freeze)
	p, err = s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenants: []string{"Acme", "Globex"},
		At: audit, OverrideFreezes: []string{"Acme audit"}})
	require.NoError(t, err)
	require.Len(t, p.Deploy, 2)
	require.Empty(t, p.Rejected)
}

func TestDeploy_RequestErrors(t *testing.T) {
	s := shop(t)
	base := plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", All: true}
	cases := []struct {
		name   string
		mutate func(r *plan.DeployRequest)
		code   plan.Code
		field  string
	}{
		{"unknown project", func(r *plan.DeployRequest) { r.Project = "Nope" }, plan.CodeUnknownProject, "project"},
		{"unknown release", func(r *plan.DeployRequest) { r.Release = "9.9.9" }, plan.CodeUnknownRelease, "release"},
		{"unknown environment", func(r *plan.DeployRequest) { r.Environment = "Qa" }, plan.CodeUnknownEnvironment, "environment"},
		{"unknown tenant", func(r *plan.DeployRequest) { r.Tenants = []string{"Acme", "Nope"} }, plan.CodeUnknownTenant, "tenants[1]"},
		{"unknown principal", func(r *plan.DeployRequest) { r.Principal = "root" }, plan.CodeUnknownPrincipal, "principal"},
		{"unknown tag", func(r *plan.DeployRequest) { r.Tags = []string{"Tier/Platinum"} }, plan.CodeUnknownTag, "tags"},
		{"malformed expression", func(r *plan.DeployRequest) { r.Expression = "Tier/Gold and (" }, plan.CodeInvalidExpression, "expression"},
		{"expression too deep", func(r *plan.DeployRequest) { r.Expression = strings.Repeat("(", 300) }, plan.CodeLimit, "expression"},
		{"expression naming a missing tenant", func(r *plan.DeployRequest) { r.Expression = `tenant("Nope")` }, plan.CodeUnknownTenant, "expression"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := base
			tc.mutate(&req)
			p, err := s.Deploy(req)
			require.Nil(t, p)
			var re *plan.RequestError
			require.True(t, errors.As(err, &re), "%T %v", err, err)
			require.Equal(t, tc.code, re.Code)
			require.Equal(t, tc.field, re.Field)
			require.Equal(t, tc.code, plan.CodeOf(err))
		})
	}
}

// TestPrincipal_HiddenTenantsNeverAppear: a principal learns nothing of tenants it
// cannot view, in plans, matrices, explanations or errors.
func TestPrincipal_HiddenTenantsNeverAppear(t *testing.T) {
	s := shop(t)
	hidden := []string{"Globex", "Initech", "Umbrella"}
	var outputs []string
	p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", All: true,
		Tags: []string{"Tier/Gold"}, Expression: "true", Untenanted: true, Principal: "acme-admin"})
	require.NoError(t, err)
	require.Equal(t, []plan.DeployCell{{Tenant: "Acme", Targets: []string{"web-acme", "web-shared"}}}, p.Deploy)
	js, _ := p.JSON()
	outputs = append(outputs, string(js), fmt.Sprintf("%+v", p))
	m, err := s.Matrix(plan.MatrixRequest{Project: "Shop", Release: "1.0.0", Principal: "acme-admin"})
	require.NoError(t, err)
	js, _ = m.JSON()
	outputs = append(outputs, string(js))
	for _, name := range hidden {
		_, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenants: []string{name}, Principal: "acme-admin"})
		require.Equal(t, plan.CodeUnknownTenant, plan.CodeOf(err))
		_, err2 := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenants: []string{"Zzz"}, Principal: "acme-admin"})
		require.Equal(t, strings.ReplaceAll(err.Error(), name, "Zzz"), err2.Error(), "hidden reads like missing")
		_, err = s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production",
			Expression: fmt.Sprintf("tenant(%q)", name), Principal: "acme-admin"})
		require.Equal(t, plan.CodeUnknownTenant, plan.CodeOf(err))
		_, err = s.Explain(plan.ExplainRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", Tenant: name, Principal: "acme-admin"})
		require.Equal(t, plan.CodeUnknownTenant, plan.CodeOf(err))
	}
	for _, out := range outputs {
		for _, name := range hidden {
			require.NotContains(t, out, name)
		}
	}
	// Staging is not granted: forbidden, and the untenanted track needs an unrestricted grant.
	p, err = s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Test", Tenants: []string{"Acme"}, Untenanted: true, Principal: "acme-admin"})
	require.NoError(t, err)
	require.Equal(t, map[string][]plan.Code{"Acme": {plan.ReasonForbidden}, "": {plan.ReasonForbidden}}, cellsByTenant(p.Rejected))
}

// TestSecrets_NeverInOutputs: sensitive values never appear in plans, matrices,
// explanations, diffs or errors.
func TestSecrets_NeverInOutputs(t *testing.T) {
	s := shop(t)
	secrets := []string{"hunter2-acme", "s3cret-globex", "key-9f8e7d6c"}
	var outs []string
	for _, env := range s.Environments() {
		p, err := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: env, All: true, Untenanted: true})
		require.NoError(t, err)
		js, _ := p.JSON()
		outs = append(outs, string(js), fmt.Sprintf("%v %+v %#v", p, p, p))
		for _, tn := range []string{"Acme", "Globex", ""} {
			ex, err := s.Explain(plan.ExplainRequest{Project: "Shop", Release: "1.0.0", Environment: env, Tenant: tn, Variables: true})
			require.NoError(t, err)
			js, _ := json.Marshal(ex)
			outs = append(outs, ex.Text(), string(js), fmt.Sprintf("%v %+v %#v", ex, ex, ex))
			res, err := s.Variables(plan.VariablesRequest{Project: "Shop", Environment: env, Tenant: tn})
			require.NoError(t, err)
			for _, n := range res.Names() {
				v, _ := res.Get(n)
				js, _ := json.Marshal(v)
				outs = append(outs, string(js), fmt.Sprintf("%v %+v %#v %s %q", v, v, v, v, v))
			}
			outs = append(outs, fmt.Sprintf("%v %+v", res, res))
		}
	}
	m, err := s.Matrix(plan.MatrixRequest{Project: "Shop", Release: "1.0.0"})
	require.NoError(t, err)
	js, _ := m.JSON()
	outs = append(outs, string(js))
	for _, out := range outs {
		for _, sec := range secrets {
			require.NotContains(t, out, sec)
		}
	}
	// The plaintext is there for whoever asks for it by name.
	res, err := s.Variables(plan.VariablesRequest{Project: "Shop", Environment: "Production", Tenant: "Acme"})
	require.NoError(t, err)
	v, ok := res.Get("ConnectionString")
	require.True(t, ok)
	require.True(t, v.IsSensitive(), "a value that binds a secret is masked as a whole")
	require.Equal(t, "Server=db;Password=hunter2-acme;App=acme", v.Reveal())
}

func TestMatrix_CurrentAndReasons(t *testing.T) {
	s := shop(t)
	m, err := s.Matrix(plan.MatrixRequest{Project: "Shop", Release: "1.1.0"})
	require.NoError(t, err)
	require.Equal(t, []string{"", "Acme", "Globex", "Initech", "Umbrella"}, func() []string {
		var out []string
		for _, r := range m.Rows {
			out = append(out, r.Tenant)
		}
		return out
	}())
	acme := m.Rows[1]
	require.Equal(t, "1.0.0", acme.Cells[3].Current)
	require.Equal(t, "Production", acme.Cells[3].Environment)
	require.False(t, acme.Cells[3].Deployable)
	require.Equal(t, []plan.Code{plan.ReasonLifecycle}, codesOf(acme.Cells[3].Reasons), "the failed Test deployment does not count")
	require.True(t, acme.Cells[1].Deployable, "Acme may retry Test")
	require.True(t, m.Rows[0].Cells[1].Deployable, "untenanted reached Test through Dev")
}

func TestAutomaticAndScheduled(t *testing.T) {
	s := shop(t)
	q, err := s.Automatic(plan.AutomaticRequest{Project: "Shop", Release: "1.2.0-beta.1"})
	require.NoError(t, err)
	require.Equal(t, []plan.Queued{{Environment: "Dev", Untenanted: true}}, q)
	q, err = s.Automatic(plan.AutomaticRequest{Project: "Shop", Release: "1.0.0"})
	require.NoError(t, err)
	require.Empty(t, q, "Dev already has a deployment of 1.0.0")
	pr, err := s.Scheduled(plan.ScheduledRequest{Project: "Shop", Source: "Test", Destination: "Production", Tenants: []string{"Acme", "Globex"}})
	require.NoError(t, err)
	// Acme (connected to Test) would get its own latest Test release, 1.0.0, which it already runs
	// in Production; Globex gets the latest release anyone has in Test that it can take.
	require.Equal(t, []plan.Promotion{{Tenant: "Globex", Release: "1.0.0"}}, pr)
	_, err = s.Scheduled(plan.ScheduledRequest{Project: "Shop", Source: "Qa", Destination: "Production"})
	require.Equal(t, plan.CodeUnknownEnvironment, plan.CodeOf(err))
}

func TestTargets(t *testing.T) {
	s := shop(t)
	got, err := s.Targets(plan.TargetsRequest{Project: "Shop", Environment: "Production", Tenant: "Acme"})
	require.NoError(t, err)
	require.Equal(t, []string{"web-acme", "web-shared"}, got)
	got, err = s.Targets(plan.TargetsRequest{Project: "Shop", Environment: "Production"})
	require.NoError(t, err)
	require.Equal(t, []string{"web-shared"}, got)
	got, err = s.Targets(plan.TargetsRequest{Project: "Shop", Environment: "Production", Tenant: "Initech"})
	require.NoError(t, err)
	require.Equal(t, []string{}, got)
	_, err = s.Targets(plan.TargetsRequest{Project: "Shop", Environment: "Production", Tenant: "Nope"})
	require.Equal(t, plan.CodeUnknownTenant, plan.CodeOf(err))
}

func TestExplain(t *testing.T) {
	s := shop(t)
	ex, err := s.Explain(plan.ExplainRequest{Project: "Shop", Release: "1.1.0", Environment: "Production", Tenant: "Acme"})
	require.NoError(t, err)
	require.False(t, ex.Deployable)
	require.Equal(t, "1.0.0", ex.Current)
	var failed []plan.Code
	for _, c := range ex.Checks {
		if !c.Passed {
			failed = append(failed, c.Check)
		}
	}
	require.Equal(t, []plan.Code{plan.ReasonLifecycle}, failed)
	require.Len(t, ex.Checks, 13)
	require.Len(t, ex.Phases, 4)
	require.False(t, ex.Phases[1].Complete)
	require.Equal(t, []string{"Test"}, ex.Phases[1].Connected)
	text := ex.Text()
	require.Contains(t, text, "NOT DEPLOYABLE")
	require.Contains(t, text, "[FAIL] lifecycle")
	require.Contains(t, text, `"Test": incomplete (need 1, have 0)`)
}

func TestDiff(t *testing.T) {
	s := shop(t)
	a, err := s.Matrix(plan.MatrixRequest{Project: "Shop", Release: "1.0.0"})
	require.NoError(t, err)
	require.True(t, plan.Diff(a.Cells(), a.Cells()).IsEmpty())
	require.Equal(t, "No cell changed.\n", plan.Diff(a.Cells(), a.Cells()).Text())

	// A tag change: Globex joins the beta ring.
	f := shopFile(t)
	f.Tenants[1].Tags[1] = "Ring/Early"
	s2, err := plan.Compile(f)
	require.NoError(t, err)
	before, _ := s.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.2.0-beta.1", Environment: "Production", All: true})
	after, _ := s2.Deploy(plan.DeployRequest{Project: "Shop", Release: "1.2.0-beta.1", Environment: "Production", All: true})
	d := plan.Diff(before.Cells(), after.Cells())
	require.Len(t, d.Changes, 1)
	require.Equal(t, plan.CellChanged, d.Changes[0].Kind)
	require.Equal(t, "Globex", d.Changes[0].After.Tenant)
	require.Contains(t, d.Text(), "**Production / Globex**: skipped (channel-mismatch, lifecycle (phase Dev: 0/1)) → skipped (lifecycle (phase Dev: 0/1))")
	require.Equal(t, after.Cells(), d.Apply(before.Cells()))
}

func TestDeployPlanJSON_Deterministic(t *testing.T) {
	s := shop(t)
	req := plan.DeployRequest{Project: "Shop", Release: "1.0.0", Environment: "Production", All: true, Untenanted: true}
	a, err := s.Deploy(req)
	require.NoError(t, err)
	ja, _ := a.JSON()
	f := shopFile(t)
	// Reverse every list whose order carries no meaning.
	for i, j := 0, len(f.Tenants)-1; i < j; i, j = i+1, j-1 {
		f.Tenants[i], f.Tenants[j] = f.Tenants[j], f.Tenants[i]
	}
	for i, j := 0, len(f.Deployments)-1; i < j; i, j = i+1, j-1 {
		f.Deployments[i], f.Deployments[j] = f.Deployments[j], f.Deployments[i]
	}
	for i, j := 0, len(f.Targets)-1; i < j; i, j = i+1, j-1 {
		f.Targets[i], f.Targets[j] = f.Targets[j], f.Targets[i]
	}
	s2, err := plan.Compile(f)
	require.NoError(t, err)
	b, err := s2.Deploy(req)
	require.NoError(t, err)
	jb, _ := b.JSON()
	require.Equal(t, string(ja), string(jb))
}

func TestRollout_Timing(t *testing.T) {
	s := shop(t)
	start := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	r, err := s.Rollout(plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Environments: []string{"Production"},
		Rings: []plan.Ring{{Name: "Gold", Tags: []string{"Tier/Gold"}, Soak: plan.Duration(24 * time.Hour)}, {Name: "Rest", Expression: "true"}},
		Start: start, WaveDuration: plan.Duration(2 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, r.Waves, 1, "Acme already runs 1.0.0; Umbrella misses a value; Globex is in Rest")
	require.Equal(t, "Rest", r.Waves[0].Ring)
	require.Equal(t, []string{"Globex"}, r.Waves[0].Tenants)
	require.Equal(t, start, r.Waves[0].Start, "the first wave starts at the start")
	require.Equal(t, []plan.DoneCell{{Tenant: "Acme", Environment: "Production"}}, r.Done)

	// A wave that would start inside Black Friday waits for its end.
	r, err = s.Rollout(plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Environments: []string{"Production"},
		Rings: []plan.Ring{{Name: "All", Expression: "true"}}, Start: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), WaveDuration: plan.Duration(time.Hour)})
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), r.Waves[0].Start)
	require.Equal(t, time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC), r.Waves[0].End)
}

func TestRollout_BadPolicies(t *testing.T) {
	s := shop(t)
	cases := []struct {
		name string
		pol  plan.RolloutRequest
		code plan.Code
	}{
		{"unknown project", plan.RolloutRequest{Project: "Nope", Release: "1.0.0"}, plan.CodeUnknownProject},
		{"unknown environment", plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Environments: []string{"Qa"}}, plan.CodeUnknownEnvironment},
		{"duplicate ring", plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Rings: []plan.Ring{{Name: "A"}, {Name: "A"}}}, plan.CodeDuplicateName},
		{"percent out of range", plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Rings: []plan.Ring{{Name: "A", Percent: 101}}}, plan.CodeInvalidValue},
		{"both batch sizes", plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Rings: []plan.Ring{{Name: "A", MaxParallel: 2, MaxParallelPercent: 10}}}, plan.CodeInvalidValue},
		{"bad expression", plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Rings: []plan.Ring{{Name: "A", Expression: "("}}}, plan.CodeInvalidExpression},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Rollout(tc.pol)
			require.Equal(t, tc.code, plan.CodeOf(err), "%v", err)
		})
	}
}

func TestBucket(t *testing.T) {
	// The first 8 bytes of SHA-256("Stable/S1") as a big-endian integer, modulo 100000.
	require.Equal(t, 29752, plan.Bucket("Stable", "S1"))
	require.Equal(t, 13579, plan.Bucket("Stable", "S2"))
}

func FuzzDeployRequest(f *testing.F) {
	data, err := os.ReadFile("testdata/shop.json")
	if err != nil {
		f.Fatal(err)
	}
	s, err := plan.Load(data)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Shop", "1.0.0", "Production", "Acme", "Tier/Gold", "Ring/* and not Tier/Free", "ops", true)
	f.Add("", "", "", "", "", "((", "", false)
	f.Fuzz(func(t *testing.T, project, release, env, tenantName, tag, expr, principal string, all bool) {
		req := plan.DeployRequest{Project: project, Release: release, Environment: env, Tenants: []string{tenantName},
			Tags: []string{tag}, Expression: expr, Principal: principal, All: all, Untenanted: all}
		p, err := s.Deploy(req)
		if err != nil {
			if plan.CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, cs := range [][]plan.DeployCell{p.Deploy, p.Skipped, p.Rejected} {
			for _, c := range cs {
				if seen[c.Tenant] {
					t.Fatalf("tenant %q appears twice", c.Tenant)
				}
				seen[c.Tenant] = true
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	data, err := os.ReadFile("testdata/shop.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"tagSets":[{"name":"A/B"}],"tenants":[{"name":"x","tags":["A/B/C"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := plan.Load(data)
		if err != nil {
			var ves plan.ValidationErrors
			if !errors.As(err, &ves) || len(ves) == 0 {
				t.Fatalf("error %T is not ValidationErrors: %v", err, err)
			}
			for _, ve := range ves {
				if ve.Code == "" {
					t.Fatalf("validation error without a code: %v", ve)
				}
			}
			return
		}
		for _, p := range s.Projects() {
			rels, _ := s.Releases(p)
			for _, r := range rels {
				if _, err := s.Matrix(plan.MatrixRequest{Project: p, Release: r}); err != nil {
					t.Fatalf("matrix of a valid model: %v", err)
				}
			}
		}
	})
}

// TestRollout_MembershipOverlapsAndEmpty: the first admitting ring gets a tenant; a
// later admitting ring makes it an overlap; a ring with no members is empty, also when every
// tenant it admits belongs to an earlier ring.
func TestRollout_MembershipOverlapsAndEmpty(t *testing.T) {
	s := shop(t)
	r, err := s.Rollout(plan.RolloutRequest{Project: "Shop", Release: "1.0.0", Rings: []plan.Ring{
		{Name: "Gold", Tags: []string{"Tier/Gold"}},
		{Name: "AlsoGold", Expression: "Tier/Gold"},
		{Name: "Nobody", Expression: "Tier/Gold and Tier/Free"},
		{Name: "Standard", Tenants: []string{"Globex"}},
	}})
	require.NoError(t, err)
	require.Equal(t, []string{"Acme", "Umbrella"}, r.Overlaps)
	require.Equal(t, []string{"AlsoGold", "Nobody"}, r.Empty, "AlsoGold's tenants all went to Gold: it deploys nothing")
	require.Equal(t, []string{"Initech"}, r.Unassigned)
	require.Equal(t, []string{"Acme", "Umbrella"}, r.Rings[0].Members)
	require.Empty(t, r.Rings[1].Members)
}

// TestCompile_ProjectsWithoutEnvironments: a model of tags and tenants may have projects and no
// environments; an explicit empty lifecycle there is still an error.
func TestCompile_ProjectsWithoutEnvironments(t *testing.T) {
	s, err := plan.Load([]byte(`{"projects":[{"name":"P","tenancy":"Tenanted"}],"releases":[{"project":"P","version":"1.0.0"}]}`))
	require.NoError(t, err)
	q, err := s.Automatic(plan.AutomaticRequest{Project: "P", Release: "1.0.0"})
	require.NoError(t, err)
	require.Empty(t, q)
	r, err := s.Rollout(plan.RolloutRequest{Project: "P", Release: "1.0.0", Rings: []plan.Ring{{Name: "All", Expression: "true"}}})
	require.NoError(t, err)
	require.Empty(t, r.Waves)
	_, err = plan.Load([]byte(`{"lifecycles":[{"name":"Empty"}]}`))
	require.Error(t, err)
	require.Equal(t, plan.CodeInvalidValue, plan.CodeOf(err.(plan.ValidationErrors)[0]))
}
