package tags_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/tags"
)

func TestBind_Selects(t *testing.T) {
	wRing := newWorld(t, ringSets, ringTenants)
	wTyped := newWorld(t, typedSets, typedTenants)
	tests := []struct {
		name string
		w    *world
		expr string
		want []string
		errs []string
	}{
		{name: "and/or", w: wRing, expr: `"Importance/VIP" and ("Release Ring/Alpha" or "Release Ring/Beta")`,
			want: []string{"T1", "T4"}},
		{name: "tenant union", w: wRing, expr: `tenant("Capital Animal Hospital") or (Importance/VIP and not "Release Ring/Stable")`,
			want: []string{"Capital Animal Hospital", "T1"}},
		{name: "set wildcard", w: wRing, expr: `"Release Ring/*" and not Importance/*`, want: []string{"T5"}},
		{name: "not binds tighter than and, and tighter than or", w: wRing,
			expr: `not Importance/VIP and "Release Ring/Beta" or "Release Ring/Alpha" and Importance/VIP`,
			want: []string{"T1", "T3"}},
		{name: "symbols", w: wRing, expr: `!Importance/VIP && ("Release Ring/Alpha" || "Release Ring/Beta")`,
			want: []string{"T3", "T5"}},
		{name: "true", w: wRing, expr: "true", want: wRing.names},
		{name: "false", w: wRing, expr: "false", want: []string{}},
		{name: "not false", w: wRing, expr: "not false and not not Importance/Trial or TRUE and FALSE", want: []string{}},
		{name: "free text wildcard", w: wTyped, expr: "Region/*", want: []string{"Acme", "Globex"}},
		{name: "single select", w: wTyped, expr: `"Upgrade ring/Early adopter" or Feature/SSO`, want: []string{"Acme", "Initech"}},
		{name: "free text value nobody carries", w: wTyped, expr: "Region/ap-south-1", want: []string{}},
		{name: "not a free text value nobody carries", w: wTyped, expr: "not Region/ap-south-1", want: wTyped.names},
		{name: "unknown tag", w: wRing, expr: "Importance/Gold", errs: []string{"unknown-tag"}},
		{name: "unknown tag set", w: wRing, expr: "Colour/Red", errs: []string{"unknown-tag-set"}},
		{name: "unknown tenant", w: wRing, expr: `tenant("Nobody")`, errs: []string{"unknown-tenant"}},
		{name: "predefined set rejects unknown tags", w: wTyped, expr: `"Upgrade ring/Pinned"`, errs: []string{"unknown-tag"}},
		{name: "all errors at once", w: wRing, expr: `Colour/Red or tenant("X") and not Importance/Gold or Colour/*`,
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

func TestBind_ErrorsCarryOffsetsAndSuggestions(t *testing.T) {
	w := newWorld(t, ringSets, ringTenants)
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
	require.EqualError(t, got[1], `unknown tag "Release Ring/Alpa" at offset 19; did you mean "Release Ring/Alpha"? [unknown-tag]`)

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
