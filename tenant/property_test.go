package tenant_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

func mustGenSet(t *rapid.T, g genWorld) *tenant.Set {
	var sets []tags.TagSet
	for _, d := range g.sets {
		s, err := tags.NewTagSet(d.name, d.typ, d.tags)
		require.NoError(t, err)
		sets = append(sets, s)
	}
	cat, err := catalogOf(sets, g.tenants)
	require.NoError(t, err)
	s, err := tenant.NewSet(cat, g.tenants)
	require.NoError(t, err)
	return s
}

// TestSet_SelectAgreesWithSlow: Select over postings, Bound.Match over each
// tenant's Bits and the slow reference agree, in name order.
func TestSet_SelectAgreesWithSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		s := mustGenSet(t, g)
		x := genExpr(g, 4).Draw(t, "expr")
		e := x.build()
		sel, err := s.SelectExpr(e)
		require.NoError(t, err)
		want := slowSelect(g.tenants, func(tn tenant.Tenant) bool { return slowEval(x, tn) })
		require.Equal(t, want, sel.Names(), "%s", e)
		require.Equal(t, len(want), sel.Len())

		b, err := e.Bind(s.Catalog(), s.Lookup())
		require.NoError(t, err)
		var matched []string
		for i := range s.Len() {
			require.Equal(t, b.Match(s.Bits(i), i), sel.Contains(i))
			if b.Match(s.Bits(i), i) {
				matched = append(matched, s.At(i).Name())
			}
		}
		require.Equal(t, want, append([]string{}, matched...))
		require.True(t, slices.IsSorted(sel.Names()))
	})
}

// TestSet_SelectFilterIsNamedUnionMatched: selection = named UNION matched, and a filter and its
// expression select the same tenants.
func TestSet_SelectFilterIsNamedUnionMatched(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		s := mustGenSet(t, g)
		var named []string
		if len(g.tenants) > 0 {
			for _, tn := range rapid.SliceOfN(rapid.SampledFrom(g.tenants), 0, 3).Draw(t, "named") {
				named = append(named, tn.Name())
			}
		}
		tagList := rapid.SliceOfN(rapid.SampledFrom(g.refs), 0, 5).Draw(t, "tags")
		f := tags.NewFilter(named, tagList)

		got, err := s.SelectFilter(f)
		require.NoError(t, err)
		viaExpr, err := s.SelectExpr(f.Expr())
		require.NoError(t, err)
		require.True(t, got.Equal(viaExpr), "filter %v, expression %s", f, f.Expr())

		namedSel, err := s.SelectFilter(tags.NewFilter(named, nil))
		require.NoError(t, err)
		tagSel, err := s.SelectFilter(tags.NewFilter(nil, tagList))
		require.NoError(t, err)
		require.Equal(t, got.Names(), namedSel.Union(tagSel).Names())
		require.Equal(t, slowSelect(g.tenants, func(tn tenant.Tenant) bool { return slices.Contains(named, tn.Name()) }), namedSel.Names())
		if len(tagList) == 0 {
			require.Zero(t, tagSel.Len(), "an empty tag part matches nobody")
		}
	})
}

// TestSelection_Algebra: Union, Intersect and Minus are the set operations on indexes.
func TestSelection_Algebra(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		s := mustGenSet(t, g)
		x, err := s.SelectExpr(genExpr(g, 2).Draw(t, "x").build())
		require.NoError(t, err)
		y, err := s.SelectExpr(genExpr(g, 2).Draw(t, "y").build())
		require.NoError(t, err)
		u, in, m := x.Union(y), x.Intersect(y), x.Minus(y)
		for i := range s.Len() {
			require.Equal(t, x.Contains(i) || y.Contains(i), u.Contains(i))
			require.Equal(t, x.Contains(i) && y.Contains(i), in.Contains(i))
			require.Equal(t, x.Contains(i) && !y.Contains(i), m.Contains(i))
			require.True(t, s.All().Contains(i))
		}
		require.False(t, u.Contains(s.Len()))
		require.Equal(t, s.Len(), s.All().Len())
		require.True(t, x.Union(tenant.Selection{}).Equal(x))
		require.True(t, tenant.Selection{}.Union(x).Equal(x))
		require.Equal(t, x.Len(), len(slices.Collect(x.Indexes())))
	})
}

// TestSet_IndexAndSourceAgree: Index finds every tenant by its exact name (and no other name),
// and Source leads each tenant back to the one given to NewSet.
func TestSet_IndexAndSourceAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		s := mustGenSet(t, g)
		require.Equal(t, len(g.tenants), s.Len())
		for k := range s.Len() {
			name := s.At(k).Name()
			i, ok := s.Index(name)
			require.True(t, ok, name)
			require.Equal(t, k, i)
			src := s.Source(k)
			require.Equal(t, g.tenants[src].Name(), name)
			require.Equal(t, g.tenants[src].Tags(), s.At(k).Tags())
			_, ok = s.Index(name + "\x00")
			require.False(t, ok)
		}
		_, ok := s.Index("")
		require.False(t, ok)
		require.Equal(t, -1, s.Source(-1))
		require.Equal(t, -1, s.Source(s.Len()))
	})
}
