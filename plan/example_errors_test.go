package plan_test

import (
	"errors"
	"fmt"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/tags"
)

// Every error of the module has a stable code, found by CodeOf whatever package returned it, and
// prints as "where: message [code]". Sentinels of one meaning are one error in every package.
func ExampleCodeOf() {
	_, err := tags.ParseExpr("Tier/Gold and")
	fmt.Println(plan.CodeOf(err))
	fmt.Println(err)

	_, err = lifecycle.ParseRange("[1.0,2.0")
	fmt.Println(plan.CodeOf(err), errors.Is(err, plan.ErrInvalidValue))
	fmt.Println(err)
	// Output:
	// invalid-expression
	// invalid tag expression "Tier/Gold and" at column 14 (offset 13): unexpected end of input, want a tag, "(", "not", "tenant", "true" or "false" [invalid-expression]
	// invalid-value true
	// invalid value "[1.0,2.0": column 9: missing closing ']' or ')' [invalid-value]
}
