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

func TestCompareSpecificity_StrictWeakOrder_Semantics6_2(t *testing.T) {
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

func TestResolve_OrderIndependent_Semantics6_3(t *testing.T) {
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

func TestSubstitute_PlainTextUnchanged_Semantics6_8(t *testing.T) {
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

func TestEscape_RoundTrip_Semantics6_8(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.String(), genTemplateText()).Draw(t, "s")
		got, err := variables.Substitute(variables.Escape(s), plainVars("A", "1"), variables.Options{})
		if err != nil || got.Text.Reveal() != s {
			t.Fatalf("%q -> %q -> %q, %v", s, variables.Escape(s), got.Text.Reveal(), err)
		}
	})
}

func TestSubstitute_Deterministic_Semantics6_8(t *testing.T) {
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

// TestSecrets_NeverPrinted_Semantics6_10: no rendering of any value of this package contains
// the plaintext of a sensitive value.
func TestSecrets_NeverPrinted_Semantics6_10(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		secret := "zz" + rapid.StringMatching(`[a-y0-9]{2,10}`).Draw(t, "secret")
		broken := rapid.Bool().Draw(t, "broken")
		secretText := secret
		if broken {
			secretText = secret + rapid.SampledFrom([]string{"#{", "#{X | Nope}", "#{/if}", "#{X | Truncate " + secret + "}"}).Draw(t, "syntax")
		}
		spec := variables.ProjectSpec{
			Name: "P",
			Variables: []variables.Variable{
				{Name: "Password", Value: variables.Sensitive(secret)},
				{Name: "Conn", Value: variables.Plain("user=a;password=#{Password}")},
				{Name: "Upper", Value: variables.Plain("#{Password | ToUpper}#{if Password}!#{/if}")},
				{Name: "Index", Value: variables.Plain("#{Map[#{Password}]}")},
			},
			Templates: []variables.Template{{Name: "Api.Key", Sensitive: true}, {Name: "Other"}},
		}
		tv := variables.TenantValues{Project: []variables.TenantValue{
			{Template: "Api.Key", Value: variables.Plain(secret)},
			{Template: "Other", Value: variables.Sensitive(secretText)},
		}}
		var outputs []any
		p, err := variables.NewProject(spec)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, p, *p)
		r, err := p.Resolve(variables.Context{Project: "P", Environment: "Dev", Tenant: "T", Values: tv}, variables.Options{})
		if err != nil {
			outputs = append(outputs, err, err.Error())
		} else {
			outputs = append(outputs, r, *r, r.Conflicts(), r.Names(), r.Unresolved(), r.Missing())
			for _, n := range r.Names() {
				v, _ := r.Get(n)
				ex, _ := r.Explain(n)
				outputs = append(outputs, v, ex, ex.Text, ex.String())
			}
		}
		res, err := variables.Substitute("#{Password}#{Password | Truncate #{Password}}", map[string]variables.Value{"Password": variables.Sensitive(secretText)}, variables.Options{})
		outputs = append(outputs, res, err)
		_, err = variables.NewProject(variables.ProjectSpec{Variables: []variables.Variable{{Name: "S", Value: variables.Sensitive(secretText + "#{")}}})
		outputs = append(outputs, err)
		for _, o := range outputs {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10.3v"} {
				checkNoLeak(t, secret, fmt.Sprintf(verb, o))
			}
			if b, err := json.Marshal(o); err == nil {
				checkNoLeak(t, secret, string(b))
			}
		}
	})
}

func checkNoLeak(t *rapid.T, secret, out string) {
	if strings.Contains(out, secret) || strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte(secret))) ||
		strings.Contains(out, strings.ToUpper(secret)) {
		t.Fatalf("secret %q leaked in %q", secret, out)
	}
}

func TestValue_Format_Semantics6_10(t *testing.T) {
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

func TestSubstitute_Sensitive_Semantics6_10(t *testing.T) {
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
