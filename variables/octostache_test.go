package variables_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

// The forms of the language that follow Octopus's documentation of variable substitution: each
// table row is one of its examples, or the rule it states applied to a small case.

type formCase struct {
	name       string
	text       string
	vars       map[string]variables.Value
	want       string
	unresolved []string
}

func runForms(t *testing.T, tests []formCase, opts variables.Options) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := variables.Substitute(tc.text, tc.vars, opts)
			require.NoError(t, err)
			require.Equal(t, tc.want, got.Text.Reveal())
			require.Equal(t, tc.unresolved, got.Unresolved)
		})
	}
}

func TestSubstitute_Conditionals(t *testing.T) {
	env := func(e string) map[string]variables.Value { return plainVars("Env", e, "Debug", "True") }
	chain := "#{if Env == \"Production\"}prod#{elseif Env == \"Test\"}test#{elseif Debug}debug#{else}other#{/if}"
	runForms(t, []formCase{
		{"elseif first", chain, env("Production"), "prod", nil},
		{"elseif second", chain, env("Test"), "test", nil},
		{"elseif truthy", chain, env("Dev"), "debug", nil},
		{"elseif else", chain, plainVars("Env", "Dev", "Debug", "False"), "other", nil},
		{"elseif no else", "#{if A}a#{elseif B}b#{/if}", plainVars("A", "no", "B", "0"), "", nil},
		{"else if", "#{if A}a#{else if B}b#{else}c#{/if}", plainVars("A", "no", "B", "yes"), "b", nil},
		{"keywords in any case", "#{IF A}a#{ElseIf B}b#{/if}", plainVars("A", "0", "B", "1"), "b", nil},
		{"elseif as a variable name", "#{elseifX}", plainVars("elseifX", "v"), "v", nil},
		{"filter on the left operand", "#{if Env | ToLower == \"production\"}yes#{/if}", env("PRODUCTION"), "yes", nil},
		{"filter on both operands", "#{if A | ToUpper != B | Trim}ne#{else}eq#{/if}", plainVars("A", "x", "B", " X "), "eq", nil},
		{"filter on a truthy operand", "#{if A | Match \"^y\"}m#{/if}", plainVars("A", "yes"), "m", nil},
		{"quotes escaped for JSON", `{"Bar":"#{if Foo == \"test text\"}Blaa#{/if}"}`, plainVars("Foo", "test text"), `{"Bar":"Blaa"}`, nil},
		{"escaped quotes in a filter argument", `#{Foo | Replace \"t t\" \"T-T\"}`, plainVars("Foo", "test text"), `tesT-Text`, nil},
		{"name with spaces", "#{if My Var == \"1\"}one#{/if}", plainVars("My Var", "1"), "one", nil},
		{"docs: debug", "<compilation #{if DebugEnabled}debug=\"true\"#{/if}>", plainVars("DebugEnabled", "False"), "<compilation >", nil},
	}, variables.Options{})
}

func TestSubstitute_Each(t *testing.T) {
	actions := plainVars(
		"Octopus.Action[Step 1].Name", "Deploy web", "Octopus.Action[Step 1].TargetRoles", "web",
		"Octopus.Action[Step 2].Name", "Deploy db", "Octopus.Action[Step 2].TargetRoles", "db,sql",
	)
	runForms(t, []formCase{
		{"indexed collection", "#{each a in Octopus.Action}#{a}=#{a.Name};#{/each}", actions, "Step 1=Deploy web;Step 2=Deploy db;", nil},
		{"nested each", "#{each a in Octopus.Action}#{each r in a.TargetRoles}#{a}:#{r} #{/each}#{/each}", actions, "Step 1:web Step 2:db Step 2:sql ", nil},
		{"first and last", "#{each x in L}#{x}#{if Octopus.Template.Each.Last == \"False\"},#{/if}#{/each}", plainVars("L", "a,b,c"), "a,b,c", nil},
		{"index and first", "#{each x in L}#{Octopus.Template.Each.Index}#{Octopus.Template.Each.First}#{/each}", plainVars("L", "a,b"), "0True1False", nil},
		{"docs: endpoints", "#{each e in Endpoints} - #{e}\n#{/each}", plainVars("Endpoints", "http://a.example.com,http://b.example.com"), " - http://a.example.com\n - http://b.example.com\n", nil},
		{"JSON array", "#{each n in Test}#{n}#{if Octopus.Template.Each.Last == \"False\"}-#{/if}#{/each}", plainVars("Test", "[2,3,5,8]"), "2-3-5-8", nil},
		{"JSON object", "#{each s in Sizes}#{s}:#{s.Value},#{/each}", plainVars("Sizes", `{"Small": "11.5", Large: 15.21}`), "Small:11.5,Large:15.21,", nil},
		{"JSON object inner", "#{each s in Sizes}#{s.Key} - #{s.Value.Error}#{/each}", plainVars("Sizes", `{"X-Large": {"Error": "Not Stocked"}}`), "X-Large - Not Stocked", nil},
		{"JSON array of objects", "#{each i in Items}#{i.Name} #{/each}", plainVars("Items", `[{"Name": "Toast"}, {"Name": "Bread"}]`), "Toast Bread ", nil},
		{"JSON null is empty", "<#{each n in Test.Blah}#{n}#{/each}>", plainVars("Test", "{Blah: null}"), "<>", nil},
		{"undefined collection", "Ok#{each x in Missing}#{x}#{/each}", nil, "Ok", []string{"Missing"}},
	}, variables.Options{})
}

func TestSubstitute_JSONPath(t *testing.T) {
	test := func(json string) map[string]variables.Value { return plainVars("Test", json) }
	runForms(t, []formCase{
		{"index", "#{Test[Hello]}", test(`{"Hello": "World"}`), "World", nil},
		{"dot", "#{Test.Hello}", test(`{"Hello": "World"}`), "World", nil},
		{"deep", "#{Test[Hello][World][Foo][Bar]}", test(`{"Hello": {"World": {"Foo": {"Bar": 12 }}}}`), "12", nil},
		{"array", "#{Test.Items[1].Name}", test(`{"Items": [{"Name": "Toast"}, {"Name": "Bread"}]}`), "Bread", nil},
		{"raw JSON", "#{Test.Foo}", test(`{"Foo": {"Bar":"11"}}`), `{"Bar":"11"}`, nil},
		{"docs: sizes", "#{Custom.MyJson.Sizes[0].price}", plainVars("Custom.MyJson", `{"Sizes": [{"size": "small", "price": 10.5}]}`), "10.5", nil},
		{"at sign", "#{Test.@type}", test(`{"@type": "Widget"}`), "Widget", nil},
		{"boolean as .NET prints it", "#{Test.On}", test(`{"On": true}`), "True", nil},
		{"missing member is empty", "A#{Test.Nope}B", test(`{"Bar": "x"}`), "AB", nil},
		{"out of bounds is empty", "A#{Test[4]}B", test(`[2,3,5,8]`), "AB", nil},
		{"invalid JSON is unresolved", "#{Test.Name}", test(`{Name: NoComma}`), "#{Test.Name}", []string{"Test.Name"}},
		{"computed JSON", "#{Test.Foo}", plainVars("Prop", "Foo", "Val", "Bar", "Test", `{#{Prop}: "#{Val}"}`), "Bar", nil},
		{"defined name wins", "#{Test.Hello}|#{Test[Foo]}|#{Test.Donkey.Kong}", plainVars(
			"Test.Hello", "Go Away", "Test", `{"Hello": "World", "Foo": "Bar", "Donkey": {"Kong": 12}}`,
			"Test[Foo]", "Nope", "Test.Donkey.Kong", "MARIO"), "Go Away|Nope|MARIO", nil},
	}, variables.Options{})
}

func TestSubstitute_Calc(t *testing.T) {
	runForms(t, []formCase{
		{"docs: offset", "192.168.0.#{calc IPOffset[Secondary] + 1}", plainVars("IPOffset[Secondary]", "180"), "192.168.0.181", nil},
		{"precedence", "#{calc 2 + 3 * 4}", nil, "14", nil},
		{"parentheses", "#{calc (2 + 3) * 4}", nil, "20", nil},
		{"division", "#{calc A / B}", plainVars("A", "1", "B", "4"), "0.25", nil},
		{"braced name", "#{calc {My-Var} - 1}", plainVars("My-Var", "10"), "9", nil},
		{"negative", "#{calc -A * 2}", plainVars("A", "3"), "-6", nil},
		{"large", "#{calc 1000000 * 1000000000}", nil, "1E+15", nil},
		{"fraction", "#{calc 1 / 3}", nil, "0.3333333333333333", nil},
		{"undefined", "#{calc X + 1}", nil, "#{calc X + 1}", []string{"X"}},
	}, variables.Options{})
}

func TestSubstitute_EscapesAndEchoes(t *testing.T) {
	runForms(t, []formCase{
		{"empty binding", "a#{}b", nil, "a#{}b", nil},
		{"blank binding", "a#{ }b", nil, "a#{ }b", nil},
		{"hash before binding", "###{foo}", plainVars("foo", "bar"), "#bar", nil},
		{"escaped", "##{foo}", plainVars("foo", "bar"), "#{foo}", nil},
		{"lone hashes", "a # b ## c #", nil, "a # b ## c #", nil},
		{"keyword-like name before a filter", "#{iff | ToUpper}#{Eahc }", plainVars("iff", "x", "Eahc", "y"), "Xy", nil},
	}, variables.Options{})
}

func TestSubstitute_Filters(t *testing.T) {
	runForms(t, []formCase{
		{"Replace .NET groups", `#{A | Replace "o(.+)o([a-z]*)s" "o$2o$1s"}`, plainVars("A", "octopus"), "opuocts", nil},
		{"Replace named group", `#{A | Replace "(?<w>o)" "${w}0"}`, plainVars("A", "foo"), "fo0o0", nil},
		{"Replace dollar", `#{A | Replace "a" "$$"}`, plainVars("A", "bab"), "b$b", nil},
		{"Replace missing group", `#{A | Replace "a" "$3"}`, plainVars("A", "a"), "$3", nil},
		{"Match", `#{A | Match "^oct"}`, plainVars("A", "octopus"), "true", nil},
		{"Match no", `#{A | Match "^x"}`, plainVars("A", "octopus"), "false", nil},
		{"UriEscape keeps URLs", "#{A | UriEscape}", plainVars("A", "https://x.io/a b?q=1&r=é"), "https://x.io/a%20b?q=1&r=%C3%A9", nil},
		{"HtmlEscape", "#{A | HtmlEscape}", plainVars("A", `<a href='x/y'>&"`), "&lt;a href=&apos;x&#x2F;y&apos;&gt;&amp;&quot;", nil},
		{"docs: HtmlEscape", "#{ProjectName | HtmlEscape}", plainVars("ProjectName", "You & I"), "You &amp; I", nil},
		{"docs: Truncate", "#{MyVar | Truncate 7}", plainVars("MyVar", "Octopus Deploy"), "Octopus...", nil},
	}, variables.Options{})
}

func TestSubstitute_ReportedMistakes(t *testing.T) {
	tests := []struct {
		name, text string
		offset     int
		contains   string
	}{
		{"misspelt elseif", "#{if A}a#{elsif B}b#{/if}", 8, `did you mean "#{elseif}"`},
		{"misspelt end", "#{if A}a#{/iff}", 8, `did you mean "#{/if}"`},
		{"unknown end", "x#{/foreach}", 1, "not the end of a block"},
		{"misspelt each", "#{eahc x in L}#{/each}", 0, `did you mean "#{each}"`},
		{"elseif in unless", "#{unless A}a#{elseif B}b#{/unless}", 12, "only #{if} has #{elseif}"},
		{"elseif outside if", "a#{elseif B}", 1, "outside"},
		{"calc syntax", "#{calc 1 + }", 11, "missing operand"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := variables.Substitute(tc.text, plainVars("A", "0", "B", "1", "L", "a"), variables.Options{})
			require.ErrorIs(t, err, variables.ErrSyntax)
			var te *variables.TemplateError
			require.ErrorAs(t, err, &te)
			require.Equal(t, tc.offset, te.Offset, "%v", err)
			require.Contains(t, err.Error(), tc.contains)
		})
	}
	_, err := variables.Substitute("#{calc A + 1}", plainVars("A", "abc"), variables.Options{})
	require.ErrorIs(t, err, variables.ErrFilterArgument)
}

// TestResolve_EachIndexedInDefinitionOrder: in a project, the items of an indexed collection
// come in the order the names are defined, and a name without a value in the context is not
// an item.
func TestResolve_EachIndexedInDefinitionOrder(t *testing.T) {
	p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: []variables.Variable{
		{Name: "Steps[Web].Name", Value: variables.Plain("w")},
		{Name: "Steps[Api].Name", Value: variables.Plain("a")},
		{Name: "Steps[Prod only].Name", Value: variables.Plain("p"), Scope: variables.Scope{Environments: []string{"Prod"}}},
		{Name: "All", Value: variables.Plain("#{each s in Steps}#{s}=#{s.Name};#{/each}")},
	}})
	require.NoError(t, err)
	for env, want := range map[string]string{"Dev": "Web=w;Api=a;", "Prod": "Web=w;Api=a;Prod only=p;"} {
		r, err := p.Resolve(variables.Context{Environment: env}, variables.Options{})
		require.NoError(t, err)
		got, ok := r.Get("All")
		require.True(t, ok)
		require.Equal(t, want, got.Reveal(), env)
	}
}

func TestSubstitute_TruncateSuffix(t *testing.T) {
	name := plainVars("Product", "Octopus Deploy", "Tail", " [more]")
	runForms(t, []formCase{
		{"default suffix is an ellipsis", "#{Product | Truncate 3}", name, "Oct...", nil},
		{"own suffix replaces the ellipsis", "#{Product | Truncate 3 ~}", name, "Oct~", nil},
		{"quoted suffix with spaces", `#{Product | Truncate 4 " (cut)"}`, name, "Octo (cut)", nil},
		{"empty suffix appends nothing", `#{Product | Truncate 5 ""}`, name, "Octop", nil},
		{"no suffix when nothing is cut", "#{Product | Truncate 99 ~}", name, "Octopus Deploy", nil},
		{"suffix from a binding", "#{Product | Truncate 2 #{Tail}}", name, "Oc [more]", nil},
	}, variables.Options{})
}

func TestSubstitute_ArgumentOpeningWithBinding(t *testing.T) {
	vars := plainVars("Text", "a-b-c", "From", "-", "To", "+", "Tail", "...")
	runForms(t, []formCase{
		{"adjacent bindings are two arguments", "#{Text | Replace #{From}#{To}}", vars, "a+b+c", nil},
		{"spaced bindings are two arguments", "#{Text | Replace #{From} #{To}}", vars, "a+b+c", nil},
		{"text after a binding is its own argument", "#{Text | Truncate #{Two}#{Tail}}", plainVars("Text", "abcdef", "Two", "2", "Tail", "~"), "ab~", nil},
		{"a binding inside a word stays in the word", "#{Text | Replace x#{From} y}", plainVars("Text", "ax-b", "From", "-"), "ayb", nil},
	}, variables.Options{})
}

func TestSubstitute_ValueReadsItselfByPath(t *testing.T) {
	runForms(t, []formCase{
		{"a member refers to a sibling", "#{Cfg.Url}", plainVars("Cfg", `{"Port": 8080, "Url": "http://host:#{Cfg.Port}"}`), "http://host:8080", nil},
		{"the whole value refers to a sibling", "#{Cfg}", plainVars("Cfg", `{"A": "x", "B": "#{Cfg.A}"}`), `{"A": "x", "B": "x"}`, nil},
		{"a value not JSON as written leaves the path undefined", "#{Self}", plainVars("Self", "#{Self.Part}"), "#{Self.Part}", []string{"Self.Part"}},
		{"an index into itself through a nested name", "#{V}", plainVars("V", "#{V[#{K}]}", "K", "k"), "#{V[#{K}]}", []string{"V[k]"}},
		{"a sibling that binds again stays undefined", "#{Cfg.A}", plainVars("Cfg", `{"A": "#{Cfg.B}", "B": "#{Other}"}`, "Other", "o"), "#{Cfg.B}", []string{"Cfg.B"}},
	}, variables.Options{})

	_, err := variables.Substitute("#{Loop}", plainVars("Loop", "x#{Loop}"), variables.Options{})
	require.ErrorIs(t, err, variables.ErrCycle, "a value that binds itself whole is still a cycle")

	res, err := variables.Substitute("#{S.Url}", map[string]variables.Value{
		"S": variables.Sensitive(`{"Key": "k1", "Url": "u?key=#{S.Key}"}`),
	}, variables.Options{})
	require.NoError(t, err)
	require.True(t, res.Text.IsSensitive(), "reading a sensitive value as written keeps it secret")
	require.Equal(t, "u?key=k1", res.Text.Reveal())
}

// TestSubstitute_BindingWithoutName: a binding with filters and no name has no value to filter.
// As in Octopus, NowDate and NowDateUtc make a value of their own and can open it; any other
// filter leaves it echoed as written and listed as unresolved, never a value made from "".
func TestSubstitute_BindingWithoutName(t *testing.T) {
	now := time.Date(2026, 11, 30, 22, 45, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, want string
		unresolved []string
	}{
		{`#{ | NowDateUtc yyyy-MM-dd}`, "2026-11-30", nil},
		{`[#{ | NowDate "HH:mm"}]`, "[22:45]", nil},
		{`[#{ | Null}]`, "[]", nil},
		{`#{|Append foo}`, "foo", nil},
		{`#{ | Prepend "a b" | ToUpper}`, "A B", nil},
		{`#{ | MD5}`, "#{ | MD5}", []string{"#{ | MD5}"}},
		{`#{ | ToUpper}!`, "#{ | ToUpper}!", []string{"#{ | ToUpper}"}},
		{`#{ | Indent | NowDate}`, "#{ | Indent | NowDate}", []string{"#{ | Indent | NowDate}"}},
	} {
		got, err := variables.Substitute(tc.text, nil, variables.Options{Now: now})
		require.NoError(t, err, tc.text)
		require.Equal(t, tc.want, got.Text.Reveal(), tc.text)
		require.Equal(t, tc.unresolved, got.Unresolved, tc.text)
	}
}
