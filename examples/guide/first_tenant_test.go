package guide_test

import (
	"fmt"
	"log"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Your first tenant: a tenant is a customer of your product. It is connected to a project in the
// environments where that customer runs it; a deployment for the tenant to any other environment is
// refused with the reason not-connected, and a tenant that is disabled is never deployed. The
// lifecycle here is one phase holding both environments, so that the order of deployments does not
// matter yet.
func Example_firstTenant() {
	s, err := plan.Compile(&model.File{
		Environments: []string{"Test", "Production"},
		Lifecycles: []model.Lifecycle{{Name: "Any order", Phases: []model.Phase{
			{Name: "Release", Manual: []string{"Test", "Production"}}}}},
		Projects: []model.Project{{Name: "Vet Clinic", Tenancy: "Tenanted", Lifecycle: "Any order"}},
		Tenants: []model.Tenant{
			{Name: "Capital Animal Hospital", Description: "Our first customer",
				Projects: map[string][]string{"Vet Clinic": {"Production"}}},
			{Name: "Midland Veterinary", Disabled: true,
				Projects: map[string][]string{"Vet Clinic": {"Production"}}},
		},
		Releases: []model.Release{{Project: "Vet Clinic", Version: "1.0.0"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, env := range []string{"Test", "Production"} {
		p, err := s.Deploy(plan.DeployRequest{Project: "Vet Clinic", Release: "1.0.0", Environment: env,
			Tenants: []string{"Capital Animal Hospital", "Midland Veterinary"}})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(env + ":")
		printPlan(p)
	}
	// Output:
	// Test:
	// rejected Capital Animal Hospital: not-connected
	// rejected Midland Veterinary: disabled, not-connected
	// Production:
	// deploy   Capital Animal Hospital
	// rejected Midland Veterinary: disabled
}
