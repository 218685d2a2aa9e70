package plan_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestMatrixCells_Ragged: a matrix whose rows do not have one cell per environment (a truncated
// or hand-written file) gives the cells it has, without panicking; Diff then reports the missing
// cells as removed.
func TestMatrixCells_Ragged(t *testing.T) {
	whole := `{"project": "P", "release": "1", "environments": ["Test", "Production"], "rows": [
		{"tenant": "A", "cells": [{"environment": "Test", "deployable": true}, {"environment": "Production", "deployable": false}]},
		{"tenant": "B", "cells": [{"environment": "Test", "deployable": true}, {"environment": "Production", "deployable": true}]}]}`
	tests := []struct {
		name string
		json string
		want []plan.Cell
	}{
		{"every row complete", whole, []plan.Cell{
			{Environment: "Test", Tenant: "A", Decision: plan.DecisionDeployable},
			{Environment: "Test", Tenant: "B", Decision: plan.DecisionDeployable},
			{Environment: "Production", Tenant: "A", Decision: plan.DecisionBlocked},
			{Environment: "Production", Tenant: "B", Decision: plan.DecisionDeployable},
		}},
		{"a row shorter than the environments", `{"environments": ["Test", "Production"], "rows": [
			{"tenant": "A", "cells": [{"environment": "Test", "deployable": true}]},
			{"tenant": "B", "cells": [{"environment": "Test"}, {"environment": "Production", "deployable": true}]}]}`,
			[]plan.Cell{
				{Environment: "Test", Tenant: "A", Decision: plan.DecisionDeployable},
				{Environment: "Test", Tenant: "B", Decision: plan.DecisionBlocked},
				{Environment: "Production", Tenant: "B", Decision: plan.DecisionDeployable},
			}},
		{"a row without cells", `{"environments": ["Test"], "rows": [{"tenant": "A"}]}`, []plan.Cell{}},
		{"a row longer than the environments", `{"environments": ["Test"], "rows": [
			{"tenant": "A", "cells": [{"environment": "Test"}, {"environment": "Production", "deployable": true}]}]}`,
			[]plan.Cell{{Environment: "Test", Tenant: "A", Decision: plan.DecisionBlocked}}},
		{"no environments", `{"rows": [{"tenant": "A", "cells": [{"environment": "Test"}]}]}`, []plan.Cell{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m plan.Matrix
			require.NoError(t, json.Unmarshal([]byte(tt.json), &m))
			got := m.Cells()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Cells (-want +got):\n%s", diff)
			}
		})
	}

	var full, cut plan.Matrix
	require.NoError(t, json.Unmarshal([]byte(whole), &full))
	require.NoError(t, json.Unmarshal([]byte(whole), &cut))
	cut.Rows[1].Cells = cut.Rows[1].Cells[:1]
	d := plan.Diff(full.Cells(), cut.Cells())
	require.Len(t, d.Changes, 1)
	require.Equal(t, plan.CellRemoved, d.Changes[0].Kind)
	require.Equal(t, "B", d.Changes[0].Before.Tenant)
	require.Equal(t, "Production", d.Changes[0].Before.Environment)
}
