package tenant_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

// benchSet generates n tenants over four tag sets (Tier: 4 tags, Region: 12, Ring: SingleSelect
// 4, Feature: 16), each tenant carrying 1-2 tiers, one region, one ring and 0-4 features.
func benchSet(b *testing.B, n int) *tenant.Set {
	r := rand.New(rand.NewPCG(1, 2))
	mk := func(name string, typ tags.Type, k int) tags.TagSet {
		var ts []string
		for i := range k {
			ts = append(ts, fmt.Sprintf("%s%d", name, i))
		}
		s, err := tags.NewTagSet(name, typ, ts)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	sets := []tags.TagSet{mk("Tier", tags.MultiSelect, 4), mk("Region", tags.MultiSelect, 12),
		mk("Ring", tags.SingleSelect, 4), mk("Feature", tags.MultiSelect, 16)}
	ts := make([]tenant.Tenant, n)
	for i := range ts {
		var tg []string
		tg = append(tg, fmt.Sprintf("Tier/Tier%d", r.IntN(4)))
		if r.IntN(4) == 0 {
			tg = append(tg, fmt.Sprintf("Tier/Tier%d", r.IntN(4)))
		}
		tg = append(tg, fmt.Sprintf("Region/Region%d", r.IntN(12)), fmt.Sprintf("Ring/Ring%d", r.IntN(4)))
		for range r.IntN(5) {
			tg = append(tg, fmt.Sprintf("Feature/Feature%d", r.IntN(16)))
		}
		ts[i] = tenant.New(tenant.Config{Name: fmt.Sprintf("tenant-%06d", i), Tags: tg})
	}
	s, err := tenant.NewSet(tags.MustNewCatalog(sets, nil), ts)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var benchFilter = tags.NewFilter(nil, []string{"Tier/Tier1", "Tier/Tier2", "Region/Region3", "Region/Region4",
	"Region/Region5", "Ring/Ring0", "Ring/Ring1"})

// BenchmarkSelect: a 3-tag-set filter over 100,000 generated tenants (bind and select).
func BenchmarkSelect(b *testing.B) {
	s := benchSet(b, 100_000)
	sel, err := s.SelectFilter(benchFilter)
	if err != nil || sel.Len() == 0 {
		b.Fatal(err, sel.Len())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.SelectFilter(benchFilter); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelectMatch is the alternative Select avoids: Bound.Match over every tenant.
func BenchmarkSelectMatch(b *testing.B) {
	s := benchSet(b, 100_000)
	bound, err := benchFilter.Bind(s.Catalog(), s.Lookup())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for i := range s.Len() {
			if bound.Match(s.Bits(i), i) {
				n++
			}
		}
	}
}

// BenchmarkNewSet: validating and indexing 100,000 tenants.
func BenchmarkNewSet(b *testing.B) {
	s := benchSet(b, 100_000)
	ts := make([]tenant.Tenant, s.Len())
	for i := range ts {
		ts[i] = s.At(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tenant.NewSet(s.Catalog(), ts); err != nil {
			b.Fatal(err)
		}
	}
}
