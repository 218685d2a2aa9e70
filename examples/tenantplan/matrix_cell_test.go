package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestMatrixCell_DoneWhateverBlocksARedeploy: a cell whose current release is the release asked
// about reads "done", as in the HTML report, even when a reason (a freeze, a principal that may
// not deploy) would block deploying it again; the reason is not counted for the legend.
func TestMatrixCell_DoneWhateverBlocksARedeploy(t *testing.T) {
	frozen := []plan.Reason{{Code: plan.ReasonFrozen, Message: "frozen"}}
	for _, tc := range []struct {
		c    plan.MatrixCell
		want string
	}{
		{plan.MatrixCell{Current: "1.5.0", Deployable: true}, "1.5.0 done"},
		{plan.MatrixCell{Current: "1.5.0", Reasons: frozen}, "1.5.0 done"},
		{plan.MatrixCell{Current: "1.5.0", Reasons: []plan.Reason{{Code: plan.ReasonForbidden}}}, "1.5.0 done"},
		{plan.MatrixCell{Current: "1.4.0", Deployable: true}, "1.4.0 ok"},
		{plan.MatrixCell{Current: "1.4.0", Reasons: frozen}, "1.4.0 frozen"},
		{plan.MatrixCell{Current: "1.5.0", Reasons: []plan.Reason{{Code: plan.ReasonNotConnected}}}, "1.5.0 ."},
	} {
		used := map[plan.Code]bool{}
		require.Equal(t, tc.want, matrixCell(tc.c, "1.5.0", used), "%+v", tc.c)
		if tc.want == "1.5.0 done" {
			require.Empty(t, used, "a done cell shows no reason")
		}
	}
}
