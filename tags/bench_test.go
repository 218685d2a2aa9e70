package tags_test

import (
	"fmt"
	"testing"

	"github.com/tenantplan/tenantplan/tags"
)

// benchCatalog has four tag sets of 8 tags each.
func benchCatalog(b *testing.B) *tags.Catalog {
	var sets []tags.TagSet
	for _, name := range []string{"Tier", "Region", "Upgrade ring", "Feature"} {
		var ts []string
		for i := range 8 {
			ts = append(ts, fmt.Sprintf("t%d", i))
		}
		s, err := tags.NewTagSet(name, tags.MultiSelect, ts)
		if err != nil {
			b.Fatal(err)
		}
		sets = append(sets, s)
	}
	return tags.MustNewCatalog(sets, nil)
}

const benchExpr = `(Tier/t1 or Tier/t2) and Region/t3 and not "Upgrade ring/t4" and (Feature/t5 or Feature/t6 or tenant("acme"))`

// BenchmarkMatch: a bound expression over 4 tag sets with and/or/not against one tenant.
func BenchmarkMatch(b *testing.B) {
	c := benchCatalog(b)
	bound, err := tags.MustParseExpr(benchExpr).Bind(c, func(string) (int, bool) { return 7, true })
	if err != nil {
		b.Fatal(err)
	}
	var ids []tags.ID
	for _, n := range []string{"Tier/t2", "Region/t3", "Upgrade ring/t1", "Feature/t6"} {
		id, err := c.Lookup(n)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	bits := tags.NewBits(ids...)
	if !bound.Match(bits, 3) {
		b.Fatal("the benchmark tenant should match")
	}
	b.ReportAllocs()
	for b.Loop() {
		bound.Match(bits, 3)
	}
}

// BenchmarkParse: a ~100-byte expression.
func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(benchExpr)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tags.ParseExpr(benchExpr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBind: binding and compiling the same expression.
func BenchmarkBind(b *testing.B) {
	c := benchCatalog(b)
	e := tags.MustParseExpr(benchExpr)
	lookup := func(string) (int, bool) { return 7, true }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Bind(c, lookup); err != nil {
			b.Fatal(err)
		}
	}
}
