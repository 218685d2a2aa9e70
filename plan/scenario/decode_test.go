package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// A scenario file is decoded as strictly as a model: a duplicate key or a key in the wrong case is
// an error with its path, and so are the keys of a check's question and want.
func TestRun_ScenarioFileIsDecodedStrictly(t *testing.T) {
	for _, tt := range []struct{ name, file, want string }{
		{"duplicate key", `{"model":{},"checks":[],"checks":[{"validate":true,"want":{}}]}`, `checks: duplicate key "checks"`},
		{"key case", `{"Model":{},"checks":[{"validate":true,"want":{}}]}`, `Model: unknown key "Model" (did you mean "model"?)`},
		{"invalid UTF-8", "{\"description\":\"\xff\",\"checks\":[{\"validate\":true,\"want\":{}}]}", `description: the string is not valid UTF-8`},
		{"invalid UTF-8 in the model", "{\"model\":{\"environments\":[\"\xff\"]},\"checks\":[{\"validate\":true,\"want\":{}}]}", `model.environments[0]: the string is not valid UTF-8`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := scenario.Run("s.json", []byte(tt.file))
			require.Error(t, r.Err)
			require.Contains(t, r.Err.Error(), tt.want)
		})
	}
	r := run(t, `{"filter":{"tags":["Tier/Gold"],"tags":["Tier/Free"]},"want":{"tenants":["A"]}}`)
	require.Equal(t, 1, r.Failed())
	require.Contains(t, r.Report(), `tags: duplicate key "tags"`)
}
