package tags_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/tags"
)

// TestExpr_RoundTrip: ParseExpr(e.String()) is Equal to e.
func TestExpr_RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genAnyExpr(4).Draw(t, "expr").build()
		s := e.String()
		back, err := tags.ParseExpr(s)
		require.NoError(t, err, "%q", s)
		require.True(t, back.Equal(e), "%q parsed back as %q", s, back.String())
		require.Equal(t, s, back.String())
	})
}

func (w *world) slowTenants() []slowTenant {
	out := make([]slowTenant, len(w.names))
	for i, n := range w.names {
		out[i] = slowTenant{name: n, tags: w.tagsOf[n]}
	}
	return out
}

// TestBound_MatchAgreesWithSlow: the compiled matcher and Fold agree with the
// reference interpreter, for generated catalogs, tenants and expressions.
func TestBound_MatchAgreesWithSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		w := newWorld(t, g.setDefs(), g.tenants)
		s := genExprOver(g, 4).Draw(t, "expr")
		e := s.build()
		b, err := e.Bind(w.cat, w.lookup)
		require.NoError(t, err, "%s", e)
		folded := tags.Fold(b, evalAlgebra{w})
		for i, st := range w.slowTenants() {
			want := slowEval(s, st)
			require.Equal(t, want, b.Match(w.bits[i], i), "Match %s for %+v", e, st)
			require.Equal(t, want, folded[i], "Fold %s for %+v", e, st)
		}
		// Parsing the canonical text binds to the same matcher.
		pb, err := tags.MustParseExpr(e.String()).Bind(w.cat, w.lookup)
		require.NoError(t, err)
		require.Equal(t, w.selectBound(b), w.selectBound(pb))
	})
}

// evalAlgebra evaluates a bound expression for every tenant of a world, reading Bits.
type evalAlgebra struct{ w *world }

func (a evalAlgebra) each(f func(i int) bool) []bool {
	out := make([]bool, len(a.w.names))
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func (a evalAlgebra) Const(v bool) []bool { return a.each(func(int) bool { return v }) }

func (a evalAlgebra) AnyOf(ids []tags.ID) []bool {
	if len(ids) == 0 || !slices.IsSorted(ids) {
		panic("AnyOf wants sorted, non-empty ids")
	}
	return a.each(func(i int) bool {
		return slices.ContainsFunc(ids, a.w.bits[i].Has)
	})
}

func (a evalAlgebra) Tenant(index int) []bool { return a.each(func(i int) bool { return i == index }) }

func (a evalAlgebra) Not(x []bool) []bool { return a.each(func(i int) bool { return !x[i] }) }

func (a evalAlgebra) And(xs [][]bool) []bool {
	return a.each(func(i int) bool {
		return !slices.ContainsFunc(xs, func(x []bool) bool { return !x[i] })
	})
}

func (a evalAlgebra) Or(xs [][]bool) []bool {
	return a.each(func(i int) bool {
		return slices.ContainsFunc(xs, func(x []bool) bool { return x[i] })
	})
}

// genFilter draws a filter over g: some tenant names and some tag references.
func genFilter(t *rapid.T, g genWorld) (tenants, tagList []string) {
	if names := g.names(); len(names) > 0 {
		tenants = rapid.SliceOfN(rapid.SampledFrom(names), 0, 3).Draw(t, "named")
	}
	tagList = rapid.SliceOfN(rapid.SampledFrom(g.refs()), 0, 5).Draw(t, "tags")
	return tenants, tagList
}

// TestFilter_AgreesWithExprAndSlow: a filter, its converted expression and the
// reference select the same tenants; selection = named UNION matched.
func TestFilter_AgreesWithExprAndSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		w := newWorld(t, g.setDefs(), g.tenants)
		named, tagList := genFilter(t, g)
		f := tags.NewFilter(named, tagList)
		fb, err := f.Bind(w.cat, w.lookup)
		require.NoError(t, err)
		eb, err := f.Expr().Bind(w.cat, w.lookup)
		require.NoError(t, err)
		tb, err := tags.NewFilter(nil, tagList).Bind(w.cat, w.lookup)
		require.NoError(t, err)
		for i, st := range w.slowTenants() {
			want := slowFilter(named, tagList, st)
			require.Equal(t, want, fb.Match(w.bits[i], i), "filter %v %v for %+v", named, tagList, st)
			require.Equal(t, want, eb.Match(w.bits[i], i), "expression %s for %+v", f.Expr(), st)
			union := slices.Contains(named, st.name) || tb.Match(w.bits[i], i)
			require.Equal(t, want, union, "named UNION matched for %+v", st)
		}
	})
}

// TestBind_ReportsEveryUnknownReference: an expression with k unknown references
// gets k errors, in source order.
func TestBind_ReportsEveryUnknownReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genWorldOf().Draw(t, "world")
		w := newWorld(t, g.setDefs(), g.tenants)
		unknown := rapid.SliceOfN(rapid.SampledFrom([]string{"Nope/x", "Zz/q", "nobody"}), 1, 4).Draw(t, "unknown")
		kids := []tags.Expr{genExprOver(g, 2).Draw(t, "known").build()}
		for _, u := range unknown {
			if u == "nobody" {
				kids = append(kids, tags.Tenant(u))
			} else {
				kids = append(kids, tags.Not(tags.Tag(u)))
			}
		}
		e := tags.MustParseExpr(tags.Or(kids...).String())
		_, err := e.Bind(w.cat, w.lookup)
		var got []string
		last := -1
		for _, be := range bindErrors(t, err) {
			got = append(got, be.Ref)
			require.Greater(t, be.Offset, last)
			last = be.Offset
			at := e.String()[be.Offset:]
			require.True(t, strings.HasPrefix(at, be.Ref) || strings.HasPrefix(at, `"`+be.Ref), "offset %d of %q", be.Offset, be.Ref)
		}
		require.Equal(t, unknown, got)
	})
}
