package tags_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/tags"
)

// FuzzParseExpr: no input panics; an error is a *ParseError at an offset inside the input; every
// accepted input round-trips through String().
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{
		`Tier/Gold and not "Upgrade ring/Pinned"`,
		`(Region/EU or Region/UK) and Tier/*`,
		`tenant("Capital Animal Hospital") or Tier/VIP`,
		`!Importance/VIP && ("Release Ring/Alpha" || "Release Ring/Beta")`,
		`TRUE or not false`,
		`"a\"b\\c/d"`,
		`(((`,
		`tenant(`,
		"S/\xff",
		`"unterminated`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		e, err := tags.ParseExpr(in)
		if err != nil {
			var pe *tags.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseExpr(%q): error %v is not a *ParseError", in, err)
			}
			if pe.Offset < 0 || pe.Offset > len(in) || pe.Input != in || pe.Column < 1 {
				t.Fatalf("ParseExpr(%q): bad location %+v", in, pe)
			}
			if !errors.Is(err, tags.ErrSyntax) && !errors.Is(err, tags.ErrLimit) {
				t.Fatalf("ParseExpr(%q): %v wraps no sentinel", in, err)
			}
			return
		}
		s := e.String()
		back, err := tags.ParseExpr(s)
		if err != nil {
			t.Fatalf("ParseExpr(%q) = %q, which does not parse: %v", in, s, err)
		}
		if !back.Equal(e) {
			t.Fatalf("ParseExpr(%q) = %q, which parses as %q", in, s, back.String())
		}
		if back.String() != s {
			t.Fatalf("String is not canonical: %q then %q", s, back.String())
		}
		if strings.Contains(s, "  ") && !strings.Contains(in, "  ") && !strings.Contains(in, `"`) {
			t.Fatalf("String(%q) = %q has double spaces", in, s)
		}
	})
}
