package plantest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"pgregory.net/rapid"
)

// TestNoGoldTenantInFirstWave shows a user property-testing their own rollout rule with the
// generators of this package: "no Gold tenant is ever in the first wave".
//
// The team enforces the rule with its policy: the first ring, "Canary", selects tenants with the
// expression `not Support/Gold`; later rings (drawn by plantest.RolloutRequest) take the others.
// The test draws any valid model, adds the team's tag set Support (Gold or Silver), draws a
// history and ring settings (percentages, batch sizes, soak), plans the rollout with
// Space.Rollout, asserts the rule, and lets CheckRollout assert the library's own invariants on
// the same plan: membership, batch sizes, and that every wave is deployable when replayed.
//
// The first version of this test asserted the rule on every rollout, and rapid refuted it at
// once with a tiny model: when the Canary ring has nothing to deploy in the first environment
// (its tenants are disabled, not connected, or already done), the first wave is the next ring's,
// Gold tenants included. The rule the policy really guarantees is the one asserted below:
// whenever Canary has a wave in the first environment, the first wave is Canary's and has no
// Gold tenant. When a rule breaks, rapid shrinks the model to a minimal counterexample.
func TestNoGoldTenantInFirstWave(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Tenants: 10}).Draw(t, "model")
		ensureGold(f)
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model: %v", err)
		}
		pol := plantest.RolloutRequest(f, false).Draw(t, "policy")
		pol.Rings[0] = plan.Ring{Name: "Canary", Expression: "not Support/Gold",
			MaxParallel: rapid.IntRange(0, 3).Draw(t, "canaryBatch")}
		r, err := s.Rollout(pol)
		if err != nil {
			t.Fatalf("rollout: %v", err)
		}
		canaryFirst := slices.ContainsFunc(r.Waves, func(w plan.Wave) bool {
			return w.Ring == "Canary" && len(r.Environments) > 0 && w.Environment == r.Environments[0]
		})
		if canaryFirst {
			for _, name := range r.Waves[0].Tenants {
				if isGold(f, name) {
					t.Fatalf("Gold tenant %q is in the first wave", name)
				}
			}
		}
		if err := plantest.CheckRollout(f, pol, r); err != nil {
			t.Fatal(err)
		}
	})
}

// ensureGold adds a tag set Support (Gold, Silver) to the model and makes every other tenant
// Support/Gold.
func ensureGold(f *modelFile) {
	f.TagSets = append(f.TagSets, tagSet{Name: "Support", Type: "SingleSelect", Tags: []string{"Gold", "Silver"}})
	for k := range f.Tenants {
		tag := "Support/Silver"
		if k%2 == 0 {
			tag = "Support/Gold"
		}
		f.Tenants[k].Tags = append(f.Tenants[k].Tags, tag)
	}
}

func isGold(f *modelFile, name string) bool {
	for _, tn := range f.Tenants {
		if tn.Name == name {
			return slices.Contains(tn.Tags, "Support/Gold")
		}
	}
	return false
}

// ExampleSynthetic builds a small synthetic model and plans a deployment on it.
func ExampleSynthetic() {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 5, Projects: 1, Seed: 42})
	s, err := plan.Compile(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := s.Deploy(plan.DeployRequest{Project: "Mojo", Release: "1.0.0", Environment: "Dev", All: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(f.Tenants), "tenants,", len(f.Deployments), "deployments")
	fmt.Println("deploy:", len(p.Deploy), "skipped:", len(p.Skipped))
	fmt.Println(plantest.CheckDeployPlan(s, plan.DeployRequest{Project: "Mojo", Release: "1.0.0", Environment: "Dev", All: true}, p))
	// Output:
	// 5 tenants, 15 deployments
	// deploy: 5 skipped: 0
	// <nil>
}

// ExampleShuffle shows that a plan does not depend on the order of the model's lists.
func ExampleShuffle() {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 30, Seed: 7})
	err := plantest.CheckDeterministic(f, 1, func(s *plan.Space) ([]byte, error) {
		m, err := s.Matrix(plan.MatrixRequest{Project: "Mojo", Release: "1.2.0"})
		if err != nil {
			return nil, err
		}
		return m.JSON()
	})
	fmt.Println(err)
	// Output:
	// <nil>
}

// ExampleSelection computes a request's selection literally: named UNION expression.
func ExampleSelection() {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 40, Seed: 3})
	s, _ := plan.Compile(f)
	names, err := plantest.Selection(s, plan.DeployRequest{Project: "Mojo",
		Tenants: []string{f.Tenants[0].Name}, Expression: "Tier/Gold and not Region/us-east-1"})
	fmt.Println(err, len(names) > 1, slices.Contains(names, f.Tenants[0].Name))
	// Output:
	// <nil> true true
}

type (
	modelFile = model.File
	tagSet    = model.TagSet
)
