package plantest_test

import (
	"testing"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"pgregory.net/rapid"
)

// TestModel_Compiles checks that every generated model is valid: plan.Compile accepts it.
func TestModel_Compiles(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
		if _, err := plan.Compile(f); err != nil {
			t.Fatalf("generated model does not compile: %v", err)
		}
	})
}

// TestSynthetic_Compiles checks that synthetic models of several shapes are valid.
func TestSynthetic_Compiles(t *testing.T) {
	for _, o := range []plantest.SyntheticOptions{{}, {Tenants: 1}, {Tenants: 500, Projects: 3, Seed: 7}, {Tenants: 50, Releases: 12, Freezes: 4}} {
		f := plantest.Synthetic(o)
		if _, err := plan.Compile(f); err != nil {
			t.Fatalf("synthetic model %+v does not compile: %v", o, err)
		}
	}
}
