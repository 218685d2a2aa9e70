package guide_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Hosting models: a tenant can have dedicated servers (a target whose tenant filter names it) or
// share a farm with others (a target whose filter is a tag). A target takes part in tenanted
// deployments only when its participation says so, and then only for the tenants its filter
// matches; a TenantedOrUntenanted target serves untenanted deployments too. A tenant that no target
// serves cannot be deployed (no-targets).
func Example_hostingModels() {
	s, err := plan.Compile(&model.File{
		Environments: []string{"Production"},
		TagSets:      []model.TagSet{{Name: "Hosting", Tags: []string{"Shared farm 1", "Dedicated"}}},
		Projects: []model.Project{{Name: "Portal", Tenancy: "TenantedOrUntenanted",
			TargetRoles: []string{"web"}}},
		Tenants: []model.Tenant{
			{Name: "Acme", Tags: []string{"Hosting/Dedicated"}, Projects: map[string][]string{"Portal": {"Production"}}},
			{Name: "Bluebird", Tags: []string{"Hosting/Shared farm 1"}, Projects: map[string][]string{"Portal": {"Production"}}},
			{Name: "Capital", Tags: []string{"Hosting/Shared farm 1"}, Projects: map[string][]string{"Portal": {"Production"}}},
			{Name: "Globex", Tags: []string{"Hosting/Dedicated"}, Projects: map[string][]string{"Portal": {"Production"}}},
		},
		Targets: []model.Target{
			{Name: "acme-web-01", Environments: []string{"Production"}, Roles: []string{"web"},
				Tenancy: "Tenanted", Tenants: []string{"Acme"}},
			{Name: "farm1-web-01", Environments: []string{"Production"}, Roles: []string{"web"},
				Tenancy: "Tenanted", TenantTags: []string{"Hosting/Shared farm 1"}},
			{Name: "farm1-web-02", Environments: []string{"Production"}, Roles: []string{"web"},
				Tenancy: "TenantedOrUntenanted", TenantTags: []string{"Hosting/Shared farm 1"}},
			{Name: "legacy-web-01", Environments: []string{"Production"}, Roles: []string{"web"}},
		},
		Releases: []model.Release{{Project: "Portal", Version: "1.0.0"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range []string{"", "Acme", "Bluebird", "Globex"} {
		targets, err := s.Targets(plan.TargetsRequest{Project: "Portal", Environment: "Production", Tenant: t})
		if err != nil {
			log.Fatal(err)
		}
		if t == "" {
			t = "(untenanted)"
		}
		if len(targets) == 0 {
			targets = []string{"none"}
		}
		fmt.Printf("%-13s %s\n", t+":", strings.Join(targets, ", "))
	}
	p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "1.0.0", Environment: "Production", All: true})
	if err != nil {
		log.Fatal(err)
	}
	printPlan(p)
	// Output:
	// (untenanted): farm1-web-02, legacy-web-01
	// Acme:         acme-web-01
	// Bluebird:     farm1-web-01, farm1-web-02
	// Globex:       none
	// deploy   Acme on acme-web-01
	// deploy   Bluebird on farm1-web-01, farm1-web-02
	// deploy   Capital on farm1-web-01, farm1-web-02
	// skipped  Globex: no-targets
}
