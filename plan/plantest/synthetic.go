package plantest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
)

// SyntheticOptions sizes a synthetic model. The zero value is a small model (100 tenants, 1
// project) built from seed 0.
type SyntheticOptions struct {
	// Tenants is the number of tenants (default 100).
	Tenants int
	// Projects is the number of projects (default 1). Every project is Tenanted.
	Projects int
	// Seed seeds the random choices; the same options always give the same model.
	Seed uint64
	// Releases is the number of releases per project (default 5).
	Releases int
	// Deployments is the total number of deployments of the history (default 3 per tenant and
	// project). Deployments go through the lifecycle in order, tenant by tenant, so most of them
	// are successes that make sense.
	Deployments int
	// Freezes is the number of freezes (default 2: a weekly one and a year-end one).
	Freezes int
}

// Synthetic environments, lifecycle phases and channels.
var (
	synthEnvs     = []string{"Dev", "Test", "Staging", "Production"}
	synthTiers    = []string{"Free", "Standard", "Gold", "Platinum"}
	synthRings    = []string{"Tester", "Early adopter", "Stable", "Pinned"}
	synthRegions  = []string{"eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1", "ap-southeast-2"}
	synthAdjs     = []string{"Blue", "Capital", "Northern", "Golden", "Silver", "Summit", "Harbor", "Pioneer", "Evergreen", "Crescent", "Maple", "Granite", "Coastal", "Prairie", "Cedar", "Lakeside"}
	synthNouns    = []string{"Animal Hospital", "Dental", "Logistics", "Bank", "Bakery", "Clinic", "Insurance", "Motors", "Foods", "Labs", "Pharmacy", "Realty", "Travel", "Energy", "Media", "Outfitters"}
	synthProjects = []string{"Mojo", "Portal", "Billing", "Search", "Reports", "Mobile backend", "Ledger", "Notifications"}
)

// Synthetic builds a big, realistic, valid model deterministically (math/rand/v2 seeded with
// o.Seed): environments Dev, Test, Staging and Production; tag sets Tier (MultiSelect), Upgrade
// ring (SingleSelect) and Region (FreeText); a lifecycle of 4 phases (Dev automatic, Staging
// optional); Tenanted projects with 3 channels (Default, Beta restricted to "Upgrade ring/Tester",
// Hotfix) and a required template; tenants with realistic unique names, tags, connections and
// values; targets; releases; a history that walks each tenant through the lifecycle; freezes and
// principals. It is meant for benchmarks and the CLI's generate command: 100,000 tenants with
// 300,000 deployments take well under a second.
func Synthetic(o SyntheticOptions) *model.File {
	nt := or(o.Tenants, 100)
	np := atLeast1(o.Projects, 1)
	nr := atLeast1(o.Releases, 5)
	nd := o.Deployments
	if nd == 0 {
		nd = 3 * nt * np
	}
	nd = max(nd, 0)
	nf := or(o.Freezes, 2)
	rng := rand.New(rand.NewPCG(o.Seed, 0x7e4a9c1b3d5f2e61))

	f := &model.File{
		Environments: append([]string(nil), synthEnvs...),
		TagSets: []model.TagSet{
			{Name: "Tier", Tags: append([]string(nil), synthTiers...)},
			{Name: "Upgrade ring", Type: "SingleSelect", Tags: append([]string(nil), synthRings...)},
			{Name: "Region", Type: "FreeText"},
		},
		Lifecycles: []model.Lifecycle{
			{Name: "Default", Phases: []model.Phase{
				{Name: "Dev", Automatic: []string{"Dev"}},
				{Name: "Test", Manual: []string{"Test"}},
				{Name: "Staging", Manual: []string{"Staging"}, Optional: true},
				{Name: "Production", Manual: []string{"Production"}},
			}},
			{Name: "Hotfix", Phases: []model.Phase{
				{Name: "Test", Manual: []string{"Test"}},
				{Name: "Production", Manual: []string{"Production"}},
			}},
		},
		Libraries: []model.Library{{Name: "Standard tenant details",
			Templates: []model.Template{{Name: "Tenant.Alias", Label: "Alias"},
				{Name: "Tenant.ContactEmail", Default: ptr("ops@example.com")}}}},
	}
	projects := make([]string, np)
	for i := range projects {
		name := "Project " + strconv.Itoa(i+1)
		if i < len(synthProjects) {
			name = synthProjects[i]
		}
		projects[i] = name
		f.Projects = append(f.Projects, model.Project{
			Name: name, Tenancy: "Tenanted", Lifecycle: "Default",
			Libraries:   []string{"Standard tenant details"},
			TargetRoles: []string{"web"},
			Channels: []model.Channel{
				{Name: "Default", Default: true, PreRelease: "^$"},
				{Name: "Beta", PreRelease: "^beta", TenantTags: []string{"Upgrade ring/Tester"}},
				{Name: "Hotfix", Lifecycle: "Hotfix", PreRelease: "^hotfix"},
			},
			Templates: []model.Template{{Name: "Tenant.Domain", Default: ptr("#{Tenant.Alias}.example.com")},
				{Name: "Tenant.Database.Password", Sensitive: true}},
			Variables: []model.Variable{{Name: "HostURL", Value: "https://#{Tenant.Domain}"}},
		})
	}
	// Releases: mostly Default, the last but one a beta, every fourth a hotfix.
	versions := make([][]string, np)
	for p, name := range projects {
		for k := range nr {
			v, ch := fmt.Sprintf("%d.%d.0", 1+k/10, k%10), "Default"
			switch {
			case k == nr-2 && nr > 2:
				v, ch = fmt.Sprintf("%d.%d.0-beta.1", 1+k/10, k%10), "Beta"
			case k > 0 && k%4 == 3:
				v, ch = fmt.Sprintf("%d.%d.1-hotfix", 1+(k-1)/10, (k-1)%10), "Hotfix"
			}
			versions[p] = append(versions[p], v)
			f.Releases = append(f.Releases, model.Release{Project: name, Version: v, Channel: ch, Blocked: k == 1 && nr > 3})
		}
	}
	// Tenants.
	f.Tenants = make([]model.Tenant, nt)
	for i := range f.Tenants {
		name := fmt.Sprintf("%s %s", synthAdjs[rng.IntN(len(synthAdjs))], synthNouns[rng.IntN(len(synthNouns))])
		name = fmt.Sprintf("%s %0*d", name, digits(nt), i+1)
		tn := model.Tenant{Name: name}
		tn.Tags = append(tn.Tags, "Tier/"+synthTiers[weighted(rng, 50, 30, 15, 5)])
		if rng.IntN(10) < 9 {
			tn.Tags = append(tn.Tags, "Upgrade ring/"+synthRings[weighted(rng, 3, 12, 80, 5)])
		}
		tn.Tags = append(tn.Tags, "Region/"+synthRegions[rng.IntN(len(synthRegions))])
		tn.Disabled = rng.IntN(100) == 0
		tn.Projects = map[string][]string{}
		tn.ProjectValues = map[string][]model.TenantValue{}
		alias := "t" + strconv.Itoa(i+1)
		tn.CommonValues = map[string][]model.TenantValue{"Standard tenant details": {{Template: "Tenant.Alias", Value: ptr(alias)}}}
		for _, p := range projects {
			switch r := rng.IntN(20); {
			case r == 0: // not connected
				continue
			case r <= 2: // no staging
				tn.Projects[p] = []string{"Dev", "Test", "Production"}
			case r == 3: // production only
				tn.Projects[p] = []string{"Production"}
			default:
				tn.Projects[p] = append([]string(nil), synthEnvs...)
			}
			if rng.IntN(50) > 0 { // a few tenants miss their password
				tn.ProjectValues[p] = []model.TenantValue{{Template: "Tenant.Database.Password", Value: ptr("pw-" + alias)}}
			}
		}
		f.Tenants[i] = tn
	}
	// Targets: one shared tenanted web farm per environment, and a dedicated one for Platinum.
	for _, e := range synthEnvs {
		f.Targets = append(f.Targets, model.Target{Name: "web-" + e, Environments: []string{e}, Roles: []string{"web"},
			Tenancy: "TenantedOrUntenanted", TenantTags: []string{"Tier/Free", "Tier/Standard", "Tier/Gold"}})
	}
	f.Targets = append(f.Targets, model.Target{Name: "web-platinum", Environments: append([]string(nil), synthEnvs...),
		Roles: []string{"web"}, Tenancy: "Tenanted", TenantTags: []string{"Tier/Platinum"}})
	// History: walk tenants through the lifecycle, one release after another.
	f.Deployments = make([]model.Deployment, 0, nd)
	if nt > 0 && np > 0 {
		at := epoch
		for i := 0; len(f.Deployments) < nd && i < 4*nd+4; i++ {
			p := i % np
			tn := &f.Tenants[(i/np)%nt]
			conn := tn.Projects[projects[p]]
			if len(conn) == 0 {
				continue
			}
			round := i / (np * nt)
			k := min(round/len(synthEnvs), nr-1)
			e := conn[min(round%len(synthEnvs), len(conn)-1)]
			outcome := "Success"
			switch r := rng.IntN(100); {
			case r < 3:
				outcome = "Failed"
			case r < 4:
				outcome = "Cancelled"
			}
			at = at.Add(time.Duration(1+rng.IntN(30)) * time.Second)
			f.Deployments = append(f.Deployments, model.Deployment{Project: projects[p], Release: versions[p][k],
				Environment: e, Tenant: tn.Name, Outcome: outcome, At: at.Format(time.RFC3339)})
		}
	}
	// Freezes.
	for i := range nf {
		start := epoch.Add(time.Duration(7*24*(i+1)) * time.Hour)
		fr := model.Freeze{Name: "Freeze " + strconv.Itoa(i+1), Start: start.Format(time.RFC3339),
			End:      start.Add(time.Duration(2+rng.IntN(46)) * time.Hour).Format(time.RFC3339),
			Projects: map[string][]string{projects[rng.IntN(np)]: {"Production"}}}
		switch i {
		case 0:
			fr.Name = "Weekend"
			fr.Recurrence = &model.Recurrence{Unit: "Weekly", DaysOfWeek: []string{"Saturday"}, TimeZone: "Europe/London"}
		case 1:
			fr.Name = "Year end"
			fr.Start, fr.End = "2026-12-20T00:00:00Z", "2027-01-03T00:00:00Z"
			fr.Recurrence = &model.Recurrence{Unit: "Annually", EndAfter: 3}
		}
		if nt > 0 && np > 0 {
			fr.Tenants = []model.FreezeTenant{{Tenant: f.Tenants[rng.IntN(nt)].Name, Project: projects[0], Environment: "Staging"}}
		}
		f.Freezes = append(f.Freezes, fr)
	}
	f.Principals = []model.Principal{
		{Name: "ops", Grants: []model.Grant{{Action: "deploy"}, {Action: "view"}}},
		{Name: "release-bot", Grants: []model.Grant{{Action: "deploy", Environments: []string{"Dev", "Test"}}, {Action: "view"}}},
	}
	if nt > 0 {
		first := f.Tenants[0].Name
		f.Principals = append(f.Principals, model.Principal{Name: "self-service", Grants: []model.Grant{
			{Action: "deploy", Environments: []string{"Production"}, Tenants: []string{first}},
			{Action: "view", Tenants: []string{first}}}})
	}
	return f
}

// digits returns the number of decimal digits of n (at least 1).
func digits(n int) int { return len(strconv.Itoa(max(n, 1))) }

// weighted draws an index with the given relative weights.
func weighted(rng *rand.Rand, w ...int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	r := rng.IntN(total)
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}
