package variables_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/variables"
)

func FuzzSubstitute(f *testing.F) {
	for _, s := range []string{
		"Server=#{Server}", "##{X}", "#{A[#{B}]}", "#{if A == \"x\"}y#{else}z#{/if}", "#{each x in L}#{x}#{/each}",
		"#{A | Truncate 2 | ToUpper}", "#{#{#{", "#{unless B}u#{/unless}", "C# #{A}", "#{A | Replace (a+) $1$1}",
		"#{A}#{A}#{A}#{A}", "#{/if}", "#{A | Substring 1 2}",
		// Long runs of escapes, heavy and rescanning regular expressions, names inside a secret.
		strings.Repeat("##{", 200), "###{A}##{##{#{A}", `#{A | Replace "a*b|a" x}`, `#{L | Replace "(?m)^\b" ">"}`,
		`#{A | Replace "(a?){20}a{20}" x}`, "#{B}#{B | ToUpper}#{X[#{B}]}", `#{A | Replace #{B} "$1"}`,
	} {
		f.Add(s, "a,#{B}", "#{A}")
		f.Add(s, strings.Repeat("a", 300), "secret#{InsideSecret}")
	}
	opts := variables.Options{MaxDepth: 16, MaxSize: 4096, MaxTotalSize: 1 << 16, MaxWork: 200_000}
	f.Fuzz(func(t *testing.T, text, a, b string) {
		vars := map[string]variables.Value{"A": variables.Plain(a), "B": variables.Sensitive(b), "L": variables.Plain(a + "," + b)}
		r1, err1 := variables.Substitute(text, vars, opts)
		r2, err2 := variables.Substitute(text, vars, opts)
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) || r1.Text != r2.Text {
			t.Fatalf("not deterministic: %v / %v", err1, err2)
		}
		if err1 != nil {
			var te *variables.TemplateError
			if !errors.As(err1, &te) {
				t.Fatalf("error %T %v is not a *TemplateError", err1, err1)
			}
			src := map[string]string{"": text, "A": a, "B": b, "L": a + "," + b}[te.Variable]
			if te.Offset < 0 || te.Offset > len(src) {
				t.Fatalf("offset %d outside %q", te.Offset, src)
			}
			if te.Variable == "B" && (!te.Sensitive || te.Offset != 0) {
				t.Fatalf("error in the sensitive value gives a position: %v", te)
			}
			if codeOf(err1) == "" {
				t.Fatalf("error without a code: %v", err1)
			}
			return
		}
		if len(r1.Text.Reveal()) > opts.MaxSize {
			t.Fatalf("output of %d bytes over the limit", len(r1.Text.Reveal()))
		}
		// Names are reported only from the texts that are not secret.
		for _, name := range r1.Unresolved {
			if !strings.Contains(text, name) && !strings.Contains(a, name) && !strings.Contains(a+","+b, name) {
				t.Fatalf("unresolved name %q is not in a text that is not secret", name)
			}
		}
		if len(r1.UnresolvedInSensitive) > 1 || (len(r1.UnresolvedInSensitive) == 1 && r1.UnresolvedInSensitive[0] != "B") {
			t.Fatalf("unresolved in sensitive values: %q", r1.UnresolvedInSensitive)
		}
		if !strings.Contains(text, "#{") && r1.Text.Reveal() != text {
			t.Fatalf("plain text changed: %q -> %q", text, r1.Text.Reveal())
		}
		if esc, err := variables.Substitute(variables.Escape(text), vars, variables.Options{}); err == nil && esc.Text.Reveal() != text {
			t.Fatalf("escape round trip: %q -> %q", text, esc.Text.Reveal())
		}
	})
}

// FuzzReplace: the metered Replace filter agrees with regexp.Regexp.ReplaceAllString whenever it
// stays within its budget.
func FuzzReplace(f *testing.F) {
	for _, s := range [][3]string{
		{"a", "banana", "o"}, {"a*b|a", "aaab aa", "x"}, {`(?m)^`, "a\nb\n", ">"}, {`\b`, "ab cd", "|"},
		{`(?P<n>a)(b)?`, "abaab", "${n}$2$$"}, {"", "héllo", "-"}, {`\B`, "\xffab\xfe", "."}, {`\Qa)`, "a)a)", "$0"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, expr, text, repl string) {
		re, err := regexp.Compile(expr)
		if err != nil || strings.Contains(text, "#{") {
			return
		}
		got, err := variables.Substitute("#{A | Replace "+quoteArg(expr)+" "+quoteArg(repl)+"}", plainVars("A", text), variables.Options{MaxWork: 1 << 20})
		if errors.Is(err, variables.ErrLimit) {
			return
		}
		if err != nil {
			t.Fatalf("Replace %q %q on %q: %v", expr, repl, text, err)
		}
		if want := re.ReplaceAllString(text, repl); got.Text.Reveal() != want {
			t.Fatalf("Replace %q %q on %q: got %q, want %q", expr, repl, text, got.Text.Reveal(), want)
		}
	})
}
