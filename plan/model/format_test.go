package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
)

// TestFile_FormatPrintsMaskedJSON: every verb prints JSON the decoder reads back, with sensitive
// values masked and the File itself left unchanged.
func TestFile_FormatPrintsMaskedJSON(t *testing.T) {
	pw, note, def := "hunter2-tenant", "plain-note", "default-secret"
	f := &model.File{
		Environments: []string{"Dev"},
		Libraries: []model.Library{{Name: "L", Templates: []model.Template{{Name: "Lib.Key", Sensitive: true, Default: &def}},
			Variables: []model.Variable{{Name: "LibSecret", Value: "lib-secret-value", Sensitive: true}}}},
		Projects: []model.Project{{Name: "App", Tenancy: "Tenanted", Libraries: []string{"L"},
			Templates: []model.Template{{Name: "Pw", Sensitive: true}, {Name: "Note"}},
			Variables: []model.Variable{{Name: "Key", Value: "project-secret-value", Sensitive: true}, {Name: "Url", Value: "https://x"}}}},
		Tenants: []model.Tenant{{Name: "Acme", Projects: map[string][]string{"App": {"Dev"}},
			CommonValues:  map[string][]model.TenantValue{"L": {{Template: "Lib.Key", Value: &pw}}},
			ProjectValues: map[string][]model.TenantValue{"App": {{Template: "Pw", Value: &pw}, {Template: "Note", Value: &note}}}}},
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, v := range []any{f, *f} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{pw, def, "lib-secret-value", "project-secret-value"} {
				require.NotContains(t, out, secret, verb)
			}
			require.Contains(t, out, "plain-note", verb)
			require.Contains(t, out, "https://x", verb)
		}
	}
	back, err := model.Decode([]byte(fmt.Sprintf("%#v", f)))
	require.NoError(t, err)
	require.Equal(t, model.Masked, *back.Tenants[0].ProjectValues["App"][0].Value)
	require.Equal(t, "plain-note", *back.Tenants[0].ProjectValues["App"][1].Value)
	require.Equal(t, "hunter2-tenant", *f.Tenants[0].ProjectValues["App"][0].Value, "the File is not modified")
	require.True(t, strings.HasPrefix(fmt.Sprint(f), "{"))
}
