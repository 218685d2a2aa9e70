package guide_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// The upgrade process with rings: an "Upgrade ring" tag set sorts tenants into testers, early
// adopters, the stable majority and the pinned ones who upgrade only when asked. A Beta channel
// restricted to the Tester ring keeps pre-releases away from customers (channel-mismatch),
// and a rollout plan takes a release through the rings in order, in waves of bounded size,
// with a soak time between rings; tenants in no ring are reported, never silently deployed.
func Example_upgradeRings() {
	ring := func(r string) []string { return []string{"Upgrade ring/" + r} }
	connected := map[string][]string{"Portal": {"Test", "Production"}}
	s, err := plan.Compile(&model.File{
		Environments: []string{"Test", "Production"},
		TagSets: []model.TagSet{{Name: "Upgrade ring", Type: "SingleSelect",
			Tags: []string{"Tester", "Early adopter", "Stable", "Pinned"}}},
		Projects: []model.Project{{Name: "Portal", Tenancy: "Tenanted", Channels: []model.Channel{
			{Name: "Default", Default: true, PreRelease: "^$"},
			{Name: "Beta", PreRelease: "^beta", TenantTags: ring("Tester")},
		}}},
		Tenants: []model.Tenant{
			{Name: "QA", Tags: ring("Tester"), Projects: connected},
			{Name: "Acme", Tags: ring("Early adopter"), Projects: connected},
			{Name: "Bluebird", Tags: ring("Early adopter"), Projects: connected},
			{Name: "Capital", Tags: ring("Stable"), Projects: connected},
			{Name: "Delta", Tags: ring("Stable"), Projects: connected},
			{Name: "Evergreen", Tags: ring("Stable"), Projects: connected},
			{Name: "Initech", Tags: ring("Pinned"), Projects: connected},
		},
		Releases: []model.Release{
			{Project: "Portal", Version: "2.0.0"},
			{Project: "Portal", Version: "2.1.0-beta.1"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}

	beta, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "2.1.0-beta.1", Environment: "Test",
		Tenants: []string{"QA", "Acme"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Beta 2.1.0-beta.1 to Test:")
	printPlan(beta)

	r, err := s.Rollout(plan.RolloutRequest{
		Project: "Portal", Release: "2.0.0", Order: plan.ByRing,
		Rings: []plan.Ring{
			{Name: "Testers", Tags: ring("Tester")},
			{Name: "Early adopters", Tags: ring("Early adopter"), Soak: plan.Duration(24 * time.Hour)},
			{Name: "Stable", Tags: ring("Stable"), MaxParallel: 2, Soak: plan.Duration(72 * time.Hour)},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Rollout of 2.0.0:")
	for _, w := range r.Waves {
		gate := "at once"
		if w.Gate.After >= 0 {
			gate = fmt.Sprintf("after wave %d", w.Gate.After+1)
			if w.Gate.Soak > 0 {
				gate += fmt.Sprintf(" + %v soak", w.Gate.Soak)
			}
		}
		fmt.Printf("  wave %d  %-10s %-14s %-28s %s\n", w.Index+1, w.Environment, w.Ring, gate, strings.Join(w.Tenants, ", "))
	}
	fmt.Println("In no ring:", strings.Join(r.Unassigned, ", "))
	// Output:
	// Beta 2.1.0-beta.1 to Test:
	// deploy   QA
	// rejected Acme: channel-mismatch
	// Rollout of 2.0.0:
	//   wave 1  Test       Testers        at once                      QA
	//   wave 2  Production Testers        after wave 1                 QA
	//   wave 3  Test       Early adopters after wave 2                 Acme, Bluebird
	//   wave 4  Production Early adopters after wave 3 + 24h0m0s soak  Acme, Bluebird
	//   wave 5  Test       Stable         after wave 4 + 24h0m0s soak  Capital, Delta
	//   wave 6  Test       Stable         after wave 5 + 72h0m0s soak  Evergreen
	//   wave 7  Production Stable         after wave 6 + 72h0m0s soak  Capital, Delta
	//   wave 8  Production Stable         after wave 7 + 72h0m0s soak  Evergreen
	// In no ring: Initech
}
