package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// TestRun_KeysMatchExactly: keys of a scenario file, of its checks, questions and wanted answers
// match exactly, as in a model file; a wanted validation error has a code; and the file may name
// its JSON Schema.
func TestRun_KeysMatchExactly(t *testing.T) {
	const model = `"model": {"environments": ["Dev"], "tenants": [{"name": "A"}]}`
	cases := []struct {
		name, src, want string
	}{
		{"schema key", `{"$schema": "` + scenario.SchemaID + `", ` + model +
			`, "checks": [{"filter": {"tenants": ["A"]}, "want": {"tenants": ["A"]}}]}`, ""},
		{"file key in another case", `{` + model + `, "Checks": [{"validate": true, "want": {}}]}`,
			"malformed scenario file:\nChecks: unknown key \"Checks\" (did you mean \"checks\"?) [unknown-field]"},
		{"question key in another case", `{` + model + `, "checks": [{"filter": {"Tenants": ["A"]}, "want": {}}]}`,
			`malformed filter: Tenants: unknown key "Tenants" (did you mean "tenants"?) [unknown-field]`},
		{"want key in another case", `{` + model + `, "checks": [{"filter": {}, "want": {"Tenants": []}}]}`,
			`malformed want: Tenants: unknown key "Tenants" (did you mean "tenants"?) [unknown-field]`},
		{"wrong type with its path", `{` + model + `, "checks": [{"deploy": {"tenants": "A"}, "want": {}}]}`,
			`malformed deploy request: tenants: expected an array, got a string [invalid-value]`},
		{"wanted error without a code", `{` + model + `, "checks": [{"validate": true, "want": {"errors": [{"path": "tenants"}]}}]}`,
			`malformed want: errors[0] has no code`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := scenario.Run("t.json", []byte(tc.src))
			got := shapeFailure(r)
			require.Equal(t, tc.want, got, "%s", r.Report())
			if tc.want == "" {
				require.True(t, r.OK(), "%s", r.Report())
			}
		})
	}
}
