package guide_test

import (
	"fmt"
	"log"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Your first multi-tenant project: a project's tenanted-deployment mode says who it deploys for. An
// Untenanted project (the default) never deploys for a tenant (untenanted-project), a Tenanted one
// only for tenants (tenanted-project), and a TenantedOrUntenanted one for both, which is how an
// existing project is moved to tenants step by step.
func Example_multiTenantProject() {
	modes := []string{"Untenanted", "TenantedOrUntenanted", "Tenanted"}
	for _, mode := range modes {
		f := &model.File{
			Environments: []string{"Production"},
			Projects:     []model.Project{{Name: "Portal", Tenancy: mode}},
			Releases:     []model.Release{{Project: "Portal", Version: "2.3.0"}},
		}
		if mode != "Untenanted" {
			// Connecting a tenant to an Untenanted project is itself a validation error.
			f.Tenants = []model.Tenant{{Name: "Acme", Projects: map[string][]string{"Portal": {"Production"}}}}
		} else {
			f.Tenants = []model.Tenant{{Name: "Acme"}}
		}
		s, err := plan.Compile(f)
		if err != nil {
			log.Fatal(err)
		}
		p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "2.3.0", Environment: "Production",
			Tenants: []string{"Acme"}, Untenanted: true})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(mode + ":")
		printPlan(p)
	}

	// The mistake of connecting a tenant to an Untenanted project is caught when the model is built.
	_, err := plan.Compile(&model.File{
		Environments: []string{"Production"},
		Projects:     []model.Project{{Name: "Portal"}},
		Tenants:      []model.Tenant{{Name: "Acme", Projects: map[string][]string{"Portal": {"Production"}}}},
	})
	fmt.Println(plan.CodeOf(err))
	// Output:
	// Untenanted:
	// deploy   (untenanted)
	// rejected Acme: untenanted-project, not-connected
	// TenantedOrUntenanted:
	// deploy   (untenanted)
	// deploy   Acme
	// Tenanted:
	// deploy   Acme
	// rejected (untenanted): tenanted-project
	// untenanted-connection
}
