package variables_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

// TestDoc_FilterArgumentForms checks the argument forms the package documentation lists for
// the hash filters, Indent, Format and UriPart, and the decisions taken where Octostache
// behaves otherwise.
func TestDoc_FilterArgumentForms(t *testing.T) {
	vars := plainVars("S", "abc", "A", "a", "H", "hi", "B", "aGk=", "L", "a\nb", "I", "42", "D", "2020-01-02", "F", "1.5", "N", "3.14159",
		"U", "https://Example.com:8080/p/q?x=1#frag", "C", "a, b,,")
	tests := []struct{ text, want string }{
		{"#{S | SHA256 8}", "ba7816bf8f01cfea"},
		{"#{S | SHA256 utf8 8}", "ba7816bf8f01cfea"},
		{"#{S | SHA256 8 UTF-8}", "ba7816bf8f01cfea"},
		{"#{A | MD5 unicode}", "4144e195f46de78a3623da7364d04f11"},
		{"#{B | SHA1 base64 4}", "c22b5f91"},
		{"#{H | SHA1 4}", "c22b5f91"},
		{"#{L | Indent}", "    a\n    b"},
		{"#{L | Indent 2}", "  a\n  b"},
		{"#{L | Indent 1/3}", " a\n   b"},
		{"#{L | Indent /2}", "a\n  b"},
		{`#{L | Indent "> "}`, "> a\n> b"},
		{`#{L | Indent "- " "  "}`, "- a\n  b"},
		{"#{I | Format Int32 D5}", "00042"},
		{"#{I | Format int X}", "2A"},
		{"#{F | Format Double F2}", "1.50"},
		{"#{F | Format decimal 0.000}", "1.500"},
		{"#{N | Format 0.00}", "3.14"},
		{"#{D | Format Date yyyy/MM}", "2020/01"},
		{"#{D | Format DateTime dd}", "02"},
		{"#{D | Format DateTimeOffset yyyy}", "2020"},
		{"#{U | UriPart Host}", "example.com"},
		{"#{U | UriPart port}", "8080"},
		{"#{U | UriPart Scheme}", "https"},
		{"#{U | UriPart AbsolutePath}", "/p/q"},
		{"#{U | UriPart Query}", "?x=1"},
		{"#{U | UriPart Fragment}", "#frag"},
		{"#{H | ToBase64}", "aGk="},
		{"#{H | ToBase64 utf-8}", "aGk="},
		{"#{H | ToBase64 Unicode}", "aABpAA=="},
		{"#{H | ToBase64 unicode | FromBase64 unicode}", "hi"},
		{"#{B | FromBase64 UTF8}", "hi"},
		// Decisions: Null is the empty text; each items are trimmed and empty items skipped.
		{"x#{S | Null}y", "xy"},
		{"#{each c in C}[#{c}]#{/each}", "[a][b]"},
	}
	for _, tt := range tests {
		got, err := variables.Substitute(tt.text, vars, variables.Options{})
		require.NoError(t, err, tt.text)
		require.Equal(t, tt.want, got.Text.Reveal(), tt.text)
	}
	_, err := variables.Substitute("#{S | NoSuchFilter}", vars, variables.Options{})
	require.ErrorIs(t, err, variables.ErrUnknownFilter)
	_, err = variables.Substitute("#{S | ToBase64 utf16}", vars, variables.Options{})
	require.ErrorIs(t, err, variables.ErrFilterArgument)
	require.ErrorContains(t, err, `argument 1 "utf16" is not an encoding (utf8, unicode)`)
}
