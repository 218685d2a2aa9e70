package plan_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// loadProblems loads a model file and returns "path code" for each problem, and the messages.
func loadProblems(t *testing.T, src string) (problems, msgs []string) {
	t.Helper()
	_, err := plan.Load([]byte(src))
	var ves plan.ValidationErrors
	require.True(t, errors.As(err, &ves), "%T %v", err, err)
	for _, e := range ves {
		problems = append(problems, e.Path+" "+string(e.Code))
		msgs = append(msgs, e.Message)
	}
	return problems, msgs
}

// TestLoad_EmptyTenantName: a tenant without a name (empty, null or absent) is an invalid-value
// error at the tenant, as an empty name of every other kind is; two of them are not also
// duplicates of each other, and no reference resolves to them.
func TestLoad_EmptyTenantName(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"empty", `{"environments":["Dev"],"tenants":[{"name":""}]}`, []string{"tenants[0].name invalid-value"}},
		{"null", `{"environments":["Dev"],"tenants":[{"name":"a"},{"name":null}]}`, []string{"tenants[1].name invalid-value"}},
		{"two empty names", `{"environments":["Dev"],"tenants":[{"name":""},{"name":"b"},{"name":""}]}`,
			[]string{"tenants[0].name invalid-value", "tenants[2].name invalid-value"}},
		{"a tag error after an unnamed tenant keeps its path", `{"environments":["Dev"],"tenants":[{"name":""},{"name":"b","tags":["Nope/x"]}]}`,
			[]string{"tenants[0].name invalid-value", "tenants[1].tags[0] unknown-tag-set"}},
		{"a freeze cannot name the unnamed tenant", `{"environments":["Dev"],"projects":[{"name":"P","tenancy":"Tenanted"}],
			"tenants":[{"name":""}],"freezes":[{"name":"f","start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z",
			"tenants":[{"tenant":"","project":"P","environment":"Dev"}]}]}`,
			[]string{"freezes[0].tenants[0].tenant invalid-value", "freezes[0].tenants[0].tenant unknown-tenant", "tenants[0].name invalid-value"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, msgs := loadProblems(t, tc.src)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Fatalf("problems (-want +got):\n%s", d)
			}
			for k, p := range got {
				if strings.HasPrefix(p, "tenants[") && strings.HasSuffix(p, "invalid-value") {
					require.Equal(t, "tenant name is empty", msgs[k])
				}
			}
		})
	}
}

// compileAlloc returns the bytes Compile allocates for f.
func compileAlloc(t *testing.T, f *model.File) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := plan.Compile(f)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	return after.TotalAlloc - before.TotalAlloc
}

// templatesModel has one project with `templates` templates (all but the first with a default)
// and `tenants` tenants, each giving a value for one template.
func templatesModel(templates, tenants int) *model.File {
	f := &model.File{Environments: []string{"Dev"}}
	p := model.Project{Name: "P", Tenancy: "Tenanted"}
	v := "x"
	for k := range templates {
		tm := model.Template{Name: fmt.Sprintf("T%d", k), Sensitive: k%2 == 0}
		if k > 0 {
			tm.Default = &v
		}
		p.Templates = append(p.Templates, tm)
	}
	f.Projects = []model.Project{p}
	for i := range tenants {
		f.Tenants = append(f.Tenants, model.Tenant{Name: fmt.Sprintf("t%06d", i), Projects: map[string][]string{"P": {"Dev"}},
			ProjectValues: map[string][]model.TenantValue{"P": {{Template: fmt.Sprintf("T%d", i%templates), Value: &v}}}})
	}
	return f
}

// TestCompile_TemplatesOncePerProject: compiling tenants' values converts the project's templates
// once, not once per tenant: what each further tenant costs (allocated bytes) is the same with 8
// times the templates, and 4 times the tenants cost at most about 4 times the bytes.
func TestCompile_TemplatesOncePerProject(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles models of thousands of tenants")
	}
	small := compileAlloc(t, templatesModel(100, 2000))
	manyTenants := compileAlloc(t, templatesModel(100, 8000))
	manyTemplates := compileAlloc(t, templatesModel(800, 2000))
	both := compileAlloc(t, templatesModel(800, 8000))
	perTenant100 := float64(manyTenants-small) / 6000
	perTenant800 := float64(both-manyTemplates) / 6000
	t.Logf("bytes per further tenant: %.0f with 100 templates, %.0f with 800", perTenant100, perTenant800)
	require.Less(t, perTenant800/perTenant100, 1.5, "a tenant must not cost more with more templates in its project")
	require.Less(t, float64(manyTenants)/float64(small), 2*4.0, "4 times the tenants must cost at most about 4 times the bytes")
}

// manyEnvironmentsModel has ne environments in one phase and a tenant connected to half of them,
// with two values of one template scoped to either half.
func manyEnvironmentsModel(ne int) []byte {
	f := &model.File{}
	for i := range ne {
		f.Environments = append(f.Environments, fmt.Sprintf("env-%06d", i))
	}
	f.Lifecycles = []model.Lifecycle{{Name: "All", Phases: []model.Phase{{Name: "All", Manual: f.Environments}}}}
	f.Projects = []model.Project{{Name: "P", Tenancy: "Tenanted", Lifecycle: "All", Templates: []model.Template{{Name: "T"}}}}
	v := "x"
	first, second := f.Environments[:ne/2], f.Environments[ne/2:]
	f.Tenants = []model.Tenant{{Name: "a", Projects: map[string][]string{"P": first},
		ProjectValues: map[string][]model.TenantValue{"P": {{Template: "T", Value: &v, Environments: first},
			{Template: "T", Value: &v, Environments: second}}}}}
	data, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	return data
}

// TestLoad_ManyEnvironmentsStaysLinear: checking tenant values scoped to tens of thousands of
// environments (for overlaps) takes time linear in the environments: 10 times the environments
// take at most 25 times as long (a quadratic check takes 100 times as long).
func TestLoad_ManyEnvironmentsStaysLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a model of 60,000 environments")
	}
	// The CPU time of a Load (the least of three), which waiting for a core on a busy machine does
	// not inflate as it does wall time.
	measure := func(ne int) float64 {
		data := manyEnvironmentsModel(ne)
		best := time.Duration(math.MaxInt64)
		for range 3 {
			runtime.GC()
			start := cpuTime()
			_, err := plan.Load(data)
			require.NoError(t, err)
			best = min(best, cpuTime()-start)
		}
		return float64(best)
	}
	small, big := measure(6_000), measure(60_000)
	t.Logf("Load (CPU time): 6,000 environments %.1f ms, 60,000 %.1f ms", small/1e6, big/1e6)
	require.Less(t, big/small, 25.0, "10 times the environments must take about 10 times as long")
}

// TestLoad_OverlappingValuesAmongMany: with many values of a tenant (where the overlap check lists
// each template's earlier values), an overlap is reported on the later value, naming the first
// earlier value it overlaps, as with few values.
func TestLoad_OverlappingValuesAmongMany(t *testing.T) {
	f := &model.File{Environments: []string{"e0", "e1", "e2", "e3", "e4", "e5"}}
	p := model.Project{Name: "P", Tenancy: "Tenanted"}
	v := "x"
	var vals []model.TenantValue
	for k := range 40 {
		p.Templates = append(p.Templates, model.Template{Name: fmt.Sprintf("T%d", k)})
		vals = append(vals, model.TenantValue{Template: fmt.Sprintf("T%d", k), Value: &v})
	}
	var long []string
	for i := range 40 {
		long = append(long, fmt.Sprintf("x%d", i))
	}
	f.Environments = append(f.Environments, long...)
	vals[3].Environments = append(slices.Clone(long), "e5")
	vals = append(vals,
		model.TenantValue{Template: "T3", Value: &v, Environments: []string{"e1", "e5"}}, // [40] overlaps [3] in e5
		model.TenantValue{Template: "T7", Value: &v},                                     // [41] unscoped like [7]
		model.TenantValue{Template: "T2", Value: &v, Environments: []string{"e0"}},       // [42] a scoped and an unscoped value do not overlap
	)
	f.Projects = []model.Project{p}
	f.Tenants = []model.Tenant{{Name: "a", Projects: map[string][]string{"P": {"e0"}}, ProjectValues: map[string][]model.TenantValue{"P": vals}}}
	_, err := plan.Compile(f)
	var ves plan.ValidationErrors
	require.True(t, errors.As(err, &ves), "%v", err)
	var got []string
	for _, e := range ves {
		got = append(got, e.Path+" "+string(e.Code)+" "+e.Message)
	}
	want := []string{
		`tenants[0].projectValues.P[40] overlapping-tenant-values project values[40] (template "T3"): environment "e5" is also in value [3]: overlapping tenant values`,
		`tenants[0].projectValues.P[41] overlapping-tenant-values project values[41] (template "T7"): unscoped like value [7]: overlapping tenant values`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("problems (-want +got):\n%s", d)
	}
}
