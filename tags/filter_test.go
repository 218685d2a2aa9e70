package tags_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/tags"
)

func TestFilter_Selects(t *testing.T) {
	wRing := newWorld(t, ringSets, ringTenants)
	wContinent := newWorld(t, []setDef{
		{name: "Continent", tags: []string{"Australia", "Europe"}},
		{name: "Ring", tags: []string{"Alpha", "Beta", "Main"}},
	}, []tenantDef{
		{name: "A", tags: []string{"Continent/Australia", "Ring/Alpha", "Ring/Main"}},
		{name: "B", tags: []string{"Continent/Australia", "Ring/Beta"}},
		{name: "C", tags: []string{"Continent/Europe", "Ring/Alpha"}},
	})
	wTyped := newWorld(t, typedSets, typedTenants)
	tests := []struct {
		name    string
		w       *world
		tenants []string
		tags    []string
		want    []string
		errs    []string
	}{
		{name: "named union tagged", w: wRing, tenants: []string{"Capital Animal Hospital"},
			tags: []string{"Importance/VIP", "Release Ring/Alpha", "Release Ring/Beta"},
			want: []string{"Capital Animal Hospital", "T1", "T4"}},
		{name: "one set", w: wRing, tags: []string{"Release Ring/Alpha"}, want: []string{"T1", "T5"}},
		{name: "OR within a set", w: wRing, tags: []string{"Release Ring/Alpha", "Release Ring/Stable"},
			want: []string{"T1", "T2", "T4", "T5"}},
		{name: "empty filter matches nobody", w: wRing, want: []string{}},
		{name: "named only", w: wRing, tenants: []string{"T3", "T3"}, want: []string{"T3"}},
		{name: "wildcard in a filter", w: wRing, tags: []string{"Importance/*"}, want: []string{"T1", "T2", "T3", "T4"}},
		{name: "AND across sets", w: wContinent, tags: []string{"Continent/Australia", "Ring/Beta"}, want: []string{"B"}},
		{name: "AND across sets, OR within", w: wContinent, tags: []string{"Continent/Australia", "Ring/Alpha", "Ring/Beta"},
			want: []string{"A", "B"}},
		{name: "set order does not matter", w: wContinent, tags: []string{"Ring/Main", "Continent/Australia", "Ring/Beta"},
			want: []string{"A", "B"}},
		{name: "nobody in both", w: wContinent, tags: []string{"Continent/Europe", "Ring/Beta"}, want: []string{}},
		{name: "free text value", w: wTyped, tags: []string{"Region/eu-west-1"}, want: []string{"Acme"}},
		{name: "free text values OR", w: wTyped, tags: []string{"Region/eu-west-1", "Region/us-east-1"},
			want: []string{"Acme", "Globex"}},
		{name: "free text value nobody carries", w: wTyped, tags: []string{"Region/ap-south-1"}, want: []string{}},
		{name: "unknown tag", w: wRing, tags: []string{"Importance/Platinum"}, errs: []string{"unknown-tag"}},
		{name: "unknown tenant", w: wRing, tenants: []string{"Nobody"}, errs: []string{"unknown-tenant"}},
		{name: "all errors", w: wRing, tenants: []string{"T1", "Nobody"},
			tags: []string{"Colour/Red", "Importance/VIP", "Importance/Gold"},
			errs: []string{"unknown-tenant", "unknown-tag-set", "unknown-tag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tags.NewFilter(tt.tenants, tt.tags)
			b, err := f.Bind(tt.w.cat, tt.w.lookup)
			if tt.errs != nil {
				require.Error(t, err)
				require.Nil(t, b)
				require.Equal(t, tt.errs, codes(err))
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, tt.w.selectBound(b))
			// The converted expression selects the same tenants.
			eb, err := f.Expr().Bind(tt.w.cat, tt.w.lookup)
			require.NoError(t, err)
			require.Equal(t, tt.want, tt.w.selectBound(eb))
			require.True(t, b.Expr().Equal(f.Expr()))
		})
	}
}

func TestFilter_BindErrorIndexes(t *testing.T) {
	w := newWorld(t, ringSets, ringTenants)
	f := tags.NewFilter([]string{"T1", "Nobody"}, []string{"Importance/VIP", "Importanse/VIP", "Importance/vip"})
	_, err := f.Bind(w.cat, w.lookup)
	got := bindErrors(t, err)
	want := []tags.BindError{
		{Ref: "Nobody", Offset: -1, Index: 1, Err: tags.ErrUnknownTenant},
		{Ref: "Importanse/VIP", Offset: -1, Index: 1, Err: tags.ErrUnknownTagSet, Suggestion: "Importance/VIP"},
		{Ref: "Importance/vip", Offset: -1, Index: 2, Err: tags.ErrUnknownTag, Suggestion: "Importance/VIP"},
	}
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i], *got[i])
	}
}

func TestFilter_Expr(t *testing.T) {
	tests := []struct {
		tenants, tags []string
		want          string
	}{
		{want: "false"},
		{tenants: []string{"A"}, want: `tenant("A")`},
		{tags: []string{"S/a"}, want: "S/a"},
		{tags: []string{"S/a", "T/b", "S/c", "S/a"}, want: "(S/a or S/c) and T/b"},
		{tenants: []string{"A", "B"}, tags: []string{"S/a", "T/b"}, want: `tenant("A") or tenant("B") or S/a and T/b`},
		{tags: []string{"Release Ring/Alpha"}, want: `"Release Ring/Alpha"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f := tags.NewFilter(tt.tenants, tt.tags)
			require.Equal(t, tt.want, f.Expr().String())
			require.Equal(t, len(tt.tenants) == 0 && len(tt.tags) == 0, f.IsEmpty())
		})
	}
}

func TestFilter_Copies(t *testing.T) {
	tn, tg := []string{"A"}, []string{"S/a"}
	f := tags.NewFilter(tn, tg)
	tn[0], tg[0] = "X", "X/x"
	require.Equal(t, []string{"A"}, f.Tenants())
	require.Equal(t, []string{"S/a"}, f.Tags())
	f.Tags()[0] = "Y/y"
	require.Equal(t, []string{"S/a"}, f.Tags())
}
