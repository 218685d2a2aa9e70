package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	shop   = "testdata/shop.json"
	after  = "testdata/shop-after.json"
	policy = "testdata/policy.json"
)

// TestRun covers every command: exit code, and what stdout and stderr must (and must not) hold.
func TestRun(t *testing.T) {
	sel := []string{"--project", "Shop", "--release", "1.1.0"}
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     []string
		notStdout  []string
		notStderr  []string
		emptyError bool
	}{
		{name: "no arguments", args: nil, code: exitUsage, stderr: []string{"Usage:", "Exit codes:"}},
		{name: "help", args: []string{"--help"}, code: exitOK, stdout: []string{"Exit codes:", "0  success", "2  usage error"}},
		{name: "help command", args: []string{"help"}, code: exitOK, stdout: []string{"tenantplan check FILE_OR_DIR..."}},
		{name: "unknown command", args: []string{"deploy"}, code: exitUsage, stderr: []string{`unknown command "deploy"`}},
		{name: "command help", args: []string{"plan", "--help"}, code: exitOK, stdout: []string{"Usage: tenantplan plan", "-expr expression"}, emptyError: true},
		{name: "help documents time, freezes and input limits", args: []string{"--help"}, code: exitOK, stdout: []string{
			"[--at TIME | --ignore-freezes]", "which is now\nunless given", "--ignore-freezes plans as if no freeze applied", "larger than 256 MiB", "--max-input SIZE"}},
		{name: "rollout help: --at, --ignore-freezes, --max-input", args: []string{"rollout", "--help"}, code: exitOK, stdout: []string{
			"-at time", "default: the policy's start, else now", "-ignore-freezes\n    \tdo not time the waves", "-max-input size", "(default 256 MiB)"}, emptyError: true},
		{name: "unknown flag", args: []string{"plan", shop, "--bogus"}, code: exitUsage, stderr: []string{"-bogus"}},
		// The flag package names a flag with one dash; the tool writes two, as its usage does.
		{name: "misspelt schema", args: []string{"schema", "modle"}, code: exitUsage,
			stderr: []string{`unknown schema "modle": want model, policy or scenario; did you mean model?`}},
		{name: "bad flag value names --flag", args: append([]string{"matrix", shop, "--format", "yaml"}, sel...), code: exitUsage,
			stderr: []string{`invalid value "yaml" for flag --format: format "yaml" is not one of table, json`}},
		{name: "bad boolean names --flag", args: append([]string{"plan", shop, "--environment", "Production", "--all=maybe"}, sel...), code: exitUsage,
			stderr: []string{`invalid boolean value "maybe" for --all`}},
		{name: "flag without its value names --flag", args: []string{"matrix", shop, "--project"}, code: exitUsage,
			stderr: []string{`flag needs an argument: --project`}},
		{name: "missing model", args: []string{"validate"}, code: exitUsage, stderr: []string{"missing arguments: want MODEL"}},
		{name: "extra argument", args: []string{"validate", shop, "more"}, code: exitUsage, stderr: []string{`unexpected argument "more"`}},
		{name: "missing flags", args: []string{"plan", shop, "--all"}, code: exitUsage, stderr: []string{"missing --project, --release, --environment"}},
		{name: "no selection", args: append([]string{"plan", shop, "--environment", "Production"}, sel...), code: exitUsage, stderr: []string{"select what to plan"}},
		{name: "bad time", args: append([]string{"plan", shop, "--environment", "Production", "--all", "--at", "tomorrow"}, sel...), code: exitUsage, stderr: []string{`time "tomorrow" is neither "now" nor an RFC 3339 time`}},
		{name: "bad format", args: append([]string{"matrix", shop, "--format", "xml"}, sel...), code: exitUsage, stderr: []string{`format "xml" is not one of table, json`}},
		{name: "bad policy", args: append([]string{"matrix", shop, "--policy", "Latest"}, sel...), code: exitUsage, stderr: []string{`policy "Latest"`}},
		{name: "unreadable model", args: []string{"validate", "testdata/none.json"}, code: exitInput, stderr: []string{"testdata/none.json"}},

		{name: "valid model", args: []string{"validate", shop}, code: exitOK, stdout: []string{"testdata/shop.json: valid: 2 environment(s), 1 project(s), 5 tenant(s)"}, emptyError: true},
		{name: "invalid model, every problem with its path", args: []string{"validate", "testdata/invalid.json"}, code: exitFindings, stderr: []string{
			"testdata/invalid.json: releases[0].version: invalid version \"not a version\": column 1: expected a digit, found 'n' [invalid-version]",
			`testdata/invalid.json: tenants[0].projects.Shop[1]: unknown environment "Prod"; did you mean "Production"? [unknown-environment]`,
			`testdata/invalid.json: tenants[0].tags[0]: tenant "Alpha", tag "Tier/Gld": unknown tag; did you mean "Tier/Gold"? [unknown-tag]`,
			"invalid model: 3 problem(s)"}},
		{name: "malformed JSON is an input error: line and column", args: []string{"validate", "testdata/malformed.json"}, code: exitInput, stderr: []string{"testdata/malformed.json:3:12: malformed JSON", "testdata/malformed.json: malformed model: 1 problem(s)"}},
		{name: "unknown key", args: []string{"validate", "testdata/typo.json"}, code: exitFindings, stderr: []string{`testdata/typo.json: tenant: unknown key "tenant" (did you mean "tenants"?) [unknown-field]`}},
		{name: "invalid model in plan", args: append([]string{"plan", "testdata/invalid.json", "--environment", "Test", "--all"}, sel...), code: exitFindings, stderr: []string{"[unknown-tag]"}},

		{name: "plan table", args: append([]string{"plan", shop, "--environment", "Production", "--all", "--untenanted"}, sel...), code: exitOK, stdout: []string{
			"4 to deploy, 2 skipped, 0 rejected",
			"deploy    (untenanted)  web-prod",
			"deploy    Alpha         web-prod",
			"skipped   Delta         missing-variables: ",
			"skipped   Gamma         lifecycle: "}},
		{name: "plan untenanted frozen is rejected", args: append([]string{"plan", shop, "--environment", "Production", "--untenanted", "--at", "2026-06-02T00:00:00Z"}, sel...), code: exitOK, stdout: []string{
			"0 to deploy, 0 skipped, 1 rejected", "rejected  (untenanted)  frozen: "}},
		{name: "plan by tag and expression", args: append([]string{"plan", shop, "--environment", "Production", "--tag", "Ring/Late", "--expr", "Ring/Pinned"}, sel...), code: exitOK, stdout: []string{"deploy    Beta", "deploy    Omega", "skipped   Delta"}, notStdout: []string{"Alpha"}},
		{name: "plan named tenant is rejected", args: append([]string{"plan", shop, "--environment", "Production", "--tenant", "Gamma"}, sel...), code: exitOK, stdout: []string{"rejected  Gamma"}},
		{name: "plan frozen", args: append([]string{"plan", shop, "--environment", "Production", "--tenant", "Alpha", "--at", "2026-06-02T00:00:00Z"}, sel...), code: exitOK, stdout: []string{`frozen: freeze "Audit"`}},
		{name: "plan freeze overridden", args: append([]string{"plan", shop, "--environment", "Production", "--tenant", "Alpha", "--at", "2026-06-02T00:00:00Z", "--override", "Audit"}, sel...), code: exitOK, stdout: []string{"deploy    Alpha"}},
		{name: "plan as a principal", args: append([]string{"plan", shop, "--environment", "Production", "--all", "--as", "alpha-ops"}, sel...), code: exitOK, stdout: []string{"as alpha-ops: 1 to deploy, 0 skipped"}, notStdout: []string{"Beta", "Gamma"}},
		{name: "plan unknown tenant", args: append([]string{"plan", shop, "--environment", "Production", "--tenant", "Zeta"}, sel...), code: exitInput, stderr: []string{`unknown-tenant`, `"Zeta"`}},
		{name: "plan unknown tag", args: append([]string{"plan", shop, "--environment", "Production", "--tag", "Ring/Erly"}, sel...), code: exitInput, stderr: []string{"Ring/Erly"}},
		{name: "plan bad expression", args: append([]string{"plan", shop, "--environment", "Production", "--expr", "Ring/Early and ("}, sel...), code: exitInput, stderr: []string{"invalid-expression"}},
		{name: "plan unknown release", args: []string{"plan", shop, "--project", "Shop", "--release", "9.9", "--environment", "Test", "--all"}, code: exitInput, stderr: []string{"unknown-release"}},
		{name: "flags before the model", args: append([]string{"plan", "--environment", "Production", "--all", shop}, sel...), code: exitOK, stdout: []string{"deploy    Alpha"}},

		{name: "matrix table", args: append([]string{"matrix", shop}, sel...), code: exitOK, stdout: []string{
			"TENANT        Test", "(untenanted)  1.1.0 done", "Alpha         1.1.0 done", "Delta         .           - missing",
			"Reasons: not-connected 3, missing-variables 2, lifecycle 1", "  missing    a tenant variable has no value"}},
		{name: "explain", args: append([]string{"explain", shop, "--environment", "Production", "--tenant", "Gamma"}, sel...), code: exitOK, stdout: []string{"NOT DEPLOYABLE", "lifecycle"}},
		{name: "explain variables keep secrets", args: append([]string{"explain", shop, "--environment", "Production", "--tenant", "Alpha", "--variables"}, sel...), code: exitOK,
			stdout: []string{"ConnectionString", "DbPassword", "********"}, notStdout: []string{"S3cret"}},
		{name: "explain json keeps secrets", args: append([]string{"explain", shop, "--environment", "Production", "--tenant", "Alpha", "--variables", "--format", "json"}, sel...), code: exitOK,
			stdout: []string{`"deployable": true`}, notStdout: []string{"S3cret"}},
		{name: "explain unknown environment", args: append([]string{"explain", shop, "--environment", "Prod"}, sel...), code: exitInput, stderr: []string{"unknown-environment"}},

		{name: "rollout table", args: []string{"rollout", shop, policy}, code: exitOK, stdout: []string{
			"1     Test         Early  -       2026-06-01T09:00:00Z",
			"2     Production   Early  wave 1  2026-06-08T00:00:00Z", // waits for the Audit freeze
			"3     Production   Late   wave 2", "Unassigned (no ring admits them): Omega", "Done already: Alpha in Test",
			"Delta in Production: missing-variables"}},
		{name: "rollout json", args: []string{"rollout", shop, policy, "--format", "json"}, code: exitOK, stdout: []string{`"waves"`, `"unassigned"`, `"start": "2026-06-08T00:00:00Z"`}},
		{name: "rollout policy with a typo", args: []string{"rollout", shop, "testdata/policy-typo.json"}, code: exitInput, stderr: []string{`testdata/policy-typo.json: rings[0].tag: unknown key "tag" (did you mean "tags"?)`}},
		{name: "rollout policy with a bad soak", args: []string{"rollout", shop, "testdata/policy-soak.json"}, code: exitInput, stderr: []string{`testdata/policy-soak.json: rings[0].soak: "a day" is not a duration`}},
		{name: "rollout policy names an unknown project", args: []string{"rollout", shop, "testdata/policy-project.json"}, code: exitInput, stderr: []string{`testdata/policy-project.json: project: unknown project "Shopp"`}},
		// A request error names the flag or the key of the policy file the user wrote, never the
		// library's request field.
		{name: "plan names the flag of an unknown tenant", args: append([]string{"plan", shop, "--environment", "Production", "--tenant", "Gama"}, sel...), code: exitInput,
			stderr: []string{`--tenant: unknown tenant "Gama"; did you mean "Gamma"?`}, notStderr: []string{"request"}},
		{name: "plan names the flag of a bad expression", args: append([]string{"plan", shop, "--environment", "Production", "--expr", "Ring/Early and"}, sel...), code: exitInput,
			stderr: []string{`--expr: invalid tag expression`}, notStderr: []string{"request"}},
		{name: "matrix names the flag of an unknown principal", args: append([]string{"matrix", shop, "--as", "nobody"}, sel...), code: exitInput,
			stderr: []string{`--as: unknown principal "nobody"`}, notStderr: []string{"request"}},
		{name: "report names the policy file of a bad ring", args: append([]string{"report", shop, "--policy", "testdata/policy-tag.json"}, sel...), code: exitInput,
			stderr: []string{`testdata/policy-tag.json: rings[0].tags: unknown tag "Ring/Erly"`}, notStderr: []string{"request"}},
		{name: "report names the flag of an unknown release", args: []string{"report", shop, "--project", "Shop", "--release", "1.1.1"}, code: exitInput,
			stderr: []string{`--release: project "Shop" has no release "1.1.1"`}, notStderr: []string{"request"}},
		{name: "rollout without policy", args: []string{"rollout", shop}, code: exitUsage, stderr: []string{"MODEL POLICY"}},

		{name: "diff models: matrices", args: []string{"diff", shop, after, "--project", "Shop", "--release", "1.1.0"}, code: exitFindings, stdout: []string{
			"4 cell(s) changed", "- **Production / Delta**: blocked (missing-variables) → deployable"}},
		{name: "diff models: plans", args: []string{"diff", shop, after, "--project", "Shop", "--release", "1.1.0", "--environment", "Production"}, code: exitFindings, stdout: []string{
			"2 cell(s) changed", "- **Production / Gamma**: skipped (lifecycle (phase Test: 0/1)) → deploy, targets web-prod"}},
		{name: "diff models: the model without the project is named", args: []string{"diff", shop, after, "--project", "Nope", "--release", "1"}, code: exitInput, stderr: []string{`testdata/shop.json: --project: unknown project "Nope"`}},
		{name: "diff same model", args: []string{"diff", shop, shop, "--project", "Shop", "--release", "1.1.0"}, code: exitOK, stdout: []string{"No cell changed."}},
		{name: "diff flags need --project", args: []string{"diff", shop, after, "--release", "1.1.0"}, code: exitUsage, stderr: []string{"need --project"}},
		{name: "diff of a model file as a plan file", args: []string{"diff", shop, after}, code: exitInput, stderr: []string{"not a plan or matrix file"}},

		{name: "check passes", args: []string{"check", "testdata/scenarios"}, code: exitOK, stdout: []string{"4 passed, 0 failed"}},
		{name: "check fails with every difference", args: []string{"check", "testdata/failing", "testdata/scenarios/shop.json"}, code: exitFindings, stdout: []string{
			`testdata/failing/wrong.json: check #0 "wrong on purpose" (deploy): deploy: want [Alpha, Beta], got [Alpha, Beta, Omega]`,
			"5 passed, 1 failed"}},
		{name: "check missing path is an input error", args: []string{"check", "testdata/none"}, code: exitInput, stdout: []string{"0 passed, 0 failed"}, stderr: []string{"testdata/none: no such file or directory"}},
		{name: "check a model is an input error", args: []string{"check", shop}, code: exitInput, stderr: []string{`testdata/shop.json: not a scenario file: it looks like a model (it has "environments")`}},
		{name: "check runs what it can besides an input error", args: []string{"check", "testdata/none", "testdata/failing"}, code: exitInput, stdout: []string{"wrong on purpose", "1 passed, 1 failed"}, stderr: []string{"testdata/none"}},

		{name: "generate bounds", args: []string{"generate", "--tenants", "0"}, code: exitUsage, stderr: []string{"--tenants 0 is not between 1 and 1000000"}},
		{name: "generate no argument", args: []string{"generate", "x"}, code: exitUsage, stderr: []string{`unexpected argument "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(tt.args...)
			requireResult(t, got, tt.code, tt.stdout, tt.stderr)
			for _, s := range tt.notStdout {
				require.NotContains(t, got.stdout, s)
			}
			for _, s := range tt.notStderr {
				require.NotContains(t, got.stderr, s)
			}
			if tt.emptyError {
				require.Empty(t, got.stderr)
			}
		})
	}
}

// TestBinary runs the built tool: the exit codes a shell sees, one per documented code.
func TestBinary(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stream string
	}{
		{[]string{"--help"}, exitOK, "Exit codes:"},
		{[]string{"validate", shop}, exitOK, "valid"},
		{[]string{"validate", "testdata/invalid.json"}, exitFindings, "[unknown-tag]"},
		{[]string{"check", "testdata/failing"}, exitFindings, "1 passed, 1 failed"},
		{[]string{"plan"}, exitUsage, "missing arguments"},
		{[]string{"matrix", shop, "--project", "Nope", "--release", "1"}, exitInput, "unknown-project"},
		{[]string{"import", "octopus", spaceAll, "-o", os.DevNull}, exitOK, "11 report entries"},
		{[]string{"import", "octopus", "testdata/none"}, exitInput, "testdata/none: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := exe(t, tt.args...)
			require.Equal(t, tt.code, got.code, "stderr: %s", got.stderr)
			require.Contains(t, got.stdout+got.stderr, tt.stream)
		})
	}
}

// TestDiff_PlanFiles writes plans and matrices with --format json and diffs the files: a file
// against itself is empty, two models differ exactly as diff on the models says.
func TestDiff_PlanFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, args ...string) string {
		got := call(args...)
		require.Equal(t, exitOK, got.code, got.stderr)
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(got.stdout), 0o644))
		return path
	}
	planArgs := func(model string) []string {
		return []string{"plan", model, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--all", "--format", "json"}
	}
	matrixArgs := func(model string) []string {
		return []string{"matrix", model, "--project", "Shop", "--release", "1.1.0", "--format", "json"}
	}
	p1 := write("p1.json", planArgs(shop)...)
	p2 := write("p2.json", planArgs(after)...)
	m1 := write("m1.json", matrixArgs(shop)...)
	m2 := write("m2.json", matrixArgs(after)...)

	same := call("diff", p1, p1)
	require.Equal(t, exitOK, same.code, same.stderr)
	require.Equal(t, "No cell changed.\n", same.stdout)

	files := call("diff", p1, p2)
	models := call("diff", shop, after, "--project", "Shop", "--release", "1.1.0", "--environment", "Production")
	require.Equal(t, exitFindings, files.code, files.stderr)
	require.Equal(t, models.stdout, files.stdout)

	files = call("diff", m1, m2)
	models = call("diff", shop, after, "--project", "Shop", "--release", "1.1.0")
	require.Equal(t, exitFindings, files.code, files.stderr)
	require.Equal(t, models.stdout, files.stdout)

	js := call("diff", m1, m2, "--format", "json")
	require.Equal(t, exitFindings, js.code, js.stderr)
	var d plan.CellDiff
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &d))
	require.Len(t, d.Changes, 4)

	var m plan.Matrix
	data, err := os.ReadFile(m1)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &m))
	var p plan.DeployPlan
	data, err = os.ReadFile(p1)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &p))
	// Applying the diff of two files to the first gives the second.
	var m2v plan.Matrix
	data, err = os.ReadFile(m2)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &m2v))
	require.True(t, plan.Diff(m2v.Cells(), d.Apply(m.Cells())).IsEmpty(), "applying the diff of two files to the first gives the second")
}

// TestDiff_FileKinds: diff refuses a plan against a matrix, and a truncated matrix (a row with
// fewer cells than environments), with an input error naming the files, never a panic.
func TestDiff_FileKinds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		return path
	}
	sel := []string{"--project", "Shop", "--release", "1.1.0", "--format", "json"}
	p := call(append([]string{"plan", shop, "--environment", "Production", "--all"}, sel...)...)
	require.Equal(t, exitOK, p.code, p.stderr)
	m := call(append([]string{"matrix", shop}, sel...)...)
	require.Equal(t, exitOK, m.code, m.stderr)
	planFile, matrixFile := write("plan.json", p.stdout), write("matrix.json", m.stdout)

	var mv plan.Matrix
	require.NoError(t, json.Unmarshal([]byte(m.stdout), &mv))
	require.Len(t, mv.Environments, 2)
	mv.Rows[1].Cells = mv.Rows[1].Cells[:1]
	b, err := json.Marshal(mv)
	require.NoError(t, err)
	ragged := write("ragged.json", string(b))

	tests := []struct {
		name   string
		a, b   string
		stderr []string
	}{
		{"plan against matrix", planFile, matrixFile, []string{planFile + " is a deploy plan but " + matrixFile + " is a matrix"}},
		{"matrix against plan", matrixFile, planFile, []string{matrixFile + " is a matrix but " + planFile + " is a deploy plan"}},
		{"truncated matrix after", matrixFile, ragged, []string{ragged + ": malformed matrix: rows[1] has 1 cell(s) for 2 environment(s)"}},
		{"truncated matrix before", ragged, matrixFile, []string{ragged + ": malformed matrix: rows[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call("diff", tt.a, tt.b)
			require.Equal(t, exitInput, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
			require.Empty(t, got.stdout)
			for _, s := range tt.stderr {
				require.Contains(t, got.stderr, s)
			}
		})
	}
}

// TestGolden compares whole outputs of the table formats with testdata/golden (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	tests := []struct {
		file string
		args []string
	}{
		{"plan.txt", []string{"plan", shop, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--all", "--untenanted"}},
		{"plan.json", []string{"plan", shop, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--all", "--format", "json"}},
		{"matrix.txt", []string{"matrix", shop, "--project", "Shop", "--release", "1.1.0"}},
		{"rollout.txt", []string{"rollout", shop, policy}},
		{"explain.txt", []string{"explain", shop, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--tenant", "Gamma", "--at", "2026-06-02T00:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := call(tt.args...)
			require.Equal(t, exitOK, got.code, got.stderr)
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got.stdout), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./examples/tenantplan -update")
			if diff := cmp.Diff(string(want), got.stdout); diff != "" {
				t.Errorf("%s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestCheck_Conformance runs the conformance suite through the tool. Its folder comes from
// TENANTPLAN_SCENARIOS (a relative folder is relative to the module root, two levels up); the
// test is skipped when that is not set.
func TestCheck_Conformance(t *testing.T) {
	dir := os.Getenv("TENANTPLAN_SCENARIOS")
	if dir == "" {
		t.Skip("TENANTPLAN_SCENARIOS is not set")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir)
	}
	got := exe(t, "check", dir)
	require.Equal(t, exitOK, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
	require.Regexp(t, `(?m)^[1-9][0-9]* passed, 0 failed$`, got.stdout)
}
