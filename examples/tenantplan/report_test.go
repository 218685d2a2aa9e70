package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const quickstartModel = "../quickstart/model.json"

func TestReport(t *testing.T) {
	sel := []string{"--project", "Storefront", "--release", "1.5.0"}
	out := filepath.Join(t.TempDir(), "r.html")
	policy := "../quickstart/policy.json"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // in standard output
		not    []string // not in standard output
		stderr string
	}{
		{name: "standard output", args: append([]string{"report", quickstartModel}, sel...), code: exitOK,
			stdout: []string{"<!DOCTYPE html>", "Storefront 1.5.0: release report", "Juniper Health"}, not: []string{`id="timeline"`}},
		{name: "with a policy, grouped", args: append([]string{"report", quickstartModel, "--policy", policy, "--group", "Tier", "--at", "2026-03-16T09:00:00Z"}, sel...),
			code: exitOK, stdout: []string{`id="timeline"`, "Tier: Enterprise", "Weekend"}},
		{name: "as a principal", args: append([]string{"report", quickstartModel, "--as", "acme-self-service", "--policy", policy}, sel...),
			code: exitOK, stdout: []string{"Acme Corp", "as seen by <strong>acme-self-service</strong>"}, not: []string{"Juniper Health", "Globex"}},
		{name: "diff", args: append([]string{"report", quickstartModel, "--before", quickstartModel}, sel...),
			code: exitOK, stdout: []string{"0 added, 0 removed, 0 changed.", "The two models give the same matrix."}},
		{name: "to a file", args: append([]string{"report", quickstartModel, "-o", out}, sel...), code: exitOK, stderr: "wrote " + out},
		{name: "missing release", args: []string{"report", quickstartModel, "--project", "Storefront"}, code: exitUsage, stderr: "missing --release"},
		{name: "unknown principal", args: append([]string{"report", quickstartModel, "--as", "eve"}, sel...), code: exitInput, stderr: `unknown principal "eve"`},
		{name: "unknown tag set", args: append([]string{"report", quickstartModel, "--group", "Colour"}, sel...), code: exitInput, stderr: `group by "Colour": no such tag set`},
		{name: "policy of another project", args: append([]string{"report", quickstartModel, "--policy", "testdata/policy.json"}, sel...),
			code: exitInput, stderr: `testdata/policy.json: the policy is for "Shop" "1.1.0", not "Storefront" "1.5.0"`},
		{name: "missing policy", args: append([]string{"report", quickstartModel, "--policy", "testdata/none.json"}, sel...), code: exitInput, stderr: "none.json"},
		{name: "unwritable output", args: append([]string{"report", quickstartModel, "-o", filepath.Join(t.TempDir(), "no", "r.html")}, sel...), code: exitInput, stderr: "r.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := call(tc.args...)
			require.Equal(t, tc.code, r.code, r.stderr)
			for _, s := range tc.stdout {
				require.True(t, strings.Contains(r.stdout, s), "standard output should contain %q", s)
			}
			for _, s := range tc.not {
				require.False(t, strings.Contains(r.stdout, s), "standard output should not contain %q", s)
			}
			require.Contains(t, r.stderr, tc.stderr)
		})
	}
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(page), "<!DOCTYPE html>"))
}
