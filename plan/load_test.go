package plan_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// loadProblems returns "path code" for every problem Load reports.
func loadProblemsWith(t *testing.T, src string, o plan.LoadOptions) []string {
	t.Helper()
	_, err := plan.LoadWithOptions([]byte(src), o)
	require.Error(t, err)
	var ves plan.ValidationErrors
	require.ErrorAs(t, err, &ves)
	var out []string
	for _, e := range ves {
		out = append(out, e.Path+" "+string(e.Code))
	}
	return out
}

// Load reports, in one pass, the problems of decoding and the problems of the meaning of what
// decoded: a misspelt key no longer hides an unknown tenant.
func TestLoad_OnePass(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"a typo and an unknown tenant",
			`{"environments":["Dev"],"tenants":[{"name":"Acme","tagz":[]}],
			  "principals":[{"name":"p","grants":[{"action":"view","tenants":["Nobody"]}]}]}`,
			[]string{"principals[0].grants[0].tenants[0] unknown-tenant", "tenants[0].tagz unknown-field"}},
		{"a duplicate key and an unknown environment",
			`{"environments":["Dev"],"environments":["Prod"],"targets":[{"name":"t","environments":["Nowhere"]}]}`,
			[]string{"environments invalid-value", "targets[0].environments[0] unknown-environment"}},
		{"a value that did not decode has no second problem",
			`{"environments":["Dev"],"tenants":[{"name":1},{"name":"B","projects":{"Shop":"Dev"}}],"projects":[]}`,
			[]string{`tenants[0].name invalid-value`, `tenants[1].projects.Shop invalid-value`}},
		{"malformed JSON stops at the decoding problems",
			`{"environments":["Dev"],"tenants":[{"name":"A","tagz":1}],"deployments":[{"project":"Nope"`,
			[]string{"deployments[0] invalid-value", "tenants[0].tagz unknown-field"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Empty(t, cmp.Diff(tt.want, loadProblemsWith(t, tt.src, plan.LoadOptions{})))
		})
	}
}

func TestLoadWithOptions_CapsEveryProblem(t *testing.T) {
	var grants []string
	for i := range 30 {
		grants = append(grants, fmt.Sprintf(`{"action":"view","tenants":["Nobody%d"]}`, i))
	}
	src := `{"environments":["Dev"],"tenantz":1,"principals":[{"name":"p","grants":[` + strings.Join(grants, ",") + `]}]}`
	got := loadProblemsWith(t, src, plan.LoadOptions{Decode: model.Options{MaxErrors: 5}})
	require.Len(t, got, 6)
	require.Equal(t, " limit", got[5])
	_, err := plan.LoadWithOptions([]byte(src), plan.LoadOptions{Decode: model.Options{MaxErrors: 5}})
	require.ErrorContains(t, err, "26 more problems not listed: only the first 5 are")
	var ve *plan.ValidationError
	require.True(t, errors.As(err, &ve))
	_, derr := model.DecodeWithOptions([]byte(`{"environments":[1,2]}`), model.Options{MaxErrors: 1})
	require.Equal(t, plan.CodeLimit, plan.CodeOf(derr.(model.Errors)[1]), "a model limit has the code limit")

	// The zero options are the defaults, as in Load.
	_, a := plan.Load([]byte(src))
	_, b := plan.LoadWithOptions([]byte(src), plan.LoadOptions{})
	require.Equal(t, a.Error(), b.Error())
	require.Len(t, a.(plan.ValidationErrors), 31)
}

func ExampleLoadWithOptions() {
	src := `{"environments": ["Dev"], "tenants": [{"name": "Acme", "tagz": ["Tier/Gold"]}],
	  "targets": [{"name": "web", "environments": ["Prod"]}]}`
	_, err := plan.LoadWithOptions([]byte(src), plan.LoadOptions{Decode: model.Options{MaxErrors: 10}})
	fmt.Println(err)
	// Output:
	// invalid model: 2 problems
	// targets[0].environments[0]: unknown environment "Prod" [unknown-environment]
	// tenants[0].tagz: unknown key "tagz" (did you mean "tags"?) [unknown-field]
}
