package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRun_Clock: without --at a command plans at the time it runs, so that the Audit freeze of
// the Shop model (2026-06-01 to 2026-06-08 on Production) holds when the clock is inside it;
// --at now is the same time, --at TIME another, and --ignore-freezes plans as if no freeze
// applied. The clock is injected: no test depends on the real time.
func TestRun_Clock(t *testing.T) {
	frozen := time.Date(2026, 6, 2, 2, 30, 15, 750_000_000, time.FixedZone("CEST", 2*3600))
	dir := t.TempDir()
	untimed := filepath.Join(dir, "no-start.json")
	require.NoError(t, os.WriteFile(untimed, []byte(`{"project": "Shop", "release": "1.1.0", "order": "ByRing",
		"rings": [{"name": "Early", "tags": ["Ring/Early"]}], "waveDuration": "2h"}`), 0o644))
	sel := []string{"--project", "Shop", "--release", "1.1.0"}
	alpha := append([]string{"--environment", "Production", "--tenant", "Alpha"}, sel...)
	args := func(cmd string, rest ...string) []string { return append([]string{cmd, shop}, rest...) }
	tests := []struct {
		name      string
		now       time.Time
		args      []string
		code      int
		stdout    []string
		notStdout []string
		stderr    string
	}{
		{name: "plan defaults to now: frozen", now: frozen, args: args("plan", alpha...), stdout: []string{
			"to Production at 2026-06-02T00:30:15Z: 0 to deploy, 0 skipped, 1 rejected", `frozen: freeze "Audit"`}},
		{name: "plan defaults to now: not frozen", now: testNow, args: args("plan", alpha...), stdout: []string{
			"at 2026-03-16T09:00:00Z: 1 to deploy", "deploy    Alpha"}},
		{name: "plan --at now", now: frozen, args: args("plan", append(alpha, "--at", "now")...), stdout: []string{"at 2026-06-02T00:30:15Z", "rejected  Alpha"}},
		{name: "plan --at a time", now: frozen, args: args("plan", append(alpha, "--at", "2026-06-08T00:00:00Z")...), stdout: []string{"deploy    Alpha"}},
		{name: "plan --ignore-freezes", now: frozen, args: args("plan", append(alpha, "--ignore-freezes")...), stdout: []string{
			"to Production ignoring freezes: 1 to deploy", "deploy    Alpha"}},
		{name: "plan json records the time", now: frozen, args: args("plan", append(alpha, "--format", "json")...), stdout: []string{`"at": "2026-06-02T00:30:15Z"`, `"code": "frozen"`}},
		{name: "plan --override still works", now: frozen, args: args("plan", append(alpha, "--override", "Audit")...), stdout: []string{"deploy    Alpha"}},
		{name: "--at and --ignore-freezes", now: frozen, args: args("plan", append(alpha, "--at", "now", "--ignore-freezes")...), code: exitUsage,
			stderr: "--at and --ignore-freezes contradict each other"},

		{name: "matrix defaults to now", now: frozen, args: args("matrix", sel...), stdout: []string{"at 2026-06-02T00:30:15Z", "1.0.0 frozen"}},
		{name: "matrix --ignore-freezes", now: frozen, args: args("matrix", append(sel, "--ignore-freezes")...), stdout: []string{"ignoring freezes"}, notStdout: []string{"frozen"}},
		{name: "explain defaults to now", now: frozen, args: args("explain", alpha...), stdout: []string{"NOT DEPLOYABLE", `freeze "Audit"`}},
		{name: "explain --ignore-freezes", now: frozen, args: args("explain", append(alpha, "--ignore-freezes")...), stdout: []string{"DEPLOYABLE"}, notStdout: []string{"NOT DEPLOYABLE"}},
		{name: "diff of models defaults to now", now: frozen, args: []string{"diff", shop, after, "--project", "Shop", "--release", "1.1.0", "--environment", "Production"}, code: exitFindings,
			stdout: []string{"frozen"}},
		{name: "diff of models --ignore-freezes", now: frozen, args: []string{"diff", shop, after, "--project", "Shop", "--release", "1.1.0", "--environment", "Production", "--ignore-freezes"}, code: exitFindings,
			notStdout: []string{"frozen"}},
		{name: "diff of files takes no time", now: frozen, args: []string{"diff", shop, after, "--ignore-freezes"}, code: exitUsage, stderr: "need --project"},

		{name: "rollout: a policy without start starts now, around freezes", now: frozen, args: []string{"rollout", shop, untimed}, stdout: []string{
			"1     Test         Early  -       2026-06-02T00:30:15Z  2026-06-02T02:30:15Z",
			"2     Production   Early  wave 1  2026-06-08T00:00:00Z  2026-06-08T02:00:00Z"}},
		{name: "rollout: the policy's start", now: testNow, args: []string{"rollout", shop, policy}, stdout: []string{
			"1     Test         Early  -       2026-06-01T09:00:00Z"}},
		{name: "rollout: --at wins over the policy's start", now: testNow, args: []string{"rollout", shop, policy, "--at", "2026-07-01T00:00:00Z"}, stdout: []string{
			"1     Test         Early  -       2026-07-01T00:00:00Z"}},
		{name: "rollout: --at now", now: frozen, args: []string{"rollout", shop, policy, "--at", "now"}, stdout: []string{
			"1     Test         Early  -       2026-06-02T00:30:15Z", "2     Production   Early  wave 1  2026-06-08T00:00:00Z"}},
		{name: "rollout: --ignore-freezes leaves the waves untimed", now: frozen, args: []string{"rollout", shop, policy, "--ignore-freezes"}, stdout: []string{
			"1     Test         Early  -       -      -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := callAt(tt.now, tt.args...)
			require.Equal(t, tt.code, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
			for _, s := range tt.stdout {
				require.Contains(t, got.stdout, s)
			}
			for _, s := range tt.notStdout {
				require.NotContains(t, got.stdout, s)
			}
			if tt.stderr == "" {
				require.Empty(t, got.stderr)
			} else {
				require.Contains(t, got.stderr, tt.stderr)
			}
		})
	}
}

// FuzzAtFlag: --at takes "now" or an RFC 3339 time and nothing else; a time it takes prints back
// to the same instant.
func FuzzAtFlag(f *testing.F) {
	for _, s := range []string{"now", "2026-06-02T00:00:00Z", "2026-06-02T02:00:00.5+02:00", "tomorrow", "", "2026-13-01T00:00:00Z", "NOW"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ft := &freezeTime{now: func() time.Time { return testNow }}
		if err := ft.Set(s); err != nil {
			require.Contains(t, err.Error(), "is neither \"now\" nor an RFC 3339 time")
			require.False(t, ft.given())
			return
		}
		require.True(t, ft.given())
		got, err := ft.time()
		require.NoError(t, err)
		if s == "now" {
			require.Equal(t, testNow, got)
		}
		back, err := time.Parse(time.RFC3339, ft.String())
		require.NoError(t, err)
		require.True(t, back.Equal(got), "%q prints as %q", s, ft.String())
	})
}
