package tags_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/tags"
)

// TestParseExpr_Grammar covers every production of the grammar: each row gives the
// input and its canonical String().
func TestParseExpr_Grammar(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"word tagref", "Tier/Gold", "Tier/Gold"},
		{"word chars", "a_b-c.d/e*f/g9", "a_b-c.d/e*f/g9"},
		{"unicode word", "Région/Île-de-France", "Région/Île-de-France"},
		{"string tagref", `"Upgrade ring/Early adopter"`, `"Upgrade ring/Early adopter"`},
		{"string that is a word is written bare", `"Tier/Gold"`, "Tier/Gold"},
		{"string escapes", `"A \"b\"/c\\d"`, `"A \"b\"/c\\d"`},
		{"string keeps any other byte", "\"S/a\tb\nc\"", "\"S/a\tb\nc\""},
		{"wildcard", "Tier/*", "Tier/*"},
		{"keyword-like word with slash", "and/or", "and/or"},
		{"true", "true", "true"},
		{"false", "false", "false"},
		{"keywords are case-insensitive", "TRUE Or NOT False AND tRuE", "true or not false and true"},
		{"tenant", `tenant("Capital Animal Hospital")`, `tenant("Capital Animal Hospital")`},
		{"tenant with spaces and case", `Tenant ( "a\"b" )`, `tenant("a\"b")`},
		{"not", "not S/a", "not S/a"},
		{"bang", "!S/a", "not S/a"},
		{"not not", "not !S/a", "not not S/a"},
		{"and", "S/a and S/b and S/c", "S/a and S/b and S/c"},
		{"&&", "S/a&&S/b", "S/a and S/b"},
		{"or", "S/a or S/b", "S/a or S/b"},
		{"||", "S/a||S/b", "S/a or S/b"},
		{"precedence: and over or", "S/a or S/b and S/c", "S/a or S/b and S/c"},
		{"precedence: not over and", "not S/a and S/b", "not S/a and S/b"},
		{"parentheses kept where needed", "(S/a or S/b) and S/c", "(S/a or S/b) and S/c"},
		{"not of a group", "not (S/a and S/b)", "not (S/a and S/b)"},
		{"redundant parentheses dropped", "((S/a)) and (S/b and S/c)", "S/a and S/b and S/c"},
		{"nested or flattened", "S/a or (S/b or S/c)", "S/a or S/b or S/c"},
		{"whitespace", " \t\r\nS/a\n and\tS/b ", "S/a and S/b"},
		{"spec example 1", `Tier/Gold and not "Upgrade ring/Pinned"`, `Tier/Gold and not "Upgrade ring/Pinned"`},
		{"spec example 2", `(Region/EU or Region/UK) and Tier/*`, `(Region/EU or Region/UK) and Tier/*`},
		{"spec example 3", `tenant("Capital Animal Hospital") or Tier/VIP`, `tenant("Capital Animal Hospital") or Tier/VIP`},
		{"empty set and tag parse (Bind rejects them)", `"/"`, "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tags.ParseExpr(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want, e.String())
			again, err := tags.ParseExpr(e.String())
			require.NoError(t, err)
			require.True(t, again.Equal(e), "round trip of %q", e.String())
		})
	}
}

func TestParseExpr_Structure(t *testing.T) {
	tests := []struct {
		in   string
		want tags.Expr
	}{
		{"S/a or S/b and not S/c", tags.Or(tags.Tag("S/a"), tags.And(tags.Tag("S/b"), tags.Not(tags.Tag("S/c"))))},
		{"(S/a or S/b) and S/c", tags.And(tags.Or(tags.Tag("S/a"), tags.Tag("S/b")), tags.Tag("S/c"))},
		{`tenant("x") or true or false`, tags.Or(tags.Tenant("x"), tags.True(), tags.False())},
		{"not not S/a", tags.Not(tags.Not(tags.Tag("S/a")))},
		{"S/a and (S/b and S/c)", tags.And(tags.Tag("S/a"), tags.Tag("S/b"), tags.Tag("S/c"))},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := tags.MustParseExpr(tt.in)
			require.True(t, got.Equal(tt.want), "got %s, want %s", got, tt.want)
		})
	}
}

// TestParseExpr_Errors covers every parse error with its offset and column.
func TestParseExpr_Errors(t *testing.T) {
	tests := []struct {
		name, in string
		offset   int
		column   int
		sentinel error
		msg      string
	}{
		{"empty", "", 0, 1, tags.ErrSyntax, `unexpected end of input, want a tag, "(", "not", "tenant", "true" or "false"`},
		{"blank", "   ", 3, 4, tags.ErrSyntax, `unexpected end of input, want a tag`},
		{"dangling and", "Importance/VIP and", 18, 19, tags.ErrSyntax, `unexpected end of input, want a tag`},
		{"dangling not", "S/a and not", 11, 12, tags.ErrSyntax, `unexpected end of input, want a tag`},
		{"operator first", "or S/a", 0, 1, tags.ErrSyntax, `unexpected "or", want a tag`},
		{"two operands", "S/a S/b", 4, 5, tags.ErrSyntax, `unexpected "S/b", want "and", "or" or end of input`},
		{"unbalanced (", "(Importance/VIP or Importance/Trial", 35, 36, tags.ErrSyntax, `unexpected end of input, want ")" to close "(" at column 1`},
		{"stray )", "S/a)", 3, 4, tags.ErrSyntax, `unexpected ")", want "and", "or" or end of input`},
		{"empty parentheses", "()", 1, 2, tags.ErrSyntax, `unexpected ")", want a tag`},
		{"word without slash", "VIP and S/a", 0, 1, tags.ErrSyntax, `tag reference "VIP" has no "/"`},
		{"string without slash", `S/a or "VIP"`, 7, 8, tags.ErrSyntax, `tag reference "VIP" has no "/"`},
		{"single &", "S/a & S/b", 4, 5, tags.ErrSyntax, `unexpected character "&", want "&&"`},
		{"single |", "S/a | S/b", 4, 5, tags.ErrSyntax, `unexpected character "|", want "||"`},
		{"bad character", "S/a and @", 8, 9, tags.ErrSyntax, `unexpected character "@"`},
		{"bad character after unicode", "É/é @", 6, 5, tags.ErrSyntax, `unexpected character "@"`},
		{"invalid utf-8 in a word", "S/a\xff", 3, 4, tags.ErrSyntax, `invalid UTF-8 byte "\xff"`},
		{"unterminated string", `S/a or "S/b`, 7, 8, tags.ErrSyntax, `unterminated string`},
		{"unterminated string after backslash", `"S/b\`, 0, 1, tags.ErrSyntax, `unterminated string`},
		{"bad escape", `"S/\n"`, 3, 4, tags.ErrSyntax, `invalid escape "\\n" in string`},
		{"tenant without (", `tenant "x"`, 7, 8, tags.ErrSyntax, `unexpected string "x", want "(" after "tenant"`},
		{"tenant with a word", `tenant(x)`, 7, 8, tags.ErrSyntax, `unexpected "x", want a quoted tenant name`},
		{"tenant without )", `tenant("x"`, 10, 11, tags.ErrSyntax, `unexpected end of input, want ")" after the tenant name`},
		{"tenant at end", `tenant`, 6, 7, tags.ErrSyntax, `unexpected end of input, want "(" after "tenant"`},
		{"too deep (", strings.Repeat("(", 257) + "S/a" + strings.Repeat(")", 257), 256, 257, tags.ErrLimit, "nesting deeper than 256"},
		{"too deep not", strings.Repeat("not ", 257) + "S/a", 1024, 1025, tags.ErrLimit, "nesting deeper than 256"},
		{"too long", strings.Repeat(" ", tags.MaxExprLen-2) + "S/ab", tags.MaxExprLen, tags.MaxExprLen + 1, tags.ErrLimit,
			"input is 65538 bytes, longer than the limit of 65536"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tags.ParseExpr(tt.in)
			var pe *tags.ParseError
			require.ErrorAs(t, err, &pe)
			require.ErrorIs(t, err, tt.sentinel)
			require.Equal(t, tt.in, pe.Input)
			require.Equal(t, tt.offset, pe.Offset)
			require.Equal(t, tt.column, pe.Column)
			require.Contains(t, pe.Message, tt.msg)
			require.LessOrEqual(t, len(err.Error()), 400, "error messages stay short")
		})
	}
}

func TestParseExpr_Limits(t *testing.T) {
	t.Run("256 levels are fine", func(t *testing.T) {
		in := strings.Repeat("(", 128) + strings.Repeat("not ", 128) + "S/a" + strings.Repeat(")", 128)
		e, err := tags.ParseExpr(in)
		require.NoError(t, err)
		require.True(t, tags.MustParseExpr(e.String()).Equal(e))
	})
	t.Run("64 KiB of ( fails fast", func(t *testing.T) {
		in := strings.Repeat("(", tags.MaxExprLen)
		start := time.Now()
		_, err := tags.ParseExpr(in)
		require.ErrorIs(t, err, tags.ErrLimit)
		require.Less(t, time.Since(start), time.Second, "a limit error is found early")
		require.Less(t, len(err.Error()), 200)
		require.Contains(t, err.Error(), `"...((((`)
	})
	t.Run("exactly 64 KiB is accepted", func(t *testing.T) {
		in := strings.Repeat(" ", tags.MaxExprLen-3) + "S/a"
		_, err := tags.ParseExpr(in)
		require.NoError(t, err)
	})
	t.Run("long and chains are not nesting", func(t *testing.T) {
		in := strings.Repeat("S/a and ", 5000) + "S/a"
		_, err := tags.ParseExpr(in)
		require.NoError(t, err)
	})
}

func TestParseError_Message(t *testing.T) {
	_, err := tags.ParseExpr("Importance/VIP and")
	require.EqualError(t, err, `invalid tag expression "Importance/VIP and" at column 19 (offset 18): `+
		`unexpected end of input, want a tag, "(", "not", "tenant", "true" or "false" [invalid-expression]`)
	require.Equal(t, "invalid-expression", codeOf(err))

	long := strings.Repeat("S/a and ", 100) + "@"
	_, err = tags.ParseExpr(long)
	require.ErrorContains(t, err, `"...`)
	require.NotContains(t, err.Error(), long[:100])
	require.False(t, errors.Is(err, tags.ErrLimit))
}

func TestMustParseExpr_Panics(t *testing.T) {
	require.Panics(t, func() { tags.MustParseExpr("(") })
	require.NotPanics(t, func() { tags.MustParseExpr("S/a") })
}
