package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestReadPolicy_IsTheRolloutRequest: a policy file is the JSON form of plan.RolloutRequest plus
// "$schema" anywhere at the top level; a value that does not parse is reported with its path and
// the valid values, without calling the file malformed, and a "$schema" that is not a string is a
// shape problem.
func TestReadPolicy_IsTheRolloutRequest(t *testing.T) {
	dir := t.TempDir()
	write := func(src string) string {
		p := filepath.Join(dir, "policy.json")
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return p
	}
	want := plan.RolloutRequest{Project: "Shop", Release: "1.1.0", Order: plan.ByRing,
		Rings: []plan.Ring{{Name: "R", Soak: plan.Duration(90 * time.Minute)}}, WaveDuration: plan.Duration(2 * time.Hour),
		Start: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}
	for _, src := range []string{
		`{"$schema": "x", "project": "Shop", "release": "1.1.0", "order": "ByRing", "rings": [{"name": "R", "soak": "90m"}], "start": "2026-06-01T09:00:00Z", "waveDuration": "2h"}`,
		`{"project": "Shop", "release": "1.1.0", "$schema" : "x" , "order": "ByRing", "rings": [{"name": "R", "soak": "1h30m"}], "start": "2026-06-01T09:00:00Z", "waveDuration": "2h"}`,
		`{"project": "Shop", "release": "1.1.0", "order": "ByRing", "rings": [{"name": "R", "soak": "90m"}], "start": "2026-06-01T09:00:00Z", "waveDuration": "2h0m0s", "$schema": "x"}`,
	} {
		got, err := readPolicy(write(src), defaultMaxInput)
		require.NoError(t, err, src)
		require.Equal(t, want, got, src)
	}

	for _, tc := range []struct{ src, want, not string }{
		{`{"project": "Shop", "release": "1.1.0", "order": "ByTenant", "rings": []}`,
			`policy.json: order: invalid order "ByTenant": want "ByEnvironment" or "ByRing"`, "malformed"},
		{`{"project": "Shop", "release": "1.1.0", "rings": [], "start": "soon"}`,
			`policy.json: start: "soon" is not an RFC 3339 time`, "malformed"},
		{`{"$schema": 7, "project": "Shop", "release": "1.1.0", "rings": []}`,
			"malformed rollout policy:\n" + filepath.Join(dir, "policy.json") + `: $schema: expected a string`, ""},
		{`{"$schema": "x", "project": "Shop", "release": "1.1.0", "ring": []}`,
			`ring: unknown key "ring" (did you mean "rings"?)`, ""},
	} {
		_, err := readPolicy(write(tc.src), defaultMaxInput)
		require.Error(t, err, tc.src)
		require.Contains(t, err.Error(), tc.want)
		if tc.not != "" {
			require.NotContains(t, err.Error(), tc.not)
		}
	}
}

// FuzzWithoutSchemaKey: on a JSON object, withoutSchemaKey leaves a JSON object whose top-level
// members are those of the input less one "$schema"; on anything else it changes nothing or
// reports a "$schema" that is not a string.
func FuzzWithoutSchemaKey(f *testing.F) {
	for _, s := range []string{`{"$schema": "x", "a": 1}`, `{"a": 1, "$schema": "x"}`, `{"$schema": "x"}`,
		`{"a": {"$schema": "x"}}`, `{"$schema": 1}`, `[1]`, `{"a":`, `{ "\u0024schema" : "x" , "b" : [] }`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := withoutSchemaKey(data)
		var in map[string]json.RawMessage
		if json.Unmarshal(data, &in) != nil {
			if err == nil {
				require.Equal(t, data, out, "input that is not a JSON object is kept")
			}
			return
		}
		if err != nil {
			require.Contains(t, err.Error(), "$schema")
			return
		}
		var got map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(out, &got), "%s -> %s", data, out)
		if _, ok := in["$schema"]; !ok {
			require.Equal(t, data, out)
			return
		}
		require.LessOrEqual(t, len(got), len(in))
		for k := range got {
			_, ok := in[k]
			require.True(t, ok, "key %q was not in the input", k)
		}
	})
}
