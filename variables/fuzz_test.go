package variables_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/variables"
)

func FuzzSubstitute(f *testing.F) {
	for _, s := range []string{
		"Server=#{Server}", "##{X}", "#{A[#{B}]}", "#{if A == \"x\"}y#{else}z#{/if}", "#{each x in L}#{x}#{/each}",
		"#{A | Truncate 2 | ToUpper}", "#{#{#{", "#{unless B}u#{/unless}", "C# #{A}", "#{A | Replace (a+) $1$1}",
		"#{A}#{A}#{A}#{A}", "#{/if}", "#{A | Substring 1 2}",
	} {
		f.Add(s, "a,#{B}", "#{A}")
	}
	opts := variables.Options{MaxDepth: 16, MaxSize: 4096}
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
			if variables.Code(err1) == "" {
				t.Fatalf("error without a code: %v", err1)
			}
			return
		}
		if len(r1.Text.Reveal()) > opts.MaxSize {
			t.Fatalf("output of %d bytes over the limit", len(r1.Text.Reveal()))
		}
		if !strings.Contains(text, "#{") && r1.Text.Reveal() != text {
			t.Fatalf("plain text changed: %q -> %q", text, r1.Text.Reveal())
		}
		if esc, err := variables.Substitute(variables.Escape(text), vars, variables.Options{}); err == nil && esc.Text.Reveal() != text {
			t.Fatalf("escape round trip: %q -> %q", text, esc.Text.Reveal())
		}
	})
}
