package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// helpPolicyKeys returns the policy keys that `tenantplan --help` lists for the rollout command:
// the top-level keys and the keys of a ring.
func helpPolicyKeys(t *testing.T) (top, ring []string) {
	t.Helper()
	got := call("--help")
	help := got.stdout + got.stderr
	i := strings.Index(help, "  rollout  ")
	require.GreaterOrEqual(t, i, 0, "--help has no rollout line:\n%s", help)
	j := strings.Index(help[i:], "\n  diff ")
	require.Greater(t, j, 0)
	text := strings.Join(strings.Fields(help[i:i+j]), " ") // one line
	m := regexp.MustCompile(`\(JSON: (.*)\)`).FindStringSubmatch(text)
	require.NotNil(t, m, "no key list in %q", text)
	inner := regexp.MustCompile(`\[\{([^}]*)\}\]`)
	r := inner.FindStringSubmatch(m[1])
	require.NotNil(t, r, "no ring keys in %q", m[1])
	for k := range strings.SplitSeq(r[1], ",") {
		ring = append(ring, strings.TrimSpace(k))
	}
	for k := range strings.SplitSeq(inner.ReplaceAllString(m[1], ""), ",") {
		top = append(top, strings.TrimSpace(k))
	}
	return top, ring
}

// TestPolicyKeys decodes, from the command line, a policy with every key that --help lists, each
// with a value of every JSON type it allows: ring percentages are numbers with or without a
// fraction.
func TestPolicyKeys(t *testing.T) {
	top, ring := helpPolicyKeys(t)
	policy := map[string]any{
		"project":      "Shop",
		"release":      "1.1.0",
		"environments": []string{"Test", "Production"},
		"order":        "ByEnvironment",
		"start":        "2026-06-01T09:00:00Z",
		"waveDuration": "2h",
		"rings": []map[string]any{
			{"name": "Early", "tags": []string{"Ring/Early"}, "tenants": []string{"Alpha"}, "expression": "Tier/Gold",
				"percent": 50, "salt": "s1", "maxParallel": 2, "soak": "24h"},
			{"name": "Late", "tags": []string{"Ring/Late"}, "tenants": []string{}, "expression": "",
				"percent": 12.5, "salt": "s2", "maxParallel": 0, "maxParallelPercent": 33.3, "soak": "90m"},
			{"name": "Rest", "percent": 100, "maxParallelPercent": 100},
		},
	}
	topKeys := slices.Sorted(func(yield func(string) bool) {
		for k := range policy {
			if !yield(k) {
				return
			}
		}
	})
	require.ElementsMatch(t, top, topKeys, "the test covers every top-level key of --help")
	var ringKeys []string
	for _, r := range policy["rings"].([]map[string]any) {
		for k := range r {
			if !slices.Contains(ringKeys, k) {
				ringKeys = append(ringKeys, k)
			}
		}
	}
	require.ElementsMatch(t, ring, ringKeys, "the test covers every ring key of --help")

	data, err := json.Marshal(policy)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))

	pol, err := readPolicy(path, defaultMaxInput)
	require.NoError(t, err)
	require.Len(t, pol.Rings, 3)
	require.Equal(t, []float64{50, 12.5, 100}, []float64{pol.Rings[0].Percent, pol.Rings[1].Percent, pol.Rings[2].Percent})
	require.Equal(t, []float64{0, 33.3, 100},
		[]float64{pol.Rings[0].MaxParallelPercent, pol.Rings[1].MaxParallelPercent, pol.Rings[2].MaxParallelPercent})
	require.Equal(t, 2, pol.Rings[0].MaxParallel)

	got := call("rollout", shop, path)
	require.Equal(t, exitOK, got.code, got.stderr)
	require.Contains(t, got.stdout, `50% by`)
	require.Contains(t, got.stdout, `12.5% by`)

	// Every key also takes null (its zero value), and a value of another type is an error with
	// its path, never a crash.
	for _, bad := range []struct{ json, want string }{
		{`{"project":"Shop","release":"1.1.0","rings":[{"name":"R","percent":"50"}]}`, `rings[0].percent: expected a number, got a string`},
		{`{"project":"Shop","release":"1.1.0","rings":[{"name":"R","maxParallel":1.5}]}`, `rings[0].maxParallel: expected a whole number, got "1.5"`},
		{`{"project":"Shop","release":"1.1.0","rings":[{"name":"R","percent":1e999}]}`, `rings[0].percent: the number "1e999" is out of range`},
	} {
		require.NoError(t, os.WriteFile(path, []byte(bad.json), 0o644))
		got := call("rollout", shop, path)
		require.Equal(t, exitInput, got.code, got.stdout)
		require.Contains(t, got.stderr, bad.want)
	}
	require.NoError(t, os.WriteFile(path, []byte(`{"project":"Shop","release":"1.1.0","environments":null,"order":null,
		"rings":[{"name":"R","tags":null,"tenants":null,"expression":null,"percent":null,"salt":null,"maxParallel":null,
		"maxParallelPercent":null,"soak":null}],"start":null,"waveDuration":null}`), 0o644))
	_, err = readPolicy(path, defaultMaxInput)
	require.NoError(t, err)
}
