package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// FuzzReadTemplate: any file given as a deployment template is read or refused with an input
// error naming the file, never a panic; a template that is read is a JSON object with
// TenantPromotions or PromoteTo, and comparing it with a matrix counts every disagreement as a
// compared cell and names only what one of the two has.
func FuzzReadTemplate(f *testing.F) {
	for _, seed := range []string{template, agreeing} {
		data, err := os.ReadFile(seed)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, s := range []string{
		`{"TenantPromotions": [{"Name": "Acme", "PromoteTo": [{"Name": "Production"}]}]}`,
		`{"PromoteTo": [{"Id": "Environments-1", "Name": "Dev"}]}`,
		`{"TenantPromotions": null}`, `{"TenantPromotions": [{"Name": 1}]}`, `[]`, `{`, ``, `{"PromoteTo": "x"}`,
	} {
		f.Add([]byte(s))
	}
	m := &plan.Matrix{Project: "Shop", Release: "1.0.0", Environments: []string{"Test", "Production"}, Rows: []plan.MatrixRow{
		{Untenanted: true, Cells: []plan.MatrixCell{{Environment: "Test", Deployable: true}, {Environment: "Production"}}},
		{Tenant: "Acme", Cells: []plan.MatrixCell{{Environment: "Test", Deployable: true}, {Environment: "Production", Reasons: []plan.Reason{{Code: "lifecycle", Message: "not yet"}}}}},
	}}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "template.json")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		tpl, err := readTemplate(p, defaultMaxInput)
		if err != nil {
			var x *exitError
			require.True(t, errors.As(err, &x), "%v", err)
			require.Equal(t, exitInput, x.code)
			require.True(t, strings.HasPrefix(x.msg, p), "the error names the file: %s", x.msg)
			return
		}
		var keys map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(data, &keys))
		_, a := keys["TenantPromotions"]
		_, b := keys["PromoteTo"]
		require.True(t, a || b)
		cells, diffs := compareTemplate(m, tpl)
		require.GreaterOrEqual(t, cells, 4, "every cell of the matrix is compared")
		require.LessOrEqual(t, len(diffs), cells)
		for _, d := range diffs {
			require.NotEmpty(t, d.environment)
			if !d.octopus {
				require.False(t, d.noCell, "a cell only tenantplan can deploy is a cell of the matrix")
			}
		}
	})
}
