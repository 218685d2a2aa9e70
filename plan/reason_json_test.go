package plan_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestReason_JSONKeepsMeaningfulZeros: a lifecycle reason writes need and have even when they are
// 0; the other codes leave them out, and every other field keeps its usual order and omission.
func TestReason_JSONKeepsMeaningfulZeros(t *testing.T) {
	until := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		r    plan.Reason
		want string
	}{
		{plan.Reason{Code: plan.ReasonLifecycle, Phase: "Test", Need: 1, Message: "m"},
			`{"code":"lifecycle","phase":"Test","need":1,"have":0,"message":"m"}`},
		{plan.Reason{Code: plan.ReasonLifecycle, Message: "m"},
			`{"code":"lifecycle","need":0,"have":0,"message":"m"}`},
		{plan.Reason{Code: plan.ReasonFrozen, Freeze: "Weekend", Until: until, Message: "m"},
			`{"code":"frozen","freeze":"Weekend","until":"2026-03-16T09:00:00Z","message":"m"}`},
		{plan.Reason{Code: plan.ReasonMissingVariables, Missing: []string{"A"}, Message: "m"},
			`{"code":"missing-variables","missing":["A"],"message":"m"}`},
	} {
		got, err := json.Marshal(tc.r)
		require.NoError(t, err)
		require.JSONEq(t, tc.want, string(got))
		require.Equal(t, tc.want, string(got), "field order")
		var back plan.Reason
		require.NoError(t, json.Unmarshal(got, &back))
		require.Equal(t, tc.r, back, "round trip")
	}
}
