package guide_test

import (
	"fmt"
	"log"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Tenant-specific variables: a project template asks every tenant for a value per environment, a
// library's common template asks once per tenant, and a template default fills the gaps. A tenant
// without a required value cannot be deployed (missing-variables). Sensitive values are masked in
// every output, and so is every value that binds one.
func Example_tenantVariables() {
	s, err := plan.Compile(&model.File{
		Environments: []string{"Test", "Production"},
		Libraries: []model.Library{{Name: "Standard tenant details",
			Templates: []model.Template{{Name: "Tenant.Alias", Label: "Alias"}}}},
		Projects: []model.Project{{
			Name: "Mojo", Tenancy: "Tenanted", Libraries: []string{"Standard tenant details"},
			Templates: []model.Template{
				{Name: "Tenant.Database.Password", Sensitive: true},
				{Name: "Tenant.Domain.Name", Default: value("#{Tenant.Alias}.mojo.example")},
			},
			Variables: []model.Variable{
				{Name: "HostURL", Value: "https://#{Tenant.Domain.Name}"},
				{Name: "ConnectionString", Value: "Server=db;Password=#{Tenant.Database.Password}"},
			},
		}},
		Tenants: []model.Tenant{
			{Name: "Acme", Projects: map[string][]string{"Mojo": {"Test", "Production"}},
				CommonValues: map[string][]model.TenantValue{"Standard tenant details": {
					{Template: "Tenant.Alias", Value: value("acme")}}},
				ProjectValues: map[string][]model.TenantValue{"Mojo": {
					{Template: "Tenant.Database.Password", Value: value("pw-for-production"), Environments: []string{"Production"}},
					{Template: "Tenant.Database.Password", Value: value("pw-for-test")},
					{Template: "Tenant.Domain.Name", Value: value("www.acme.example"), Environments: []string{"Production"}},
				}}},
			{Name: "Globex", Projects: map[string][]string{"Mojo": {"Test", "Production"}},
				CommonValues: map[string][]model.TenantValue{"Standard tenant details": {
					{Template: "Tenant.Alias", Value: value("globex")}}}},
		},
		Releases: []model.Release{{Project: "Mojo", Version: "1.0.0"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, env := range []string{"Test", "Production"} {
		res, err := s.Variables(plan.VariablesRequest{Project: "Mojo", Environment: env, Tenant: "Acme"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("Acme in %s:\n", env)
		for _, n := range []string{"HostURL", "ConnectionString", "Tenant.Database.Password"} {
			v, _ := res.Get(n)
			fmt.Printf("  %-25s %v\n", n, v)
		}
	}
	p, err := s.Deploy(plan.DeployRequest{Project: "Mojo", Release: "1.0.0", Environment: "Test", All: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Deploy 1.0.0 to Test for all tenants:")
	printPlan(p)
	for _, c := range p.Skipped {
		fmt.Printf("%s: %s\n", c.Tenant, c.Reasons[0].Message)
	}
	// Output:
	// Acme in Test:
	//   HostURL                   https://acme.mojo.example
	//   ConnectionString          ********
	//   Tenant.Database.Password  ********
	// Acme in Production:
	//   HostURL                   https://www.acme.example
	//   ConnectionString          ********
	//   Tenant.Database.Password  ********
	// Deploy 1.0.0 to Test for all tenants:
	// deploy   Acme
	// skipped  Globex: missing-variables
	// Globex: no value for Tenant.Database.Password
}
