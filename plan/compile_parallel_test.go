package plan_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// withProcs runs fn with GOMAXPROCS set to n, restored after.
func withProcs(n int, fn func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
	fn()
}

// spaceAnswers returns, as JSON, what a space answers about every project of a generated model:
// the matrix of each release, a deployment of the last release to every tenant, and the
// variables of a sample of tenants.
func spaceAnswers(t *testing.T, f *model.File) []string {
	t.Helper()
	s, err := plan.Compile(f)
	require.NoError(t, err)
	var out []string
	add := func(v any, err error) {
		require.NoError(t, err)
		b, err := json.Marshal(v)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	for _, p := range s.Projects() {
		rels, err := s.Releases(p)
		require.NoError(t, err)
		for _, r := range rels {
			add(s.Matrix(plan.MatrixRequest{Project: p, Release: r, At: generatedAt}))
		}
		add(s.Deploy(plan.DeployRequest{Project: p, Release: rels[len(rels)-1], Environment: "Dev", All: true, At: generatedAt}))
		for i := 0; i < s.Tenants().Len(); i += 997 {
			add(s.Variables(plan.VariablesRequest{Project: p, Environment: "Production", Tenant: s.Tenants().At(i).Name()}))
		}
	}
	return out
}

// TestCompile_ParallelAgreesWithSequential: a model big enough to be checked by several
// goroutines compiles to a space that answers exactly as the one compiled on one.
func TestCompile_ParallelAgreesWithSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a model of 12,000 tenants twice")
	}
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 12_000, Projects: 3, Seed: 7})
	var one, four []string
	withProcs(1, func() { one = spaceAnswers(t, f) })
	withProcs(4, func() { four = spaceAnswers(t, f) })
	require.NotEmpty(t, one)
	require.Empty(t, cmp.Diff(one, four))
}

// breakModel injects problems of every kind the per-tenant and per-deployment checks find,
// spread over the whole model, and more unknown names than get a "did you mean".
func breakModel(f *model.File) {
	bad := "x"
	for i := 5; i < len(f.Tenants); i += 97 {
		t := &f.Tenants[i]
		switch i % 7 {
		case 0:
			t.Projects["Portall"] = []string{"Dev"}
		case 1:
			for p := range t.Projects {
				t.Projects[p] = append(t.Projects[p], "Stagin")
			}
		case 2:
			t.CommonValues = map[string][]model.TenantValue{"No library": {{Template: "A", Value: &bad}}}
		case 3:
			for p := range t.ProjectValues {
				t.ProjectValues[p] = append(t.ProjectValues[p], model.TenantValue{Template: "", Value: &bad, Environments: []string{"Dev", "Moon"}})
			}
		case 4:
			for p := range t.ProjectValues {
				t.ProjectValues[p] = append(t.ProjectValues[p], model.TenantValue{Template: "No.Such.Template", Value: &bad})
			}
		case 5:
			t.Name = f.Tenants[i-1].Name // a duplicate
			t.Tags = append(t.Tags, "Tier/Unknown")
		case 6:
			t.Name = ""
			t.ProjectValues = map[string][]model.TenantValue{"Unknown project": nil}
		}
	}
	for i := 3; i < len(f.Deployments); i += 101 {
		d := &f.Deployments[i]
		switch i % 5 {
		case 0:
			d.Tenant = fmt.Sprintf("%sx", d.Tenant)
		case 1:
			d.Release = "9.9.9"
			d.Environment = "Productio"
		case 2:
			d.At = "2026-02-30T10:00:00Z"
			d.Outcome = "Maybe"
		case 3:
			d.Project = "Mojoo"
		case 4:
			d.At = "2026-03-01T10:00:00.5+01:00" // valid, parsed by the general parser
		}
	}
}

// TestCompile_ParallelReportsAsSequential: the problems of a big broken model, and which unknown
// names get a "did you mean", are the same whether the model is checked on one goroutine or on
// several.
func TestCompile_ParallelReportsAsSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a model of 12,000 tenants twice")
	}
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 12_000, Projects: 3, Seed: 7})
	breakModel(f)
	problems := func() []string {
		_, err := plan.Compile(f)
		var es plan.ValidationErrors
		require.ErrorAs(t, err, &es)
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Error()
		}
		return out
	}
	var one, four []string
	withProcs(1, func() { one = problems() })
	withProcs(4, func() { four = problems() })
	require.Greater(t, len(one), 500)
	require.Empty(t, cmp.Diff(one, four))
	hints := 0
	for _, p := range one {
		if strings.Contains(p, "did you mean") {
			hints++
		}
	}
	require.Positive(t, hints)
}

// TestCompile_NoGoroutineOutlivesIt: after Compile returns, of a valid or a broken big model, no
// goroutine it started is left (but for the instant a finished goroutine takes to exit).
func TestCompile_NoGoroutineOutlivesIt(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a model of 12,000 tenants twice")
	}
	valid := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 12_000, Projects: 3, Seed: 3})
	broken := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 12_000, Projects: 3, Seed: 3})
	breakModel(broken)
	withProcs(4, func() {
		before := runtime.NumGoroutine()
		// goroutines returns the number of goroutines once it is back to before, or after a second.
		goroutines := func() int {
			for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			return runtime.NumGoroutine()
		}
		_, err := plan.Compile(valid)
		require.NoError(t, err)
		require.Equal(t, before, goroutines())
		_, err = plan.Compile(broken)
		require.Error(t, err)
		require.Equal(t, before, goroutines())
	})
}

// TestCompile_EqualValuesOfTenantsShared: tenants that give the same values as a tenant before them
// share its converted values; each tenant still resolves to exactly the values it gave, also when
// a value differs, is null, is scoped to an environment or is of a sensitive template.
func TestCompile_EqualValuesOfTenantsShared(t *testing.T) {
	f := benchModel(3_000, 4, 0)
	f.Projects[0].Templates[2].Sensitive = true
	want := make(map[string][4]string, len(f.Tenants))
	for i := range f.Tenants {
		tn := &f.Tenants[i]
		vals := make([]model.TenantValue, 4)
		var w [4]string
		for k := range vals {
			v := fmt.Sprintf("v%d", k) // equal texts, in strings of their own
			switch {
			case i%5 == 0 && k == i%4:
				v = fmt.Sprintf("own-%d", i)
			case i%11 == 0 && k == 1:
				vals[k] = model.TenantValue{Template: fmt.Sprintf("Tenant.Setting%d", k)} // null: no value
				w[k] = ""
				continue
			}
			vals[k] = model.TenantValue{Template: fmt.Sprintf("Tenant.Setting%d", k), Value: &v}
			if i%13 == 0 && k == 3 {
				vals[k].Environments = []string{"Test"} // not Production
				v = ""
			}
			w[k] = v
		}
		tn.ProjectValues = map[string][]model.TenantValue{"Portal": vals}
		want[tn.Name] = w
	}
	for _, procs := range []int{1, 4} {
		withProcs(procs, func() {
			s, err := plan.Compile(f)
			require.NoError(t, err)
			for i := range s.Tenants().Len() {
				name := s.Tenants().At(i).Name()
				r, err := s.Variables(plan.VariablesRequest{Project: "Portal", Environment: "Production", Tenant: name})
				require.NoError(t, err)
				for k, w := range want[name] {
					got, ok := r.Get(fmt.Sprintf("Tenant.Setting%d", k))
					require.Equal(t, w != "", ok, "%s template %d", name, k)
					require.Equal(t, w, got.Reveal(), "%s template %d", name, k)
					require.Equal(t, ok && k == 2, got.IsSensitive(), "%s template %d", name, k)
				}
			}
		})
	}
}
