package plan_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// render collects every output a user can see of a plan: JSON and the fmt verbs.
func render(v any) []string {
	js, _ := json.Marshal(v)
	return []string{string(js), fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v)}
}

// canView is an independent reading of view grants: some view grant covers the project (no projects
// = all) and the tenant (no tenants and no tags = all; else named UNION tagged).
func canView(p model.Principal, project string, t model.Tenant) bool {
	for _, g := range p.Grants {
		if g.Action != "view" || (len(g.Projects) > 0 && !slices.Contains(g.Projects, project)) {
			continue
		}
		if len(g.Tenants) == 0 && len(g.TenantTags) == 0 {
			return true
		}
		if slices.Contains(g.Tenants, t.Name) || (len(g.TenantTags) > 0 && plantest.MatchFilterTags(g.TenantTags, t.Tags)) {
			return true
		}
	}
	return false
}

// TestProperty_PrincipalsNeverSeeHiddenTenants: for generated models, principals and
// requests, no plan output and no error names a tenant the principal cannot view, unless the
// request itself named it.
func TestProperty_PrincipalsNeverSeeHiddenTenants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Principals: 3}).Draw(t, "model")
		if len(f.Principals) == 0 {
			t.Skip("no principal")
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("generated model is invalid: %v", err)
		}
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		if req.Principal == "" {
			req.Principal = rapid.SampledFrom(f.Principals).Draw(t, "principal").Name
		}
		var pr model.Principal
		for _, p := range f.Principals {
			if p.Name == req.Principal {
				pr = p
			}
		}
		asked := strings.Join(req.Tenants, "\x00") + "\x00" + req.Expression
		var hidden []string
		for _, tn := range f.Tenants {
			if !canView(pr, req.Project, tn) && !strings.Contains(asked, tn.Name) {
				hidden = append(hidden, tn.Name)
			}
		}
		var outs []string
		p, err := s.Deploy(req)
		if err != nil {
			outs = append(outs, err.Error())
		} else {
			js, _ := p.JSON()
			outs = append(outs, string(js))
			outs = append(outs, render(p)...)
			outs = append(outs, plan.Diff(nil, p.Cells()).Text())
		}
		m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, Principal: req.Principal, At: req.At})
		if err != nil {
			t.Fatalf("matrix: %v", err)
		}
		js, _ := m.JSON()
		outs = append(outs, string(js))
		for _, out := range outs {
			for _, h := range hidden {
				if strings.Contains(out, fmt.Sprintf("%q", h)) {
					t.Fatalf("principal %q cannot view %q, but an output names it:\n%s", req.Principal, h, out)
				}
			}
		}
	})
}

// TestProperty_SecretsNeverLeak: for generated models with sensitive values of at
// least 4 characters, no plan JSON, matrix, explanation, error or fmt rendering contains them.
func TestProperty_SecretsNeverLeak(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
		var secrets []string
		secret := func(label string) string {
			v := "sk" + rapid.StringMatching(`[A-Za-z0-9]{4,10}`).Draw(t, label)
			secrets = append(secrets, v)
			return v
		}
		for i := range f.Projects {
			p := &f.Projects[i]
			p.Variables = append(p.Variables,
				model.Variable{Name: "Secret.ApiKey", Value: secret("apiKey"), Sensitive: true},
				model.Variable{Name: "Endpoint", Value: "https://api.example/?key=#{Secret.ApiKey}"})
			if !slices.ContainsFunc(p.Templates, func(tp model.Template) bool { return tp.Name == "Tenant.Password" }) {
				continue
			}
			for k := range f.Tenants {
				tn := &f.Tenants[k]
				if len(tn.Projects[p.Name]) == 0 || len(tn.ProjectValues[p.Name]) > 0 {
					continue
				}
				if tn.ProjectValues == nil {
					tn.ProjectValues = map[string][]model.TenantValue{}
				}
				v := secret("password")
				tn.ProjectValues[p.Name] = []model.TenantValue{{Template: "Tenant.Password", Value: &v}}
			}
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model is invalid: %v", err)
		}
		req := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "request")
		outs := render(s)
		if p, err := s.Deploy(req); err == nil {
			outs = append(outs, render(p)...)
		} else {
			outs = append(outs, err.Error())
		}
		if m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release}); err == nil {
			outs = append(outs, render(m)...)
		}
		tenants := []string{""}
		for _, tn := range f.Tenants {
			tenants = append(tenants, tn.Name)
		}
		tn := rapid.SampledFrom(tenants).Draw(t, "tenant")
		ex, err := s.Explain(plan.ExplainRequest{Project: req.Project, Release: req.Release, Environment: req.Environment,
			Tenant: tn, Variables: true})
		if err == nil {
			outs = append(outs, ex.Text())
			outs = append(outs, render(ex)...)
		} else {
			outs = append(outs, err.Error())
		}
		res, err := s.Variables(plan.VariablesRequest{Project: req.Project, Environment: req.Environment, Tenant: tn, Release: req.Release})
		if err == nil {
			outs = append(outs, render(res)...)
			for _, n := range res.Names() {
				v, _ := res.Get(n)
				outs = append(outs, render(v)...)
				if e, ok := res.Explain(n); ok {
					outs = append(outs, e.String())
					outs = append(outs, render(e)...)
				}
			}
			for _, c := range res.Conflicts() {
				outs = append(outs, render(c)...)
			}
		} else {
			outs = append(outs, err.Error())
		}
		for _, out := range outs {
			for _, sec := range secrets {
				if strings.Contains(out, sec) {
					t.Fatalf("sensitive value %q leaks into:\n%s", sec, out)
				}
			}
		}
	})
}

// TestProperty_PrincipalsNeverSeeHiddenTenantsInVariables: with variables scoped to single
// tenants (each holding a marker of its tenant), a principal's explanation of a cell it can view,
// and the Resolution it gets from Variables, show neither the marker nor the name of a tenant it
// cannot view: not in a candidate's scope, not in a value, not in any rendering.
func TestProperty_PrincipalsNeverSeeHiddenTenantsInVariables(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Principals: 3}).Draw(t, "model")
		if len(f.Tenants) < 2 {
			t.Skip("too few tenants")
		}
		// A principal that views some of the tenants by name, besides the generated ones.
		var seen []string
		for _, tn := range f.Tenants {
			if rapid.Bool().Draw(t, "sees "+tn.Name) {
				seen = append(seen, tn.Name)
			}
		}
		if len(seen) > 0 {
			f.Principals = append(f.Principals, model.Principal{Name: "probe", Grants: []model.Grant{{Action: "view", Tenants: seen}}})
		}
		if len(f.Principals) == 0 {
			t.Skip("no principal")
		}
		marker := func(k int) string { return fmt.Sprintf("tenant-marker-%d-end", k) }
		for i := range f.Projects {
			p := &f.Projects[i]
			for k, tn := range f.Tenants {
				p.Variables = append(p.Variables, model.Variable{Name: "Endpoint", Value: "https://" + marker(k),
					Scope: &model.Scope{Tenants: []string{tn.Name}}})
			}
			// One variable scoped to every tenant at once: it applies, but lists hidden tenants too.
			var all []string
			for _, tn := range f.Tenants {
				all = append(all, tn.Name)
			}
			p.Variables = append(p.Variables, model.Variable{Name: "Shared", Value: "shared", Scope: &model.Scope{Tenants: all}})
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model is invalid: %v", err)
		}
		pr := rapid.SampledFrom(f.Principals).Draw(t, "principal")
		req := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "request")
		var visible, hidden []int
		for k, tn := range f.Tenants {
			if canView(pr, req.Project, tn) {
				visible = append(visible, k)
			} else {
				hidden = append(hidden, k)
			}
		}
		if len(visible) == 0 || len(hidden) == 0 {
			t.Skip("the principal sees all tenants or none")
		}
		k := rapid.SampledFrom(visible).Draw(t, "tenant")
		tn := f.Tenants[k].Name
		var outs []string
		var scopes [][]string
		ex, err := s.Explain(plan.ExplainRequest{Project: req.Project, Release: req.Release, Environment: req.Environment,
			Tenant: tn, Variables: true, Principal: pr.Name})
		if err != nil {
			t.Fatalf("explain of a visible tenant: %v", err)
		}
		outs = append(outs, ex.Text())
		outs = append(outs, render(ex)...)
		for _, v := range ex.Variables {
			scopes = append(scopes, v.Winner.Scope.Tenants)
			for _, b := range v.Beaten {
				scopes = append(scopes, b.Candidate.Scope.Tenants)
			}
		}
		res, err := s.Variables(plan.VariablesRequest{Project: req.Project, Environment: req.Environment, Tenant: tn,
			Release: req.Release, Principal: pr.Name})
		if err != nil {
			t.Fatalf("variables of a visible tenant: %v", err)
		}
		for _, n := range res.Names() {
			if e, ok := res.Explain(n); ok {
				outs = append(outs, render(e)...)
			}
		}
		for _, c := range res.Conflicts() {
			outs = append(outs, render(c)...)
			for _, cd := range c.Candidates {
				scopes = append(scopes, cd.Scope.Tenants)
			}
		}
		for _, h := range hidden {
			name := f.Tenants[h].Name
			for _, sc := range scopes {
				if slices.Contains(sc, name) {
					t.Fatalf("principal %q cannot view %q, but a candidate's scope names it: %q", pr.Name, name, sc)
				}
			}
			for _, out := range outs {
				if strings.Contains(out, marker(h)) || strings.Contains(out, fmt.Sprintf("%q", name)) {
					t.Fatalf("principal %q cannot view %q, but its value shows:\n%s", pr.Name, name, out)
				}
			}
		}
		// A hidden tenant is unknown to Variables and Explain, exactly like a missing one.
		h := f.Tenants[rapid.SampledFrom(hidden).Draw(t, "hidden")].Name
		_, err = s.Variables(plan.VariablesRequest{Project: req.Project, Environment: req.Environment, Tenant: h, Principal: pr.Name})
		if plan.CodeOf(err) != plan.CodeUnknownTenant {
			t.Fatalf("variables of hidden tenant %q: %v, want unknown tenant", h, err)
		}
	})
}

// TestSpace_FormatNeverPrintsValues: fmt walks unexported fields, so a Space that held tenant
// values would print them; every verb prints a summary instead.
func TestSpace_FormatNeverPrintsValues(t *testing.T) {
	const secret = "hunter2-acme-plaintext"
	f := &model.File{
		Environments: []string{"Dev"},
		Projects: []model.Project{{Name: "Web", Tenancy: "Tenanted",
			Templates: []model.Template{{Name: "Tenant.Password", Sensitive: true}, {Name: "Tenant.Note"}},
			Variables: []model.Variable{{Name: "Key", Value: secret + "-var", Sensitive: true}}}},
		Tenants: []model.Tenant{{Name: "Acme", Projects: map[string][]string{"Web": {"Dev"}},
			ProjectValues: map[string][]model.TenantValue{"Web": {
				{Template: "Tenant.Password", Value: ptr(secret)}, {Template: "Tenant.Note", Value: ptr(secret + "-note")}}}}},
	}
	s, err := plan.Compile(f)
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, v := range []any{s, *s} {
			out := fmt.Sprintf(verb, v)
			require.NotContains(t, out, secret, "verb %s", verb)
			require.NotContains(t, out, fmt.Sprintf("%x", secret), "verb %s", verb)
			require.NotContains(t, strings.ToLower(out), fmt.Sprintf("%x", secret), "verb %s", verb)
		}
	}
	require.Equal(t, "plan.Space{environments: 1, tenants: 1, projects: 1, targets: 0, principals: 0}", fmt.Sprint(s))
}

func ptr[T any](v T) *T { return &v }

// TestProperty_SuggestionsNeverNameHiddenTenants: a principal who misspells a tenant it cannot
// view (here: its name with one letter more) gets the error of an unknown tenant, and no "did
// you mean" names the hidden tenant, whichever request it makes.
func TestProperty_SuggestionsNeverNameHiddenTenants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Principals: 3}).Draw(t, "model")
		if len(f.Tenants) < 2 {
			t.Skip("too few tenants")
		}
		seen := f.Tenants[0].Name
		f.Principals = append(f.Principals, model.Principal{Name: "probe", Grants: []model.Grant{{Action: "view", Tenants: []string{seen}}}})
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model is invalid: %v", err)
		}
		req := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "request")
		h := rapid.SampledFrom(f.Tenants[1:]).Draw(t, "hidden").Name
		typo := h + rapid.SampledFrom([]string{"x", "s", "e"}).Draw(t, "typo")
		var errs []error
		_, err = s.Deploy(plan.DeployRequest{Project: req.Project, Release: req.Release, Environment: req.Environment,
			Tenants: []string{typo}, Principal: "probe"})
		errs = append(errs, err)
		_, err = s.Deploy(plan.DeployRequest{Project: req.Project, Release: req.Release, Environment: req.Environment,
			Expression: fmt.Sprintf("tenant(%q)", typo), Principal: "probe"})
		errs = append(errs, err)
		_, err = s.Explain(plan.ExplainRequest{Project: req.Project, Release: req.Release, Environment: req.Environment,
			Tenant: typo, Principal: "probe"})
		errs = append(errs, err)
		_, err = s.Variables(plan.VariablesRequest{Project: req.Project, Environment: req.Environment, Tenant: typo, Principal: "probe"})
		errs = append(errs, err)
		for k, err := range errs {
			if plan.CodeOf(err) != plan.CodeUnknownTenant {
				t.Fatalf("request %d naming %q: %v, want an unknown tenant", k, typo, err)
			}
			if strings.Contains(err.Error(), fmt.Sprintf("%q", h)) {
				t.Fatalf("request %d: the error names hidden tenant %q: %v", k, h, err)
			}
		}
	})
}
