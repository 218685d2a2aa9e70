package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fileCommand is one file argument of one command: args builds the command line with the file
// under test at that position, and wrongKind is a well-formed file of another kind.
type fileCommand struct {
	name      string
	args      func(path string) []string
	wrongKind string
	want      string // the kind the message says the file is not
}

// fileCommands lists every file argument of every command that reads files. planFile is a valid
// plan written with --format json.
func fileCommands(planFile string) []fileCommand {
	sel := []string{"--project", "Shop", "--release", "1.1.0"}
	withSel := func(cmd string, extra ...string) func(string) []string {
		return func(p string) []string { return append(append([]string{cmd, p}, sel...), extra...) }
	}
	scenarioFile := "testdata/scenarios/shop.json"
	return []fileCommand{
		{"validate", func(p string) []string { return []string{"validate", p} }, scenarioFile, kindModel},
		{"plan", withSel("plan", "--environment", "Production", "--all"), policy, kindModel},
		{"matrix", withSel("matrix"), scenarioFile, kindModel},
		{"explain", withSel("explain", "--environment", "Production", "--tenant", "Alpha"), planFile, kindModel},
		{"rollout MODEL", func(p string) []string { return []string{"rollout", p, policy} }, policy, kindModel},
		{"rollout POLICY", func(p string) []string { return []string{"rollout", shop, p} }, shop, kindPolicy},
		{"diff BEFORE", func(p string) []string { return []string{"diff", p, planFile} }, shop, kindCells},
		{"diff AFTER", func(p string) []string { return []string{"diff", planFile, p} }, scenarioFile, kindCells},
		{"diff MODEL_A", func(p string) []string { return append([]string{"diff", p, after}, sel...) }, planFile, kindModel},
		{"diff MODEL_B", func(p string) []string { return append([]string{"diff", shop, p}, sel...) }, scenarioFile, kindModel},
		{"check", func(p string) []string { return []string{"check", p} }, shop, kindScenario},
	}
}

// writePlanFile writes a valid deploy plan (--format json) to a temporary file.
func writePlanFile(t *testing.T) string {
	t.Helper()
	got := call("plan", shop, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--all", "--format", "json")
	require.Equal(t, exitOK, got.code, got.stderr)
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, []byte(got.stdout), 0o644))
	return path
}

// sparseFile creates a file of size bytes that takes no space on disk.
func sparseFile(t *testing.T, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(size))
	require.NoError(t, f.Close())
	return path
}

// TestRun_InputErrors: for every command and each of its file arguments, a missing file, a
// malformed file, a file of the wrong kind, a JSON value that is not an object, a directory and a
// file over the default input limit are input errors (exit 3) whose message names the file.
func TestRun_InputErrors(t *testing.T) {
	planFile := writePlanFile(t)
	dir := t.TempDir()
	notObject := filepath.Join(dir, "array.json")
	require.NoError(t, os.WriteFile(notObject, []byte(`[{"environments": []}]`), 0o644))
	huge := sparseFile(t, defaultMaxInput+1)
	for _, fc := range fileCommands(planFile) {
		bad := []struct {
			name, path string
			stderr     string
		}{
			{"missing file", "testdata/none.json", "testdata/none.json: no such file or directory"},
			{"malformed file", "testdata/malformed.json", "testdata/malformed.json:"},
			{"wrong kind of file", fc.wrongKind, fc.wrongKind + ": not a " + fc.want + ": it looks like a "},
			{"not a JSON object", notObject, notObject + ": not a " + fc.want + ": the file is not a JSON object"},
			{"over the input limit", huge, huge + ": larger than the input limit of 256 MiB (default 256 MiB; raise it with --max-input)"},
		}
		if fc.name != "check" { // check runs every *.json file of a directory
			bad = append(bad, struct{ name, path, stderr string }{"a directory", "testdata", "testdata: is a directory, not a regular file"})
		}
		for _, b := range bad {
			t.Run(fc.name+"/"+b.name, func(t *testing.T) {
				got := call(fc.args(b.path)...)
				require.Equal(t, exitInput, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
				require.Contains(t, got.stderr, b.stderr)
				require.NotContains(t, got.stdout, "No cell changed")
			})
		}
	}
}

// TestRun_MaxInput: --max-input lowers or raises the input limit for every file of a command; a
// bad size is a usage error.
func TestRun_MaxInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"under the limit", []string{"validate", shop, "--max-input", "4KiB"}, exitOK, ""},
		{"over a lowered limit", []string{"validate", shop, "--max-input", "2KiB"}, exitInput, shop + ": larger than the input limit of 2 KiB (default 256 MiB; raise it with --max-input)"},
		{"in bytes", []string{"validate", shop, "--max-input", "2993"}, exitInput, "input limit of 2993 B"},
		{"exactly the size", []string{"validate", shop, "--max-input", "2994"}, exitOK, ""},
		{"the policy of a rollout", []string{"rollout", shop, policy, "--max-input", "1KiB"}, exitInput, shop + ": larger than the input limit of 1 KiB"},
		{"every scenario file", []string{"check", "testdata/scenarios", "--max-input", "1 MiB"}, exitOK, ""},
		{"check over the limit", []string{"check", "testdata/scenarios", "--max-input", "100B"}, exitInput, "testdata/scenarios/shop.json: larger than the input limit of 100 B"},
		{"diff of models", []string{"diff", shop, after, "--project", "Shop", "--release", "1.1.0", "--max-input", "4KiB"}, exitInput, after + ": larger than the input limit of 4 KiB"},
		{"zero", []string{"validate", shop, "--max-input", "0"}, exitUsage, `size "0" is not a positive whole number`},
		{"negative", []string{"validate", shop, "--max-input", "-1MiB"}, exitUsage, `size "-1MiB"`},
		{"unknown unit", []string{"validate", shop, "--max-input", "1MB"}, exitUsage, `size "1MB"`},
		{"overflow", []string{"validate", shop, "--max-input", "9999999999TiB"}, exitUsage, `size "9999999999TiB"`},
		{"not for generate", []string{"generate", "--max-input", "1MiB"}, exitUsage, "-max-input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(tt.args...)
			require.Equal(t, tt.code, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
			if tt.stderr == "" {
				require.Empty(t, got.stderr)
			} else {
				require.Contains(t, got.stderr, tt.stderr)
			}
		})
	}
}

// TestParseSize: the units of --max-input, and the round trip through formatSize.
func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		text string
	}{
		{"1", 1, "1 B"},
		{"1B", 1, "1 B"},
		{"1536", 1536, "1536 B"},
		{"2KiB", 2 << 10, "2 KiB"},
		{"256MiB", 256 << 20, "256 MiB"},
		{" 1 GiB ", 1 << 30, "1 GiB"},
		{"1024MiB", 1 << 30, "1 GiB"},
		{"3TiB", 3 << 40, "3 TiB"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.text, formatSize(got))
			back, err := parseSize(strings.ReplaceAll(formatSize(got), " ", ""))
			require.NoError(t, err)
			require.Equal(t, got, back, "formatSize(%d) = %q reads back", got, formatSize(got))
		})
	}
	for _, bad := range []string{"", "KiB", "1.5MiB", "0", "-3", "1 kib", "0x10", "1<<20", "4611686018427387905"} {
		_, err := parseSize(bad)
		require.Error(t, err, "%q", bad)
	}
}

// FuzzParseSize: any text gives a positive size or an error, never a panic; a size written by
// formatSize reads back to the same number of bytes.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1", "256MiB", "1 GiB", "3TiB", "0", "-1KiB", "1MB", "9999999999TiB", "4611686018427387904B", " 7 B "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err != nil {
			require.Contains(t, err.Error(), "is not a positive whole number of bytes")
			return
		}
		require.Positive(t, n)
		back, err := parseSize(formatSize(n))
		require.NoError(t, err, "formatSize(%d) = %q", n, formatSize(n))
		require.Equal(t, n, back)
	})
}

// FuzzInputFile: any bytes given as a model, a policy, a plan file or a scenario file give a
// documented exit code, never a panic; an input error names the file.
func FuzzInputFile(f *testing.F) {
	for _, p := range []string{shop, policy, "testdata/malformed.json", "testdata/typo.json", "testdata/scenarios/shop.json", "testdata/golden/plan.json"} {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, s := range []string{"", "null", "[]", `"x"`, "{}", `{"checks": []}`, `{"rows": [{"cells": []}], "environments": ["A"]}`, `{"deploy": null}`, "{\"rings\": 1}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.json")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		for _, args := range [][]string{
			{"validate", path},
			{"rollout", shop, path},
			{"diff", path, path},
			{"check", path},
		} {
			got := call(args...)
			require.Contains(t, []int{exitOK, exitFindings, exitInput}, got.code, "%v: %s", args, got.stderr)
			if got.code == exitInput {
				require.Contains(t, got.stderr, path, "%v", args)
			}
		}
	})
}
