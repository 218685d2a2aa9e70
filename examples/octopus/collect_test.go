package octopus_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/examples/octopus/fakeserver"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

const (
	script   = "collect.sh"
	spaceAll = "../../plan/octopus/testdata/space-all"
	golden   = "../../plan/octopus/testdata/golden/model.json"
	apiKey   = "API-TESTKEY0000000000000000000"
)

// scriptCollections reads the list of collections written in collect.sh: the lines between
// "collections=(" and ")", each "name|endpoint|paged|required".
func scriptCollections(t *testing.T) []octopus.Collection {
	t.Helper()
	data, err := os.ReadFile(script)
	require.NoError(t, err)
	var (
		out    []octopus.Collection
		inList bool
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "collections=(":
			inList = true
		case inList && line == ")":
			return out
		case inList:
			f := strings.Split(strings.Trim(line, `"`), "|")
			require.Len(t, f, 4, "collect.sh: collection line %q", line)
			out = append(out, octopus.Collection{Name: f[0], Endpoint: f[1], Paged: f[2] == "true", Required: f[3] == "true"})
		}
	}
	t.Fatal("collect.sh has no collections=( ... ) list")
	return nil
}

// TestCollectList: the script fetches exactly the collections the import reads, with their
// endpoints, paging and whether they are required.
func TestCollectList(t *testing.T) {
	if d := cmp.Diff(octopus.Collections(), scriptCollections(t)); d != "" {
		t.Errorf("collect.sh's list differs from octopus.Collections() (-want +got):\n%s", d)
	}
}

// needTools skips the test when the script cannot run here.
func needTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs collect.sh many times: not with -short")
	}
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("collect.sh needs %s: %v", tool, err)
		}
	}
}

// serve starts the fake server for the folder src on the loopback interface.
func serve(t *testing.T, src string) string {
	t.Helper()
	s, err := fakeserver.New(os.DirFS(src), "Spaces-1", apiKey)
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts.URL
}

// collect runs the script with the key and the settings, and returns its exit code and stderr.
func collect(t *testing.T, key string, settings []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{script}, args...)...)
	cmd.Env = append(os.Environ(), "OCTOPUS_API_KEY="+key, "NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost")
	cmd.Env = append(cmd.Env, settings...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var xe *exec.ExitError
	if errors.As(err, &xe) {
		return xe.ExitCode(), stderr.String()
	}
	require.NoError(t, err)
	return 0, stderr.String()
}

// TestCollect runs the script against a server holding the fixture space in pages of 7 (the
// server's reading of the paged form of the folder is fakeserver's own test), and imports what it wrote: the model is the golden model of the fixture space, so
// that the script fetched every page of every collection, the defects and both shapes of tenant
// variables.
func TestCollect(t *testing.T) {
	needTools(t)
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	for _, src := range []string{spaceAll} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "space")
			code, stderr := collect(t, apiKey, []string{"OCTOPUS_PAGE_SIZE=7", "OCTOPUS_TENANT_VARIABLES=both"}, serve(t, src), "Spaces-1", dir)
			require.Equal(t, 0, code, stderr)
			require.Contains(t, stderr, "collect.sh: "+dir+" is ready")
			pages, err := filepath.Glob(filepath.Join(dir, "deployments.*.json"))
			require.NoError(t, err)
			require.Len(t, pages, 9, "61 deployments in pages of 7")
			f, rep, err := octopus.Import(os.DirFS(dir), octopus.Options{})
			require.NoError(t, err)
			got, err := json.MarshalIndent(f, "", "  ")
			require.NoError(t, err)
			if d := cmp.Diff(strings.TrimSpace(string(want)), string(got)); d != "" {
				t.Errorf("imported model differs from %s (-want +got):\n%s", golden, d)
			}
			require.Zero(t, rep.Count(octopus.Missing), rep.String())
		})
	}
}

// TestCollect_Failures: a wrong key stops the script at the first required collection; a usage
// error or a bad setting stops it before any request; an optional collection the server does not
// have is skipped with a warning and reported missing by the import.
func TestCollect_Failures(t *testing.T) {
	needTools(t)
	url := serve(t, spaceAll)
	dir := filepath.Join(t.TempDir(), "space")

	code, stderr := collect(t, "API-WRONG", nil, url, "Spaces-1", dir)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "HTTP 401")
	require.Contains(t, stderr, "collect.sh: environments: could not fetch "+url+"/api/Spaces-1/environments/all, which the import needs")

	code, stderr = collect(t, apiKey, nil, url, "Spaces-1")
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "usage: ")

	code, stderr = collect(t, "", nil, url, "Spaces-1", dir)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "set OCTOPUS_API_KEY")

	code, stderr = collect(t, apiKey, []string{"OCTOPUS_PAGE_SIZE=0"}, url, "Spaces-1", dir)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, `OCTOPUS_PAGE_SIZE "0" is not a positive number`)

	code, stderr = collect(t, apiKey, []string{"OCTOPUS_TENANT_VARIABLES=new"}, url, "Spaces-1", dir)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, `OCTOPUS_TENANT_VARIABLES "new" is not legacy, per-tenant or both`)

	// A server without teams and with the legacy tenant variables only (the default).
	src := t.TempDir()
	require.NoError(t, os.CopyFS(src, os.DirFS(spaceAll)))
	require.NoError(t, os.Remove(filepath.Join(src, "teams.json")))
	code, stderr = collect(t, apiKey, []string{"OCTOPUS_DEFECTS=0"}, serve(t, src), "Spaces-1", dir)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "collect.sh: teams: could not fetch")
	require.Contains(t, stderr, "collect.sh: defects: skipped (OCTOPUS_DEFECTS=0)")
	_, rep, err := octopus.Import(os.DirFS(dir), octopus.Options{})
	require.NoError(t, err)
	require.Contains(t, rep.String(), "teams")
	require.Contains(t, rep.String(), "defects")
	_, err = os.Stat(filepath.Join(dir, "tenantvariables"))
	require.ErrorIs(t, err, os.ErrNotExist, "the default fetches only the legacy tenant variables")
}

// TestShellcheck: the script passes shellcheck, when it is installed.
func TestShellcheck(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("shellcheck is not installed")
	}
	out, err := exec.Command("shellcheck", script).CombinedOutput()
	require.NoError(t, err, "%s", out)
}
