package model_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// bigModel is a generated model of 2,500 tenants, whose tenants and deployments are lists of
// several MB: long enough to be decoded in parts when more than one goroutine may run.
func bigModel(t *testing.T) []byte {
	t.Helper()
	data, err := json.MarshalIndent(plantest.Synthetic(plantest.SyntheticOptions{Tenants: 2500, Projects: 3, Seed: 7}), "", " ")
	require.NoError(t, err)
	return data
}

// spoil returns data with the n-th occurrences (every step-th) of old replaced by new.
func spoil(data []byte, old, new string, every int) []byte {
	var out bytes.Buffer
	for i := 0; ; i++ {
		j := bytes.Index(data, []byte(old))
		if j < 0 {
			out.Write(data)
			return out.Bytes()
		}
		out.Write(data[:j])
		if i%every == every-1 {
			out.WriteString(new)
		} else {
			out.WriteString(old)
		}
		data = data[j+len(old):]
	}
}

// decodeWith decodes data with procs goroutines allowed, and returns the File and the problems
// as text.
func decodeWith(t *testing.T, procs int, data []byte, o model.Options) (*model.File, []string) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	f, _, err := model.DecodePartial(data, o)
	var lines []string
	if err != nil {
		var es model.Errors
		require.ErrorAs(t, err, &es)
		for _, e := range es {
			lines = append(lines, fmt.Sprintf("%s (line %d, column %d)", e.Error(), e.Line, e.Column))
		}
	}
	return f, lines
}

// TestDecode_InPartsAsAlone: a document whose long lists are decoded in parts by several
// goroutines gives the same File and the same problems, in the same order and under the same
// cap, as when one goroutine decodes it: for a valid model, for one with problems spread over
// the lists, with a low cap on problems, and with malformed JSON late in a list.
func TestDecode_InPartsAsAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes a model of several MB many times")
	}
	valid := bigModel(t)
	problems := spoil(spoil(spoil(valid, `"outcome": "Success"`, `"outcome": 7`, 997),
		`"environment": "`, `"environment": "x", "environment": "`, 1499),
		`"name": "t`, `"nmae": "t`, 701)
	cases := []struct {
		name string
		data []byte
		o    model.Options
	}{
		{"valid", valid, model.Options{}},
		{"problems", problems, model.Options{}},
		{"problems past the cap", problems, model.Options{MaxErrors: 17}},
		{"malformed late", spoil(valid, `"outcome": "`, `"outcome": `, bytes.Count(valid, []byte(`"outcome": "`))-3), model.Options{}},
		{"malformed late in many places", spoil(valid, `},`, `}`, 4000), model.Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alone, aloneErrs := decodeWith(t, 1, tc.data, tc.o)
			if tc.name == "valid" {
				require.Empty(t, aloneErrs)
			} else {
				require.NotEmpty(t, aloneErrs)
			}
			for range 2 { // where the list is cut depends on timing
				parts, partErrs := decodeWith(t, 4, tc.data, tc.o)
				require.Empty(t, cmp.Diff(aloneErrs, partErrs))
				require.Empty(t, cmp.Diff(alone, parts))
			}
		})
	}
}
