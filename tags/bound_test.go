package tags_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/tags"
)

func TestBind_Semantics1_4(t *testing.T) {
	w01 := newWorld(t, conformance01, tenants01)
	w03 := newWorld(t, conformance03, tenants03)
	tests := []struct {
		name string
		w    *world
		expr string
		want []string
		errs []string
	}{
		{name: "and/or", w: w01, expr: `"Importance/VIP" and ("Release Ring/Alpha" or "Release Ring/Beta")`,
			want: []string{"T1", "T4"}},
		{name: "tenant union", w: w01, expr: `tenant("Capital Animal Hospital") or (Importance/VIP and not "Release Ring/Stable")`,
			want: []string{"Capital Animal Hospital", "T1"}},
		{name: "set wildcard", w: w01, expr: `"Release Ring/*" and not Importance/*`, want: []string{"T5"}},
		{name: "not binds tighter than and, and tighter than or", w: w01,
			expr: `not Importance/VIP and "Release Ring/Beta" or "Release Ring/Alpha" and Importance/VIP`,
			want: []string{"T1", "T3"}},
		{name: "symbols", w: w01, expr: `!Importance/VIP && ("Release Ring/Alpha" || "Release Ring/Beta")`,
			want: []string{"T3", "T5"}},
		{name: "true", w: w01, expr: "true", want: w01.names},
		{name: "false", w: w01, expr: "false", want: []string{}},
		{name: "not false", w: w01, expr: "not false and not not Importance/Trial or TRUE and FALSE", want: []string{}},
		{name: "free text wildcard", w: w03, expr: "Region/*", want: []string{"Acme", "Globex"}},
		{name: "single select", w: w03, expr: `"Upgrade ring/Early adopter" or Feature/SSO`, want: []string{"Acme", "Initech"}},
		{name: "free text value nobody carries", w: w03, expr: "Region/ap-south-1", want: []string{}},
		{name: "not a free text value nobody carries", w: w03, expr: "not Region/ap-south-1", want: w03.names},
		{name: "unknown tag", w: w01, expr: "Importance/Gold", errs: []string{"unknown-tag"}},
		{name: "unknown tag set", w: w01, expr: "Colour/Red", errs: []string{"unknown-tag-set"}},
		{name: "unknown tenant", w: w01, expr: `tenant("Nobody")`, errs: []string{"unknown-tenant"}},
		{name: "predefined set rejects unknown tags", w: w03, expr: `"Upgrade ring/Pinned"`, errs: []string{"unknown-tag"}},
		{name: "all errors at once", w: w01, expr: `Colour/Red or tenant("X") and not Importance/Gold or Colour/*`,
			errs: []string{"unknown-tag-set", "unknown-tenant", "unknown-tag", "unknown-tag-set"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tags.ParseExpr(tt.expr)
			require.NoError(t, err)
			b, err := e.Bind(tt.w.cat, tt.w.lookup)
			if tt.errs != nil {
				require.Nil(t, b)
				require.Equal(t, tt.errs, codes(err))
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, tt.w.selectBound(b))
			require.True(t, b.Expr().Equal(e))
		})
	}
}

func TestBind_ErrorsCarryOffsetsAndSuggestions_Semantics1_5(t *testing.T) {
	w := newWorld(t, conformance01, tenants01)
	e := tags.MustParseExpr(`Importanse/VIP or ("Release Ring/Alpa" and tenant("T9")) or Nothing/x or importance/VIP`)
	_, err := e.Bind(w.cat, w.lookup)
	got := bindErrors(t, err)
	want := []tags.BindError{
		{Ref: "Importanse/VIP", Offset: 0, Index: -1, Err: tags.ErrUnknownTagSet, Suggestion: "Importance/VIP"},
		{Ref: "Release Ring/Alpa", Offset: 19, Index: -1, Err: tags.ErrUnknownTag, Suggestion: "Release Ring/Alpha"},
		{Ref: "T9", Offset: 50, Index: -1, Err: tags.ErrUnknownTenant},
		{Ref: "Nothing/x", Offset: 60, Index: -1, Err: tags.ErrUnknownTagSet},
		{Ref: "importance/VIP", Offset: 73, Index: -1, Err: tags.ErrUnknownTagSet, Suggestion: "Importance/VIP"},
	}
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i], *got[i])
	}
	require.EqualError(t, got[1], `unknown tag "Release Ring/Alpa" at offset 19; did you mean "Release Ring/Alpha"?`)

	// Built by constructors: offset -1; nil tenants: every tenant is unknown.
	_, err = tags.Or(tags.Tag("Importance/VIP"), tags.Tenant("T1")).Bind(w.cat, nil)
	got = bindErrors(t, err)
	require.Len(t, got, 1)
	require.Equal(t, tags.BindError{Ref: "T1", Offset: -1, Index: -1, Err: tags.ErrUnknownTenant}, *got[0])
}

func TestBound_NilMatchesNothing(t *testing.T) {
	var b *tags.Bound
	require.False(t, b.Match(tags.NewBits(0, 1), 0))
	require.True(t, b.Expr().Equal(tags.False()))
}
