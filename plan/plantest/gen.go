package plantest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
	"pgregory.net/rapid"
)

// Epoch returns the instant generated histories and freezes start from, 2026-03-01T00:00:00Z:
// every generated deployment time and freeze start lies in the Window after it.
func Epoch() time.Time { return epoch }

var epoch = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC) // never written

// Window is the length of the period after Epoch in which generated times lie.
const Window = 30 * 24 * time.Hour

var (
	envPool     = []string{"Dev", "Test", "QA", "Staging", "UAT", "Canary", "Production", "DR"}
	setPool     = []string{"Tier", "Upgrade ring", "Region", "Hosting", "Size", "Feature flags"}
	tagPool     = []string{"Free", "Standard", "Gold", "Platinum", "Tester", "Early adopter", "Stable", "Pinned", "A/B", "eu", "US", "beta-1"}
	freePool    = []string{"eu-west-1", "us-east-1", "ap-south-1", "EU/Paris", "x"}
	projectPool = []string{"Mojo", "Portal", "Billing", "Search", "api", "Reports", "Mobile backend", "Ledger"}
	channelPool = []string{"Default", "Beta", "Hotfix", "Stable", "LTS"}
	rolePool    = []string{"web", "worker", "db"}
	zonePool    = []string{"", "UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}
	dayPool     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	tenantPool  = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
		"Capital Animal Hospital", "acme-eu", "Zeta", "Ōkami KK", "Blue Sky", "Vandelay", "Soylent", "Tyrell",
		"Cyberdyne", "Duff", "Oceanic", "Wonka", "Gringotts"}
)

// tenantName returns the i-th tenant name: a realistic name for small indexes, then numbered ones.
func tenantName(i int) string {
	if i < len(tenantPool) {
		return tenantPool[i]
	}
	return fmt.Sprintf("Tenant %04d", i)
}

// subset draws a sub-list of xs (order kept) of at most maxLen elements.
func subset[E any](t *rapid.T, label string, xs []E, minLen, maxLen int) []E {
	if len(xs) == 0 || maxLen <= 0 {
		return nil
	}
	maxLen = min(maxLen, len(xs))
	minLen = min(minLen, maxLen)
	idx := rapid.SliceOfNDistinct(rapid.IntRange(0, len(xs)-1), minLen, maxLen, rapid.ID[int]).Draw(t, label)
	slices.Sort(idx)
	out := make([]E, len(idx))
	for i, k := range idx {
		out[i] = xs[k]
	}
	return out
}

// chance draws true with probability about 1/n.
func chance(t *rapid.T, label string, n int) bool {
	return rapid.IntRange(0, n-1).Draw(t, label) == 0
}

// Environments generates the model's environment list: 1 to s.Environments distinct names, in a
// realistic order (Dev before Production).
func Environments(s Sizes) *rapid.Generator[[]string] {
	s = s.withDefaults()
	return rapid.Custom(func(t *rapid.T) []string {
		n := rapid.IntRange(1, s.Environments).Draw(t, "environments")
		var pool []string
		if n <= len(envPool) {
			pool = subset(t, "envs", envPool, n, n)
		} else {
			pool = slices.Clone(envPool)
			for i := len(envPool); i < n; i++ {
				pool = append(pool, "Env "+strconv.Itoa(i))
			}
		}
		return pool
	})
}

// TagSets generates up to s.TagSets tag sets of every type (MultiSelect, SingleSelect, FreeText),
// with up to s.TagsPerSet distinct tags each (a tag may contain "/").
func TagSets(s Sizes) *rapid.Generator[[]model.TagSet] {
	s = s.withDefaults()
	return rapid.Custom(func(t *rapid.T) []model.TagSet {
		n := rapid.IntRange(0, s.TagSets).Draw(t, "tagSets")
		names := make([]string, n)
		for i := range names {
			if i < len(setPool) {
				names[i] = setPool[i]
			} else {
				names[i] = "Set " + strconv.Itoa(i)
			}
		}
		names = rapid.Permutation(names).Draw(t, "setOrder")
		out := make([]model.TagSet, n)
		for i, name := range names {
			typ := rapid.SampledFrom([]string{"", "MultiSelect", "SingleSelect", "FreeText"}).Draw(t, "type")
			ts := model.TagSet{Name: name, Type: typ}
			if typ != "FreeText" {
				k := rapid.IntRange(1, s.TagsPerSet).Draw(t, "tags")
				if k <= len(tagPool) {
					ts.Tags = rapid.Permutation(subset(t, "tagNames", tagPool, k, k)).Draw(t, "tagOrder")
				} else {
					for j := range k {
						ts.Tags = append(ts.Tags, "Tag "+strconv.Itoa(j))
					}
				}
			}
			out[i] = ts
		}
		return out
	})
}

// Catalog generates a tag catalog, built with tags.NewTagSet and tags.NewCatalog from TagSets(s),
// with a few FreeText values in use.
func Catalog(s Sizes) *rapid.Generator[*tags.Catalog] {
	return rapid.Custom(func(t *rapid.T) *tags.Catalog {
		sets := TagSets(s).Draw(t, "sets")
		var ts []tags.TagSet
		var free []string
		for _, m := range sets {
			typ, err := tags.ParseType(m.Type)
			if err != nil {
				t.Fatalf("plantest: generated tag set type %q: %v", m.Type, err)
			}
			set, err := tags.NewTagSet(m.Name, typ, m.Tags)
			if err != nil {
				t.Fatalf("plantest: generated tag set %q: %v", m.Name, err)
			}
			ts = append(ts, set)
			if typ == tags.FreeText {
				for _, v := range subset(t, "free", freePool, 0, 2) {
					free = append(free, m.Name+"/"+v)
				}
			}
		}
		cat, err := tags.NewCatalog(ts, free)
		if err != nil {
			t.Fatalf("plantest: generated catalog: %v", err)
		}
		return cat
	})
}

// CanonicalTags returns the canonical names ("Set/Tag") of the predefined tags of sets, in set
// order then tag order. FreeText sets have none.
func CanonicalTags(sets []model.TagSet) []string {
	var out []string
	for _, ts := range sets {
		if ts.Type == "FreeText" {
			continue
		}
		for _, tag := range ts.Tags {
			out = append(out, ts.Name+"/"+tag)
		}
	}
	return out
}

// Lifecycles generates 1 or 2 lifecycles over envs: phases with automatic and manual
// environments, minimums, optional and priority flags, at most one "any other environment" phase,
// and sometimes no phases at all. No environment is in two phases.
func Lifecycles(envs []string, s Sizes) *rapid.Generator[[]model.Lifecycle] {
	s = s.withDefaults()
	envs = slices.Clone(envs)
	return rapid.Custom(func(t *rapid.T) []model.Lifecycle {
		n := rapid.IntRange(1, 2).Draw(t, "lifecycles")
		out := make([]model.Lifecycle, n)
		for i := range out {
			out[i] = drawLifecycle(t, []string{"Default", "Fast"}[i], envs, s)
		}
		return out
	})
}

func drawLifecycle(t *rapid.T, name string, envs []string, s Sizes) model.Lifecycle {
	lc := model.Lifecycle{Name: name}
	if len(envs) == 0 || chance(t, "implicit", 6) {
		return lc
	}
	m := rapid.IntRange(1, len(envs)).Draw(t, "inLifecycle")
	// Mostly model order; sometimes any order.
	order := subset(t, "lcEnvs", envs, m, m)
	if chance(t, "anyOrder", 4) {
		order = rapid.Permutation(order).Draw(t, "lcOrder")
	}
	k := rapid.IntRange(1, min(s.Phases, m)).Draw(t, "phases")
	// cut order into k non-empty groups
	cuts := subset(t, "cuts", seq(1, m-1), k-1, k-1)
	bounds := append(append([]int{0}, cuts...), m)
	for p := range k {
		group := order[bounds[p]:bounds[p+1]]
		ph := model.Phase{Name: "Phase " + strconv.Itoa(p+1)}
		for _, e := range group {
			if chance(t, "automatic", 3) {
				ph.Automatic = append(ph.Automatic, e)
			} else {
				ph.Manual = append(ph.Manual, e)
			}
		}
		ph.Minimum = rapid.IntRange(0, len(group)).Draw(t, "minimum")
		ph.Optional = chance(t, "optional", 5)
		ph.Priority = chance(t, "priority", 5)
		lc.Phases = append(lc.Phases, ph)
	}
	if m < len(envs) && chance(t, "catchAll", 3) {
		at := rapid.IntRange(0, len(lc.Phases)).Draw(t, "catchAllAt")
		ph := model.Phase{Name: "Any other", Optional: chance(t, "catchAllOptional", 4)}
		lc.Phases = slices.Insert(lc.Phases, at, ph)
	}
	return lc
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// Projects generates 1 to s.Projects projects against the environments, tag sets and lifecycles
// of f: every tenancy mode, a lifecycle or none, target roles, up to s.Channels channels (with
// lifecycles, disjoint version ranges and tenant restrictions by tags or expression) and project
// templates.
func Projects(f *model.File, s Sizes) *rapid.Generator[[]model.Project] {
	s = s.withDefaults()
	envs := slices.Clone(f.Environments)
	var lcs []string
	for _, l := range f.Lifecycles {
		lcs = append(lcs, l.Name)
	}
	var libs []string
	for _, l := range f.Libraries {
		libs = append(libs, l.Name)
	}
	canon := CanonicalTags(f.TagSets)
	return rapid.Custom(func(t *rapid.T) []model.Project {
		n := rapid.IntRange(1, s.Projects).Draw(t, "projects")
		out := make([]model.Project, n)
		for i := range out {
			name := "Project " + strconv.Itoa(i)
			if i < len(projectPool) {
				name = projectPool[i]
			}
			p := model.Project{Name: name}
			p.Tenancy = rapid.SampledFrom([]string{"", "Untenanted", "TenantedOrUntenanted", "Tenanted", "Tenanted"}).Draw(t, "tenancy")
			if len(lcs) > 0 && !chance(t, "noLifecycle", 5) {
				p.Lifecycle = rapid.SampledFrom(lcs).Draw(t, "lifecycle")
			}
			p.Libraries = subset(t, "libraries", libs, 0, len(libs))
			if chance(t, "roles", 3) {
				p.TargetRoles = subset(t, "targetRoles", rolePool, 1, 2)
			}
			nc := rapid.IntRange(0, s.Channels).Draw(t, "channels")
			def := -1
			if nc > 0 && chance(t, "explicitDefault", 2) {
				def = rapid.IntRange(0, nc-1).Draw(t, "default")
			}
			ranged := chance(t, "ranged", 2)
			for j := range nc {
				cname := "Channel " + strconv.Itoa(j)
				if j < len(channelPool) {
					cname = channelPool[j]
				}
				ch := model.Channel{Name: cname, Default: j == def}
				if len(lcs) > 0 && chance(t, "channelLifecycle", 3) {
					ch.Lifecycle = rapid.SampledFrom(lcs).Draw(t, "channelLifecycleName")
				}
				if ranged {
					ch.VersionRange = fmt.Sprintf("[%d.0,%d.0)", j+1, j+2)
				}
				switch rapid.IntRange(0, 3).Draw(t, "restriction") {
				case 1:
					ch.TenantTags = subset(t, "channelTags", canon, 1, 2)
				case 2:
					if len(canon) > 0 {
						ch.TenantExpression = Expression(canon).Draw(t, "channelExpression")
					}
				}
				p.Channels = append(p.Channels, ch)
			}
			for k, tp := range []model.Template{
				{Name: "Tenant.Alias", Label: "Alias"},
				{Name: "Tenant.Domain", Default: ptr("#{Tenant.Alias}.example")},
				{Name: "Tenant.Password", Sensitive: true},
			} {
				if chance(t, "template"+strconv.Itoa(k), 3) {
					p.Templates = append(p.Templates, tp)
				}
			}
			if chance(t, "variable", 2) {
				p.Variables = append(p.Variables, model.Variable{Name: "HostURL", Value: "https://#{Tenant.Domain}"})
			}
			if len(envs) > 0 && chance(t, "scopedVariable", 3) {
				p.Variables = append(p.Variables, model.Variable{Name: "LogLevel", Value: "Warn",
					Scope: &model.Scope{Environments: subset(t, "varEnvs", envs, 1, 2)}})
			}
			out[i] = p
		}
		return out
	})
}

func ptr[V any](v V) *V { return &v }

// Expression generates a valid tag expression over the canonical tags given (which must
// not be empty): tag references (quoted when they need it, or "Set/*"), not, and, or, true,
// false and parentheses, in every keyword spelling.
func Expression(canon []string) *rapid.Generator[string] {
	canon = slices.Clone(canon)
	return rapid.Custom(func(t *rapid.T) string { return drawExpr(t, canon, 3) })
}

func drawExpr(t *rapid.T, canon []string, depth int) string {
	kind := 0
	if depth > 0 {
		kind = rapid.IntRange(0, 5).Draw(t, "exprKind")
	}
	switch kind {
	case 1:
		return rapid.SampledFrom([]string{"not ", "NOT ", "!"}).Draw(t, "not") + drawExpr(t, canon, depth-1)
	case 2:
		return drawExpr(t, canon, depth-1) + rapid.SampledFrom([]string{" and ", " AND ", " && "}).Draw(t, "and") + drawExpr(t, canon, depth-1)
	case 3:
		return drawExpr(t, canon, depth-1) + rapid.SampledFrom([]string{" or ", " Or ", " || "}).Draw(t, "or") + drawExpr(t, canon, depth-1)
	case 4:
		return "(" + drawExpr(t, canon, depth-1) + ")"
	case 5:
		return rapid.SampledFrom([]string{"true", "false"}).Draw(t, "const")
	}
	ref := rapid.SampledFrom(canon).Draw(t, "tagref")
	if chance(t, "wildcard", 5) {
		set, _, _ := strings.Cut(ref, "/")
		ref = set + "/*"
	}
	return quoteRef(ref)
}

// quoteRef writes a tag reference as a word when it can be one, else as a string.
func quoteRef(ref string) string {
	word := true
	for _, r := range ref {
		if !(r == '_' || r == '-' || r == '.' || r == '/' || r == '*' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			word = false
			break
		}
	}
	if word && !isKeyword(ref) {
		return ref
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(ref) + `"`
}

func isKeyword(s string) bool {
	switch strings.ToLower(s) {
	case "and", "or", "not", "true", "false", "tenant":
		return true
	}
	return false
}

// Tenants generates up to s.Tenants tenants against f's tag sets, projects and environments:
// tags that respect each set's type, a few disabled tenants, connections to tenanted
// projects only, and values for some of the projects' templates (unscoped, or scoped to
// environments without overlap).
func Tenants(f *model.File, s Sizes) *rapid.Generator[[]model.Tenant] {
	s = s.withDefaults()
	sets := slices.Clone(f.TagSets)
	projects := slices.Clone(f.Projects)
	envs := slices.Clone(f.Environments)
	return rapid.Custom(func(t *rapid.T) []model.Tenant {
		n := rapid.IntRange(0, s.Tenants).Draw(t, "tenants")
		out := make([]model.Tenant, n)
		for i := range out {
			tn := model.Tenant{Name: tenantName(i)}
			for _, ts := range sets {
				switch ts.Type {
				case "FreeText":
					if chance(t, "freeValue", 2) {
						tn.Tags = append(tn.Tags, ts.Name+"/"+rapid.SampledFrom(freePool).Draw(t, "free"))
					}
				case "SingleSelect":
					if !chance(t, "noSingle", 3) {
						tn.Tags = append(tn.Tags, ts.Name+"/"+rapid.SampledFrom(ts.Tags).Draw(t, "single"))
					}
				default:
					for _, tag := range subset(t, "multi", ts.Tags, 0, 2) {
						tn.Tags = append(tn.Tags, ts.Name+"/"+tag)
					}
				}
			}
			tn.Tags = rapid.Permutation(tn.Tags).Draw(t, "tagOrder")
			tn.Disabled = chance(t, "disabled", 8)
			for _, p := range projects {
				if p.Tenancy == "" || p.Tenancy == "Untenanted" || chance(t, "unconnected", 5) {
					continue
				}
				if tn.Projects == nil {
					tn.Projects = map[string][]string{}
				}
				conn := subset(t, "connected", envs, 0, len(envs))
				if chance(t, "allEnvs", 2) {
					conn = slices.Clone(envs)
				}
				tn.Projects[p.Name] = conn
				var vals []model.TenantValue
				for _, tp := range p.Templates {
					switch rapid.IntRange(0, 3).Draw(t, "value") {
					case 1:
						vals = append(vals, model.TenantValue{Template: tp.Name, Value: ptr(strings.ToLower(tn.Name))})
					case 2:
						vals = append(vals, model.TenantValue{Template: tp.Name, Value: ptr("v-" + strconv.Itoa(i)),
							Environments: subset(t, "valueEnvs", envs, 1, 2)})
						if chance(t, "plusUnscoped", 2) {
							vals = append(vals, model.TenantValue{Template: tp.Name, Value: ptr("")})
						}
					case 3:
						vals = append(vals, model.TenantValue{Template: tp.Name}) // null: no value
					}
				}
				if len(vals) > 0 {
					if tn.ProjectValues == nil {
						tn.ProjectValues = map[string][]model.TenantValue{}
					}
					tn.ProjectValues[p.Name] = vals
				}
			}
			out[i] = tn
		}
		return out
	})
}

// Targets generates up to 3 deployment targets against f: environments, roles, every
// participation, and tenant filters by name and tag.
func Targets(f *model.File, s Sizes) *rapid.Generator[[]model.Target] {
	envs := slices.Clone(f.Environments)
	var tenants []string
	for _, tn := range f.Tenants {
		tenants = append(tenants, tn.Name)
	}
	canon := CanonicalTags(f.TagSets)
	return rapid.Custom(func(t *rapid.T) []model.Target {
		n := rapid.IntRange(0, 3).Draw(t, "targets")
		out := make([]model.Target, n)
		for i := range out {
			out[i] = model.Target{
				Name:         "target-" + strconv.Itoa(i+1),
				Environments: subset(t, "targetEnvs", envs, 1, len(envs)),
				Roles:        subset(t, "targetRoles", rolePool, 0, 2),
				Tenancy:      rapid.SampledFrom([]string{"", "Untenanted", "Tenanted", "TenantedOrUntenanted"}).Draw(t, "participation"),
				Tenants:      subset(t, "targetTenants", tenants, 0, 3),
				TenantTags:   subset(t, "targetTags", canon, 0, 2),
			}
		}
		return out
	})
}

// Releases generates 1 to s.Releases releases per project of f, each in an explicit channel (when
// the project declares channels) whose version rules it satisfies; some are blocked.
func Releases(f *model.File, s Sizes) *rapid.Generator[[]model.Release] {
	s = s.withDefaults()
	projects := slices.Clone(f.Projects)
	return rapid.Custom(func(t *rapid.T) []model.Release {
		var out []model.Release
		for _, p := range projects {
			n := rapid.IntRange(1, s.Releases).Draw(t, "releases")
			for k := range n {
				r := model.Release{Project: p.Name}
				major := 1
				if len(p.Channels) > 0 {
					j := rapid.IntRange(0, len(p.Channels)-1).Draw(t, "channel")
					r.Channel = p.Channels[j].Name
					major = j + 1
				}
				r.Version = fmt.Sprintf("%d.%d.%d", major, k, rapid.IntRange(0, 2).Draw(t, "patch"))
				r.Blocked = chance(t, "blocked", 5)
				out = append(out, r)
			}
		}
		return rapid.Permutation(out).Draw(t, "releaseOrder")
	})
}

// Deployments generates a history of up to s.Deployments deployments of f's releases: mostly for
// tenants connected to the project (sometimes for others, and untenanted where the project allows
// it), with every outcome, at times in [Epoch(), Epoch()+Window) on a coarse grid so that equal times
// happen.
func Deployments(f *model.File, s Sizes) *rapid.Generator[[]model.Deployment] {
	s = s.withDefaults()
	f = cloneShallow(f)
	return rapid.Custom(func(t *rapid.T) []model.Deployment {
		if len(f.Releases) == 0 || len(f.Environments) == 0 {
			return nil
		}
		n := rapid.IntRange(0, s.Deployments).Draw(t, "deployments")
		out := make([]model.Deployment, n)
		for i := range out {
			out[i] = DeploymentOf(f).Draw(t, "deployment")
		}
		return out
	})
}

// DeploymentOf generates one deployment of a release of f (which must have releases and
// environments): see Deployments.
func DeploymentOf(f *model.File) *rapid.Generator[model.Deployment] {
	f = cloneShallow(f)
	tenancy := map[string]string{}
	for _, p := range f.Projects {
		tenancy[p.Name] = p.Tenancy
	}
	return rapid.Custom(func(t *rapid.T) model.Deployment {
		r := rapid.SampledFrom(f.Releases).Draw(t, "release")
		d := model.Deployment{Project: r.Project, Release: r.Version,
			Outcome: rapid.SampledFrom([]string{"Success", "Success", "Success", "Failed", "Cancelled"}).Draw(t, "outcome"),
			At:      Time().Draw(t, "at").Format(time.RFC3339)}
		var connected []model.Tenant
		for _, tn := range f.Tenants {
			if _, ok := tn.Projects[r.Project]; ok {
				connected = append(connected, tn)
			}
		}
		tenanted := tenancy[r.Project] == "Tenanted"
		untenanted := tenancy[r.Project] == "" || tenancy[r.Project] == "Untenanted"
		switch {
		case untenanted || (!tenanted && chance(t, "untenantedDeployment", 3)) || len(f.Tenants) == 0:
			d.Environment = rapid.SampledFrom(f.Environments).Draw(t, "environment")
		case len(connected) > 0 && !chance(t, "stray", 8):
			tn := rapid.SampledFrom(connected).Draw(t, "tenant")
			d.Tenant = tn.Name
			if envs := tn.Projects[r.Project]; len(envs) > 0 && !chance(t, "strayEnv", 8) {
				d.Environment = rapid.SampledFrom(envs).Draw(t, "environment")
			} else {
				d.Environment = rapid.SampledFrom(f.Environments).Draw(t, "environment")
			}
		default:
			d.Tenant = rapid.SampledFrom(f.Tenants).Draw(t, "anyTenant").Name
			d.Environment = rapid.SampledFrom(f.Environments).Draw(t, "environment")
		}
		return d
	})
}

// Time generates a time in [Epoch(), Epoch()+Window) on a 6-hour grid, so that generated times
// often collide (at the same instant, the deployment listed later wins).
func Time() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		return epoch.Add(time.Duration(rapid.IntRange(0, int(Window/(6*time.Hour))-1).Draw(t, "slot")) * 6 * time.Hour)
	})
}

// cloneShallow copies f's top-level lists so that a generator does not see later changes.
func cloneShallow(f *model.File) *model.File {
	c := *f
	c.Environments = slices.Clone(f.Environments)
	c.TagSets = slices.Clone(f.TagSets)
	c.Lifecycles = slices.Clone(f.Lifecycles)
	c.Libraries = slices.Clone(f.Libraries)
	c.Projects = slices.Clone(f.Projects)
	c.Tenants = slices.Clone(f.Tenants)
	c.Targets = slices.Clone(f.Targets)
	c.Releases = slices.Clone(f.Releases)
	c.Deployments = slices.Clone(f.Deployments)
	c.Freezes = slices.Clone(f.Freezes)
	c.Principals = slices.Clone(f.Principals)
	return &c
}

// Freezes generates up to s.Freezes freezes against f: windows of 1 to 72 hours starting in
// [Epoch(), Epoch()+Window), project scopes, single-cell tenant scopes and, for some, a recurrence
// (every unit, days of week, day of month, end after N or on a date, time zones with DST).
func Freezes(f *model.File, s Sizes) *rapid.Generator[[]model.Freeze] {
	s = s.withDefaults()
	f = cloneShallow(f)
	return rapid.Custom(func(t *rapid.T) []model.Freeze {
		if len(f.Environments) == 0 {
			return nil
		}
		n := rapid.IntRange(0, s.Freezes).Draw(t, "freezes")
		out := make([]model.Freeze, n)
		for i := range out {
			start := epoch.Add(time.Duration(rapid.IntRange(0, int(Window/time.Hour)-1).Draw(t, "startHour")) * time.Hour)
			end := start.Add(time.Duration(rapid.IntRange(1, 72).Draw(t, "hours")) * time.Hour)
			fr := model.Freeze{Name: "Freeze " + strconv.Itoa(i+1), Start: start.Format(time.RFC3339), End: end.Format(time.RFC3339)}
			for _, p := range subset(t, "frozenProjects", f.Projects, 0, 2) {
				if fr.Projects == nil {
					fr.Projects = map[string][]string{}
				}
				fr.Projects[p.Name] = subset(t, "frozenEnvs", f.Environments, 1, 2)
			}
			if len(f.Tenants) > 0 && len(f.Projects) > 0 {
				for range rapid.IntRange(0, 2).Draw(t, "frozenCells") {
					fr.Tenants = append(fr.Tenants, model.FreezeTenant{
						Tenant:      rapid.SampledFrom(f.Tenants).Draw(t, "frozenTenant").Name,
						Project:     rapid.SampledFrom(f.Projects).Draw(t, "frozenProject").Name,
						Environment: rapid.SampledFrom(f.Environments).Draw(t, "frozenEnv"),
					})
				}
			}
			if chance(t, "recurrence", 2) {
				fr.Recurrence = Recurrence(start).Draw(t, "rec")
			}
			out[i] = fr
		}
		return out
	})
}

// Recurrence generates a valid recurrence for a freeze starting at start.
func Recurrence(start time.Time) *rapid.Generator[*model.Recurrence] {
	return rapid.Custom(func(t *rapid.T) *model.Recurrence {
		r := &model.Recurrence{Unit: rapid.SampledFrom([]string{"Daily", "Weekly", "Monthly", "Annually"}).Draw(t, "unit")}
		r.Every = rapid.IntRange(0, 3).Draw(t, "every")
		switch r.Unit {
		case "Weekly":
			r.DaysOfWeek = subset(t, "days", dayPool, 0, 3)
		case "Monthly":
			r.DayOfMonth = rapid.IntRange(0, 31).Draw(t, "dayOfMonth")
		}
		switch rapid.IntRange(0, 2).Draw(t, "ends") {
		case 1:
			r.EndAfter = rapid.IntRange(1, 10).Draw(t, "endAfter")
		case 2:
			r.EndOn = start.Add(time.Duration(rapid.IntRange(0, 90*24).Draw(t, "endOnHours")) * time.Hour).Format(time.RFC3339)
		}
		r.TimeZone = rapid.SampledFrom(zonePool).Draw(t, "zone")
		return r
	})
}

// Principals generates up to s.Principals principals with deploy and view grants restricted (or
// not) by project, environment, named tenants and tenant tags.
func Principals(f *model.File, s Sizes) *rapid.Generator[[]model.Principal] {
	s = s.withDefaults()
	f = cloneShallow(f)
	canon := CanonicalTags(f.TagSets)
	return rapid.Custom(func(t *rapid.T) []model.Principal {
		n := rapid.IntRange(0, s.Principals).Draw(t, "principals")
		out := make([]model.Principal, n)
		var projects, tenants []string
		for _, p := range f.Projects {
			projects = append(projects, p.Name)
		}
		for _, tn := range f.Tenants {
			tenants = append(tenants, tn.Name)
		}
		for i := range out {
			p := model.Principal{Name: []string{"ops", "acme-self-service", "release-bot", "auditor"}[i%4] + suffix(i)}
			for range rapid.IntRange(0, 3).Draw(t, "grants") {
				g := model.Grant{Action: rapid.SampledFrom([]string{"deploy", "view"}).Draw(t, "action")}
				g.Projects = subset(t, "grantProjects", projects, 0, 1)
				g.Environments = subset(t, "grantEnvs", f.Environments, 0, 2)
				if chance(t, "tenantScoped", 2) {
					g.Tenants = subset(t, "grantTenants", tenants, 0, 2)
					g.TenantTags = subset(t, "grantTags", canon, 0, 1)
				}
				p.Grants = append(p.Grants, g)
			}
			out[i] = p
		}
		return out
	})
}

func suffix(i int) string {
	if i < 4 {
		return ""
	}
	return "-" + strconv.Itoa(i/4)
}

// Library generates the common library "Standard tenant details": a template with a default and
// one without, and a variable scoped to an environment of envs.
func Library(envs []string) *rapid.Generator[model.Library] {
	envs = slices.Clone(envs)
	return rapid.Custom(func(t *rapid.T) model.Library {
		l := model.Library{Name: "Standard tenant details", Templates: []model.Template{
			{Name: "Tenant.ContactEmail", Default: ptr("ops@example.com")},
		}}
		if chance(t, "required", 2) {
			l.Templates = append(l.Templates, model.Template{Name: "Tenant.Region", Label: "Region"})
		}
		if len(envs) > 0 {
			l.Variables = []model.Variable{{Name: "Environment.Alias", Value: "alias",
				Scope: &model.Scope{Environments: []string{rapid.SampledFrom(envs).Draw(t, "libEnv")}}}}
		}
		return l
	})
}

// Model generates a whole valid model within s: environments, tag sets, lifecycles, a library,
// projects with channels and templates, tenants, targets, releases, a history of deployments,
// freezes and principals. Every model it generates compiles (plan.Compile returns no error).
func Model(s Sizes) *rapid.Generator[*model.File] {
	return rapid.Custom(func(t *rapid.T) *model.File {
		f := &model.File{}
		f.Environments = Environments(s).Draw(t, "environments")
		f.TagSets = TagSets(s).Draw(t, "tagSets")
		f.Lifecycles = Lifecycles(f.Environments, s).Draw(t, "lifecycles")
		if chance(t, "library", 2) {
			f.Libraries = []model.Library{Library(f.Environments).Draw(t, "library")}
		}
		f.Projects = Projects(f, s).Draw(t, "projects")
		f.Tenants = Tenants(f, s).Draw(t, "tenants")
		f.Targets = Targets(f, s).Draw(t, "targets")
		f.Releases = Releases(f, s).Draw(t, "releases")
		f.Deployments = Deployments(f, s).Draw(t, "deployments")
		f.Freezes = Freezes(f, s).Draw(t, "freezes")
		f.Principals = Principals(f, s).Draw(t, "principals")
		return f
	})
}
