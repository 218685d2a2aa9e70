package octopus_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
)

var update = flag.Bool("update", false, "rewrite the fixture folders and golden files under testdata")

func sp(s string) *string { return &s }

// fixtureTenants are the 20 tenants of the fixture space: name, tier, upgrade ring, region,
// hosting, and the environments of Portal they are connected to.
var fixtureTenants = []struct {
	name, tier, ring, region, hosting string
	portal                            []string
	billing                           bool
}{
	{"Acme", "Gold", "Tester", "EU", "Dedicated", []string{"Dev", "Test", "Staging", "Production"}, true},
	{"Globex", "Gold", "Early adopter", "US", "Dedicated", []string{"Test", "Production"}, true},
	{"Initech", "Standard", "Stable", "US", "Shared", []string{"Test", "Production"}, true},
	{"Umbrella", "Standard", "Stable", "EU", "Shared", []string{"Staging", "Production"}, false},
	{"Hooli", "Free", "Early adopter", "US", "Shared", []string{"Dev", "Test", "Production"}, false},
	{"Stark Industries", "Gold", "Pinned", "US", "Dedicated", []string{"Production"}, true},
	{"Wayne Enterprises", "Gold", "Stable", "US", "Dedicated", []string{"Test", "Staging", "Production"}, true},
	{"Capital Animal Hospital", "Free", "Stable", "APAC", "Shared", []string{"Production"}, false},
	{"Vandelay", "Standard", "Tester", "EU", "Shared", []string{"Dev", "Test"}, false},
	{"Soylent", "Standard", "Stable", "APAC", "Hybrid", []string{"Test", "Production"}, true},
	{"Tyrell", "Gold", "Early adopter", "APAC", "Hybrid", []string{"Test", "Staging", "Production"}, true},
	{"Cyberdyne", "Standard", "Stable", "US", "Shared", []string{"Test", "Production"}, false},
	{"Duff", "Free", "Stable", "US", "Shared", []string{"Production"}, false},
	{"Oceanic", "Standard", "Pinned", "APAC", "Shared", []string{"Test", "Production"}, false},
	{"Wonka", "Gold", "Stable", "EU", "Dedicated", []string{"Test", "Production"}, true},
	{"Gringotts", "Gold", "Stable", "EU", "Dedicated", []string{}, true},
	{"Blue Sky", "Free", "Stable", "EU", "Shared", []string{"Test", "Production"}, false},
	{"Zeta", "Standard", "Tester", "EU", "Shared", []string{"Dev", "Test", "Staging", "Production"}, false},
	{"Ōkami KK", "Standard", "Stable", "APAC", "Hybrid", []string{"Test", "Production"}, false},
	{"Massive Dynamic", "Gold", "Early adopter", "US", "Dedicated", []string{"Test", "Staging", "Production"}, true},
}

// fixtureModel is the space the fixture folders hold (before the additions only Octopus can
// express, see fixtureExtras). Deployment times start on Monday 2026-03-02.
func fixtureModel() *model.File {
	f := &model.File{
		Environments: []string{"Dev", "Test", "Staging", "Production"},
		TagSets: []model.TagSet{
			{Name: "Tier", Type: "MultiSelect", Tags: []string{"Free", "Standard", "Gold"}},
			{Name: "Upgrade ring", Type: "SingleSelect", Tags: []string{"Tester", "Early adopter", "Stable", "Pinned"}},
			{Name: "Region", Type: "SingleSelect", Tags: []string{"EU", "US", "APAC"}},
			{Name: "Hosting", Type: "MultiSelect", Tags: []string{"Shared", "Dedicated", "Hybrid"}},
			{Name: "Feature", Type: "MultiSelect", Tags: []string{"Reporting", "SSO", "Audit"}},
			{Name: "Support", Type: "SingleSelect", Tags: []string{"Basic", "Premium"}},
			{Name: "Customer code", Type: "FreeText"},
			{Name: "Datacenter", Type: "FreeText"},
			{Name: "Contract", Type: "FreeText"},
		},
		Lifecycles: []model.Lifecycle{
			{Name: "Tenant rollout", Phases: []model.Phase{
				{Name: "Development", Automatic: []string{"Dev"}, Optional: true},
				{Name: "Verification", Manual: []string{"Test", "Staging"}, Minimum: 1},
				{Name: "Production", Manual: []string{"Production"}},
			}},
			{Name: "Hotfix", Phases: []model.Phase{
				{Name: "Staging", Manual: []string{"Staging"}, Optional: true},
				{Name: "Production", Manual: []string{"Production"}, Priority: true},
			}},
			{Name: "Internal"},
		},
		Libraries: []model.Library{{Name: "Standard tenant details", Templates: []model.Template{
			{Name: "Tenant.Alias", Label: "Alias"},
			{Name: "Tenant.ContactEmail", Label: "Contact", Default: sp("ops@example.com")},
			{Name: "Tenant.ApiKey", Label: "API key", Sensitive: true},
		}}},
		Projects: []model.Project{
			{Name: "Portal", Tenancy: "Tenanted", Lifecycle: "Tenant rollout", Libraries: []string{"Standard tenant details"},
				Channels: []model.Channel{
					{Name: "Default", Default: true},
					{Name: "Early access", TenantTags: []string{"Upgrade ring/Tester", "Upgrade ring/Early adopter"}},
					{Name: "Gold hotfix", Lifecycle: "Hotfix", TenantTags: []string{"Tier/Gold"}},
				},
				Templates: []model.Template{
					{Name: "Portal.Domain", Label: "Domain", Default: sp("#{Tenant.Alias}.portal.example")},
					{Name: "Portal.DbPassword", Label: "Database password", Sensitive: true},
				}},
			{Name: "Billing", Tenancy: "TenantedOrUntenanted", Lifecycle: "Tenant rollout",
				Channels:  []model.Channel{{Name: "Default", Default: true}, {Name: "EU only", TenantTags: []string{"Region/EU"}}},
				Templates: []model.Template{{Name: "Billing.Currency", Label: "Currency", Default: sp("USD")}}},
			{Name: "Ops tools", Tenancy: "Untenanted", Lifecycle: "Internal"},
		},
		Targets: []model.Target{
			{Name: "shared-web-test", Environments: []string{"Dev", "Test", "Staging"}, Roles: []string{"web"}, Tenancy: "TenantedOrUntenanted", TenantTags: []string{"Hosting/Shared", "Hosting/Hybrid"}},
			{Name: "shared-web-prod", Environments: []string{"Production"}, Roles: []string{"web"}, Tenancy: "TenantedOrUntenanted", TenantTags: []string{"Hosting/Shared"}},
			{Name: "acme-prod", Environments: []string{"Production"}, Roles: []string{"web"}, Tenancy: "Tenanted", Tenants: []string{"Acme"}},
			{Name: "globex-prod", Environments: []string{"Production"}, Roles: []string{"web"}, Tenancy: "Tenanted", Tenants: []string{"Globex"}},
			{Name: "dedicated-pool", Environments: []string{"Production", "Staging"}, Roles: []string{"web", "worker"}, Tenancy: "Tenanted", TenantTags: []string{"Hosting/Dedicated", "Hosting/Hybrid"}},
			{Name: "ops-runner", Environments: []string{"Dev", "Test", "Staging", "Production"}, Roles: []string{"ops"}},
		},
		Releases: []model.Release{
			{Project: "Portal", Version: "1.0.0", Channel: "Default"},
			{Project: "Portal", Version: "1.1.0", Channel: "Default"},
			{Project: "Portal", Version: "1.2.0", Channel: "Default"},
			{Project: "Portal", Version: "2.0.0-beta.1", Channel: "Early access"},
			{Project: "Portal", Version: "1.1.1", Channel: "Gold hotfix"},
			{Project: "Billing", Version: "3.0.0", Channel: "Default"},
			{Project: "Billing", Version: "3.1.0", Channel: "Default", Blocked: true},
			{Project: "Billing", Version: "3.1.1-eu", Channel: "EU only"},
			{Project: "Ops tools", Version: "0.9.0"},
		},
		Freezes: []model.Freeze{
			{Name: "Weekend freeze", Start: "2026-03-07T00:00:00+02:00", End: "2026-03-09T00:00:00+02:00",
				Tenants: []model.FreezeTenant{
					{Tenant: "Acme", Project: "Portal", Environment: "Production"},
					{Tenant: "Globex", Project: "Portal", Environment: "Production"},
				},
				Recurrence: &model.Recurrence{Unit: "Weekly", Every: 1, DaysOfWeek: []string{"Saturday"}, EndAfter: 10, TimeZone: "Etc/GMT-2"}},
			{Name: "Year end", Start: "2026-12-20T00:00:00Z", End: "2027-01-04T00:00:00Z",
				Projects: map[string][]string{"Portal": {"Production"}, "Billing": {"Production", "Staging"}}},
		},
		Principals: []model.Principal{
			{Name: "Release managers", Grants: []model.Grant{{Action: "deploy"}, {Action: "view"}}},
			{Name: "Acme self-service", Grants: []model.Grant{
				{Action: "deploy", Projects: []string{"Portal"}, Environments: []string{"Production"}, Tenants: []string{"Acme"}},
				{Action: "view", Tenants: []string{"Acme"}}}},
		},
	}
	for i, ft := range fixtureTenants {
		t := model.Tenant{Name: ft.name, Tags: []string{"Tier/" + ft.tier, "Upgrade ring/" + ft.ring, "Region/" + ft.region, "Hosting/" + ft.hosting,
			"Customer code/C" + fmt.Sprint(1000+i)}}
		if i%3 == 0 {
			t.Tags = append(t.Tags, "Feature/SSO", "Feature/Audit", "Support/Premium")
		}
		if i%4 == 1 {
			t.Tags = append(t.Tags, "Datacenter/"+strings.ToLower(ft.region)+"-1", "Contract/2026-"+fmt.Sprint(i))
		}
		t.Projects = map[string][]string{"Portal": ft.portal}
		if ft.billing {
			t.Projects["Billing"] = []string{"Test", "Production"}
		}
		t.Disabled = ft.name == "Duff"
		alias := strings.ToLower(strings.Fields(ft.name)[0])
		if i >= 5 { // the first five tenants' values are in the legacy shape (fixtureExtras)
			t.CommonValues = map[string][]model.TenantValue{"Standard tenant details": {
				{Template: "Tenant.Alias", Value: sp(alias)}, {Template: "Tenant.ApiKey", Value: sp("secret")}}}
			if i != 7 { // Capital Animal Hospital has no database password: missing-variables
				t.ProjectValues = map[string][]model.TenantValue{"Portal": {
					{Template: "Portal.DbPassword", Value: sp("secret"), Environments: []string{"Production"}},
					{Template: "Portal.DbPassword", Value: sp("secret")}}}
			}
		}
		f.Tenants = append(f.Tenants, t)
	}
	at := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	dep := func(project, release, env, tenant, outcome string) {
		f.Deployments = append(f.Deployments, model.Deployment{Project: project, Release: release, Environment: env, Tenant: tenant, Outcome: outcome, At: at.Format(time.RFC3339)})
		at = at.Add(90 * time.Minute)
	}
	// Portal 1.1.0 walks through the lifecycle for most tenants.
	for _, ft := range fixtureTenants {
		for _, e := range ft.portal {
			if e == "Dev" || ft.name == "Duff" {
				continue
			}
			dep("Portal", "1.1.0", e, ft.name, "Success")
		}
	}
	// 1.2.0: some progress, with failures and a cancellation.
	dep("Portal", "1.2.0", "Dev", "Acme", "Success")
	dep("Portal", "1.2.0", "Test", "Acme", "Success")
	dep("Portal", "1.2.0", "Test", "Globex", "Failed")
	dep("Portal", "1.2.0", "Test", "Initech", "Cancelled")
	dep("Portal", "1.2.0", "Staging", "Umbrella", "Success")
	dep("Portal", "1.2.0", "Test", "Hooli", "Success")
	dep("Portal", "1.2.0", "Production", "Hooli", "Failed")
	dep("Portal", "1.2.0", "Test", "Zeta", "Success")
	dep("Portal", "1.2.0", "Staging", "Zeta", "Failed")
	dep("Portal", "2.0.0-beta.1", "Dev", "Vandelay", "Success")
	dep("Portal", "2.0.0-beta.1", "Test", "Vandelay", "Success")
	dep("Billing", "3.0.0", "Test", "", "Success")
	dep("Billing", "3.0.0", "Production", "", "Success")
	dep("Billing", "3.0.0", "Test", "Acme", "Success")
	dep("Billing", "3.0.0", "Production", "Acme", "Success")
	dep("Billing", "3.1.0", "Test", "Acme", "Success")
	dep("Billing", "3.1.0", "Test", "Globex", "Failed")
	dep("Ops tools", "0.9.0", "Dev", "", "Success")
	dep("Ops tools", "0.9.0", "Test", "", "Success")
	return f
}

// writeFolder writes a rendered folder under dir, replacing what was there.
func writeFolder(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
