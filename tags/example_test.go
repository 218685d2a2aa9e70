package tags_test

import (
	"errors"
	"fmt"

	"github.com/tenantplan/tenantplan/tags"
)

// Parse an expression, print its canonical form, bind it to a catalog and match a tenant.
func ExampleParseExpr() {
	tier := must(tags.NewTagSet("Tier", tags.MultiSelect, []string{"Free", "Gold"}))
	ring := must(tags.NewTagSet("Upgrade ring", tags.SingleSelect, []string{"Tester", "Pinned"}))
	cat := tags.MustNewCatalog([]tags.TagSet{tier, ring}, nil)

	e, err := tags.ParseExpr(`Tier/Gold && NOT ("Upgrade ring/Pinned")`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)

	b, err := e.Bind(cat, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	gold, _ := cat.Lookup("Tier/Gold")
	pinned, _ := cat.Lookup("Upgrade ring/Pinned")
	fmt.Println(b.Match(tags.NewBits(gold), 0), b.Match(tags.NewBits(gold, pinned), 0))
	// Output:
	// Tier/Gold and not "Upgrade ring/Pinned"
	// true false
}

// A parse error carries the input, the offset and the column.
func ExampleParseError() {
	_, err := tags.ParseExpr("Tier/Gold and (Tier/Free")
	var pe *tags.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Offset, pe.Column, pe.Code())
	}
	fmt.Println(err)
	// Output:
	// 24 25 invalid-expression
	// invalid tag expression "Tier/Gold and (Tier/Free" at column 25 (offset 24): unexpected end of input, want ")" to close "(" at column 15 [invalid-expression]
}

// Bind reports every unknown reference at once, with offsets and suggestions.
func ExampleExpr_Bind() {
	tier := must(tags.NewTagSet("Tier", tags.MultiSelect, []string{"Free", "Gold"}))
	cat := tags.MustNewCatalog([]tags.TagSet{tier}, nil)
	_, err := tags.MustParseExpr(`Tier/Glod or Teir/Free or tenant("Acme")`).Bind(cat, nil)
	fmt.Println(err)
	// Output:
	// unknown tag "Tier/Glod" at offset 0; did you mean "Tier/Gold"? [unknown-tag]
	// unknown tag set "Teir/Free" at offset 13; did you mean "Tier/Free"? [unknown-tag-set]
	// unknown tenant "Acme" at offset 33 [unknown-tenant]
}

// An Octopus tenant filter and its equivalent expression.
func ExampleFilter_Expr() {
	f := tags.NewFilter([]string{"Capital Animal Hospital"},
		[]string{"Importance/VIP", "Release Ring/Alpha", "Release Ring/Beta"})
	fmt.Println(f.Expr())
	// Output:
	// tenant("Capital Animal Hospital") or Importance/VIP and ("Release Ring/Alpha" or "Release Ring/Beta")
}

// Build an expression with the constructors.
func ExampleAnd() {
	e := tags.And(tags.Or(tags.Tag("Region/EU"), tags.Tag("Region/UK")), tags.Tag("Tier/*"), tags.Not(tags.Tenant("Acme")))
	fmt.Println(e)
	fmt.Println(e.Equal(tags.MustParseExpr(e.String())))
	// Output:
	// (Region/EU or Region/UK) and Tier/* and not tenant("Acme")
	// true
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
