package plan_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// TestAnswers_ShareNothingWithTheSpace: changing an answer (its reasons, missing templates,
// targets) changes neither the space nor a later answer, although cells of one answer share
// identical lists.
func TestAnswers_ShareNothingWithTheSpace(t *testing.T) {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 300, Projects: 1, Seed: 4})
	s, err := plan.Compile(f)
	require.NoError(t, err)
	req := plan.DeployRequest{Project: "Mojo", Release: "1.0.0", Environment: "Dev", All: true, At: generatedAt}
	first, err := s.Deploy(req)
	require.NoError(t, err)
	want, err := first.JSON()
	require.NoError(t, err)
	m, err := s.Matrix(plan.MatrixRequest{Project: "Mojo", Release: "1.0.0"})
	require.NoError(t, err)
	wantMatrix, err := m.JSON()
	require.NoError(t, err)

	missing := 0
	for _, c := range first.Skipped {
		for k := range c.Reasons {
			r := &c.Reasons[k]
			r.Message = "changed"
			if len(r.Missing) > 0 {
				r.Missing[0] = "changed"
				missing++
			}
		}
	}
	require.Positive(t, missing, "the model must have tenants missing a value")
	for _, c := range first.Deploy {
		if len(c.Targets) > 0 {
			c.Targets[0] = "changed"
		}
	}
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			for k := range c.Reasons {
				c.Reasons[k].Message = "changed"
				if len(c.Reasons[k].Missing) > 0 {
					c.Reasons[k].Missing[0] = "changed"
				}
			}
		}
	}

	again, err := s.Deploy(req)
	require.NoError(t, err)
	got, err := again.JSON()
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "a changed answer must not change the next one")
	m2, err := s.Matrix(plan.MatrixRequest{Project: "Mojo", Release: "1.0.0"})
	require.NoError(t, err)
	gotMatrix, err := m2.JSON()
	require.NoError(t, err)
	require.Equal(t, string(wantMatrix), string(gotMatrix))
}

// answerBytes returns the bytes one call of fn allocates, after a first call.
func answerBytes(fn func()) float64 {
	fn()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc - before.TotalAlloc)
}

// TestPlanner_BytesGrowLinearly: Deploy, Matrix and Rollout allocate memory proportional to the
// tenants (4 times the tenants: at most about 4 times the bytes, with a generous bound), and
// Deploy allocates a number of objects that does not grow with them.
func TestPlanner_BytesGrowLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("plans models of thousands of tenants")
	}
	type sizes struct{ deploy, matrix, rollout, deployAllocs float64 }
	measure := func(n int) sizes {
		f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Projects: 3, Seed: 1})
		s, err := plan.Compile(f)
		require.NoError(t, err)
		deploy := func() {
			if _, err := s.Deploy(plan.DeployRequest{Project: "Mojo", Release: "1.2.0", Environment: "Staging", All: true, At: generatedAt}); err != nil {
				t.Fatal(err)
			}
		}
		var out sizes
		out.deploy = answerBytes(deploy)
		out.deployAllocs = testing.AllocsPerRun(3, deploy)
		out.matrix = answerBytes(func() {
			if _, err := s.Matrix(plan.MatrixRequest{Project: "Mojo", Release: "1.2.0", At: generatedAt}); err != nil {
				t.Fatal(err)
			}
		})
		out.rollout = answerBytes(func() {
			if _, err := s.Rollout(generatedRollout); err != nil {
				t.Fatal(err)
			}
		})
		return out
	}
	small, big := measure(2_000), measure(8_000)
	t.Logf("2,000 tenants: %+v; 8,000 tenants: %+v", small, big)
	require.Less(t, big.deploy/small.deploy, 2*4.0)
	require.Less(t, big.matrix/small.matrix, 2*4.0)
	require.Less(t, big.rollout/small.rollout, 2*4.0)
	require.Less(t, big.deployAllocs, 2*small.deployAllocs, "Deploy allocates per answer, not per cell")
}
