package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/examples/octopus/fakeserver"
)

const testKey = "API-TESTKEY0000000000000000000"

// fixtureServer serves the folder src as Octopus Server does, on the loopback interface, and
// counts the requests.
func fixtureServer(t *testing.T, src string) (string, *atomic.Int64) {
	t.Helper()
	s, err := fakeserver.New(os.DirFS(src), "Spaces-1", testKey)
	require.NoError(t, err)
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, &n
}

// TestImport_Server: --server fetches the fixture space, page by page, and imports the fixture's
// golden model; the paged collections took several requests.
func TestImport_Server(t *testing.T) {
	t.Setenv(apiKeyVar, testKey)
	want, err := os.ReadFile(spaceGolden)
	require.NoError(t, err)
	for _, src := range []string{spaceAll, spacePaged} {
		t.Run(src, func(t *testing.T) {
			url, requests := fixtureServer(t, src)
			got := call("import", "octopus", "--server", url, "--page-size", "7", "--tenant-variables", "both")
			require.Equal(t, exitOK, got.code, got.stderr)
			if d := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(got.stdout)); d != "" {
				t.Errorf("model differs from %s (-want +got):\n%s", spaceGolden, d)
			}
			require.Contains(t, got.stderr, "deployments.1.json Items[3].TaskId: in-progress")
			require.Contains(t, got.stderr, `defects.json "Releases-100": dangling-id`, "the defects of every release are fetched, those of the disabled project's too")
			require.Contains(t, got.stderr, "tenantplan import: "+url+": 4 environment(s), 3 project(s), 20 tenant(s)")
			require.Contains(t, got.stderr, "tenantvariables: Tenants-1: no per-tenant variables endpoint (404): skipped")
			// 10 whole lists (9 /all endpoints and the legacy tenant variables), 10 releases'
			// defects, 2 per tenant with per-tenant variables (15), 1 for each of the 5 others
			// (404), and the pages of 7: releases 2, deployments 9, tasks 9, freezes, teams and
			// scoped user roles 1 each.
			require.EqualValues(t, 10+10+2*15+5+2+9+9+1+1+1, requests.Load())
		})
	}
}

// TestImport_ServerErrors covers the usage errors of --server and the failures of the server.
func TestImport_ServerErrors(t *testing.T) {
	url, _ := fixtureServer(t, spaceAll)
	without := func(file string) string {
		dir := t.TempDir()
		require.NoError(t, os.CopyFS(dir, os.DirFS(spaceAll)))
		require.NoError(t, os.Remove(dir+"/"+file))
		url, _ := fixtureServer(t, dir)
		return url
	}
	noReleases, noTeams := without("releases.json"), without("teams.json")
	stop := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-stop }))
	t.Cleanup(func() { close(stop); ts.Close() })
	slow := ts.URL
	tests := []struct {
		name   string
		key    string
		args   []string
		code   int
		stderr []string
		stdout string
	}{
		{"no key", "", []string{"--server", url}, exitUsage, []string{"--server needs an API key in the environment variable OCTOPUS_API_KEY"}, ""},
		{"wrong key", "API-WRONG", []string{"--server", url}, exitInput, []string{"GET " + url + "/api/Spaces-1/environments/all: HTTP 401 Unauthorized"}, ""},
		{"not a URL", testKey, []string{"--server", "octopus.example.com"}, exitUsage, []string{`--server "octopus.example.com" is not an http or https URL`}, ""},
		{"bad space", testKey, []string{"--server", url, "--space", "../x"}, exitUsage, []string{`--space "../x" is not a space Id like Spaces-1`}, ""},
		{"folder and server", testKey, []string{spaceAll, "--server", url}, exitUsage, []string{"give a folder or --server, not both"}, ""},
		{"bad page size", testKey, []string{"--server", url, "--page-size", "0"}, exitUsage, []string{"--page-size 0 is not a positive number"}, ""},
		{"bad tenant variables", testKey, []string{"--server", url, "--tenant-variables", "new"}, exitUsage, []string{`format "new" is not one of legacy, per-tenant, both`}, ""},
		{"response over --max-input", testKey, []string{"--server", url, "--max-input", "1KiB"}, exitInput, []string{"/api/Spaces-1/tagsets/all: the response is larger than the input limit of 1 KiB"}, ""},
		{"required collection missing on the server", testKey, []string{"--server", noReleases}, exitInput, []string{
			"tenantplan import: GET " + noReleases + "/api/Spaces-1/releases?skip=0&take=500: not found (HTTP 404), which the import needs"}, ""},
		{"optional collection missing on the server", testKey, []string{"--server", noTeams}, exitOK, []string{
			"tenantplan import: teams: skipped: GET " + noTeams + "/api/teams?spaces=Spaces-1&skip=0&take=500: not found (HTTP 404)\n",
			"teams.json: missing-collection"}, `"environments"`},
		{"bad timeout", testKey, []string{"--server", url, "--timeout", "0s"}, exitUsage, []string{"--timeout 0s is not a positive duration"}, ""},
		{"slow server", testKey, []string{"--server", slow, "--timeout", "50ms"}, exitInput, []string{
			"GET " + slow + "/api/Spaces-1/environments/all: no answer within 50ms (the default is 2m; raise it with --timeout)"}, ""},
		{"server gone", testKey, []string{"--server", "http://127.0.0.1:1"}, exitInput, []string{"127.0.0.1:1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(apiKeyVar, tt.key)
			got := call(append([]string{"import", "octopus"}, tt.args...)...)
			requireResult(t, got, tt.code, nil, tt.stderr)
			if tt.stdout == "" {
				require.Empty(t, got.stdout)
			} else {
				require.Contains(t, got.stdout, tt.stdout)
			}
		})
	}
}
