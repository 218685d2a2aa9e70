package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// The fixture space of package plan/octopus, in both forms, and its golden model.
const (
	spaceAll    = "../../plan/octopus/testdata/space-all"
	spacePaged  = "../../plan/octopus/testdata/space-paged"
	spaceGolden = "../../plan/octopus/testdata/golden/model.json"
	template    = "testdata/octopus/template-1.2.0.json"
	agreeing    = "testdata/octopus/template-1.2.0-agree.json"
)

// copySpace copies the fixture space (one level of sub-folders) into a temporary folder, for
// tests that break it.
func copySpace(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	var copyDir func(src, dst string)
	copyDir = func(src, dst string) {
		entries, err := os.ReadDir(src)
		require.NoError(t, err)
		for _, e := range entries {
			s, d := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
			if e.IsDir() {
				require.NoError(t, os.Mkdir(d, 0o755))
				copyDir(s, d)
				continue
			}
			data, err := os.ReadFile(s)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(d, data, 0o644))
		}
	}
	copyDir(spaceAll, dst)
	return dst
}

// requireResult checks the exit code of a run, and that stdout and stderr hold the given strings.
func requireResult(t *testing.T, got result, code int, stdout, stderr []string) {
	t.Helper()
	require.Equal(t, code, got.code, "exit code; stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
	for _, s := range stdout {
		require.Contains(t, got.stdout, s)
	}
	for _, s := range stderr {
		require.Contains(t, got.stderr, s)
	}
}

// importModel imports the fixture space into a model file and returns its path.
func importModel(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "model.json")
	got := call("import", "octopus", spaceAll, "-o", out)
	require.Equal(t, exitOK, got.code, got.stderr)
	return out
}

// TestImport_Golden: both forms of the fixture space import to the model the library's golden
// test holds, on standard output, with the report (files under the folder) on standard error.
func TestImport_Golden(t *testing.T) {
	want, err := os.ReadFile(spaceGolden)
	require.NoError(t, err)
	for _, dir := range []string{spaceAll, spacePaged} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := call("import", "octopus", dir)
			require.Equal(t, exitOK, got.code, got.stderr)
			if d := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(got.stdout)); d != "" {
				t.Errorf("model differs from %s (-want +got):\n%s", spaceGolden, d)
			}
			require.Contains(t, got.stderr, dir+"/projects.")
			require.Contains(t, got.stderr, `disabled: project "Legacy portal" is disabled`)
			require.Contains(t, got.stderr, "tenantplan import: "+dir+": 4 environment(s), 3 project(s), 20 tenant(s), 9 release(s), 57 deployment(s); 11 report entries\n")
		})
	}
}

// TestImport covers the flags, the usage errors and the bad folders of import octopus.
func TestImport(t *testing.T) {
	broken := func(edit func(dir string)) string {
		dir := copySpace(t)
		edit(dir)
		return dir
	}
	write := func(name, content string) func(string) {
		return func(dir string) { require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)) }
	}
	malformed := broken(write("tenants.json", "[\n  {\"Id\": \"Tenants-1\",\n   \"Name\": }\n]"))
	noReleases := broken(func(dir string) { require.NoError(t, os.Remove(filepath.Join(dir, "releases.json"))) })
	wrongPage := broken(write("releases.json", `{"ItemType": "Deployment", "Items": [], "TotalResults": 0}`))
	dupID := broken(write("environments.json", `[{"Id": "Environments-1", "Name": "Dev", "SpaceId": "Spaces-1"}, {"Id": "Environments-1", "Name": "Test", "SpaceId": "Spaces-1"}]`))
	dirAsFile := broken(func(dir string) { require.NoError(t, os.Mkdir(filepath.Join(dir, "teams.1.json"), 0o755)) })
	out := filepath.Join(t.TempDir(), "m.json")

	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr []string
		emptyStdout    bool
	}{
		{name: "tool help names both commands", args: []string{"--help"}, code: exitOK, stdout: []string{
			"tenantplan import octopus DIR [--space SPACE]", "tenantplan compare-octopus MODEL TEMPLATE.json --release V", "compare-octopus found disagreements"}},
		{name: "help", args: []string{"import", "--help"}, code: exitOK, stdout: []string{"Usage: tenantplan import octopus (DIR | --server URL)", "-space space", "-project project", "-server URL", "OCTOPUS_API_KEY"}},
		{name: "no source", args: []string{"import"}, code: exitUsage, stderr: []string{"missing arguments: want octopus DIR"}},
		{name: "unknown source", args: []string{"import", "jenkins", spaceAll}, code: exitUsage, stderr: []string{`unknown source "jenkins"`}},
		{name: "bad time", args: []string{"import", "octopus", spaceAll, "--from", "yesterday"}, code: exitUsage, stderr: []string{`time "yesterday" is not an RFC 3339 time`}},
		{name: "missing folder", args: []string{"import", "octopus", "testdata/none"}, code: exitInput, stderr: []string{"testdata/none: no such file or directory"}, emptyStdout: true},
		{name: "a file, not a folder", args: []string{"import", "octopus", shop}, code: exitInput, stderr: []string{"testdata/shop.json: not a directory"}, emptyStdout: true},
		{name: "malformed file: line and column", args: []string{"import", "octopus", malformed}, code: exitInput, stderr: []string{filepath.Join(malformed, "tenants.json") + " (line 3, column"}, emptyStdout: true},
		{name: "missing collection", args: []string{"import", "octopus", noReleases}, code: exitInput, stderr: []string{filepath.Join(noReleases, "releases")}, emptyStdout: true},
		{name: "page of the wrong type", args: []string{"import", "octopus", wrongPage}, code: exitInput, stderr: []string{filepath.Join(wrongPage, "releases.json"), "Deployment"}, emptyStdout: true},
		{name: "duplicate id", args: []string{"import", "octopus", dupID}, code: exitInput, stderr: []string{filepath.Join(dupID, "environments.json"), "Environments-1"}, emptyStdout: true},
		{name: "a folder where a page is expected", args: []string{"import", "octopus", dirAsFile}, code: exitOK, stdout: []string{`"environments"`}},
		{name: "file over --max-input", args: []string{"import", "octopus", spaceAll, "--max-input", "1KiB"}, code: exitInput, stderr: []string{"larger than the input limit of 1 KiB"}, emptyStdout: true},
		{name: "unknown space", args: []string{"import", "octopus", spaceAll, "--space", "Spaces-9"}, code: exitInput, stderr: []string{"Spaces-9"}, emptyStdout: true},
		{name: "one project", args: []string{"import", "octopus", spaceAll, "--project", "Billing", "--space", "Spaces-1"}, code: exitOK,
			stdout: []string{`"name": "Billing"`}, stderr: []string{"1 project(s)", `not-selected: `}},
		{name: "history window", args: []string{"import", "octopus", spaceAll, "--from", "2030-01-01T00:00:00Z"}, code: exitOK, stderr: []string{"0 deployment(s)"}},
		{name: "-o writes the file", args: []string{"import", "octopus", spacePaged, "-o", out}, code: exitOK, emptyStdout: true, stderr: []string{"11 report entries"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(tt.args...)
			requireResult(t, got, tt.code, tt.stdout, tt.stderr)
			if tt.emptyStdout {
				require.Empty(t, got.stdout)
			}
		})
	}
	v := call("validate", out)
	require.Equal(t, exitOK, v.code, v.stderr)
	require.Contains(t, v.stdout, "valid: 4 environment(s), 3 project(s), 20 tenant(s)")
}

// TestCompareOctopus_Golden compares the imported fixture space with a deployment template
// written by hand for release 1.2.0 of Portal. Octopus promotes a release to the environments
// a tenant is connected to that the tenant's lifecycle progression allows, and does not hold a
// promotion back for missing tenant values, so the template lists Production for Hooli and
// Capital Animal Hospital, whose Portal.DbPassword has no value there; and it lists Production
// for Blue Sky on purpose, although Blue Sky has deployed 1.2.0 nowhere and the Verification
// phase needs one environment. Every other cell agrees; template-1.2.0-agree.json is the same
// template without the three.
func TestCompareOctopus_Golden(t *testing.T) {
	m := importModel(t)
	got := call("compare-octopus", m, template, "--release", "1.2.0")
	require.Equal(t, exitFindings, got.code, got.stderr)
	require.Empty(t, got.stderr)
	golden := filepath.Join("testdata", "golden", "compare-octopus.txt")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got.stdout), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if d := cmp.Diff(string(want), got.stdout); d != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", golden, d)
	}
	for _, s := range []string{
		"80 cell(s) compared, 77 agree, 3 disagree",
		`Production   Blue Sky                 promote  blocked     lifecycle: phase "Verification" is not complete`,
		"Production   Hooli                    promote  blocked     missing-variables: no value for Portal.DbPassword",
	} {
		require.Contains(t, got.stdout, s)
	}

	agree := call("compare-octopus", m, agreeing, "--release", "1.2.0", "--project", "Portal")
	require.Equal(t, exitOK, agree.code, agree.stderr)
	require.Equal(t, "Compare: Portal 1.2.0 (channel Default) ignoring freezes: 80 cell(s) compared, 80 agree, 0 disagree\n"+
		"tenantplan and Octopus agree on every cell.\n", agree.stdout)
}

// TestCompareOctopus covers the usage errors and the bad templates of compare-octopus, and the
// cells only the template has.
func TestCompareOctopus(t *testing.T) {
	m := importModel(t)
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	malformed := file("malformed.json", "{\n  \"TenantPromotions\": [\n    {\"Name\": }\n  ]\n}")
	array := file("array.json", "[]")
	other := file("other.json", `{"Id": "Releases-3", "Version": "1.2.0"}`)
	wrongType := file("wrong-type.json", `{"TenantPromotions": [{"Name": "Acme", "PromoteTo": "Production"}]}`)
	extra := file("extra.json", `{"PromoteTo": [{"Id": "Environments-4", "Name": "Production"}],
	  "TenantPromotions": [{"Id": "Tenants-99", "Name": "Ghost", "PromoteTo": [{"Id": "Environments-1", "Name": "Dev"}]},
	                       {"Id": "Tenants-1", "Name": "Acme", "PromoteTo": [{"Id": "Environments-9", "Name": "Canary"}]}]}`)

	untenanted := file("untenanted.json", `{"PromoteTo": [{"Id": "Environments-1", "Name": "Dev"}, {"Id": "Environments-2", "Name": "Test"},
	  {"Id": "Environments-9", "Name": "Canary"}], "TenantPromotions": []}`)

	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr []string
	}{
		{name: "untenanted track against PromoteTo", args: []string{"compare-octopus", m, untenanted, "--release", "3.1.0"}, code: exitFindings, stdout: []string{
			"Compare: Billing 3.1.0 (channel Default) ignoring freezes",
			"45 cell(s) compared, 42 agree, 3 disagree",
			"Test         (untenanted)  promote  blocked     release-blocked: ",
			`Canary       (untenanted)  promote  no cell     environment "Canary" is not in the model`,
			"Test         Acme          -        deployable  \n",
		}},
		// JSON has no placeholder: Octopus's "-" is "no-promote", a missing cell "no-cell" with a
		// note instead of reasons.
		{name: "untenanted track as JSON", args: []string{"compare-octopus", m, untenanted, "--release", "3.1.0", "--format", "json"}, code: exitFindings, stdout: []string{
			`"octopus": "no-promote",`, `"tenantplan": "no-cell",`, `"note": "environment \"Canary\" is not in the model`, `"code": "release-blocked"`,
		}},
		{name: "help", args: []string{"compare-octopus", "--help"}, code: exitOK, stdout: []string{"Usage: tenantplan compare-octopus MODEL TEMPLATE.json", "-release version"}},
		{name: "missing template", args: []string{"compare-octopus", m, "--release", "1.2.0"}, code: exitUsage, stderr: []string{"want MODEL TEMPLATE.json"}},
		{name: "missing release", args: []string{"compare-octopus", m, template}, code: exitUsage, stderr: []string{"missing --release"}},
		{name: "unknown release", args: []string{"compare-octopus", m, template, "--release", "7.0.0"}, code: exitInput, stderr: []string{`compare-octopus: --release: no project of the model has a release "7.0.0"`}},
		{name: "unknown project", args: []string{"compare-octopus", m, template, "--release", "1.2.0", "--project", "Nope"}, code: exitInput, stderr: []string{"unknown-project"}},
		{name: "missing template file", args: []string{"compare-octopus", m, "testdata/none.json", "--release", "1.2.0"}, code: exitInput, stderr: []string{"testdata/none.json: no such file or directory"}},
		{name: "malformed template", args: []string{"compare-octopus", m, malformed, "--release", "1.2.0"}, code: exitInput, stderr: []string{malformed + ":3:14: malformed deployment template"}},
		{name: "not an object", args: []string{"compare-octopus", m, array, "--release", "1.2.0"}, code: exitInput, stderr: []string{array + ": not an Octopus deployment template: the file is not a JSON object"}},
		{name: "another response", args: []string{"compare-octopus", m, other, "--release", "1.2.0"}, code: exitInput, stderr: []string{other + ": not an Octopus deployment template: it has neither TenantPromotions nor PromoteTo"}},
		{name: "wrong type", args: []string{"compare-octopus", m, wrongType, "--release", "1.2.0"}, code: exitInput, stderr: []string{wrongType + ": TenantPromotions.PromoteTo: malformed deployment template: string where"}},
		{name: "template and model swapped", args: []string{"compare-octopus", template, m, "--release", "1.2.0"}, code: exitInput, stderr: []string{"not an Octopus deployment template"}},
		{name: "tenants and environments only the template has", args: []string{"compare-octopus", m, extra, "--release", "1.2.0"}, code: exitFindings, stdout: []string{
			"82 cell(s) compared, 51 agree, 31 disagree",
			`Dev          Ghost              promote  no cell     tenant "Ghost" is not connected to project "Portal" in the model`,
			`Canary       Acme               promote  no cell     environment "Canary" is not in the model`,
			"Dev          Acme               -        deployable  \n",
		}},
		{name: "freezes at --at", args: []string{"compare-octopus", m, agreeing, "--release", "1.2.0", "--at", "2026-03-16T09:00:00Z"}, code: exitOK, stdout: []string{"at 2026-03-16T09:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(tt.args...)
			requireResult(t, got, tt.code, tt.stdout, tt.stderr)
		})
	}
}
