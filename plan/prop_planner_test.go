package plan_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"pgregory.net/rapid"
)

// drawModel draws a valid model and compiles it.
func drawModel(t *rapid.T) (*model.File, *plan.Space) {
	f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
	s, err := plan.Compile(f)
	if err != nil {
		t.Fatalf("generated model does not compile: %v", err)
	}
	return f, s
}

// TestDeploy_SlowReference checks that Deploy agrees with the slow reference
// planner on generated models, histories and requests (with principals, times and overrides).
func TestDeploy_SlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		want, ok := slowDeploy(f, req)
		p, err := s.Deploy(req)
		if !ok {
			if err == nil {
				t.Fatalf("the reference rejects the request, Deploy answers it")
			}
			return
		}
		if err != nil {
			t.Fatalf("deploy: %v", err)
		}
		if diff := cmp.Diff(want, fromPlan(p.Cells(), true)); diff != "" {
			t.Fatalf("Deploy differs from the reference (-want +got):\n%s", diff)
		}
	})
}

// TestMatrix_SlowReference checks that Matrix agrees with the slow reference.
func TestMatrix_SlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		dr := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		req := plan.MatrixRequest{Project: dr.Project, Release: dr.Release, At: dr.At, Principal: dr.Principal, Policy: dr.Policy}
		m, err := s.Matrix(req)
		if err != nil {
			t.Fatalf("matrix: %v", err)
		}
		if diff := cmp.Diff(slowMatrix(f, req), fromPlan(m.Cells(), false)); diff != "" {
			t.Fatalf("Matrix differs from the reference (-want +got):\n%s", diff)
		}
	})
}

// TestIsolation: a success for tenant A never changes a cell of a tenant B connected
// to an environment of that phase.
func TestIsolation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, _ := drawModel(t)
		if len(f.Tenants) == 0 {
			return
		}
		d := plantest.DeploymentOf(f).Draw(t, "deployment")
		if d.Tenant == "" {
			return
		}
		if err := plantest.CheckIsolation(f, d); err != nil {
			t.Fatal(err)
		}
	})
}

// withSuccess returns f plus a success of d after the whole history.
func withSuccess(f *model.File, d model.Deployment) *model.File {
	g := plantest.Clone(f)
	d.Outcome = "Success"
	d.At = plantest.Epoch().Add(10 * plantest.Window).Format(time.RFC3339)
	g.Deployments = append(g.Deployments, d)
	return g
}

// TestAnySuccess_Monotonic: under AnySuccess, adding a success never removes a
// deployable cell of the matrix (which never asks to skip current).
func TestAnySuccess_Monotonic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		d := plantest.DeploymentOf(f).Draw(t, "deployment")
		s2, err := plan.Compile(withSuccess(f, d))
		require.NoError(t, err)
		for _, r := range f.Releases {
			if r.Project != d.Project {
				continue
			}
			req := plan.MatrixRequest{Project: r.Project, Release: r.Version, Policy: lifecycle.AnySuccess}
			m1, err := s.Matrix(req)
			require.NoError(t, err)
			m2, err := s2.Matrix(req)
			require.NoError(t, err)
			after := m2.Cells()
			for i, c := range m1.Cells() {
				if c.Decision == plan.DecisionDeployable && after[i].Decision != plan.DecisionDeployable {
					t.Fatalf("release %s: a success (%+v) made cell %+v blocked: %+v", r.Version, d, c, after[i].Reasons)
				}
			}
		}
	})
}

// TestFirstPhaseReachable: no cell of the first phase of a release's lifecycle has
// the lifecycle reason, for any track.
func TestFirstPhaseReachable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		r := rapid.SampledFrom(f.Releases).Draw(t, "release")
		pol := plantest.Policy().Draw(t, "policy")
		m, err := s.Matrix(plan.MatrixRequest{Project: r.Project, Release: r.Version, Policy: pol})
		require.NoError(t, err)
		ref, _ := newSlow(f, r.Project, r.Version, pol)
		for _, c := range m.Cells() {
			if !slices.Contains(ref.phases[0], c.Environment) {
				continue
			}
			for _, rs := range c.Reasons {
				if rs.Code == plan.ReasonLifecycle || rs.Code == plan.ReasonReleaseBlocked {
					t.Fatalf("first-phase cell %+v has reason %s", c, rs.Code)
				}
			}
		}
	})
}

// tracks returns the tenant names of a plan's cells.
func tracks(p *plan.DeployPlan) []string {
	var out []string
	for _, c := range p.Cells() {
		if !c.Untenanted {
			out = append(out, c.Tenant)
		}
	}
	slices.Sort(out)
	return out
}

// TestSelection_UnionOfParts: plans are sound (CheckDeployPlan), and the selection of a request
// is the union of the selections of its parts: named, tags, expression, all.
func TestSelection_UnionOfParts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		req := plantest.DeployRequest(f, plantest.RequestOptions{At: true}).Draw(t, "request")
		p, err := s.Deploy(req)
		require.NoError(t, err)
		if err := plantest.CheckDeployPlan(s, req, p); err != nil {
			t.Fatal(err)
		}
		var union []string
		for _, part := range []plan.DeployRequest{
			{Tenants: req.Tenants}, {Tags: req.Tags}, {Expression: req.Expression}, {All: req.All},
		} {
			part.Project, part.Release, part.Environment, part.Policy = req.Project, req.Release, req.Environment, req.Policy
			pp, err := s.Deploy(part)
			require.NoError(t, err)
			union = append(union, tracks(pp)...)
		}
		slices.Sort(union)
		union = slices.Compact(union)
		require.Equal(t, union, tracks(p), "selection is not named UNION tags UNION expression UNION all")
	})
}

// TestDeterminism: shuffled models give byte-identical Deploy, Matrix and Rollout
// JSON.
func TestDeterminism(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, _ := drawModel(t)
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		pol := plantest.RolloutRequest(f, rapid.Bool().Draw(t, "timed")).Draw(t, "rollout")
		seed := rapid.Uint64().Draw(t, "seed")
		renders := map[string]func(*plan.Space) ([]byte, error){
			"deploy": func(s *plan.Space) ([]byte, error) {
				p, err := s.Deploy(req)
				if err != nil {
					return nil, err
				}
				return p.JSON()
			},
			"matrix": func(s *plan.Space) ([]byte, error) {
				m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, At: req.At, Principal: req.Principal, Policy: req.Policy})
				if err != nil {
					return nil, err
				}
				return m.JSON()
			},
			"rollout": func(s *plan.Space) ([]byte, error) {
				r, err := s.Rollout(pol)
				if err != nil {
					return nil, err
				}
				return r.JSON()
			},
		}
		for name, render := range renders {
			if err := plantest.CheckDeterministic(f, seed, render); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}

// TestRollout_Sound checks generated rollouts with plantest.CheckRollout (membership,
// maxParallel, replayed waves, freezes of timed waves).
func TestRollout_Sound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		pol := plantest.RolloutRequest(f, rapid.Bool().Draw(t, "timed")).Draw(t, "policy")
		r, err := s.Rollout(pol)
		require.NoError(t, err)
		if err := plantest.CheckRollout(f, pol, r); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRolloutPercent: raising a ring's percentage only adds tenants to it.
func TestRolloutPercent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		pol := plantest.RolloutRequest(f, false).Draw(t, "policy")
		k := rapid.IntRange(0, len(pol.Rings)-1).Draw(t, "ring")
		// Percent 0 means "no percentage" (every matched tenant), so start at 0.1.
		lo := float64(rapid.IntRange(1, 1000).Draw(t, "lo")) / 10
		hi := lo + float64(rapid.IntRange(0, 1000-int(lo*10)).Draw(t, "raise"))/10
		pol.Rings[k].Percent = lo
		r1, err := s.Rollout(pol)
		require.NoError(t, err)
		pol.Rings[k].Percent = hi
		r2, err := s.Rollout(pol)
		require.NoError(t, err)
		for _, m := range r1.Rings[k].Members {
			require.Contains(t, r2.Rings[k].Members, m, "raising %v%% to %v%% removed a member", lo, hi)
		}
	})
}

// TestDiff_EmptyAndApply: Diff(a, a) is empty and Diff(a, b).Apply(a) is b, for matrices before
// and after a new deployment and deploy plans of two requests.
func TestDiff_EmptyAndApply(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawModel(t)
		d := plantest.DeploymentOf(f).Draw(t, "deployment")
		s2, err := plan.Compile(withSuccess(f, d))
		require.NoError(t, err)
		req := plan.MatrixRequest{Project: d.Project, Release: d.Release}
		m1, err := s.Matrix(req)
		require.NoError(t, err)
		m2, err := s2.Matrix(req)
		require.NoError(t, err)
		a, b := m1.Cells(), m2.Cells()
		require.True(t, plan.Diff(a, a).IsEmpty(), "Diff(a, a) is not empty")
		if diff := cmp.Diff(b, plan.Diff(a, b).Apply(a), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Diff(a, b).Apply(a) != b (-want +got):\n%s", diff)
		}
		r1 := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "r1")
		r2 := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "r2")
		p1, err := s.Deploy(r1)
		require.NoError(t, err)
		p2, err := s2.Deploy(r2)
		require.NoError(t, err)
		a, b = p1.Cells(), p2.Cells()
		require.True(t, plan.Diff(b, b).IsEmpty())
		if diff := cmp.Diff(b, plan.Diff(a, b).Apply(a), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("deploy plans: Diff(a, b).Apply(a) != b (-want +got):\n%s", diff)
		}
	})
}

// TestNoTargetsMessageIgnoresRoleOrder (found by the determinism property): the
// message of no-targets once listed the project's target roles in model order, so reordering
// targetRoles (an order without meaning) changed the plan's JSON.
func TestNoTargetsMessageIgnoresRoleOrder(t *testing.T) {
	f := &model.File{Environments: []string{"Dev"},
		Projects: []model.Project{{Name: "P", Tenancy: "TenantedOrUntenanted", TargetRoles: []string{"web", "worker"}}},
		Releases: []model.Release{{Project: "P", Version: "1.0.0"}}}
	g := plantest.Clone(f)
	g.Projects[0].TargetRoles = []string{"worker", "web"}
	render := func(f *model.File) []byte {
		s, err := plan.Compile(f)
		require.NoError(t, err)
		p, err := s.Deploy(plan.DeployRequest{Project: "P", Release: "1.0.0", Environment: "Dev", Untenanted: true})
		require.NoError(t, err)
		b, err := p.JSON()
		require.NoError(t, err)
		return b
	}
	require.Equal(t, string(render(f)), string(render(g)))
}

// TestDiffApplyKeepsMatrixCellOrder (found by the diff property): Matrix.Cells once listed cells
// row by row while Apply returns them environment first, so Diff(a, b).Apply(a.Cells()) was not
// b.Cells().
func TestDiffApplyKeepsMatrixCellOrder(t *testing.T) {
	f := &model.File{Environments: []string{"Dev", "Prod"},
		Projects: []model.Project{{Name: "P", Tenancy: "TenantedOrUntenanted"}},
		Tenants:  []model.Tenant{{Name: "A", Projects: map[string][]string{"P": {"Dev", "Prod"}}}},
		Releases: []model.Release{{Project: "P", Version: "1.0.0"}}}
	s, err := plan.Compile(f)
	require.NoError(t, err)
	m, err := s.Matrix(plan.MatrixRequest{Project: "P", Release: "1.0.0"})
	require.NoError(t, err)
	a := m.Cells()
	b := slices.Clone(a)
	b[0].Current = "0.9.0"
	if diff := cmp.Diff(b, plan.Diff(a, b).Apply(a), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("Diff(a, b).Apply(a) != b (-want +got):\n%s", diff)
	}
}
