package guide_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Groups of tenants with tags: tags, grouped in tag sets, let you deploy to many tenants at once. A
// tenant filter ORs the tags of one tag set and ANDs the tag sets: here "Gold or Silver tier, in
// the EU". A tag expression says what a filter cannot, such as "every Gold tenant except the pinned
// ones".
func Example_tenantTags() {
	f := &model.File{
		Environments: []string{"Production"},
		TagSets: []model.TagSet{
			{Name: "Tier", Tags: []string{"Gold", "Silver", "Bronze"}},
			{Name: "Region", Tags: []string{"EU", "US"}},
			{Name: "Upgrade ring", Type: "SingleSelect", Tags: []string{"Early adopter", "Stable", "Pinned"}},
		},
		Projects: []model.Project{{Name: "Portal", Tenancy: "Tenanted"}},
		Tenants: []model.Tenant{
			{Name: "Acme", Tags: []string{"Tier/Gold", "Region/US", "Upgrade ring/Early adopter"}},
			{Name: "Bluebird", Tags: []string{"Tier/Gold", "Region/EU", "Upgrade ring/Pinned"}},
			{Name: "Capital", Tags: []string{"Tier/Silver", "Region/EU", "Upgrade ring/Stable"}},
			{Name: "Delta", Tags: []string{"Tier/Bronze", "Region/EU", "Upgrade ring/Stable"}},
			{Name: "Evergreen", Tags: []string{"Tier/Gold", "Region/EU", "Upgrade ring/Stable"}},
		},
		Releases: []model.Release{{Project: "Portal", Version: "3.1.0"}},
	}
	for i := range f.Tenants {
		f.Tenants[i].Projects = map[string][]string{"Portal": {"Production"}}
	}
	s, err := plan.Compile(f)
	if err != nil {
		log.Fatal(err)
	}
	selected := func(p *plan.DeployPlan) string {
		var names []string
		for _, c := range p.Cells() {
			names = append(names, c.Tenant)
		}
		return strings.Join(names, ", ")
	}
	filter := plan.DeployRequest{Project: "Portal", Release: "3.1.0", Environment: "Production",
		Tags: []string{"Tier/Gold", "Tier/Silver", "Region/EU"}}
	p, err := s.Deploy(filter)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Tier/Gold, Tier/Silver, Region/EU:", selected(p))

	expr := plan.DeployRequest{Project: "Portal", Release: "3.1.0", Environment: "Production",
		Expression: `Tier/Gold and not "Upgrade ring/Pinned"`}
	p, err = s.Deploy(expr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(`Tier/Gold and not "Upgrade ring/Pinned":`, selected(p))

	// A misspelt tag is an error with a suggestion, never a silent empty selection.
	_, err = s.Deploy(plan.DeployRequest{Project: "Portal", Release: "3.1.0", Environment: "Production",
		Tags: []string{"Tier/Gld"}})
	fmt.Println(plan.CodeOf(err))
	// Output:
	// Tier/Gold, Tier/Silver, Region/EU: Bluebird, Capital, Evergreen
	// Tier/Gold and not "Upgrade ring/Pinned": Acme, Evergreen
	// unknown-tag
}
