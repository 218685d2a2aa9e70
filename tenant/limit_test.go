package tenant_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

// unknownTagsShape: a set "Big" of n tags and 4n tenants, each carrying one tag of Big that is
// one edit away from an existing one.
func unknownTagsShape(t testing.TB, n int) (*tags.Catalog, []tenant.Tenant) {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("tag-%06d", i)
	}
	c := tags.MustNewCatalog(newSets(t, []setDef{{name: "Big", tags: names}}), nil)
	ts := make([]tenant.Tenant, 4*n)
	for i := range ts {
		ts[i] = tenant.New(tenant.Config{Name: fmt.Sprintf("t%06d", i), Tags: []string{fmt.Sprintf("Big/tag-%06dx", i%n)}})
	}
	return c, ts
}

// TestNewSet_ManyUnknownTags: 5,000 tags and 20,000 unknown references report the first 100
// with suggestions, then a *tags.OmittedError; before, each reference got a suggestion against
// the whole catalog (31 s and 23 GB).
func TestNewSet_ManyUnknownTags(t *testing.T) {
	c, ts := unknownTagsShape(t, 5_000)
	_, err := tenant.NewSet(c, ts)
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	require.Len(t, errs, tags.DefaultMaxErrors+1)
	for i, e := range errs[:tags.DefaultMaxErrors] {
		var te *tenant.TagError
		require.ErrorAs(t, e, &te)
		require.Equal(t, i, te.TenantIndex)
		require.Equal(t, 0, te.TagIndex)
		require.ErrorIs(t, te, tags.ErrUnknownTag)
		require.Equal(t, strings.TrimSuffix(te.Tag, "x"), te.Suggestion)
	}
	var oe *tags.OmittedError
	require.ErrorAs(t, errs[len(errs)-1], &oe)
	require.Equal(t, 20_000-tags.DefaultMaxErrors, oe.Omitted)
	require.ErrorIs(t, err, tags.ErrLimit)

	_, err = tenant.Options{MaxErrors: 3}.NewSet(c, ts[:10])
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 4)
	_, err = tenant.Options{MaxErrors: -1}.NewSet(c, ts[:200])
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 200)
}

// TestNewSet_UnknownTagsLinear: the shape above grows linearly.
func TestNewSet_UnknownTagsLinear(t *testing.T) {
	lineartest.Require(t, 100, 8, true, func(n int) func() {
		c, ts := unknownTagsShape(t, n)
		return func() {
			if _, err := tenant.NewSet(c, ts); err == nil {
				t.Fatal("unknown tags accepted")
			}
		}
	})
}

// manyTagsShape: one tenant carrying n tags of a MultiSelect set (each twice) and one tag of
// each of n SingleSelect sets, plus a second tag of the last of them.
func manyTagsShape(t testing.TB, n int) (*tags.Catalog, []tenant.Tenant) {
	multi := setDef{name: "Multi"}
	defs := []setDef{}
	var carried []string
	for i := range n {
		multi.tags = append(multi.tags, fmt.Sprintf("m%d", i))
		defs = append(defs, setDef{name: fmt.Sprintf("S%d", i), typ: tags.SingleSelect, tags: []string{"a", "b"}})
		carried = append(carried, fmt.Sprintf("Multi/m%d", i), fmt.Sprintf("S%d/a", i))
	}
	carried = append(carried, carried...)
	carried = append(carried, fmt.Sprintf("S%d/b", n-1))
	defs = append(defs, multi)
	c := tags.MustNewCatalog(newSets(t, defs), nil)
	return c, []tenant.Tenant{tenant.New(tenant.Config{Name: "big", Tags: carried})}
}

// TestNewSet_ManyTagsOnOneTenant: 4,000 tags on one tenant are checked for repeats and
// single-select sets in linear time; the one problem is reported.
func TestNewSet_ManyTagsOnOneTenant(t *testing.T) {
	c, ts := manyTagsShape(t, 4_000)
	_, err := tenant.NewSet(c, ts)
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	require.Len(t, errs, 1)
	var te *tenant.TagError
	require.ErrorAs(t, errs[0], &te)
	require.Equal(t, "S3999/b", te.Tag)
	require.ErrorIs(t, te, tags.ErrSingleSelect)
	lineartest.Require(t, 1_000, 8, true, func(n int) func() {
		c, ts := manyTagsShape(t, n)
		return func() {
			if _, err := tenant.NewSet(c, ts); err == nil {
				t.Fatal("two tags of a single-select set accepted")
			}
		}
	})
}

// freeTextShape: n tenants, each carrying a tier and a FreeText value of its own.
func freeTextShape(t testing.TB, n int) (*tags.Catalog, []tenant.Tenant) {
	sets := newSets(t, []setDef{{name: "Tier", tags: []string{"Gold", "Silver"}}, {name: "Id", typ: tags.FreeText}})
	ts := make([]tenant.Tenant, n)
	for i := range ts {
		ts[i] = tenant.New(tenant.Config{Name: fmt.Sprintf("t%07d", i), Tags: []string{"Tier/Gold", fmt.Sprintf("Id/%07d", i)}})
	}
	c, err := catalogOf(sets, ts)
	require.NoError(t, err)
	return c, ts
}

// TestNewSet_UniqueFreeTextLinear: the memory of the set grows linearly with the tenants when
// every tenant has a FreeText value of its own (it was tenants × tags: 533 MB at 80,000). Time
// is left to BenchmarkNewSetShapes: at these sizes it depends on the caches more than on n.
func TestNewSet_UniqueFreeTextLinear(t *testing.T) {
	lineartest.Require(t, 8_000, 4, false, func(n int) func() {
		c, ts := freeTextShape(t, n)
		return func() {
			s, err := tenant.NewSet(c, ts)
			if err != nil || s.Len() != n {
				t.Fatal(err)
			}
		}
	})
}

// BenchmarkNewSetShapes: the hostile shapes at two sizes each.
func BenchmarkNewSetShapes(b *testing.B) {
	shapes := []struct {
		name  string
		sizes []int
		shape func(testing.TB, int) (*tags.Catalog, []tenant.Tenant)
	}{
		{"unknown-tags", []int{1_250, 5_000}, unknownTagsShape},
		{"many-tags", []int{1_000, 4_000}, manyTagsShape},
		{"unique-freetext", []int{20_000, 80_000}, freeTextShape},
	}
	for _, sh := range shapes {
		for _, n := range sh.sizes {
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				c, ts := sh.shape(b, n)
				b.ReportAllocs()
				for b.Loop() {
					_, _ = tenant.NewSet(c, ts)
				}
			})
		}
	}
}
