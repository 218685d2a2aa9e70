package lifecycle_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/lifecycle"
)

func TestEnvSet_Basics(t *testing.T) {
	var zero lifecycle.EnvSet
	require.True(t, zero.IsEmpty())
	require.Equal(t, 0, zero.Len())
	require.Equal(t, "{}", zero.String())

	s := lifecycle.EnvSetOf(5, 0, 70, 200, 5)
	require.Equal(t, []int{0, 5, 70, 200}, slices.Collect(s.Envs()))
	require.Equal(t, 4, s.Len())
	require.Equal(t, "{0 5 70 200}", s.String())
	require.True(t, s.Has(70))
	require.False(t, s.Has(71))
	require.False(t, s.Has(-1))
	require.Equal(t, s, s.With(200), "adding a member changes nothing")
	require.Equal(t, lifecycle.EnvSetOf(0, 5), s.Without(70).Without(200), "no trailing zero bytes: == stays exact")
	require.Equal(t, lifecycle.EnvSetOf(0, 5), s.Intersect(lifecycle.EnvSetOf(0, 5, 64)))
	require.Equal(t, s, s.With(-3).With(lifecycle.MaxEnvironments), "out of range indexes are ignored")
	require.Empty(t, cmp.Diff(s, lifecycle.EnvSetOf(200, 70, 5, 0)), "go-cmp uses Equal")
}

func TestEnvSet_NoAllocationBelow64(t *testing.T) {
	a, b := lifecycle.EnvSetOf(1, 2, 63), lifecycle.EnvSetOf(2, 3)
	allocs := testing.AllocsPerRun(100, func() {
		s := a.With(7).Union(b).Intersect(a).Minus(b).Without(1)
		if !s.Has(63) || s.Len() != 1 || s.IsEmpty() {
			panic("unexpected set")
		}
	})
	require.Zero(t, allocs)
}

// TestEnvSet_Model checks every operation against a map model, with indexes
// on both sides of 64.
func TestEnvSet_Model(t *testing.T) {
	index := rapid.IntRange(-2, 300)
	set := rapid.Custom(func(t *rapid.T) []int { return rapid.SliceOfN(index, 0, 20).Draw(t, "envs") })
	model := func(envs []int) map[int]bool {
		m := map[int]bool{}
		for _, e := range envs {
			if e >= 0 {
				m[e] = true
			}
		}
		return m
	}
	sorted := func(m map[int]bool) []int { return slices.Sorted(maps.Keys(m)) }
	rapid.Check(t, func(t *rapid.T) {
		xa, xb := set.Draw(t, "a"), set.Draw(t, "b")
		a, b := lifecycle.EnvSetOf(xa...), lifecycle.EnvSetOf(xb...)
		ma, mb := model(xa), model(xb)
		require.Equal(t, append([]int{}, sorted(ma)...), append([]int{}, slices.Collect(a.Envs())...))
		require.Equal(t, len(ma), a.Len())
		require.Equal(t, len(ma) == 0, a.IsEmpty())
		e := index.Draw(t, "e")
		require.Equal(t, ma[e], a.Has(e))

		union, inter, minus := map[int]bool{}, map[int]bool{}, map[int]bool{}
		for k := range ma {
			union[k] = true
			if mb[k] {
				inter[k] = true
			} else {
				minus[k] = true
			}
		}
		for k := range mb {
			union[k] = true
		}
		require.Equal(t, lifecycle.EnvSetOf(sorted(union)...), a.Union(b))
		require.Equal(t, lifecycle.EnvSetOf(sorted(inter)...), a.Intersect(b))
		require.Equal(t, lifecycle.EnvSetOf(sorted(minus)...), a.Minus(b))
		require.Equal(t, slices.Equal(sorted(ma), sorted(mb)), a == b, "== iff same members")

		built := lifecycle.EnvSet{}
		for _, x := range xa {
			built = built.With(x)
		}
		require.Equal(t, a, built)
		if e >= 0 {
			w := a.With(e).Without(e)
			require.False(t, w.Has(e))
			require.Equal(t, a.Without(e), w)
		}
	})
}
