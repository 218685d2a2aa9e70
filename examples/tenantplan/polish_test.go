package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
)

// TestFormat_EveryCommand: every command takes --format; json gives one well-formed JSON
// document on standard output, table (or its other name text) the table, and any other value
// is a usage error naming the formats of the command.
func TestFormat_EveryCommand(t *testing.T) {
	m := importModel(t)
	sel := []string{"--project", "Shop", "--release", "1.1.0"}
	tests := []struct {
		name  string
		args  []string
		code  int
		table bool // the command has a table format
	}{
		{"validate", []string{"validate", shop}, exitOK, true},
		{"validate invalid", []string{"validate", "testdata/invalid.json"}, exitFindings, true},
		{"validate malformed", []string{"validate", "testdata/malformed.json"}, exitInput, true},
		{"validate missing", []string{"validate", "testdata/none.json"}, exitInput, true},
		{"plan", append([]string{"plan", shop, "--environment", "Production", "--all"}, sel...), exitOK, true},
		{"matrix", append([]string{"matrix", shop}, sel...), exitOK, true},
		{"explain", append([]string{"explain", shop, "--environment", "Production", "--tenant", "Gamma"}, sel...), exitOK, true},
		{"rollout", []string{"rollout", shop, policy}, exitOK, true},
		{"diff", append([]string{"diff", shop, after}, sel...), exitFindings, true},
		{"check", []string{"check", "testdata/failing"}, exitFindings, true},
		{"check missing", []string{"check", "testdata/none"}, exitInput, true},
		{"compare-octopus", []string{"compare-octopus", m, template, "--release", "1.2.0"}, exitFindings, true},
		{"generate", []string{"generate", "--tenants", "3"}, exitOK, false},
		{"schema", []string{"schema", "model"}, exitOK, false},
		{"import", []string{"import", "octopus", spaceAll}, exitOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := call(append(tt.args, "--format", "json")...)
			require.Equal(t, tt.code, js.code, js.stderr)
			require.True(t, json.Valid([]byte(js.stdout)), "not JSON:\n%s", js.stdout)
			bad := call(append(tt.args, "--format", "xml")...)
			require.Equal(t, exitUsage, bad.code)
			if !tt.table {
				require.Contains(t, bad.stderr, `format "xml" is not one of json`)
				tab := call(append(tt.args, "--format", "table")...)
				require.Equal(t, exitUsage, tab.code)
				return
			}
			require.Contains(t, bad.stderr, `format "xml" is not one of table, json`)
			def := call(tt.args...)
			for _, f := range []string{"table", "text"} {
				got := call(append(tt.args, "--format", f)...)
				require.Equal(t, def, got, "--format %s is the default", f)
			}
		})
	}
}

// TestValidate_JSON: validate --format json lists every problem with its code, path and message
// (line and column for malformed JSON), or the counts of a valid model.
func TestValidate_JSON(t *testing.T) {
	decode := func(r result) validation {
		var v validation
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), r.stdout)
		return v
	}
	got := call("validate", "testdata/invalid.json", "--format", "json")
	require.Equal(t, exitFindings, got.code)
	require.Equal(t, "testdata/invalid.json: invalid model: 3 problem(s)\n", got.stderr)
	v := decode(got)
	require.False(t, v.Valid)
	// An invalid model was not counted: no "environments": 0 that would say it has none.
	require.NotContains(t, got.stdout, `"environments"`)
	require.NotContains(t, got.stdout, `"tenants"`)
	var codes, paths []string
	for _, p := range v.Errors {
		codes, paths = append(codes, p.Code), append(paths, p.Path)
		require.NotEmpty(t, p.Message)
		require.Equal(t, "testdata/invalid.json", p.File)
	}
	if d := cmp.Diff([]string{"invalid-version", "unknown-environment", "unknown-tag"}, codes); d != "" {
		t.Errorf("codes (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"releases[0].version", "tenants[0].projects.Shop[1]", "tenants[0].tags[0]"}, paths); d != "" {
		t.Errorf("paths (-want +got):\n%s", d)
	}

	v = decode(call("validate", "testdata/malformed.json", "--format", "json"))
	require.Len(t, v.Errors, 1)
	require.Equal(t, [2]int{3, 12}, [2]int{v.Errors[0].Line, v.Errors[0].Column})

	missing := call("validate", "testdata/none.json", "--format", "json")
	require.Equal(t, exitInput, missing.code)
	v = decode(missing)
	require.Equal(t, "input-error", v.Errors[0].Code)
	require.Nil(t, v.Environments, "a missing file has no counts")
	require.Contains(t, missing.stderr, "testdata/none.json")

	v = decode(call("validate", shop, "--format", "json"))
	two, one, five := 2, 1, 5
	if d := cmp.Diff(validation{File: shop, Valid: true, Environments: &two, Projects: &one, Tenants: &five, Errors: []problem{}}, v); d != "" {
		t.Errorf("valid model (-want +got):\n%s", d)
	}
}

// TestCheck_JSON: check --format json lists each difference of a failed check and each path that
// could not be run, with a code, a path and a message.
func TestCheck_JSON(t *testing.T) {
	got := call("check", "testdata/failing", "testdata/none", "--format", "json")
	require.Equal(t, exitInput, got.code)
	var c checkJSON
	require.NoError(t, json.Unmarshal([]byte(got.stdout), &c))
	require.Equal(t, 1, c.Passed)
	require.Equal(t, 1, c.Failed)
	want := []problem{
		{File: "testdata/failing/wrong.json", Path: "checks[0]", Code: "failed-check", Message: "deploy: want [Alpha, Beta], got [Alpha, Beta, Omega]"},
		{Code: "input-error", Message: "testdata/none: no such file or directory"},
	}
	if d := cmp.Diff(want, c.Errors); d != "" {
		t.Errorf("errors (-want +got):\n%s", d)
	}
}

// TestStandardInput: "-" reads standard input, for a model, a policy, a scenario file or a plan
// file; more than one "-" is a usage error.
func TestStandardInput(t *testing.T) {
	shopJSON, err := os.ReadFile(shop)
	require.NoError(t, err)
	policyJSON, err := os.ReadFile(policy)
	require.NoError(t, err)
	scenarioJSON, err := os.ReadFile("testdata/scenarios/shop.json")
	require.NoError(t, err)
	withStdin := func(stdin []byte, args ...string) result {
		cmd := exec.Command(binary, args...)
		cmd.Dir = "."
		cmd.Stdin = bytes.NewReader(stdin)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		code := 0
		if xe, ok := err.(*exec.ExitError); ok {
			code = xe.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return result{code: code, stdout: o.String(), stderr: e.String()}
	}
	at := []string{"--at", "2026-03-16T09:00:00Z"}

	got := withStdin(shopJSON, "validate", "-")
	require.Equal(t, exitOK, got.code, got.stderr)
	require.Equal(t, "-: valid: 2 environment(s), 1 project(s), 5 tenant(s)\n", got.stdout)

	got = withStdin(shopJSON, append([]string{"matrix", "-", "--project", "Shop", "--release", "1.1.0"}, at...)...)
	require.Equal(t, exitOK, got.code, got.stderr)
	require.Equal(t, call(append([]string{"matrix", shop, "--project", "Shop", "--release", "1.1.0"}, at...)...).stdout, got.stdout)

	got = withStdin(policyJSON, "rollout", shop, "-")
	require.Equal(t, exitOK, got.code, got.stderr)
	require.Equal(t, call("rollout", shop, policy).stdout, got.stdout)

	got = withStdin(scenarioJSON, "check", "-")
	require.Equal(t, exitOK, got.code, got.stderr+got.stdout)
	require.Contains(t, got.stdout, "passed, 0 failed")

	got = withStdin([]byte("{"), "validate", "-")
	require.Equal(t, exitInput, got.code)
	require.Contains(t, got.stderr, "-: malformed model")

	got = withStdin(shopJSON, "diff", "-", "-")
	require.Equal(t, exitUsage, got.code)
	require.Contains(t, got.stderr, "standard input (-) can be read only once")

	got = withStdin(bytes.Repeat([]byte(" "), 2048), "validate", "-", "--max-input", "1KiB")
	require.Equal(t, exitInput, got.code)
	require.Contains(t, got.stderr, "-: larger than the input limit of 1 KiB")
}

// TestVersion: --version prints the module version the go command stamped, "(devel)" when there
// is none.
func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "(devel)"},
		{"no version", &debug.BuildInfo{}, true, "(devel)"},
		{"devel", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "(devel)"},
		{"tagged", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, true, "v1.4.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, version(func() (*debug.BuildInfo, bool) { return tt.info, tt.ok }))
		})
	}
	got := call("--version")
	require.Equal(t, exitOK, got.code)
	require.Equal(t, "tenantplan "+version(debug.ReadBuildInfo)+"\n", got.stdout)
	bin := exe(t, "--version")
	require.Equal(t, exitOK, bin.code)
	require.Regexp(t, `^tenantplan (\(devel\)|v\S+)\n$`, bin.stdout)
}

// TestHelpAndDidYouMean: help COMMAND is COMMAND --help; an unknown command or flag gets the
// closest one.
func TestHelpAndDidYouMean(t *testing.T) {
	for _, c := range commands() {
		got, want := call("help", c.name), call(c.name, "--help")
		require.Equal(t, exitOK, got.code, got.stderr)
		require.Equal(t, want, got)
		require.Contains(t, got.stdout, "Usage: tenantplan "+c.name)
		// Flags are listed with two dashes, as the usage and the messages write them.
		for _, l := range strings.Split(got.stdout, "\n") {
			if strings.HasPrefix(l, "  -") {
				require.True(t, strings.HasPrefix(l, "  --"), "%s: %q", c.name, l)
			}
		}
	}
	require.Contains(t, call("help", "plan").stdout, "\n  --environment environment\n")
	require.Equal(t, call("--help"), call("help", "--help"))
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"matrx"}, `unknown command "matrx"; did you mean matrix?`},
		{[]string{"help", "rolout"}, `unknown command "rolout"; did you mean rollout?`},
		{[]string{"compare"}, `unknown command "compare"; did you mean compare-octopus?`},
		{[]string{"plan", shop, "--enviroment", "Production"}, "unknown flag --enviroment; did you mean --environment? (see --help)"},
		{[]string{"matrix", shop, "--releas", "1"}, "unknown flag --releas; did you mean --release?"},
		{[]string{"plan", shop, "--bogus"}, "unknown flag --bogus (see --help)"},
		{[]string{"help", "plan", "matrix"}, `unexpected argument "matrix"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := call(tt.args...)
			require.Equal(t, exitUsage, got.code)
			require.Contains(t, got.stderr, tt.stderr)
		})
	}
}

// TestMessages_CutLongInput: a huge argument is quoted in a message cut as every error of the
// module cuts it (problem.Cut: 64 bytes on a rune boundary, then "..."), never printed whole.
func TestMessages_CutLongInput(t *testing.T) {
	long := strings.Repeat("é", 5000)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{long}, `unknown command "` + strings.Repeat("é", 32) + `..."`},
		{[]string{"help", "plan", long}, `unexpected argument "` + strings.Repeat("é", 32) + `..."`},
		{[]string{"matrix", shop, "--project", "Shop", "--release", "1.0.0", "--at", long}, `time "` + strings.Repeat("é", 32) + `..."`},
	} {
		got := call(tt.args...)
		require.Equal(t, exitUsage, got.code, got.stderr)
		require.Contains(t, got.stderr, tt.want)
		require.Less(t, len(got.stderr), 400)
		require.True(t, utf8.ValidString(got.stderr))
	}
}

// TestProgress_Injected: generating, loading and importing show a progress line on standard
// error when it is a terminal, and nothing when it is not (a pipe or a file), with the terminal
// check injected.
func TestProgress_Injected(t *testing.T) {
	model := bigModel(t, 50)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"generate", []string{"generate", "--tenants", "50"}, []string{"tenantplan: generating 50 tenants...", "\rtenantplan: generated 50 tenants"}},
		{"load", []string{"validate", model}, []string{"compiling 50 tenants...", "\rtenantplan: loaded " + model + ": 50 tenants in "}},
		{"import", []string{"import", "octopus", spaceAll, "-o", os.DevNull}, []string{"tenantplan: importing " + spaceAll + "...", "\rtenantplan: imported " + spaceAll + ": "}},
	}
	for _, tt := range tests {
		for _, terminal := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s terminal=%v", tt.name, terminal), func(t *testing.T) {
				var stderr bytes.Buffer
				e := newEnv(func() time.Time { return testNow }, io.Discard, &stderr)
				e.terminal = func(w io.Writer) bool { return terminal && w == &stderr }
				e.progressMin = 10
				require.Equal(t, exitOK, runEnv(e, tt.args), stderr.String())
				for _, s := range tt.want {
					if terminal {
						require.Contains(t, stderr.String(), s)
					} else {
						require.NotContains(t, stderr.String(), s)
					}
				}
				if !terminal {
					require.NotContains(t, stderr.String(), "\r")
				}
			})
		}
	}
}

// TestTables_AtScale: on a generated model of 3,000 tenants, no line of any table is longer than
// (maxCell+2) characters a column; a wave's tenants end with "… N more", tables lead with their
// reasons counted by code, and --limit caps the rows with a last "… N more" line.
func TestTables_AtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a model of 3,000 tenants")
	}
	gen := call("generate", "--tenants", "3000", "--projects", "2", "--seed", "7")
	require.Equal(t, exitOK, gen.code, gen.stderr)
	dir := t.TempDir()
	model := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(model, []byte(gen.stdout), 0o644))
	pol := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(pol, []byte(`{"project": "Mojo", "release": "1.4.0", "order": "ByRing",
		"environments": ["Test", "Production"], "rings": [
		{"name": "Early", "tags": ["Upgrade ring/Tester", "Upgrade ring/Early adopter"]},
		{"name": "Stable", "tags": ["Upgrade ring/Stable"], "soak": "24h"}]}`), 0o644))
	sel := []string{"--project", "Mojo", "--release", "1.4.0"}
	tests := []struct {
		name    string
		args    []string
		columns int
		want    []string
	}{
		{"plan", append([]string{"plan", model, "--environment", "Production", "--all"}, sel...), 3, []string{"Reasons: lifecycle "}},
		{"matrix", append([]string{"matrix", model}, sel...), 5, []string{"Reasons: lifecycle ", "  lifecycle  an earlier phase"}},
		{"rollout", []string{"rollout", model, pol, "--ignore-freezes"}, 7, []string{"Summary: 3 wave(s)", " more\n", "wave 2 + 24h "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(tt.args...)
			require.Equal(t, exitOK, got.code, got.stderr)
			bound := tt.columns * (maxCell + 2)
			for i, l := range strings.Split(got.stdout, "\n") {
				require.LessOrEqual(t, utf8.RuneCountInString(l), bound, "line %d: %.200s", i+1, l)
			}
			for _, s := range tt.want {
				require.Contains(t, got.stdout, s)
			}
			limited := call(append(tt.args, "--limit", "2")...)
			require.Equal(t, exitOK, limited.code, limited.stderr)
			require.Regexp(t, `(?m)^… [0-9]+ more [a-z ]+\(s\) \(--limit 2\)$`, limited.stdout)
			require.Less(t, len(limited.stdout), len(got.stdout))
		})
	}
	// The plan lists at most 2 tenants, and says how many more.
	p := call(append([]string{"plan", model, "--environment", "Production", "--all", "--limit", "2"}, sel...)...)
	rows := 0
	for _, l := range strings.Split(p.stdout, "\n") {
		if strings.HasPrefix(l, "deploy ") || strings.HasPrefix(l, "skipped ") || strings.HasPrefix(l, "rejected ") {
			rows++
		}
	}
	require.Equal(t, 2, rows, p.stdout)
}

// TestTables_LimitAndHostileNames: --limit on validate, a bad --limit, and a tenant name that is
// long and holds a tab and a newline is cut and escaped instead of breaking the table.
func TestTables_LimitAndHostileNames(t *testing.T) {
	help := call("--help").stdout
	require.Contains(t, help, fmt.Sprintf("a cell longer than %d characters is cut", maxCell))
	require.Contains(t, help, fmt.Sprintf("at most %d lines", maxCellLines))
	require.Contains(t, help, fmt.Sprintf("longer\nthan %d characters a column", maxCell+2))

	got := call("validate", "testdata/invalid.json", "--limit", "1")
	require.Equal(t, exitFindings, got.code)
	require.Contains(t, got.stderr, "… 2 more problem(s) (--limit 1)\ntestdata/invalid.json: invalid model: 3 problem(s)\n")
	require.Equal(t, 3, strings.Count(got.stderr, "\n"))

	bad := call("matrix", shop, "--project", "Shop", "--release", "1.1.0", "--limit", "-1")
	require.Equal(t, exitUsage, bad.code)
	require.Contains(t, bad.stderr, `limit "-1" is not a whole number of rows, 0 or more`)

	name := strings.Repeat("Ä", 300) + "\tx\ny"
	f := fmt.Sprintf(`{"environments": ["Production"], "projects": [{"name": "P", "tenancy": "Tenanted"}],
		"releases": [{"project": "P", "version": "1.0.0"}],
		"tenants": [{"name": %q, "projects": {"P": ["Production"]}}]}`, name)
	path := filepath.Join(t.TempDir(), "m.json")
	require.NoError(t, os.WriteFile(path, []byte(f), 0o644))
	m := call("matrix", path, "--project", "P", "--release", "1.0.0", "--ignore-freezes")
	require.Equal(t, exitOK, m.code, m.stderr)
	require.NotContains(t, m.stdout, "\t")
	require.Contains(t, m.stdout, strings.Repeat("Ä", maxCell-1)+"…")
	for _, l := range strings.Split(m.stdout, "\n") {
		require.LessOrEqual(t, utf8.RuneCountInString(l), 2*(maxCell+2))
	}
}

// TestClip: cells are cut with a marker, lists count what they leave out, messages wrap.
func TestClip(t *testing.T) {
	require.Equal(t, "short", clip("short"))
	require.Equal(t, `a\tb\nc`, clip("a\tb\nc"))
	require.Equal(t, strings.Repeat("x", maxCell-1)+"…", clip(strings.Repeat("x", maxCell+1)))
	require.Equal(t, strings.Repeat("x", maxCell), clip(strings.Repeat("x", maxCell)))

	require.Equal(t, "a, b", clipList([]string{"a", "b"}))
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("Tenant %04d", i)
	}
	l := clipList(names)
	require.LessOrEqual(t, utf8.RuneCountInString(l), maxCell)
	require.Regexp(t, `^Tenant 0000, Tenant 0001, .*, … [0-9]+ more$`, l)

	require.Equal(t, []string{"lifecycle: it needs 1"}, wrapCell("lifecycle: it needs 1"))
	long := wrapCell(strings.Repeat("word ", 1000))
	require.Len(t, long, maxCellLines)
	require.True(t, strings.HasSuffix(long[maxCellLines-1], "…"))
}

// TestClip_Property: whatever the text, a cell, a list and every wrapped line stay within
// maxCell characters, and a wrapped cell within maxCellLines lines.
func TestClip_Property(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.String().Draw(t, "s")
		require.LessOrEqual(t, utf8.RuneCountInString(clip(s)), maxCell)
		items := rapid.SliceOf(rapid.String()).Draw(t, "items")
		require.LessOrEqual(t, utf8.RuneCountInString(clipList(items)), maxCell)
		lines := wrapCell(s)
		require.LessOrEqual(t, len(lines), maxCellLines)
		for _, l := range lines {
			require.LessOrEqual(t, utf8.RuneCountInString(l), maxCell)
			require.NotContains(t, l, "\n")
		}
	})
}

// FuzzWrapCell: a wrapped cell keeps its bounds and, when nothing was cut, every word of the text.
func FuzzWrapCell(f *testing.F) {
	for _, s := range []string{"", "a b", strings.Repeat("x", 500), "lifecycle: phase \"Test\" is not complete", "a\tb\nc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := wrapCell(s)
		if len(lines) > maxCellLines {
			t.Fatalf("%d lines", len(lines))
		}
		for _, l := range lines {
			if utf8.RuneCountInString(l) > maxCell {
				t.Fatalf("line of %d characters", utf8.RuneCountInString(l))
			}
		}
		joined := strings.Join(lines, "")
		if !strings.HasSuffix(joined, "…") && utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			if strings.Join(strings.Fields(s), "") != strings.Join(strings.Fields(strings.Join(lines, " ")), "") {
				t.Fatalf("words lost: %q -> %q", s, lines)
			}
		}
	})
}

// TestHuman: durations print as people write them, and read back as the same duration.
func TestHuman(t *testing.T) {
	tests := map[time.Duration]string{
		12 * time.Hour: "12h", 90 * time.Minute: "1h30m", 2 * time.Minute: "2m", 90 * time.Second: "1m30s",
		0: "0s", 50 * time.Millisecond: "50ms", time.Hour + 30*time.Second: "1h0m30s", 36 * time.Hour: "36h",
	}
	for d, want := range tests {
		require.Equal(t, want, human(d), "%v", d)
	}
}

// FuzzHuman: human(d) reads back as d.
func FuzzHuman(f *testing.F) {
	for _, d := range []int64{0, 1, int64(time.Hour), int64(12 * time.Hour), int64(90 * time.Minute), -int64(time.Hour), 1<<63 - 1} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		d := time.Duration(n)
		back, err := time.ParseDuration(human(d))
		if err != nil || back != d {
			t.Fatalf("human(%v) = %q reads back as %v, %v", d, human(d), back, err)
		}
	})
}

// TestMatrix_LegendOfTheQuickstart: the matrix of the quickstart's model and release shows the
// same cells and the same legend lines as the quickstart's own matrix.
func TestMatrix_LegendOfTheQuickstart(t *testing.T) {
	golden, err := os.ReadFile("../quickstart/testdata/quickstart.golden")
	require.NoError(t, err)
	section, _, ok := strings.Cut(string(golden), "\n2. ")
	require.True(t, ok)
	got := call("matrix", "../quickstart/model.json", "--project", "Storefront", "--release", "1.5.0",
		"--at", "2026-03-16T09:00:00Z")
	require.Equal(t, exitOK, got.code, got.stderr)
	// rows returns the grid's rows (after the header row, up to the blank line) split into words,
	// and the legend's lines (indented, after the grid).
	rows := func(text string) (cells [][]string, legendLines []string) {
		grid, after := false, false
		for _, l := range strings.Split(text, "\n") {
			switch {
			case strings.HasPrefix(strings.ToLower(l), "tenant "):
				grid = true
			case grid && l == "":
				grid, after = false, true
			case grid:
				cells = append(cells, strings.Fields(l))
			case after && strings.HasPrefix(l, "  "):
				legendLines = append(legendLines, l)
			}
		}
		return cells, legendLines
	}
	wantCells, wantLegend := rows(section)
	gotCells, gotLegend := rows(got.stdout)
	require.NotEmpty(t, wantLegend)
	require.Len(t, wantCells, 12)
	if d := cmp.Diff(wantCells, gotCells); d != "" {
		t.Errorf("cells (-quickstart +matrix):\n%s", d)
	}
	if d := cmp.Diff(wantLegend, gotLegend); d != "" {
		t.Errorf("legend (-quickstart +matrix):\n%s", d)
	}
	require.Contains(t, got.stdout, `Each cell: the current release, then "ok" when 1.5.0 can be deployed there, "done" when it is there`)
}

// TestExplain_ValueAndTemplate: explain labels the value and the text written in the model on
// lines of their own, each quoted as a Go string, so that neither can be taken for the other.
func TestExplain_ValueAndTemplate(t *testing.T) {
	got := call("explain", "../quickstart/model.json", "--project", "Storefront", "--release", "1.5.0",
		"--environment", "Production", "--tenant", "Acme Corp", "--variables", "--ignore-freezes")
	require.Equal(t, exitOK, got.code, got.stderr)
	for _, s := range []string{
		"  HostURL\n    value:    \"https://shop.acme.example\"\n    from:     project variable [0], unscoped\n    written:  \"https://#{Tenant.Domain.Name}\"\n",
		"    beats:    project variable [2], unscoped, written \"Info\"\n              because less specific: lacks tenant tag\n",
		"  Tenant.Alias\n    value:    \"acme\"\n    from:     tenant value [0] for a common template of library \"Standard tenant details\", scope tenant\n",
		"  Tenant.Database.Password\n    value:    \"********\"\n",
	} {
		require.Contains(t, got.stdout, s)
	}
}

// TestGenerate_DefaultReleaseDeployable: the release the help says to try, the latest of the
// Default channel, can go to Production for some tenants and to Test for others; with an
// explicit --deployments the history has exactly that many deployments.
func TestGenerate_DefaultReleaseDeployable(t *testing.T) {
	gen := call("generate", "--tenants", "200", "--seed", "3")
	require.Equal(t, exitOK, gen.code, gen.stderr)
	path := filepath.Join(t.TempDir(), "gen.json")
	require.NoError(t, os.WriteFile(path, []byte(gen.stdout), 0o644))
	for _, env := range []string{"Test", "Production"} {
		got := call("plan", path, "--project", "Mojo", "--release", "1.4.0", "--environment", env, "--all",
			"--ignore-freezes", "--format", "json")
		require.Equal(t, exitOK, got.code, got.stderr)
		var p plan.DeployPlan
		require.NoError(t, json.Unmarshal([]byte(got.stdout), &p))
		require.Greater(t, len(p.Deploy), 10, "1.4.0 to %s", env)
	}
	help := call("generate", "--help")
	require.Contains(t, help.stdout, "--release 1.4.0")

	var f struct{ Deployments []json.RawMessage }
	exact := call("generate", "--tenants", "20", "--deployments", "17")
	require.NoError(t, json.Unmarshal([]byte(exact.stdout), &f))
	require.Len(t, f.Deployments, 17)
}

// TestJSON_KeepsMeaningfulZeros: a lifecycle reason's "have": 0 is in the JSON plan.
func TestJSON_KeepsMeaningfulZeros(t *testing.T) {
	got := call("plan", shop, "--project", "Shop", "--release", "1.1.0", "--environment", "Production",
		"--tenant", "Gamma", "--format", "json")
	require.Equal(t, exitOK, got.code, got.stderr)
	var p struct {
		Rejected []struct{ Reasons []map[string]any }
	}
	require.NoError(t, json.Unmarshal([]byte(got.stdout), &p))
	r := p.Rejected[0].Reasons[0]
	require.Equal(t, "lifecycle", r["code"])
	require.Equal(t, 0.0, r["have"])
	require.Equal(t, 1.0, r["need"])
}

// TestCompareOctopus_JSON: compare-octopus --format json has the counts and every disagreement
// with both answers and tenantplan's reasons, and the same exit code as the table.
func TestCompareOctopus_JSON(t *testing.T) {
	m := importModel(t)
	got := call("compare-octopus", m, template, "--release", "1.2.0", "--format", "json")
	require.Equal(t, exitFindings, got.code, got.stderr)
	var c comparison
	require.NoError(t, json.Unmarshal([]byte(got.stdout), &c))
	require.Equal(t, 80, c.Compared)
	require.Equal(t, 77, c.Agree)
	require.Len(t, c.Disagreements, 3)
	d := c.Disagreements[0]
	require.Equal(t, disagreementJSON{Environment: "Production", Tenant: "Blue Sky", Octopus: "promote", Tenantplan: "blocked",
		Reasons: d.Reasons}, d)
	// The reasons are written as every command writes them: a code, the details, a message.
	require.Len(t, d.Reasons, 1)
	require.Equal(t, plan.ReasonLifecycle, d.Reasons[0].Code)
	require.Equal(t, "Verification", d.Reasons[0].Phase)
	require.True(t, strings.HasPrefix(d.Reasons[0].Message, `phase "Verification" is not complete`), d.Reasons[0].Message)
	require.Empty(t, d.Note)

	limited := call("compare-octopus", m, template, "--release", "1.2.0", "--limit", "1")
	require.Equal(t, exitFindings, limited.code)
	require.Contains(t, limited.stdout, "… 2 more disagreement(s) (--limit 1)\n")
	require.NotContains(t, limited.stdout, "Hooli")
}
