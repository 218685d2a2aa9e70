package plan_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
)

// TestRollout_RequestErrors: a rollout policy that would plan cells twice, time waves wrongly or
// fall back silently to a default is a request error naming the field, with a stable code, the
// package's sentinel and a message that quotes the bad value.
func TestRollout_RequestErrors(t *testing.T) {
	s := shop(t)
	base := plan.RolloutRequest{Project: "Shop", Release: "1.0.0"}
	with := func(f func(p *plan.RolloutRequest)) plan.RolloutRequest {
		p := base
		f(&p)
		return p
	}
	ring := func(r plan.Ring) plan.RolloutRequest {
		r.Name = "A"
		return with(func(p *plan.RolloutRequest) { p.Rings = []plan.Ring{r} })
	}
	start := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		pol   plan.RolloutRequest
		field string
		code  plan.Code
		msg   string
	}{
		{"environment listed twice", with(func(p *plan.RolloutRequest) { p.Environments = []string{"Test", "Production", "Test"} }),
			"environments[2]", plan.CodeDuplicateName, `environment "Test" is listed twice (also environments[0])`},
		{"negative wave duration", with(func(p *plan.RolloutRequest) { p.Start, p.WaveDuration = start, plan.Duration(-time.Hour) }),
			"waveDuration", plan.CodeInvalidValue, "wave duration -1h0m0s is negative"},
		{"negative wave duration without start", with(func(p *plan.RolloutRequest) { p.WaveDuration = -1 }),
			"waveDuration", plan.CodeInvalidValue, "wave duration -1ns is negative"},
		{"unknown policy", with(func(p *plan.RolloutRequest) { p.Policy = 2 }),
			"policy", plan.CodeInvalidValue, "unknown policy Policy(2): want AnySuccess or LatestOutcome"},
		{"unknown policy 255", with(func(p *plan.RolloutRequest) { p.Policy = 255 }),
			"policy", plan.CodeInvalidValue, "unknown policy Policy(255)"},
		{"unknown order", with(func(p *plan.RolloutRequest) { p.Order = 7 }),
			"order", plan.CodeInvalidValue, "unknown order 7: want ByEnvironment or ByRing"},
		{"negative soak", ring(plan.Ring{Soak: plan.Duration(-time.Minute)}), "rings[0].soak", plan.CodeInvalidValue, "soak -1m0s is negative"},
		{"negative maxParallel", ring(plan.Ring{MaxParallel: -1}), "rings[0].maxParallel", plan.CodeInvalidValue, "maxParallel -1 is negative"},
		{"maxParallelPercent above 100", ring(plan.Ring{MaxParallelPercent: 100.5}), "rings[0].maxParallelPercent", plan.CodeInvalidValue, "maxParallelPercent 100.5 is not between 0 and 100"},
		{"negative maxParallelPercent", ring(plan.Ring{MaxParallelPercent: -1}), "rings[0].maxParallelPercent", plan.CodeInvalidValue, "maxParallelPercent -1 is not between 0 and 100"},
		{"NaN maxParallelPercent", ring(plan.Ring{MaxParallelPercent: math.NaN()}), "rings[0].maxParallelPercent", plan.CodeInvalidValue, "maxParallelPercent NaN"},
		{"both batch sizes", ring(plan.Ring{MaxParallel: 2, MaxParallelPercent: 10}), "rings[0].maxParallel", plan.CodeInvalidValue, "both set"},
		{"negative percent", ring(plan.Ring{Percent: -0.5}), "rings[0].percent", plan.CodeInvalidValue, "percent -0.5 is not between 0 and 100"},
		{"NaN percent", ring(plan.Ring{Percent: math.NaN()}), "rings[0].percent", plan.CodeInvalidValue, "percent NaN"},
		{"infinite percent", ring(plan.Ring{Percent: math.Inf(1)}), "rings[0].percent", plan.CodeInvalidValue, "percent +Inf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := s.Rollout(tc.pol)
			require.Nil(t, r)
			var re *plan.RequestError
			require.True(t, errors.As(err, &re), "%T %v", err, err)
			require.Equal(t, tc.field, re.Field)
			require.Equal(t, tc.code, re.Code)
			require.Contains(t, re.Message, tc.msg)
			require.Contains(t, err.Error(), "request "+tc.field+": ")
			want := plan.ErrInvalidValue
			if tc.code == plan.CodeDuplicateName {
				want = plan.ErrDuplicateName
			}
			require.ErrorIs(t, err, want)
		})
	}
	// The same policies with valid values plan.
	for _, pol := range []plan.RolloutRequest{
		with(func(p *plan.RolloutRequest) { p.Environments = []string{"Test", "Production"} }),
		with(func(p *plan.RolloutRequest) { p.Start, p.WaveDuration = start, plan.Duration(time.Hour) }),
		with(func(p *plan.RolloutRequest) { p.Policy = lifecycle.LatestOutcome }),
		ring(plan.Ring{MaxParallel: 1, Soak: plan.Duration(time.Hour), Percent: 100}),
		ring(plan.Ring{MaxParallelPercent: 100, Percent: 0.001}),
	} {
		_, err := s.Rollout(pol)
		require.NoError(t, err)
	}
}

// TestRollout_RequestErrorsProperty: a policy with any order, success policy, wave duration,
// environments (known or not, repeated or not) and ring numbers is refused exactly when one of
// them is out of range, with a request error naming a field that is; it never panics.
func TestRollout_RequestErrorsProperty(t *testing.T) {
	s := shop(t)
	rapid.Check(t, func(t *rapid.T) {
		pol := plan.RolloutRequest{Project: "Shop", Release: "1.0.0",
			Order:        plan.Order(rapid.IntRange(0, 3).Draw(t, "order")),
			Policy:       lifecycle.Policy(rapid.IntRange(0, 3).Draw(t, "policy")),
			WaveDuration: plan.Duration(time.Duration(rapid.Int64Range(-2, 2).Draw(t, "waveHours")) * time.Hour),
			Environments: rapid.SliceOfN(rapid.SampledFrom([]string{"Dev", "Test", "Staging", "Production"}), 0, 5).Draw(t, "environments"),
		}
		if pol.WaveDuration != 0 {
			pol.Start = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
		}
		numbers := []float64{math.NaN(), math.Inf(-1), -1, 0, 0.5, 50, 100, 100.5, math.Inf(1)}
		r := plan.Ring{Name: "A", Expression: "true",
			Percent:            rapid.SampledFrom(numbers).Draw(t, "percent"),
			MaxParallel:        rapid.IntRange(-2, 2).Draw(t, "maxParallel"),
			MaxParallelPercent: rapid.SampledFrom(numbers).Draw(t, "maxParallelPercent"),
			Soak:               plan.Duration(time.Duration(rapid.Int64Range(-2, 2).Draw(t, "soakHours")) * time.Hour),
		}
		pol.Rings = []plan.Ring{r}
		inRange := func(x float64) bool { return x >= 0 && x <= 100 }
		bad := map[string]bool{}
		for k, e := range pol.Environments {
			if slices.Index(pol.Environments, e) < k {
				bad[fmt.Sprintf("environments[%d]", k)] = true
			}
		}
		if pol.Order > plan.ByRing {
			bad["order"] = true
		}
		if pol.Policy > lifecycle.LatestOutcome {
			bad["policy"] = true
		}
		if pol.WaveDuration < 0 {
			bad["waveDuration"] = true
		}
		if !inRange(r.Percent) {
			bad["rings[0].percent"] = true
		}
		if r.MaxParallel < 0 || (r.MaxParallel > 0 && r.MaxParallelPercent > 0) {
			bad["rings[0].maxParallel"] = true
		}
		if !inRange(r.MaxParallelPercent) {
			bad["rings[0].maxParallelPercent"] = true
		}
		if r.Soak < 0 {
			bad["rings[0].soak"] = true
		}
		_, err := s.Rollout(pol)
		if len(bad) == 0 {
			require.NoError(t, err)
			return
		}
		var re *plan.RequestError
		require.True(t, errors.As(err, &re), "want an error for %v, got %v", bad, err)
		require.True(t, bad[re.Field], "error names %q, bad fields are %v", re.Field, bad)
	})
}

// TestGate_JSONSoakIsADurationString: a rollout's JSON writes each gate's soak as a request writes
// it ("30h", not nanoseconds), leaves it out when zero, and reads back to the same gate.
func TestGate_JSONSoakIsADurationString(t *testing.T) {
	s := tiledRolloutSpace(t, nil)
	pol := tiledRolloutPolicy
	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400, Soak: plan.Duration(30 * time.Hour)}}
	r, err := s.Rollout(pol)
	require.NoError(t, err)
	require.Greater(t, len(r.Waves), 1)
	data, err := r.JSON()
	require.NoError(t, err)
	var doc struct {
		Waves []struct {
			Gate map[string]any `json:"gate"`
		} `json:"waves"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	require.Equal(t, map[string]any{"after": float64(-1)}, doc.Waves[0].Gate, "the first wave has no soak")
	require.Equal(t, map[string]any{"after": float64(0), "soak": "30h"}, doc.Waves[1].Gate)

	for _, g := range []plan.Gate{{After: -1}, {After: 3, Soak: 24 * time.Hour}, {After: 0, Soak: 90 * time.Minute}} {
		b, err := json.Marshal(g)
		require.NoError(t, err)
		var back plan.Gate
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		require.Equal(t, g, back, "%s", b)
	}
	var g plan.Gate
	require.ErrorIs(t, json.Unmarshal([]byte(`{"after": 0, "soak": "a day"}`), &g), plan.ErrInvalidValue)
}
