package variables_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/variables"
)

// quoteArg quotes s as a filter argument.
func quoteArg(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// dotnetToken finds the substitutions of a .NET replacement string. A "${" that names no group
// is a "$" and scanning goes on after it, so a "$" inside braces starts a token of its own.
var dotnetToken = regexp.MustCompile("\\$(\\$|&|`|'|\\+|_|[0-9]+|\\{[^}$]*\\})")

// dotnetReplaceAll is a slow reference: the matches regexp finds, each replaced by repl
// expanded as .NET's Regex.Replace expands it.
func dotnetReplaceAll(re *regexp.Regexp, s, repl string) string {
	group := func(a []int, i int) string {
		if i >= 0 && 2*i+1 < len(a) && a[2*i] >= 0 {
			return s[a[2*i]:a[2*i+1]]
		}
		return ""
	}
	var b strings.Builder
	last := 0
	for _, a := range re.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:a[0]])
		b.WriteString(dotnetToken.ReplaceAllStringFunc(repl, func(tok string) string {
			body := tok[1:]
			switch body {
			case "$":
				return "$"
			case "&":
				return group(a, 0)
			case "`":
				return s[:a[0]]
			case "'":
				return s[a[1]:]
			case "+":
				return group(a, re.NumSubexp())
			case "_":
				return s
			}
			name := strings.TrimSuffix(strings.TrimPrefix(body, "{"), "}")
			if n, err := strconv.Atoi(name); err == nil && strconv.Itoa(n) == name || err == nil && body[0] != '{' {
				if n <= re.NumSubexp() {
					return group(a, n)
				}
				return tok
			}
			if i := re.SubexpIndex(name); i >= 0 && body[0] == '{' {
				return group(a, i)
			}
			return tok
		}))
		last = a[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// TestReplace_AgreesWithRegexp: the Replace filter, which meters every search, matches exactly
// as regexp.Regexp.ReplaceAllString does, including "^", "\b" and empty matches after the first
// match, and invalid UTF-8 in its input, and expands the replacement as .NET does.
func TestReplace_AgreesWithRegexp(t *testing.T) {
	exprTokens := []string{"a", "b", "é", ".", "^", "$", `\b`, `\B`, "(?m)", "(?i)", "(?s)", "*", "+", "?", "*?",
		"|", "(", ")", "(?P<n>", "[ab]", "[^a]", `\n`, `\A`, `\z`, `\Q`, `\E`, "{2}", "x*", " "}
	textTokens := []string{"a", "b", "A", "é", " ", "\n", "\xff", "ab", "ba"}
	replTokens := []string{"", "x", "$0", "$1", "${n}", "$$", "[", "]", "$2", "$2o", "$&", "$`", "$'", "$+", "$_", "${1}", "${x}", "$", "{", "1"}
	rapid.Check(t, func(t *rapid.T) {
		expr := strings.Join(rapid.SliceOfN(rapid.SampledFrom(exprTokens), 1, 8).Draw(t, "expr"), "")
		re, err := regexp.Compile(expr)
		if err != nil {
			t.Skip("not a regular expression")
		}
		text := strings.Join(rapid.SliceOfN(rapid.SampledFrom(textTokens), 0, 12).Draw(t, "text"), "")
		repl := strings.Join(rapid.SliceOfN(rapid.SampledFrom(replTokens), 0, 3).Draw(t, "repl"), "")
		got, err := variables.Substitute("#{A | Replace "+quoteArg(expr)+" "+quoteArg(repl)+"}", plainVars("A", text), variables.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := dotnetReplaceAll(re, text, repl); got.Text.Reveal() != want {
			t.Fatalf("Replace %q %q on %q: got %q, want %q", expr, repl, text, got.Text.Reveal(), want)
		}
	})
}

func TestReplace_WorkLimit(t *testing.T) {
	// An expression of about 2000 instructions.
	heavy := strings.Repeat("(?:a?b?c?d?e?)", 150) + "z"
	tests := []struct {
		name  string
		expr  string
		input string
		opts  variables.Options
	}{
		// Charged by input length times program size: 1 MiB times 2000 instructions is far over
		// the default budget.
		{"large program on 1 MiB", heavy, strings.Repeat("abcde", 1<<20/5), variables.Options{}},
		// Every match starts a new search that reads to the end of the text: quadratic, and
		// charged as such.
		{"search reading past its match", "a*b|a", strings.Repeat("a", 20_000), variables.Options{MaxWork: 1_000_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := variables.Substitute("#{A | Replace "+quoteArg(tt.expr)+" x}", plainVars("A", tt.input), tt.opts)
			require.ErrorIs(t, err, variables.ErrLimit)
			require.ErrorContains(t, err, "in filter Replace (Options.MaxWork, the total of one resolution, default 8388608 units)")
		})
	}
	// The same searches on inputs within the budget.
	got, err := variables.Substitute("#{A | Replace "+quoteArg("a*b|a")+" x}", plainVars("A", strings.Repeat("a", 200)+"b"), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, "x", got.Text.Reveal())
	got, err = variables.Substitute("#{A | Replace , ;}", plainVars("A", strings.Repeat("a,", 1<<18)), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, strings.Repeat("a;", 1<<18), got.Text.Reveal(), "a simple replacement over 512 KiB is within the default budget")
}
