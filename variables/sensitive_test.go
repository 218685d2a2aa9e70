package variables_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

// A name written inside a sensitive value is text of the secret: it is not reported as
// unresolved; the variable whose value it is is reported instead.
func TestSensitive_UnresolvedNameHidden(t *testing.T) {
	res, err := variables.Substitute("#{P} #{Missing}", map[string]variables.Value{"P": variables.Sensitive("hunter#{2secretTail}")}, variables.Options{})
	require.NoError(t, err)
	require.Equal(t, "hunter#{2secretTail} #{Missing}", res.Text.Reveal())
	require.Equal(t, []string{"Missing"}, res.Unresolved)
	require.Equal(t, []string{"P"}, res.UnresolvedInSensitive)
	require.NotContains(t, fmt.Sprintf("%+v", res), "secretTail")

	p, err := variables.NewProject(variables.ProjectSpec{Name: "P",
		Variables: []variables.Variable{
			{Name: "Password", Value: variables.Sensitive("hunter#{2secretTail}")},
			{Name: "Conn", Value: variables.Plain("#{Password};#{Nope}")},
		},
		Templates: []variables.Template{{Name: "Key", Sensitive: true}},
	})
	require.NoError(t, err)
	r, err := p.Resolve(variables.Context{Environment: "Dev", Tenant: "T", Values: variables.TenantValues{Project: []variables.TenantValue{
		{Template: "Key", Value: variables.Plain("k#{otherSecret}")}}}}, variables.Options{})
	require.NoError(t, err)
	require.Equal(t, []string{"Nope"}, r.Unresolved())
	require.Equal(t, []string{"Key", "Password"}, r.UnresolvedInSensitive())
	require.Equal(t, `variables.Resolution{names: 7, missing: [], conflicts: 0, unresolved: ["Nope"], unresolved in sensitive: ["Key" "Password"]}`, fmt.Sprint(r))
}

// An error in a sensitive text gives no position in it and quotes none of it.
func TestSensitive_ErrorsHidePosition(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{"syntax", "hunter2#{", `variable "S" (sensitive value): invalid template syntax: unterminated "#{" [invalid-expression]`},
		{"unknown filter", "hunter2#{X | Secretfilter}", `variable "S" (sensitive value): unknown filter: (sensitive text) is not a filter [invalid-expression]`},
		{"argument", "hunter2#{X | Truncate secret}", `variable "S" (sensitive value): invalid filter argument: filter Truncate: argument 1 (sensitive text) is not a non-negative integer [invalid-expression]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := variables.NewProject(variables.ProjectSpec{Variables: []variables.Variable{{Name: "S", Value: variables.Sensitive(tt.value)}}})
			var te *variables.TemplateError
			require.ErrorAs(t, err, &te)
			require.True(t, te.Sensitive)
			require.Zero(t, te.Offset)
			require.EqualError(t, te, tt.want)
		})
	}
	// The same text, not sensitive, is located and quoted.
	_, err := variables.NewProject(variables.ProjectSpec{Variables: []variables.Variable{{Name: "S", Value: variables.Plain("hunter2#{X | Secretfilter}")}}})
	require.ErrorContains(t, err, `variable "S" at offset 13: unknown filter: "Secretfilter" is not a filter`)
}

// A cycle through a sensitive value masks the names referenced from it and is reported on
// that value, without a position.
func TestSensitive_CycleMasked(t *testing.T) {
	for _, order := range [][]string{{"A", "B"}, {"B", "A"}} {
		values := map[string]variables.Value{"A": variables.Sensitive("x#{B}"), "B": variables.Plain("#{A}")}
		var vars []variables.Variable
		for _, n := range order {
			vars = append(vars, variables.Variable{Name: n, Value: values[n]})
		}
		p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: vars})
		require.NoError(t, err)
		_, err = p.Resolve(variables.Context{Environment: "Dev"}, variables.Options{})
		require.ErrorIs(t, err, variables.ErrCycle)
		var te *variables.TemplateError
		require.ErrorAs(t, err, &te)
		require.Equal(t, "A", te.Variable, "reported on the sensitive value")
		require.True(t, te.Sensitive)
		require.Zero(t, te.Offset)
		want := map[string][]string{"A": {"A", variables.Mask, "A"}, "B": {variables.Mask, "A", variables.Mask}}[order[0]]
		if diff := cmp.Diff(want, te.Cycle); diff != "" {
			t.Errorf("cycle starting at %s (-want +got):\n%s", order[0], diff)
		}
		require.NotContains(t, err.Error(), "B")
	}
	// Without a sensitive value the cycle is named in full.
	_, err := variables.Substitute("#{A}", map[string]variables.Value{"A": variables.Plain("#{B}"), "B": variables.Plain("#{A}")}, variables.Options{})
	var te *variables.TemplateError
	require.True(t, errors.As(err, &te))
	require.Equal(t, []string{"A", "B", "A"}, te.Cycle)
	require.False(t, te.Sensitive)
}

// Every exported type that can hold a value prints it masked, in every verb.
func TestFormat_Masked(t *testing.T) {
	secret := variables.Sensitive("pw")
	v := variables.Variable{Name: "A", Value: secret, Scope: variables.Scope{Roles: []string{"web"}}}
	tmpl := variables.Template{Name: "T", Default: variables.Plain("pw"), HasDefault: true, Sensitive: true}
	tests := []struct {
		format string
		value  any
		want   string
	}{
		{"%v", v, "{A ******** roles=[web]}"},
		{"%+v", v, "{Name:A Value:******** Scope:roles=[web]}"},
		{"%s", &v, "{A ******** roles=[web]}"},
		{"%q", v, `"{A ******** roles=[web]}"`},
		{"%x", v, fmt.Sprintf("%x", "{A ******** roles=[web]}")},
		{"%#v", v, `variables.Variable{Name:"A", Value:variables.Sensitive("********"), Scope:variables.Scope{Environments:[]string(nil), Tenants:[]string(nil), TenantTags:[]string(nil), Channels:[]string(nil), Roles:[]string{"web"}, Targets:[]string(nil), Steps:[]string(nil)}}`},
		{"%+v", tmpl, "{Name:T Label: Default:******** HasDefault:true Sensitive:true}"},
		{"%v", variables.TenantValue{Template: "T", Value: secret, Environments: []string{"Dev"}}, "{T ******** [Dev]}"},
		{"%+v", variables.Result{Text: secret, UnresolvedInSensitive: []string{"P"}}, "{Text:******** Unresolved:[] UnresolvedInSensitive:[P]}"},
		{"%#v", variables.Candidate{Source: variables.SourceProject, Value: secret}, `variables.Candidate{Source:0x1, Library:"", Scope:variables.Scope{Environments:[]string(nil), Tenants:[]string(nil), TenantTags:[]string(nil), Channels:[]string(nil), Roles:[]string(nil), Targets:[]string(nil), Steps:[]string(nil)}, Value:variables.Sensitive("********"), Index:0}`},
		{"%v", variables.Explanation{Name: "A", Text: "A = \"********\""}, `A = "********"`},
		{"%v", variables.Resolution{}, "variables.Resolution{}"},
		{"%v", variables.Project{}, "variables.Project{}"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, fmt.Sprintf(tt.format, tt.value), "%s of %T", tt.format, tt.value)
	}
	b, err := tmpl.MarshalJSON()
	require.NoError(t, err)
	require.JSONEq(t, `{"Name":"T","Label":"","Default":"********","HasDefault":true,"Sensitive":true}`, string(b))
}

// TestSensitive_NewForms: a JSON path into a sensitive value, an each over a sensitive list (or
// a sensitive JSON value), a calc or a condition that reads a secret, and a filter of a secret
// are sensitive as a whole; escaped text and branches not taken read nothing.
func TestSensitive_NewForms(t *testing.T) {
	vars := map[string]variables.Value{
		"Json": variables.Sensitive(`{"Host": "db", "Ports": [1, 2]}`),
		"List": variables.Sensitive("a,b"),
		"Num":  variables.Sensitive("41"),
		"Open": variables.Plain(`{"Host": "web"}`),
	}
	for _, tc := range []struct {
		text, want string
		sensitive  bool
	}{
		{"#{Json.Host}", "db", true},
		{"#{Json.Ports[1]}", "2", true},
		{"#{each p in Json.Ports}#{Octopus.Template.Each.Index}#{/each}", "01", true},
		{"#{each x in List}#{x}#{/each}", "ab", true},
		{"#{each x in Json}#{x}#{/each}", "HostPorts", true},
		{"#{calc Num + 1}", "42", true},
		{"#{if Num == \"41\"}y#{/if}", "y", true},
		{"#{if Open}#{Open.Host}#{elseif Num}#{Num}#{/if}", "web", false},
		{"##{Json.Host} #{Open.Host}", "#{Json.Host} web", false},
		{"#{Json | Match \"Host\"}", "true", true},
		{"#{Num | Replace \"4\" \"$0$0\"}", "441", true},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := variables.Substitute(tc.text, vars, variables.Options{})
			require.NoError(t, err)
			require.Equal(t, tc.want, got.Text.Reveal())
			require.Equal(t, tc.sensitive, got.Text.IsSensitive())
		})
	}
}

// TestSensitive_MisspeltKeywordHidden: a misspelt keyword inside a secret is reported without the
// keyword it resembles, which would tell what the secret holds.
func TestSensitive_MisspeltKeywordHidden(t *testing.T) {
	for _, text := range []string{"#{elsif hunter2}", "#{/iff}"} {
		_, err := variables.Substitute("#{P}", map[string]variables.Value{"P": variables.Sensitive(text)}, variables.Options{})
		require.ErrorIs(t, err, variables.ErrSyntax)
		require.NotContains(t, err.Error(), "did you mean")
		require.NotContains(t, err.Error(), "hunter2")
		require.NotContains(t, err.Error(), "iff")
	}
}
