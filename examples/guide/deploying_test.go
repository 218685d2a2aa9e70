package guide_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Deploying: each tenant is promoted through the lifecycle on its own. The Vet Clinic keeps an
// internal tenant in Development and Test; its customers are connected to Staging and Production
// only. A phase a tenant is not connected to is complete when anyone has deployed there, and the
// optional Staging phase never holds Production back. The matrix shows, after each deployment,
// where release 1.0.0 can go for each tenant.
func Example_deploying() {
	f := &model.File{
		Environments: []string{"Development", "Test", "Staging", "Production"},
		Lifecycles: []model.Lifecycle{{Name: "SaaS", Phases: []model.Phase{
			{Name: "Development", Manual: []string{"Development"}},
			{Name: "Test", Manual: []string{"Test"}},
			{Name: "Staging", Manual: []string{"Staging"}, Optional: true},
			{Name: "Production", Manual: []string{"Production"}},
		}}},
		Projects: []model.Project{{Name: "Vet Clinic", Tenancy: "Tenanted", Lifecycle: "SaaS"}},
		Tenants: []model.Tenant{
			{Name: "VetClinic Internal", Projects: map[string][]string{"Vet Clinic": {"Development", "Test"}}},
			{Name: "Capital Animal Hospital", Projects: map[string][]string{"Vet Clinic": {"Staging", "Production"}}},
			{Name: "Companion Care Vets", Projects: map[string][]string{"Vet Clinic": {"Staging", "Production"}}},
		},
		Releases: []model.Release{{Project: "Vet Clinic", Version: "1.0.0"}},
	}
	show := func(title string) {
		s, err := plan.Compile(f)
		if err != nil {
			log.Fatal(err)
		}
		m, err := s.Matrix(plan.MatrixRequest{Project: "Vet Clinic", Release: "1.0.0"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(title)
		for _, row := range m.Rows {
			var can []string
			for _, c := range row.Cells {
				if c.Deployable {
					can = append(can, c.Environment)
				}
			}
			if len(can) == 0 {
				can = []string{"nothing yet"}
			}
			fmt.Printf("  %-24s can deploy to: %s\n", row.Tenant, strings.Join(can, ", "))
		}
	}
	deployed := func(tenant, env, at string) {
		f.Deployments = append(f.Deployments, model.Deployment{Project: "Vet Clinic", Release: "1.0.0",
			Environment: env, Tenant: tenant, Outcome: "Success", At: at})
	}

	show("New release 1.0.0:")
	deployed("VetClinic Internal", "Development", "2026-03-02T09:00:00Z")
	show("After the internal tenant's Development deployment:")
	deployed("VetClinic Internal", "Test", "2026-03-03T09:00:00Z")
	show("After its Test deployment, the customers may go straight to Production:")
	// Output:
	// New release 1.0.0:
	//   Capital Animal Hospital  can deploy to: nothing yet
	//   Companion Care Vets      can deploy to: nothing yet
	//   VetClinic Internal       can deploy to: Development
	// After the internal tenant's Development deployment:
	//   Capital Animal Hospital  can deploy to: nothing yet
	//   Companion Care Vets      can deploy to: nothing yet
	//   VetClinic Internal       can deploy to: Development, Test
	// After its Test deployment, the customers may go straight to Production:
	//   Capital Animal Hospital  can deploy to: Staging, Production
	//   Companion Care Vets      can deploy to: Staging, Production
	//   VetClinic Internal       can deploy to: Development, Test
}
