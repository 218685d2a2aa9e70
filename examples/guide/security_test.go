package guide_test

import (
	"fmt"
	"log"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Roles and security: a team can be scoped to tenants, projects and environments. A customer's
// self-service team here may view its own tenant and deploy it to Production only. When a plan is
// made on behalf of a principal, the tenants it cannot view are left out entirely (no name, no
// reason, no count), and the cells it may not deploy are forbidden.
func Example_security() {
	connected := map[string][]string{"Portal": {"Test", "Production"}}
	s, err := plan.Compile(&model.File{
		Environments: []string{"Test", "Production"},
		Lifecycles:   []model.Lifecycle{{Name: "Any order", Phases: []model.Phase{{Name: "All", Manual: []string{"Test", "Production"}}}}},
		Projects:     []model.Project{{Name: "Portal", Tenancy: "Tenanted", Lifecycle: "Any order"}},
		Tenants: []model.Tenant{
			{Name: "Acme", Projects: connected},
			{Name: "Globex", Projects: connected},
		},
		Releases: []model.Release{{Project: "Portal", Version: "1.2.0"}},
		Principals: []model.Principal{
			{Name: "release-managers", Grants: []model.Grant{{Action: "view"}, {Action: "deploy"}}},
			{Name: "acme-self-service", Grants: []model.Grant{
				{Action: "view", Tenants: []string{"Acme"}},
				{Action: "deploy", Projects: []string{"Portal"}, Environments: []string{"Production"}, Tenants: []string{"Acme"}},
			}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, who := range []string{"release-managers", "acme-self-service"} {
		for _, env := range []string{"Test", "Production"} {
			p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: env,
				All: true, Principal: who})
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%s, %s:\n", who, env)
			printPlan(p)
		}
	}
	// Naming a tenant the principal cannot view is the same error as naming one that does not exist.
	_, err = s.Deploy(plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: "Production",
		Tenants: []string{"Globex"}, Principal: "acme-self-service"})
	fmt.Println(plan.CodeOf(err))
	// Output:
	// release-managers, Test:
	// deploy   Acme
	// deploy   Globex
	// release-managers, Production:
	// deploy   Acme
	// deploy   Globex
	// acme-self-service, Test:
	// skipped  Acme: forbidden
	// acme-self-service, Production:
	// deploy   Acme
	// unknown-tenant
}
