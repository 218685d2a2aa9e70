package plan_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// benchModel builds the planner benchmark's model deterministically: n tenants, one project, a
// lifecycle of 4 phases, 3 channels, 3 deployments per tenant (300,000 for 100,000 tenants),
// templates (when templates > 0) with most tenants giving every value, and `freezes` recurring
// freezes (half project-wide, half on single tenants).
func benchModel(n, templates, freezes int) *model.File {
	envs := []string{"Dev", "Test", "Staging", "Production"}
	f := &model.File{
		Environments: envs,
		TagSets: []model.TagSet{
			{Name: "Tier", Tags: []string{"Free", "Standard", "Gold", "Platinum"}},
			{Name: "Region", Type: "SingleSelect", Tags: []string{"EU", "US", "APAC"}},
			{Name: "Ring", Type: "SingleSelect", Tags: []string{"Canary", "Early", "Stable", "Late", "Pinned"}},
		},
		Lifecycles: []model.Lifecycle{{Name: "Standard", Phases: []model.Phase{
			{Name: "Dev", Automatic: []string{"Dev"}},
			{Name: "Test", Manual: []string{"Test"}},
			{Name: "Staging", Manual: []string{"Staging"}},
			{Name: "Production", Manual: []string{"Production"}},
		}}},
	}
	p := model.Project{Name: "Portal", Tenancy: "TenantedOrUntenanted", Lifecycle: "Standard",
		Channels: []model.Channel{
			{Name: "Stable", Default: true, VersionRange: "[1.0,3.0)", PreRelease: "^$"},
			{Name: "Beta", VersionRange: "[1.0,3.0)", PreRelease: "^beta", TenantTags: []string{"Ring/Canary", "Ring/Early"}},
			{Name: "Next", VersionRange: "[3.0,4.0)"},
		}}
	for k := range templates {
		p.Templates = append(p.Templates, model.Template{Name: fmt.Sprintf("Tenant.Setting%d", k)})
	}
	f.Projects = []model.Project{p}
	for _, v := range []string{"1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1", "3.0.0"} {
		f.Releases = append(f.Releases, model.Release{Project: "Portal", Version: v})
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tiers := []string{"Free", "Standard", "Gold", "Platinum"}
	regions := []string{"EU", "US", "APAC"}
	rings := []string{"Canary", "Early", "Stable", "Late", "Pinned"}
	val := "v"
	for i := range n {
		name := fmt.Sprintf("tenant-%06d", i)
		t := model.Tenant{Name: name,
			Tags:     []string{"Tier/" + tiers[i%4], "Region/" + regions[i%3], "Ring/" + rings[(i/7)%5]},
			Disabled: i%97 == 0,
		}
		conn := []string{"Production"}
		if i%10 == 0 {
			conn = []string{"Test", "Staging", "Production"}
		} else if i%3 == 0 {
			conn = []string{"Staging", "Production"}
		}
		t.Projects = map[string][]string{"Portal": conn}
		if templates > 0 && i%13 != 0 {
			var vals []model.TenantValue
			for k := range templates {
				vals = append(vals, model.TenantValue{Template: fmt.Sprintf("Tenant.Setting%d", k), Value: &val})
			}
			t.ProjectValues = map[string][]model.TenantValue{"Portal": vals}
		}
		f.Tenants = append(f.Tenants, t)
		// Three deployments per tenant: 1.1.0 and 1.2.0 where connected, in phase order.
		for d := range 3 {
			env := conn[d%len(conn)]
			rel := "1.1.0"
			if d > 0 {
				rel = "1.2.0"
			}
			outcome := "Success"
			if i%11 == 0 && d == 2 {
				outcome = "Failed"
			}
			f.Deployments = append(f.Deployments, model.Deployment{Project: "Portal", Release: rel, Environment: env,
				Tenant: name, Outcome: outcome, At: base.Add(time.Duration(i*3+d) * time.Second).Format(time.RFC3339)})
		}
	}
	for _, e := range envs {
		f.Deployments = append(f.Deployments, model.Deployment{Project: "Portal", Release: "1.2.0", Environment: e,
			Outcome: "Success", At: base.Format(time.RFC3339)})
	}
	for k := range freezes {
		fr := model.Freeze{Name: fmt.Sprintf("freeze-%d", k), Start: base.Add(time.Duration(k) * time.Hour).Format(time.RFC3339),
			End:        base.Add(time.Duration(k)*time.Hour + 2*time.Hour).Format(time.RFC3339),
			Recurrence: &model.Recurrence{Unit: "Weekly", DaysOfWeek: []string{"Saturday"}, TimeZone: "Europe/Berlin"}}
		if k%2 == 0 {
			fr.Projects = map[string][]string{"Portal": {"Staging", "Production"}}
		} else {
			fr.Tenants = []model.FreezeTenant{{Tenant: fmt.Sprintf("tenant-%06d", (k*7919)%n), Project: "Portal", Environment: "Production"}}
		}
		f.Freezes = append(f.Freezes, fr)
	}
	return f
}

func compileBench(b *testing.B, n, templates, freezes int) *plan.Space {
	b.Helper()
	s, err := plan.Compile(benchModel(n, templates, freezes))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var sizes = []int{10_000, 100_000}

// BenchmarkDeployAll plans "all tenants, last phase" (issue: at most 150 ms and 64 MB per op at
// 100,000 tenants).
func BenchmarkDeployAll(b *testing.B) {
	for _, n := range sizes {
		for _, fr := range []int{0, 1000} {
			b.Run(fmt.Sprintf("tenants=%d/freezes=%d", n, fr), func(b *testing.B) {
				s := compileBench(b, n, 0, fr)
				req := plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: "Production", All: true,
					Untenanted: true, At: time.Date(2026, 6, 3, 12, 0, 0, 0, time.UTC)}
				b.ReportAllocs()
				var p *plan.DeployPlan
				for b.Loop() {
					var err error
					if p, err = s.Deploy(req); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(p.Deploy)), "deploy")
			})
		}
	}
}

// BenchmarkMatrix computes the matrix: 4 environments x n tenants (400,000 cells at 100,000).
func BenchmarkMatrix(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("tenants=%d", n), func(b *testing.B) {
			s := compileBench(b, n, 0, 0)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Matrix(plan.MatrixRequest{Project: "Portal", Release: "1.2.0"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMissing plans with 20 templates per tenant, so that every cell runs the
// missing-variables check (issue: at most 300 ms for 100,000 tenants).
func BenchmarkMissing(b *testing.B) {
	s := compileBench(b, 100_000, 20, 0)
	req := plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: "Production", All: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Deploy(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRollout plans a rollout of 100,000 tenants in 5 rings through 4 environments.
func BenchmarkRollout(b *testing.B) {
	s := compileBench(b, 100_000, 0, 0)
	pol := plan.RolloutRequest{Project: "Portal", Release: "1.2.0", Rings: []plan.Ring{
		{Name: "Canary", Tags: []string{"Ring/Canary"}},
		{Name: "Early", Tags: []string{"Ring/Early"}, MaxParallel: 1000},
		{Name: "Stable", Tags: []string{"Ring/Stable"}, Percent: 50, MaxParallelPercent: 25, Soak: plan.Duration(time.Hour)},
		{Name: "Rest", Tags: []string{"Ring/Stable", "Ring/Late"}},
		{Name: "Pinned", Expression: "Ring/Pinned and not Tier/Free"},
	}}
	loopCPU(b, func() {
		if _, err := s.Rollout(pol); err != nil {
			b.Fatal(err)
		}
	})
}

// loadModelFile is the model of BenchmarkLoadModel: 10,000 tenants, each with 5 tags, 2 project
// connections and 10 variable values.
func loadModelFile() *model.File {
	f := benchModel(10_000, 10, 0)
	f.TagSets = append(f.TagSets, model.TagSet{Name: "Feature", Tags: []string{"SSO", "Branding", "Audit"}})
	f.Projects = append(f.Projects, model.Project{Name: "Billing", Tenancy: "Tenanted"})
	for i := range f.Tenants {
		t := &f.Tenants[i]
		t.Tags = append(t.Tags, "Feature/SSO", "Feature/Audit")
		t.Projects["Billing"] = []string{"Production"}
		if t.ProjectValues == nil {
			val := "v"
			t.ProjectValues = map[string][]model.TenantValue{"Portal": {}}
			for k := range 10 {
				t.ProjectValues["Portal"] = append(t.ProjectValues["Portal"], model.TenantValue{Template: fmt.Sprintf("Tenant.Setting%d", k), Value: &val})
			}
		}
	}
	return f
}

// BenchmarkLoadModel decodes and validates a model of 10,000 tenants, each with 5 tags, 2 project
// connections and 10 variable values.
func BenchmarkLoadModel(b *testing.B) {
	data, err := json.Marshal(loadModelFile())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	loopCPU(b, func() {
		if _, err := plan.Load(data); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkDecodeLoadModel is the decoding part of BenchmarkLoadModel: model.Decode of the same
// bytes.
func BenchmarkDecodeLoadModel(b *testing.B) {
	data, err := json.Marshal(loadModelFile())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	loopCPU(b, func() {
		if _, err := model.Decode(data); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkCompileLoadModel is the compile part of BenchmarkLoadModel: validating and compiling
// the decoded model.
func BenchmarkCompileLoadModel(b *testing.B) {
	f := loadModelFile()
	loopCPU(b, func() {
		if _, err := plan.Compile(f); err != nil {
			b.Fatal(err)
		}
	})
}
