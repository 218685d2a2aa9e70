package octopus_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/octopus"
)

// TestKind_Text: every kind of report entry encodes to its value and decodes back; other text is
// an error that lists the kinds and wraps ErrInvalidValue, so a saved report reads back.
func TestKind_Text(t *testing.T) {
	all := []octopus.Kind{octopus.Missing, octopus.Dangling, octopus.Unsupported, octopus.Approximated,
		octopus.InProgress, octopus.Disabled, octopus.NotSelected, octopus.Duplicate, octopus.Invalid, octopus.Permission}
	for _, k := range all {
		b, err := k.MarshalText()
		require.NoError(t, err)
		require.Equal(t, k.String(), string(b))
		var back octopus.Kind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
	var k octopus.Kind
	err := k.UnmarshalText([]byte("missing"))
	require.ErrorIs(t, err, octopus.ErrInvalidValue)
	require.ErrorContains(t, err, `report entry kind "missing": invalid value: want "missing-collection", "dangling-id",`)
	require.ErrorContains(t, err, `"invalid-value" or "permission"`)
	require.Equal(t, octopus.Kind(""), k, "a failed decode leaves the kind alone")

	var e octopus.Entry
	require.NoError(t, json.Unmarshal([]byte(`{"file": "projects.json", "kind": "dangling-id", "message": "m"}`), &e))
	require.Equal(t, octopus.Dangling, e.Kind)
	require.Error(t, json.Unmarshal([]byte(`{"file": "projects.json", "kind": "dangling", "message": "m"}`), &e))
}
