package variables_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/variables"
)

// Generators draw from small universes so that scopes often match and tie.

func genScope() *rapid.Generator[variables.Scope] {
	pick := func(t *rapid.T, label string, universe ...string) []string {
		if !rapid.Bool().Draw(t, label+"?") {
			return nil
		}
		return rapid.SliceOfNDistinct(rapid.SampledFrom(universe), 1, 2, rapid.ID[string]).Draw(t, label)
	}
	return rapid.Custom(func(t *rapid.T) variables.Scope {
		return variables.Scope{
			Environments: pick(t, "env", "Dev", "Prod"),
			Tenants:      pick(t, "tenant", "T1", "T2"),
			TenantTags:   pick(t, "tags", "Tier/Gold", "Tier/Silver", "Region/EU"),
			Channels:     pick(t, "channel", "Default", "Beta"),
			Roles:        pick(t, "role", "web", "db"),
			Targets:      pick(t, "target", "m1", "m2"),
			Steps:        pick(t, "step", "s1", "s2"),
		}
	})
}

func TestCompareSpecificity_StrictWeakOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := genScope().Draw(t, "a"), genScope().Draw(t, "b"), genScope().Draw(t, "c")
		less := func(x, y variables.Scope) bool { return variables.CompareSpecificity(x, y) < 0 }
		eq := func(x, y variables.Scope) bool { return !less(x, y) && !less(y, x) }
		if less(a, a) {
			t.Fatal("not irreflexive")
		}
		if variables.CompareSpecificity(a, b) != -variables.CompareSpecificity(b, a) {
			t.Fatal("not antisymmetric")
		}
		if less(a, b) && less(b, c) && !less(a, c) {
			t.Fatal("not transitive")
		}
		if eq(a, b) && eq(b, c) && !eq(a, c) {
			t.Fatal("incomparability not transitive")
		}
	})
}

func genContext() *rapid.Generator[variables.Context] {
	return rapid.Custom(func(t *rapid.T) variables.Context {
		ctx := variables.Context{
			Project:     "P",
			Environment: rapid.SampledFrom([]string{"Dev", "Prod"}).Draw(t, "env"),
			Channel:     rapid.SampledFrom([]string{"", "Default", "Beta"}).Draw(t, "channel"),
			Step:        rapid.SampledFrom([]string{"", "s1", "s2"}).Draw(t, "step"),
			Target:      rapid.SampledFrom([]string{"", "m1", "m2"}).Draw(t, "target"),
			Tenant:      rapid.SampledFrom([]string{"", "T1", "T2"}).Draw(t, "tenant"),
		}
		if ctx.Target != "" {
			ctx.Roles = rapid.SliceOfDistinct(rapid.SampledFrom([]string{"web", "db"}), rapid.ID[string]).Draw(t, "roles")
		}
		if ctx.Tenant != "" {
			ctx.TenantTags = rapid.SliceOfDistinct(rapid.SampledFrom([]string{"Tier/Gold", "Tier/Silver", "Region/EU"}), rapid.ID[string]).Draw(t, "tags")
		}
		return ctx
	})
}

func TestResolve_OrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := []string{"A", "B", "C"}
		vars := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) variables.Variable {
			return variables.Variable{
				Name:  rapid.SampledFrom(names).Draw(t, "name"),
				Value: variables.Plain(rapid.StringMatching(`[a-z]{1,3}`).Draw(t, "value")),
				Scope: genScope().Draw(t, "scope"),
			}
		}), 1, 12).Draw(t, "vars")
		perm := rapid.Permutation(vars).Draw(t, "perm")
		ctx := genContext().Draw(t, "ctx")
		r1 := mustResolve(t, variables.ProjectSpec{Name: "P", Variables: vars}, ctx)
		r2 := mustResolve(t, variables.ProjectSpec{Name: "P", Variables: perm}, ctx)
		tied := map[string]bool{}
		for _, c := range append(r1.Conflicts(), r2.Conflicts()...) {
			tied[c.Name] = true
		}
		if !slices.Equal(r1.Names(), r2.Names()) {
			t.Fatalf("names differ: %v vs %v", r1.Names(), r2.Names())
		}
		for _, n := range r1.Names() {
			v1, _ := r1.Get(n)
			v2, _ := r2.Get(n)
			if !tied[n] && v1 != v2 {
				t.Fatalf("%s: %q vs %q without a reported tie", n, v1.Reveal(), v2.Reveal())
			}
			// The explanation agrees with the resolution.
			ex, ok := r1.Explain(n)
			if !ok {
				t.Fatalf("no explanation for %s", n)
			}
			if _, isSys := slices.BinarySearch(variables.SystemNames(), n); !isSys && ex.Winner.Value != v1 && !strings.Contains(ex.Winner.Value.Reveal(), "#{") {
				t.Fatalf("%s: explanation winner %q, value %q", n, ex.Winner.Value.Reveal(), v1.Reveal())
			}
		}
	})
}

func mustResolve(t *rapid.T, spec variables.ProjectSpec, ctx variables.Context) *variables.Resolution {
	p, err := variables.NewProject(spec)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Resolve(ctx, variables.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSubstitute_PlainTextUnchanged(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.String().Filter(func(s string) bool { return !strings.Contains(s, "#{") }).Draw(t, "text")
		got, err := variables.Substitute(s, plainVars("X", "1"), variables.Options{})
		if err != nil || got.Text.Reveal() != s || len(got.Unresolved) > 0 {
			t.Fatalf("%q -> %q, %v", s, got.Text.Reveal(), err)
		}
	})
}

// genTemplateText draws near-miss template text from a small alphabet rich in syntax.
func genTemplateText() *rapid.Generator[string] {
	tokens := []string{"#", "{", "}", "#{", "##{", "A", "b", " ", "|", "ToUpper", "Truncate 2", "if ", "else", "/if",
		"unless ", "/unless", "each x in L", "/each", "==", "!=", `"A"`, "[", "]", "x", "L", "Replace a b", "Nope"}
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(rapid.SampledFrom(tokens), 0, 30).Draw(t, "tokens"), "")
	})
}

func TestEscape_RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.String(), genTemplateText()).Draw(t, "s")
		got, err := variables.Substitute(variables.Escape(s), plainVars("A", "1"), variables.Options{})
		if err != nil || got.Text.Reveal() != s {
			t.Fatalf("%q -> %q -> %q, %v", s, variables.Escape(s), got.Text.Reveal(), err)
		}
	})
}

func TestSubstitute_Deterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := genTemplateText().Draw(t, "text")
		vars := plainVars("A", rapid.SampledFrom([]string{"", "x", "#{b}", "#{A}", "no", "a,b"}).Draw(t, "A"),
			"b", rapid.SampledFrom([]string{"", "y", "#{x}", "True"}).Draw(t, "b"), "L", "1,2")
		r1, err1 := variables.Substitute(text, vars, variables.Options{})
		r2, err2 := variables.Substitute(text, vars, variables.Options{})
		if fmt.Sprint(err1) != fmt.Sprint(err2) || r1.Text != r2.Text || !slices.Equal(r1.Unresolved, r2.Unresolved) {
			t.Fatalf("not deterministic: %q %v / %q %v", r1.Text.Reveal(), err1, r2.Text.Reveal(), err2)
		}
	})
}

// The exported types that can hold a value print masked forms in every verb, whatever fmt
// would find in their fields.
var (
	_ fmt.Formatter = variables.Value{}
	_ fmt.Formatter = variables.Variable{}
	_ fmt.Formatter = variables.Template{}
	_ fmt.Formatter = variables.Library{}
	_ fmt.Formatter = variables.ProjectSpec{}
	_ fmt.Formatter = variables.TenantValue{}
	_ fmt.Formatter = variables.TenantValues{}
	_ fmt.Formatter = variables.Context{}
	_ fmt.Formatter = variables.Project{}
	_ fmt.Formatter = variables.Resolution{}
	_ fmt.Formatter = variables.Candidate{}
	_ fmt.Formatter = variables.Conflict{}
	_ fmt.Formatter = variables.Explanation{}
	_ fmt.Formatter = variables.Beaten{}
	_ fmt.Formatter = variables.Result{}
)

// secretVerbs are the fmt verbs every output is printed with.
var secretVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10.3v", "%d"}

// TestSecrets_NeverPrinted: no rendering of any value of this package (every exported type
// that can hold a value, in every fmt verb and in JSON, and every error) contains the plaintext
// of a sensitive value or a name written inside one, and an error about a sensitive text gives
// no position in it.
func TestSecrets_NeverPrinted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		secret := "zz" + rapid.StringMatching(`[a-y0-9]{2,10}`).Draw(t, "secret")
		inner := "qq" + rapid.StringMatching(`[a-y0-9]{2,10}`).Draw(t, "inner") // a name inside the secret
		secretText := secret + rapid.SampledFrom([]string{"",
			"#{" + inner + "}", "#{" + inner + " | ToUpper}", "#{Map[#{" + inner + "}]}", "#{if " + inner + "}a#{/if}#{" + inner + "}",
			"#{each x in " + inner + "}#{x}#{/each}#{x | Truncate " + inner + "}", "#{Conn | Replace " + inner + "}",
			"#{", "#{X | Nope}", "#{" + inner + " | Nope}", "#{/if}", "#{X | Truncate " + inner + "}", "#{X | Replace \"(" + inner + "\"}",
			// The forms of the whole language: each of them reads or names something secret.
			"#{calc " + inner + " + 1}", "#{calc Num * " + inner + "}", "#{if " + inner + " | ToUpper == \"X\"}a#{elseif " + inner + "}b#{else}c#{/if}",
			"#{" + inner + ".a[0]}", "#{each x in " + inner + "}#{x.Key}#{x.Value}#{/each}", "#{elsif " + inner + "}", "#{/" + inner + "}",
			"#{X | Match \"(" + inner + "\"}", "#{Num | Match " + inner + "}", "#{ | " + inner + "}", "###{" + inner + "}", "#{}",
		}).Draw(t, "tail")
		sensitive := map[string]bool{"password": true, "api.key": true, "other": true, "dup": true, "s": true}
		spec := variables.ProjectSpec{
			Name: "P",
			Variables: []variables.Variable{
				{Name: "Password", Value: variables.Sensitive(secretText)},
				{Name: "Conn", Value: variables.Plain("user=a;password=#{Password}")},
				{Name: "Upper", Value: variables.Plain("#{Password | ToUpper}#{if Password}!#{/if}")},
				{Name: "Index", Value: variables.Plain("#{Map[#{Password}]}")},
				{Name: "Num", Value: variables.Plain("2")},
				{Name: "Json", Value: variables.Sensitive(`{"k": "` + secret + `", "a": [1, "` + secret + `"], "o": {"x": "#{Password}"}}`)},
				{Name: "Paths", Value: variables.Plain("#{Json.k}#{Json.a}#{each x in Json}#{x}=#{x.Value};#{/each}#{calc Json.a[0] + Num}#{Json.o.x}")},
				{Name: "Each", Value: variables.Plain("#{each x in Password}#{x | Replace \"z\" \"$0$0\"}#{Octopus.Template.Each.Last}#{/each}")},
				{Name: "Calc", Value: variables.Plain("#{calc Password + 1}")},
				{Name: "Dup", Value: variables.Sensitive(secretText)},
				{Name: "Dup", Value: variables.Plain("plain")},
			},
			Templates: []variables.Template{{Name: "Api.Key", Sensitive: true, Default: variables.Plain(secretText), HasDefault: true}, {Name: "Other"}},
			Libraries: []variables.Library{{Name: "Lib", Variables: []variables.Variable{{Name: "Dup", Value: variables.Sensitive(secret)}},
				Templates: []variables.Template{{Name: "Common", Default: variables.Sensitive(secret), HasDefault: true}}}},
		}
		tv := variables.TenantValues{Project: []variables.TenantValue{
			{Template: "Api.Key", Value: variables.Plain(secret)},
			{Template: "Other", Value: variables.Sensitive(secretText)},
		}, Common: map[string][]variables.TenantValue{"Lib": {{Template: "Common", Value: variables.Sensitive(secretText)}}}}
		ctx := variables.Context{Project: "P", Environment: "Dev", Tenant: "T", Values: tv}
		// A TenantValue does not know its template is sensitive: printed, it shows the value as
		// given. The template's default, and every output of a resolution, are masked.
		shown := ctx
		shown.Values.Project = slices.Clone(tv.Project)
		shown.Values.Project[0].Value = variables.Sensitive(secret)
		outputs := []any{spec, spec.Variables[0], spec.Templates[0], spec.Libraries[0], shown, shown.Values, shown.Values.Project[1]}
		var errs []error
		if p, err := variables.NewProject(spec); err != nil {
			errs = append(errs, err)
		} else {
			outputs = append(outputs, p, *p)
			r, err := p.Resolve(ctx, variables.Options{})
			if err != nil {
				errs = append(errs, err)
			} else {
				outputs = append(outputs, r, *r, r.Conflicts(), r.Names(), r.Unresolved(), r.UnresolvedInSensitive(), r.Missing())
				for _, c := range r.Conflicts() {
					outputs = append(outputs, c, c.Candidates[0])
				}
				for _, n := range r.Names() {
					v, _ := r.Get(n)
					ex, _ := r.Explain(n)
					outputs = append(outputs, v, ex, ex.Text, ex.String(), ex.Winner, ex.Beaten)
					for _, b := range ex.Beaten {
						outputs = append(outputs, b)
					}
				}
			}
		}
		res, err := variables.Substitute("#{Password}#{Password | Truncate #{Password}}", map[string]variables.Value{"Password": variables.Sensitive(secretText)}, variables.Options{})
		outputs = append(outputs, res, res.Unresolved)
		errs = append(errs, err)
		_, err = variables.NewProject(variables.ProjectSpec{Variables: []variables.Variable{{Name: "S", Value: variables.Sensitive(secretText + "#{")}}})
		errs = append(errs, err)
		for _, err := range errs {
			outputs = append(outputs, err)
			for _, te := range templateErrors(err) {
				outputs = append(outputs, te, *te)
				if sensitive[strings.ToLower(te.Variable)] && (!te.Sensitive || te.Offset != 0) {
					t.Fatalf("error in the sensitive value of %q gives a position: %v", te.Variable, te)
				}
			}
		}
		for _, o := range outputs {
			for _, verb := range secretVerbs {
				checkNoLeak(t, fmt.Sprintf(verb, o), secret, inner)
				checkNoLeak(t, fmt.Sprintf(verb, &o), secret, inner)
			}
			if b, err := json.Marshal(o); err == nil {
				checkNoLeak(t, string(b), secret, inner)
			}
		}
	})
}

// templateErrors returns every *TemplateError in err's tree.
func templateErrors(err error) []*variables.TemplateError {
	var out []*variables.TemplateError
	var walk func(error)
	walk = func(err error) {
		if te, ok := err.(*variables.TemplateError); ok {
			out = append(out, te)
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// checkNoLeak fails when out shows any of secrets, as it is, in upper case or in hex.
func checkNoLeak(t *rapid.T, out string, secrets ...string) {
	for _, secret := range secrets {
		if strings.Contains(strings.ToLower(out), secret) || strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte(secret))) {
			t.Fatalf("secret %q leaked in %q", secret, out)
		}
	}
}

func TestValue_SensitiveMaskedInEveryFormat(t *testing.T) {
	s := variables.Sensitive("hunter2")
	p := variables.Plain("open")
	for _, tt := range []struct{ format, want string }{
		{"%v", "********"}, {"%s", "********"}, {"%q", `"********"`}, {"%#v", `variables.Sensitive("********")`},
		{"%x", hex.EncodeToString([]byte("********"))}, {"%10s", "  ********"},
	} {
		require.Equal(t, tt.want, fmt.Sprintf(tt.format, s), tt.format)
	}
	require.Equal(t, "open", fmt.Sprint(p))
	require.Equal(t, `variables.Plain("open")`, fmt.Sprintf("%#v", p))
	require.Equal(t, "hunter2", s.Reveal())
	require.True(t, s.IsSensitive())
	b, err := json.Marshal(map[string]variables.Value{"s": s, "p": p})
	require.NoError(t, err)
	require.JSONEq(t, `{"s":"********","p":"open"}`, string(b))
	txt, err := s.MarshalText()
	require.NoError(t, err)
	require.Equal(t, variables.Mask, string(txt))
	require.Equal(t, variables.Value{}, variables.Plain(""))
}

func TestSubstitute_BindingSensitiveIsSensitive(t *testing.T) {
	vars := map[string]variables.Value{"P": variables.Sensitive("pw"), "U": variables.Plain("u"), "C": variables.Plain("#{U}:#{P}")}
	got, err := variables.Substitute("#{C}", vars, variables.Options{})
	require.NoError(t, err)
	require.True(t, got.Text.IsSensitive())
	require.Equal(t, "u:pw", got.Text.Reveal())
	got, err = variables.Substitute("#{U}", vars, variables.Options{})
	require.NoError(t, err)
	require.False(t, got.Text.IsSensitive())
	got, err = variables.Substitute("#{X[#{P}]}", vars, variables.Options{})
	require.NoError(t, err)
	require.Equal(t, []string{"X[#{P}]"}, got.Unresolved, "a name computed from a secret is reported as written")
}
