package variables_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

func plainVars(kv ...string) map[string]variables.Value {
	m := make(map[string]variables.Value, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = variables.Plain(kv[i+1])
	}
	return m
}

func TestSubstitute_Language(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		vars       map[string]variables.Value
		want       string
		unresolved []string
	}{
		{"bindings", "Server=#{Server}; Database=#{Database}", plainVars("Server", "SQL", "Database", "PDB001"), "Server=SQL; Database=PDB001", nil},
		{"escape", "##{NotToBeReplaced}", nil, "#{NotToBeReplaced}", nil},
		{"hash before a binding", "###{X}", plainVars("X", "1"), "#1", nil},
		{"four hashes", "####{X}", plainVars("X", "1"), "###{X}", nil},
		{"index", "#{MyPassword[#{UserName}]}", plainVars("MyPassword[Mary]", "passwordZ", "UserName", "Mary"), "passwordZ", nil},
		{"nested name", "#{Db.#{Env}.Conn}", plainVars("Env", "Prod", "Db.Prod.Conn", "c1"), "c1", nil},
		{"if true", `<compilation #{if DebugEnabled}debug="true"#{/if}>`, plainVars("DebugEnabled", "True"), `<compilation debug="true">`, nil},
		{"if false", `<compilation #{if DebugEnabled}debug="true"#{/if}>`, plainVars("DebugEnabled", "False"), `<compilation >`, nil},
		{"if eq literal", `#{if Env == "Production"}yes#{else}no#{/if}`, plainVars("Env", "Production"), "yes", nil},
		{"if ne literal", `#{if Env != "Production"}yes#{else}no#{/if}`, plainVars("Env", "Production"), "no", nil},
		{"if eq variable", `#{if A == B}same#{/if}`, plainVars("A", "x", "B", "x"), "same", nil},
		{"if eq no spaces", `#{if A=="x"}same#{/if}`, plainVars("A", "x"), "same", nil},
		{"unless No", "#{unless Flag}off#{/unless}", plainVars("Flag", "No"), "off", nil},
		{"unless yes", "#{unless Flag}off#{/unless}", plainVars("Flag", "yes"), "", nil},
		{"unless else", "#{unless Flag}off#{else}on#{/unless}", plainVars("Flag", "1"), "on", nil},
		{"if undefined", "#{if Missing}x#{else}y#{/if}", nil, "y", nil},
		{"truthy zero", "#{if V}x#{else}y#{/if}", plainVars("V", " 0 "), "y", nil},
		{"truthy text", "#{if V}x#{else}y#{/if}", plainVars("V", "anything"), "x", nil},
		{"each", "#{each e in Endpoints}[#{e}]#{/each}", plainVars("Endpoints", "a,b,c"), "[a][b][c]", nil},
		{"each trims and skips empty", "#{each e in L}[#{e}]#{/each}", plainVars("L", " a , ,b"), "[a][b]", nil},
		{"each index", "#{each e in L}#{Octopus.Template.Each.Index}#{if Octopus.Template.Each.Last}.#{/if}#{/each}", plainVars("L", "a,b"), "01.", nil},
		{"each undefined", "#{each e in L}x#{/each}", nil, "", []string{"L"}},
		{"HtmlEscape", "#{ProjectName | HtmlEscape}", plainVars("ProjectName", "You & I"), "You &amp; I", nil},
		{"Truncate", "#{MyVar | Truncate 7}", plainVars("MyVar", "Octopus Deploy"), "Octopus...", nil},
		{"Truncate longer", "#{MyVar | Truncate 70}", plainVars("MyVar", "Octopus"), "Octopus", nil},
		{"ToUpper ToLower", "#{Name | ToUpper}-#{Name | ToLower}", plainVars("Name", "AbC"), "ABC-abc", nil},
		{"filter chain", "#{Name | Trim | ToUpper}", plainVars("Name", " ab "), "AB", nil},
		{"Trim", "[#{V | Trim}]", plainVars("V", "  x  "), "[x]", nil},
		{"Trim start", "[#{V | Trim start}]", plainVars("V", "  x  "), "[x  ]", nil},
		{"Trim end", "[#{V | Trim End}]", plainVars("V", "  x  "), "[  x]", nil},
		{"ToBase64", "#{V | ToBase64}", plainVars("V", "hello"), "aGVsbG8=", nil},
		{"FromBase64", "#{V | FromBase64}", plainVars("V", "aGVsbG8="), "hello", nil},
		{"Replace", "#{V | Replace a o}", plainVars("V", "banana"), "bonono", nil},
		{"Replace regexp groups", `#{V | Replace "(\w+)@(\w+)" "$2 at $1"}`, plainVars("V", "me@home"), "home at me", nil},
		{"Replace delete", "#{V | Replace a}", plainVars("V", "banana"), "bnn", nil},
		{"Replace argument binding", "#{V | Replace #{P} o}", plainVars("V", "banana", "P", "n"), "baoaoa", nil},
		{"Substring length", "#{V | Substring 3}", plainVars("V", "abcdef"), "abc", nil},
		{"Substring start length", "#{V | Substring 2 3}", plainVars("V", "abcdef"), "cde", nil},
		{"Substring clamps", "#{V | Substring 4 30}", plainVars("V", "abcdef"), "ef", nil},
		{"JsonEscape", "#{V | JsonEscape}", plainVars("V", "say \"hi\"\n"), `say \"hi\"\n`, nil},
		{"UriEscape", "#{V | UriEscape}", plainVars("V", "a b/c?d=é"), "a%20b/c?d=%C3%A9", nil},
		{"filter names any case", "#{V | toupper}", plainVars("V", "a"), "A", nil},
		{"case-insensitive names", "#{server}", plainVars("Server", "SQL"), "SQL", nil},
		{"hash without brace", "C# #{X}", plainVars("X", "1"), "C# 1", nil},
		{"trailing hash", "a#", nil, "a#", nil},
		{"spaces in binding", "#{ X }", plainVars("X", "1"), "1", nil},
		{"undefined echoed", "a #{Missing} b", nil, "a #{Missing} b", []string{"Missing"}},
		{"undefined with filter echoed", "#{Missing | ToUpper}", nil, "#{Missing | ToUpper}", []string{"Missing"}},
		{"undefined nested", "#{A.#{B}}", nil, "#{A.#{B}}", []string{"B"}},
		{"undefined computed", "#{A.#{B}}", plainVars("B", "x"), "#{A.#{B}}", []string{"A.x"}},
		{"recursive values", "#{A}", plainVars("A", "#{B}", "B", "x#{C}", "C", "!"), "x!", nil},
		{"unresolved inside a value", "#{A}", plainVars("A", "-#{Nope}-"), "-#{Nope}-", []string{"Nope"}},
		{"loop variable not visible in values", "#{each x in L}#{A}#{/each}", plainVars("L", "1", "A", "#{x}"), "#{x}", []string{"x"}},
		{"closing brace is text", "}}", nil, "}}", nil},
		{"empty", "", nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := variables.Substitute(tt.text, tt.vars, variables.Options{})
			require.NoError(t, err)
			require.Equal(t, tt.want, got.Text.Reveal())
			require.Equal(t, tt.unresolved, got.Unresolved)
			require.False(t, got.Text.IsSensitive())
		})
	}
}

func TestSubstitute_Errors(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		vars     map[string]variables.Value
		sentinel error
		variable string
		offset   int
		msg      string
	}{
		{"unterminated", "ab #{X", nil, variables.ErrSyntax, "", 3, `unterminated "#{"`},
		{"unterminated filter", "#{X | ToUpper", nil, variables.ErrSyntax, "", 0, `unterminated "#{"`},
		{"empty nested name", "x#{A#{ }}", nil, variables.ErrSyntax, "", 4, "empty variable name"},
		{"unmatched /if", "a#{/if}", nil, variables.ErrSyntax, "", 1, `unmatched #{/if}`},
		{"unmatched /each", "#{/each}", nil, variables.ErrSyntax, "", 0, `unmatched #{/each}`},
		{"else outside", "ab#{else}", nil, variables.ErrSyntax, "", 2, "#{else} outside"},
		{"unterminated if", "x #{if A}y", nil, variables.ErrSyntax, "", 2, "unterminated #{if}"},
		{"unterminated each", "#{each a in B}y", nil, variables.ErrSyntax, "", 0, "unterminated #{each}"},
		{"wrong end", "#{if A}y#{/each}", nil, variables.ErrSyntax, "", 8, "unexpected #{/each} in #{if}"},
		{"each without in", "#{each a of B}y#{/each}", nil, variables.ErrSyntax, "", 9, `expected "in"`},
		{"bad condition", "#{if A == \"x\" B}y#{/if}", nil, variables.ErrSyntax, "", 14, "in condition"},
		{"unterminated quote", `#{if A == "x}y#{/if}`, nil, variables.ErrSyntax, "", 10, "unterminated quoted string"},
		{"text after /if", "#{if A}#{/if x}", nil, variables.ErrSyntax, "", 13, "unexpected text"},
		{"unknown filter", "#{X | Nope}", plainVars("X", "1"), variables.ErrUnknownFilter, "", 6, `"Nope" is not a filter`},
		{"missing filter name", "#{X | }", nil, variables.ErrSyntax, "", 6, "missing filter name"},
		{"truncate arity", "#{X | Truncate}", nil, variables.ErrFilterArgument, "", 6, "takes 1 to 2 arguments, got 0"},
		{"truncate not a number", "#{X | Truncate ten}", nil, variables.ErrFilterArgument, "", 15, "not a non-negative integer"},
		{"substring negative", "#{X | Substring -1}", nil, variables.ErrFilterArgument, "", 16, "non-negative"},
		{"trim mode", "#{X | Trim middle}", nil, variables.ErrFilterArgument, "", 11, "start or end"},
		{"bad regexp", "#{X | Replace ( x}", nil, variables.ErrFilterArgument, "", 14, "regular expression"},
		{"upper takes none", "#{X | ToUpper 1}", nil, variables.ErrFilterArgument, "", 6, "takes 0 arguments"},
		{"dynamic bad argument", "#{X | Truncate #{N}}", plainVars("X", "abc", "N", "many"), variables.ErrFilterArgument, "", 15, `"many"`},
		{"bad base64", "#{X | FromBase64}", plainVars("X", "!!"), variables.ErrFilterArgument, "", 6, "not base64"},
		{"error in a value names the variable", "#{A}", plainVars("A", "xx#{B"), variables.ErrSyntax, "A", 2, "unterminated"},
		{"cycle", "#{A}", plainVars("A", "#{B}", "B", "#{A}"), variables.ErrCycle, "B", 0, "A -> B -> A"},
		{"self cycle", "x#{A}", plainVars("A", "a#{a}"), variables.ErrCycle, "A", 1, "A -> A"},
		{"deep nesting", strings.Repeat("#{", 100), nil, variables.ErrLimit, "", 128, "nesting deeper than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := variables.Substitute(tt.text, tt.vars, variables.Options{})
			require.ErrorIs(t, err, tt.sentinel)
			var te *variables.TemplateError
			require.True(t, errors.As(err, &te), "%T", err)
			require.Equal(t, tt.variable, te.Variable)
			require.Equal(t, tt.offset, te.Offset, te.Error())
			require.Contains(t, te.Message, tt.msg)
		})
	}
}
