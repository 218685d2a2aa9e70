package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRun_QuestionsAreRequests: a check's question is the JSON form of the plan request of its
// kind, decoded by the same strict decoder as the model: values that do not parse (a policy, an
// order, a time, a duration) are reported with their path and the valid values, and the
// request's keys beyond the scenario format's (start and waveDuration of a rollout) work too.
func TestRun_QuestionsAreRequests(t *testing.T) {
	cases := []struct{ name, check, want string }{
		{"policy", `{"deploy":{"project":"App","release":"1.0.0","environment":"Dev","policy":"Latest"},"want":{}}`,
			`malformed deploy request: policy: policy "Latest"`},
		{"order", `{"rollout":{"project":"App","release":"1.0.0","order":"ByTenant","rings":[]},"want":{}}`,
			`malformed rollout policy: order: invalid order "ByTenant": want "ByEnvironment" or "ByRing"`},
		{"time", `{"automatic":{"project":"App","release":"1.0.0","at":"noon"},"want":{}}`,
			`malformed automatic request: at: "noon" is not an RFC 3339 time`},
		{"soak", `{"rollout":{"project":"App","release":"1.0.0","rings":[{"name":"R","soak":"a day"}]},"want":{}}`,
			`malformed rollout policy: rings[0].soak: "a day" is not a duration such as "24h", "90m" or "1h30m"`},
		{"ring key", `{"rollout":{"project":"App","release":"1.0.0","rings":[{"name":"R","tag":["Tier/Gold"]}]},"want":{}}`,
			`malformed rollout policy: rings[0].tag: unknown key "tag" (did you mean "tags"?)`},
		{"nested want key", `{"rollout":{"project":"App","release":"1.0.0","rings":[]},"want":{"never":[{"tenant":"A","reasns":[]}]}}`,
			`malformed want: never[0].reasns: unknown key "reasns" (did you mean "reasons"?)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.check)
			require.Equal(t, 1, r.Failed(), "%s", r.Report())
			require.Contains(t, r.Report(), tc.want)
		})
	}

	// A timed rollout (start and waveDuration) is a rollout question too.
	r := run(t, `{"rollout":{"project":"App","release":"1.0.0","environments":["Dev"],
	  "rings":[{"name":"Gold","tags":["Tier/Gold"],"soak":"1h"},{"name":"Rest","expression":"true"}],
	  "start":"2026-03-16T09:00:00Z","waveDuration":"1h"},
	  "want":{"waves":[{"environment":"Dev","ring":"Gold","tenants":["A"]}],"empty":[]}}`)
	require.True(t, r.OK(), "%s", r.Report())
}
