package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestReadme_CommandsRunAsWritten runs every "go run ./examples/tenantplan" line of the README's
// command-line section in process, from the repository root as a user types them, and requires
// each to succeed (diff exits 1: the plans differ, which is its finding). Output redirected to a
// file goes to a file of that name in a temporary folder, which later lines read where they name
// it; generate is run with 100 tenants instead of 100,000 to keep the test small.
// The lines under "From Octopus Server" are left out: they need the reader's own server (package
// examples/octopus tests that recipe against a fake server).
func TestReadme_CommandsRunAsWritten(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	var lines []string
	octopus := false
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "#") {
			// The commands under "From Octopus Server" need the reader's own server.
			octopus = strings.HasPrefix(l, "### From Octopus Server")
		}
		if !octopus && strings.HasPrefix(l, "go run ./examples/tenantplan ") {
			lines = append(lines, strings.TrimPrefix(l, "go run ./examples/tenantplan "))
		}
	}
	require.GreaterOrEqual(t, len(lines), 9, "the README's command-line section")
	t.Chdir("../..")
	now := func() time.Time { return time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC) }
	tmp := t.TempDir()
	written := map[string]string{} // a file a line redirected its output to -> where it is
	for _, l := range lines {
		args := shellWords(t, l)
		for i, a := range args {
			if p, ok := written[a]; ok {
				args[i] = p
			}
		}
		if args[0] == "generate" {
			for i := range args {
				if args[i] == "100000" {
					args[i] = "100"
				}
			}
		}
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runAt(now, args, &stdout, &stderr)
			if _, file, ok := strings.Cut(l, "> "); ok && !strings.Contains(file, "#") {
				name := strings.TrimSpace(file)
				written[name] = filepath.Join(tmp, name)
				require.NoError(t, os.WriteFile(written[name], stdout.Bytes(), 0o644))
			}
			want := exitOK
			if args[0] == "diff" {
				want = exitFindings
			}
			require.Equal(t, want, code, "%s\n%s", l, stderr.String())
		})
	}
}

// shellWords splits a README command line as a shell would for these lines: words separated by
// spaces, double quotes grouping, and a comment or an output redirection ending the arguments.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case (r == '#' || r == '>') && !quoted && !inWord:
			require.False(t, quoted)
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	require.False(t, quoted, "unbalanced quotes in %q", line)
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
