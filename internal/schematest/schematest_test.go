package schematest_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/schematest"
)

func TestOrdinary(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`{"a": [1, "x", true, {"b": {}}], "c": -3}`, true},
		{`{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}`, true},
		{`{"a": 1, "a": 2}`, false},
		{`{"a": {"b": 1, "b": 1}}`, false},
		{`[{"a": 1}, {"b": [], "b": []}]`, false},
		{`{"a": null}`, false},
		{`{"a": 1.0}`, false},
		{`{"a": 1e2}`, false},
		{`{"a": "\ud800"}`, false},
		{"{\"a\": \"\xff\"}", false},
		{`{"a": 1`, false},
		{`{} {}`, false},
	} {
		require.Equal(t, tc.want, schematest.Ordinary([]byte(tc.src)), "%s", tc.src)
	}
}

func TestMutate(t *testing.T) {
	doc, err := schematest.Parse([]byte(`{"tenants": [{"name": "A", "tags": ["x"]}], "Map": {"k": [1]}}`))
	require.NoError(t, err)
	before := string(schematest.Encode(doc))
	rapid.Check(t, func(t *rapid.T) {
		out, m, ok := schematest.Mutate(t, doc, nil)
		require.True(t, ok)
		require.Equal(t, before, string(schematest.Encode(doc)), "Mutate changed its input")
		after := string(schematest.Encode(out))
		require.NotEqual(t, before, after, "%v changed nothing", m)
	})
}

func TestAppendKey(t *testing.T) {
	require.Equal(t, "tenants", schematest.AppendKey("", "tenants"))
	require.Equal(t, "tenants[0].name", schematest.AppendKey("tenants[0]", "name"))
	require.Equal(t, `projects["Acme Corp"]`, schematest.AppendKey("projects", "Acme Corp"))
	require.Equal(t, `["$schema"]`, schematest.AppendKey("", "$schema"))
}
