package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// binary is the tool built once by TestMain, so that tests can run it the way a user does.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tenantplan-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "tenantplan")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the tool gave.
type result struct {
	code           int
	stdout, stderr string
}

// testNow is the clock of call: a time at which no freeze of the test models holds.
var testNow = time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)

// call runs the tool's logic in process, at testNow.
func call(args ...string) result { return callAt(testNow, args...) }

// callAt runs the tool's logic in process with a clock that says now.
func callAt(now time.Time, args ...string) result {
	var o, e bytes.Buffer
	code := runAt(func() time.Time { return now }, args, &o, &e)
	return result{code: code, stdout: o.String(), stderr: e.String()}
}

// exe runs the built binary, as a user would.
func exe(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code := 0
	var xe *exec.ExitError
	if errors.As(err, &xe) {
		code = xe.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{code: code, stdout: o.String(), stderr: e.String()}
}
