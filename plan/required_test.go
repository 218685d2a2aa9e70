package plan_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
)

// TestCompile_RequiredKeys: keys without which an object means nothing are reported as empty
// values at their place, as the model file's JSON Schema requires them.
func TestCompile_RequiredKeys(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(f *model.File)
		want   []string
	}{
		{"tenant without a name", func(f *model.File) {
			f.Tenants = append(f.Tenants, model.Tenant{})
		}, []string{"tenants[4].name invalid-value"}},
		{"tenant value without a template", func(f *model.File) {
			f.Tenants[0].ProjectValues["Shop"] = append(f.Tenants[0].ProjectValues["Shop"], model.TenantValue{})
		}, []string{"tenants[0].projectValues.Shop[1].template invalid-value"}},
		{"common value without a template but with a value", func(f *model.File) {
			v := "x"
			f.Tenants[1].CommonValues = map[string][]model.TenantValue{"Common": {{Value: &v}}}
		}, []string{"tenants[1].commonValues.Common[0] unknown-template", "tenants[1].commonValues.Common[0].template invalid-value"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := shopFile(t)
			tc.mutate(f)
			require.Equal(t, tc.want, validationCodes(t, f))
		})
	}
}
