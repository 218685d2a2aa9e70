package plan_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestSpace_Freezes: the model's freezes in model order, with their scopes, for callers that show
// them; an empty model has none.
func TestSpace_Freezes(t *testing.T) {
	s, err := plan.Load([]byte(`{
  "environments": ["Staging", "Production"],
  "freezes": [
    {"name": "Year end", "start": "2026-12-24T00:00:00Z", "end": "2027-01-02T00:00:00Z",
     "projects": {"Shop": ["Production"]}},
    {"name": "Audit", "start": "2026-06-01T00:00:00Z", "end": "2026-06-02T00:00:00Z",
     "projects": {"Shop": ["Staging"]}}
  ],
  "lifecycles": [{"name": "Default", "phases": [{"name": "All", "manual": ["Staging", "Production"]}]}],
  "projects": [{"name": "Shop", "lifecycle": "Default"}]
}`))
	require.NoError(t, err)
	fs := s.Freezes()
	require.Len(t, fs, 2)
	require.Equal(t, "Year end", fs[0].Name())
	require.Equal(t, "Audit", fs[1].Name())
	require.True(t, fs[0].Covers("Shop", "Production", ""))
	require.False(t, fs[0].Covers("Shop", "Staging", ""))

	empty, err := plan.Load([]byte(`{"environments": ["Dev"]}`))
	require.NoError(t, err)
	require.Empty(t, empty.Freezes())
}
