//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// callWithin runs the tool in process and fails the test, instead of hanging it, when the run
// takes longer than a generous bound.
func callWithin(t *testing.T, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- call(args...) }()
	select {
	case got := <-done:
		return got
	case <-time.After(time.Minute):
		t.Fatalf("tenantplan %v did not return: it waits on a file that is not a regular file", args)
		return result{}
	}
}

// TestRun_NotRegularFiles: a named pipe (FIFO) or a device where a file is expected is an input
// error naming it, at once: the tool never waits for a writer, never reads an endless device.
// check on a directory runs the regular *.json files and reports a FIFO named x.json.
func TestRun_NotRegularFiles(t *testing.T) {
	planFile := writePlanFile(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, fc := range fileCommands(planFile) {
		t.Run(fc.name+"/fifo", func(t *testing.T) {
			got := callWithin(t, fc.args(fifo)...)
			require.Equal(t, exitInput, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
			require.Contains(t, got.stderr, fifo+": is a named pipe (FIFO), not a regular file")
		})
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		for _, fc := range fileCommands(planFile) {
			t.Run(fc.name+"/device", func(t *testing.T) {
				got := callWithin(t, fc.args("/dev/zero")...)
				require.Equal(t, exitInput, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
				require.Contains(t, got.stderr, "/dev/zero: is a device, not a regular file")
			})
		}
	}

	t.Run("check a folder with a FIFO named x.json", func(t *testing.T) {
		folder := t.TempDir()
		data, err := os.ReadFile("testdata/scenarios/shop.json")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(folder, "shop.json"), data, 0o644))
		x := filepath.Join(folder, "x.json")
		require.NoError(t, syscall.Mkfifo(x, 0o600))
		got := callWithin(t, "check", folder)
		require.Equal(t, exitInput, got.code, "stdout:\n%s\nstderr:\n%s", got.stdout, got.stderr)
		require.Contains(t, got.stdout, "4 passed, 0 failed", "the regular scenario file still runs")
		require.Contains(t, got.stderr, x+": is a named pipe (FIFO), not a regular file")
	})
}
