//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImport_NamedPipe: a named pipe in the folder, where a response file is expected, is an
// input error naming it, at once: import never waits for a writer.
func TestImport_NamedPipe(t *testing.T) {
	dir := copySpace(t)
	require.NoError(t, os.Remove(filepath.Join(dir, "tenants.json")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "tenants.json"), 0o600))
	got := callWithin(t, "import", "octopus", dir)
	require.Equal(t, exitInput, got.code, got.stderr)
	require.Contains(t, got.stderr, filepath.Join(dir, "tenants.json")+": cannot read: is a named pipe (FIFO), not a regular file")
	require.Empty(t, got.stdout)
}
