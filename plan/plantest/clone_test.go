package plantest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// TestClone_KeepsEveryKey: a clone, and a shuffled model, keep the file's "$schema" key.
func TestClone_KeepsEveryKey(t *testing.T) {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 5})
	f.Schema = model.SchemaID
	require.Empty(t, cmp.Diff(f, plantest.Clone(f)))
	require.Equal(t, model.SchemaID, plantest.Shuffle(f, 1).Schema)
}
