package plan_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

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

// canView is an independent reading of §7.2: some view grant covers the project (no projects =
// all) and the tenant (no tenants and no tags = all; else named UNION tagged).
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

// TestProperty_PrincipalsNeverSeeHiddenTenants_Semantics7_2: for generated models, principals and
// requests, no plan output and no error names a tenant the principal cannot view, unless the
// request itself named it.
func TestProperty_PrincipalsNeverSeeHiddenTenants_Semantics7_2(t *testing.T) {
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

// TestProperty_SecretsNeverLeak_Semantics6_10: for generated models with sensitive values of at
// least 4 characters, no plan JSON, matrix, explanation, error or fmt rendering contains them.
func TestProperty_SecretsNeverLeak_Semantics6_10(t *testing.T) {
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
		var outs []string
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
