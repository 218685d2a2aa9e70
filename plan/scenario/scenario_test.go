package scenario_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

const model = `{"environments":["Dev","Prod"],
 "tagSets":[{"name":"Tier","tags":["Gold","Free"]}],
 "projects":[{"name":"App","tenancy":"Tenanted"}],
 "tenants":[{"name":"A","tags":["Tier/Gold"],"projects":{"App":["Dev","Prod"]}},{"name":"B","tags":["Tier/Free"],"projects":{"App":["Prod"]}}],
 "releases":[{"project":"App","version":"1.0.0"}]}`

func run(t *testing.T, checks string) scenario.Result {
	t.Helper()
	return scenario.Run("t.json", []byte(`{"model":`+model+`,"checks":[`+checks+`]}`))
}

func TestRun_PassingChecks(t *testing.T) {
	r := run(t, `{"validate":true,"want":{"errors":[]}},
	  {"filter":{"tags":["Tier/Gold"]},"want":{"tenants":["A"]}},
	  {"expression":"not Tier/Gold","want":{"tenants":["B"]}},
	  {"deploy":{"project":"App","release":"1.0.0","environment":"Dev","all":true},"want":{"deploy":["A"],"skipped":{"B":["not-connected"]},"rejected":{}}},
	  {"substitute":{"text":"#{X}","variables":{"X":"1"}},"want":{"text":"1"}},
	  {"targets":{"project":"App","environment":"Dev","tenant":"A"},"want":{"targets":[]}}`)
	require.NoError(t, r.Err)
	require.Equal(t, 6, r.Passed(), r.Report())
	require.True(t, r.OK())
	require.Equal(t, "6 passed, 0 failed", scenario.Summary([]scenario.Result{r}))
}

func TestRun_DifferencesAreReportedWithWantAndGot(t *testing.T) {
	r := run(t, `{"name":"wrong","filter":{"tags":["Tier/Gold"]},"want":{"tenants":["B"]}},
	  {"deploy":{"project":"App","release":"1.0.0","environment":"Prod","all":true},"want":{"skipped":{"B":["disabled"]}}},
	  {"expression":"Tier/Gold","want":{"error":"unknown-tag"}},
	  {"validate":true,"want":{"errors":[{"code":"unknown-tag","path":"tenants[0]"}]}}`)
	require.Equal(t, 0, r.Passed())
	require.Equal(t, 4, r.Failed())
	rep := r.Report()
	require.Contains(t, rep, `t.json: check #0 "wrong" (filter): tenants: want [B], got [A]`)
	require.Contains(t, rep, `skipped["B"]: want [disabled], got [lifecycle]`)
	require.Contains(t, rep, `skipped["A"]: not wanted, got [lifecycle]`)
	require.Contains(t, rep, `error: want "unknown-tag", got no error`)
	require.Contains(t, rep, `validate: want an error "unknown-tag" at "tenants[0]", got none`)
}

func TestRun_ValidateMatchesByCodeAndPathPrefix(t *testing.T) {
	bad := `{"tenants":[{"name":"A","tags":["Tier/Nope"]}],"tagSets":[{"name":"Tier","tags":["Gold"]}]}`
	r := scenario.Run("v.json", []byte(`{"model":`+bad+`,"checks":[
	  {"validate":true,"want":{"errors":[{"code":"unknown-tag","path":"tenants[0]"}]}},
	  {"validate":true,"want":{"errors":[{"code":"unknown-tag","path":"tenants[0].tags[0]"}]}},
	  {"validate":true,"want":{"errors":[{"code":"unknown-tag","path":"tenants[0].tag"}]}},
	  {"validate":true,"want":{"errors":[]}}]}`))
	require.True(t, r.Checks[0].Passed())
	require.True(t, r.Checks[1].Passed())
	require.False(t, r.Checks[2].Passed(), "a path prefix matches whole segments only")
	require.False(t, r.Checks[3].Passed())
	require.Contains(t, r.Report(), `unexpected error "unknown-tag" at "tenants[0].tags[0]"`)
}

func TestRun_MalformedFilesAndChecksFailClearly(t *testing.T) {
	cases := map[string]string{
		"not JSON":          `{"model":`,
		"unknown top key":   `{"modle":{},"checks":[{"validate":true,"want":{}}]}`,
		"no checks":         `{"model":{},"checks":[]}`,
		"unsupported kind":  `{"model":{},"checks":[{"teleport":true,"want":{}}]}`,
		"two kinds":         `{"model":{},"checks":[{"validate":true,"filter":{},"want":{}}]}`,
		"no want":           `{"model":{},"checks":[{"validate":true}]}`,
		"unknown want key":  `{"model":{},"checks":[{"validate":true,"want":{"errorz":[]}}]}`,
		"bad request field": `{"model":{},"checks":[{"deploy":{"projekt":"x"},"want":{}}]}`,
		"invalid model":     `{"model":{"tenants":[{"name":1}]},"checks":[{"filter":{},"want":{"tenants":[]}}]}`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			r := scenario.Run("m.json", []byte(src))
			require.False(t, r.OK())
			require.Equal(t, 0, r.Passed())
			require.NotEmpty(t, strings.TrimSpace(r.Report()))
		})
	}
}

func TestRunFS_OrderAndEmptyFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"b.json":    {Data: []byte(`{"model":{},"checks":[{"validate":true,"want":{"errors":[]}}]}`)},
		"a.json":    {Data: []byte(`{"model":{},"checks":[{"expression":"(","want":{"error":"invalid-expression"}}]}`)},
		"notes.txt": {Data: []byte(`ignored`)},
	}
	rs, err := scenario.RunFS(fsys)
	require.NoError(t, err)
	require.Len(t, rs, 2)
	require.Equal(t, "a.json", rs[0].File)
	require.True(t, rs[0].OK(), rs[0].Report())
	require.True(t, rs[1].OK(), rs[1].Report())
	_, err = scenario.RunFS(fstest.MapFS{})
	require.Error(t, err)
}

// TestRun_FailingValueCheckNeverPrintsASecret: a values check that fails on a sensitive value says
// that it differs, never what it is, since reports go to CI logs.
func TestRun_FailingValueCheckNeverPrintsASecret(t *testing.T) {
	const secret = "hunter2-acme"
	m := `{"environments":["Dev"],
	 "projects":[{"name":"App","tenancy":"Tenanted","templates":[{"name":"Db.Password","sensitive":true}],
	   "variables":[{"name":"Plain","value":"shown"},{"name":"Conn","value":"pw=#{Db.Password}"}]}],
	 "tenants":[{"name":"A","projects":{"App":["Dev"]},"projectValues":{"App":[{"template":"Db.Password","value":"` + secret + `"}]}}]}`
	r := scenario.Run("s.json", []byte(`{"model":`+m+`,"checks":[
	  {"variables":{"project":"App","environment":"Dev","tenant":"A"},"want":{"values":{"Db.Password":"?","Conn":"pw=?","Plain":"other","Nope":"`+secret+`"}}}]}`))
	require.NoError(t, r.Err)
	require.Equal(t, 1, r.Failed())
	rep := r.Report()
	require.NotContains(t, rep, secret)
	require.Contains(t, rep, `values["Db.Password"]: the sensitive value differs from the one wanted (neither is shown)`)
	require.Contains(t, rep, `values["Conn"]: the sensitive value differs`)
	require.Contains(t, rep, `values["Plain"]: want "other", got "shown"`)
	require.Contains(t, rep, `values["Nope"]: want a value, got none`)
}

// TestRun_UnknownKindListsTheKinds: a misspelt check kind names the valid kinds and the closest.
func TestRun_UnknownKindListsTheKinds(t *testing.T) {
	r := run(t, `{"deplyo":{"project":"App"},"want":{}}`)
	require.Equal(t, 1, r.Failed())
	rep := r.Report()
	require.Contains(t, rep, `unknown key "deplyo" in check`)
	require.Contains(t, rep, "validate, filter, expression, deploy, variables, substitute, targets, automatic, scheduled, rollout")
	require.Contains(t, rep, `did you mean "deploy"?`)
}
