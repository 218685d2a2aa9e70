package plantest_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"pgregory.net/rapid"
)

// drawSpace draws a model and compiles it.
func drawSpace(t *rapid.T, s plantest.Sizes) (*model.File, *plan.Space) {
	f := plantest.Model(s).Draw(t, "model")
	sp, err := plan.Compile(f)
	if err != nil {
		t.Fatalf("generated model does not compile: %v", err)
	}
	return f, sp
}

// TestCheckDeployPlan_GeneratedRequests runs CheckDeployPlan on plans of generated requests.
func TestCheckDeployPlan_GeneratedRequests(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawSpace(t, plantest.Sizes{})
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		p, err := s.Deploy(req)
		if err != nil {
			if req.Principal != "" {
				t.Skip("a named tenant the principal may not view is a request error")
			}
			t.Fatalf("deploy: %v", err)
		}
		if err := plantest.CheckDeployPlan(s, req, p); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCheckDeployPlan_Catches checks that CheckDeployPlan rejects broken plans.
func TestCheckDeployPlan_Catches(t *testing.T) {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 20})
	for i := range f.Tenants {
		f.Tenants[i].Disabled = i%3 == 0
	}
	s, err := plan.Compile(f)
	require.NoError(t, err)
	req := plan.DeployRequest{Project: "Mojo", Release: "1.0.0", Environment: "Test", All: true, Tenants: []string{f.Tenants[0].Name}}
	p, err := s.Deploy(req)
	require.NoError(t, err)
	require.NoError(t, plantest.CheckDeployPlan(s, req, p))
	require.NotEmpty(t, p.Deploy)
	require.NotEmpty(t, p.Skipped)

	dropped := *p
	dropped.Deploy = p.Deploy[1:]
	require.ErrorContains(t, plantest.CheckDeployPlan(s, req, &dropped), "appears nowhere")

	twice := *p
	twice.Skipped = append([]plan.DeployCell{p.Deploy[0]}, p.Skipped...)
	twice.Skipped[0].Reasons = []plan.Reason{{Code: plan.ReasonDisabled, Message: "x"}}
	require.Error(t, plantest.CheckDeployPlan(s, req, &twice))

	swapped := *p
	swapped.Skipped = append([]plan.DeployCell(nil), p.Skipped...)
	swapped.Skipped[0].Reasons = []plan.Reason{{Code: plan.ReasonLifecycle, Message: "x"}, {Code: plan.ReasonDisabled, Message: "y"}}
	require.ErrorContains(t, plantest.CheckDeployPlan(s, req, &swapped), "order in which the checks run")
}

// TestCheckDeterministic checks determinism of Deploy and Matrix JSON on generated
// models.
func TestCheckDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, _ := drawSpace(t, plantest.Sizes{})
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		seed := rapid.Uint64().Draw(t, "seed")
		err := plantest.CheckDeterministic(f, seed, func(s *plan.Space) ([]byte, error) {
			p, err := s.Deploy(req)
			if err != nil {
				return nil, err
			}
			maskNoTargets(p)
			return p.JSON()
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestCheckIsolation checks per-tenant isolation on generated models.
func TestCheckIsolation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, _ := drawSpace(t, plantest.Sizes{})
		if len(f.Tenants) == 0 {
			t.Skip("no tenants")
		}
		d := plantest.DeploymentOf(f).Draw(t, "deployment")
		if d.Tenant == "" {
			t.Skip("untenanted deployment")
		}
		if err := plantest.CheckIsolation(f, d); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCheckRollout checks generated rollouts, timed or not.
func TestCheckRollout(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, s := drawSpace(t, plantest.Sizes{})
		pol := plantest.RolloutRequest(f, rapid.Bool().Draw(t, "timed")).Draw(t, "policy")
		r, err := s.Rollout(pol)
		if err != nil {
			t.Fatalf("rollout: %v", err)
		}
		if err := plantest.CheckRollout(f, pol, r); err != nil {
			t.Fatal(err)
		}
	})
}

// maskNoTargets clears the messages of no-targets reasons, which once listed the project's target
// roles in model order and so differed between a model and its shuffle (fixed since: see
// TestNoTargetsMessageIgnoresRoleOrder in package plan).
func maskNoTargets(p *plan.DeployPlan) {
	for _, cs := range [][]plan.DeployCell{p.Deploy, p.Skipped, p.Rejected} {
		for i := range cs {
			for j := range cs[i].Reasons {
				if cs[i].Reasons[j].Code == plan.ReasonNoTargets {
					cs[i].Reasons[j].Message = "(masked)"
				}
			}
		}
	}
}
