package tenant_test

import (
	"fmt"

	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

// Index tenants by tag and select them with an Octopus filter and with an expression.
func ExampleSet_SelectFilter() {
	importance, _ := tags.NewTagSet("Importance", tags.MultiSelect, []string{"VIP", "Standard"})
	ring, _ := tags.NewTagSet("Ring", tags.MultiSelect, []string{"Alpha", "Beta", "Stable"})
	ts := []tenant.Tenant{
		tenant.New(tenant.Config{Name: "Capital Animal Hospital"}),
		tenant.New(tenant.Config{Name: "T2", Tags: []string{"Importance/VIP", "Ring/Stable"}}),
		tenant.New(tenant.Config{Name: "T1", Tags: []string{"Importance/VIP", "Ring/Alpha"}}),
		tenant.New(tenant.Config{Name: "T3", Tags: []string{"Importance/Standard", "Ring/Beta"}}),
	}
	cat, err := tags.NewCatalog([]tags.TagSet{importance, ring}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := tenant.NewSet(cat, ts)
	if err != nil {
		fmt.Println(err)
		return
	}
	sel, err := set.SelectFilter(tags.NewFilter([]string{"Capital Animal Hospital"},
		[]string{"Importance/VIP", "Ring/Alpha", "Ring/Beta"}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sel.Names())

	sel, err = set.SelectExpr(tags.MustParseExpr(`Ring/* and not Importance/VIP`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sel.Names())
	// Output:
	// [Capital Animal Hospital T1]
	// [T3]
}

// NewSet reports every problem at once, with the tenant and the tag.
func ExampleNewSet() {
	ring, _ := tags.NewTagSet("Upgrade ring", tags.SingleSelect, []string{"Tester", "Stable"})
	ts := []tenant.Tenant{
		tenant.New(tenant.Config{Name: "Acme", Tags: []string{"Upgrade ring/Tester", "Upgrade ring/Stable"}}),
		tenant.New(tenant.Config{Name: "Initech", Tags: []string{"Upgrade ring/Testr", "Colour/Red"}}),
	}
	_, err := tenant.NewSet(tags.MustNewCatalog([]tags.TagSet{ring}, nil), ts)
	fmt.Println(err)
	// Output:
	// tenant "Acme", tag "Upgrade ring/Stable": more than one tag of a single-select or free-text tag set [single-select]
	// tenant "Initech", tag "Upgrade ring/Testr": unknown tag; did you mean "Upgrade ring/Tester"? [unknown-tag]
	// tenant "Initech", tag "Colour/Red": unknown tag set [unknown-tag-set]
}

// A Builder builds the tenants of a big list in a few shared arrays; each tenant is still its own
// immutable copy.
func ExampleBuilder() {
	var b tenant.Builder
	var ts []tenant.Tenant
	for i := range 3 {
		ts = append(ts, b.New(tenant.Config{Name: fmt.Sprintf("T%d", i+1), Tags: []string{"Tier/Gold"},
			Projects: map[string][]string{"Web": {"Prod"}, "Api": {"Dev", "Prod"}}}))
	}
	fmt.Println(ts[2].Name(), ts[2].Projects(), ts[2].Environments("Api"))
	// Output:
	// T3 [Api Web] [Dev Prod]
}
