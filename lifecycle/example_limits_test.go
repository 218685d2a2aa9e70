package lifecycle_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// Versions, ranges and pre-release patterns are bounded; Options changes the limits.
func ExampleOptions() {
	long := "1.0.0-" + strings.Repeat("a", 300)
	_, err := lifecycle.ParseVersion(long)
	fmt.Println(errors.Is(err, lifecycle.ErrLimit))
	_, err = lifecycle.Options{MaxVersionLen: 512}.ParseVersion(long)
	fmt.Println(err)

	_, err = lifecycle.NewRule("", "[a-z]{1000}")
	fmt.Println(err)
	// Output:
	// true
	// <nil>
	// preRelease "[a-z]{1000}": limit exceeded: compiled pattern size over the limit of 1000 instructions (default 1000; Options.MaxPatternSize)
}
