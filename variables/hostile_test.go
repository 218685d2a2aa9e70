package variables_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

// TestSubstitute_HostileFilterInputs: inputs on which a filter's own work is not bounded by
// the bytes it writes. Each must stop at a limit (or finish) within the default budget; before
// the work was charged, each ran for minutes.
func TestSubstitute_HostileFilterInputs(t *testing.T) {
	mib := 1 << 20
	tests := []struct {
		name string
		text string
		in   string
	}{
		// A digest reads its whole input and writes 64 bytes: 20000 digests of 1 MiB.
		{"digests of a large value", strings.Repeat("#{A | SHA512}", 20000), strings.Repeat("x", mib-1)},
		{"Markdown of a large value, repeated", strings.Repeat("#{A | Markdown | Null}", 20000), strings.Repeat("x ", mib/4)},
		// Emphasis markers cost the parser about a microsecond a byte: 1000 times 256 KiB.
		{"Markdown dense in emphasis, repeated", strings.Repeat("#{A | Markdown | Null}", 1000), strings.Repeat("*a", mib/8)},
		// The Markdown parser walks every open block at each ">" of a line, and reads every
		// failed link destination to the end of the line.
		{"Markdown: a line of nested block quotes", "#{A | Markdown}", strings.Repeat(">", mib-1)},
		{"Markdown: a line of tab-separated quotes", "#{A | Markdown}", strings.Repeat("\t>", mib/2-1)},
		{"Markdown: a line of nested lists", "#{A | Markdown}", strings.Repeat("1. ", mib/3-1)},
		{"Markdown: a line of open link destinations", "#{A | Markdown}", strings.Repeat("[a](", mib/4-1)},
		{"Markdown: balanced parentheses in link destinations", "#{A | Markdown}", strings.Repeat("[a](()", mib/6-1)},
		// Every row of a table has a cell per column of its header: 5000 rows of 5000 cells
		// from 30 KB.
		{"Markdown: a wide table", "#{A | Markdown}", "|" + strings.Repeat("a|", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n" + strings.Repeat("|\n", 5000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := variables.Substitute(tt.text, plainVars("A", tt.in), variables.Options{})
			require.ErrorIs(t, err, variables.ErrLimit)
			require.ErrorContains(t, err, "Options.MaxWork")
		})
	}
}

// TestFormat_LongQuotedRuns: a date format made of quotes or escapes is read in one pass (it
// was read again from each quote, quadratic in its length: minutes for a megabyte).
func TestFormat_LongQuotedRuns(t *testing.T) {
	n := 1<<20 - 4
	for _, tt := range []struct{ format, want string }{
		{strings.Repeat("'", n), ""},
		{strings.Repeat(`"`, n), ""},
		{strings.Repeat(`\\`, n/2), strings.Repeat(`\\`, n/4)},
	} {
		got, err := variables.Substitute("#{D | Format #{F}}", plainVars("D", "2020-01-02", "F", tt.format), variables.Options{})
		require.NoError(t, err)
		require.Equal(t, tt.want, got.Text.Reveal())
	}
}

// TestReplace_LongBraceRun: a replacement made of "${" that name no group is text, read once
// (the search for each "}" read the rest of the replacement again at every "${").
func TestReplace_LongBraceRun(t *testing.T) {
	repl := strings.Repeat("${", 1<<19-1) + "}"
	got, err := variables.Substitute("#{A | Replace a #{R}}", plainVars("A", "a", "R", repl), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, len(repl), len(got.Text.Reveal()))
	require.True(t, got.Text.Reveal() == repl)
	got, err = variables.Substitute("#{A | Replace #{P} #{R}}", plainVars("A", "a", "P", "(?P<x_1>a)", "R", "${x_1}${1}${$0}${x-1}"), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, "aa${a}${x-1}", got.Text.Reveal())
}
