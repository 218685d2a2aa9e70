package tags_test

import (
	"errors"
	"fmt"

	"github.com/tenantplan/tenantplan/tags"
)

// Binding reports at most DefaultMaxErrors unresolved references; BindOptions changes the cap,
// and an *OmittedError counts the references left out.
func ExampleBindOptions() {
	tier := must(tags.NewTagSet("Tier", tags.MultiSelect, []string{"Free", "Gold"}))
	cat := tags.MustNewCatalog([]tags.TagSet{tier}, nil)
	f := tags.NewFilter(nil, []string{"Tier/Glod", "Tier/Fre", "Tier/Silver"})

	_, err := tags.BindOptions{MaxErrors: 2}.BindFilter(f, cat, nil)
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		fmt.Println(e)
	}
	var omitted *tags.OmittedError
	fmt.Println(errors.As(err, &omitted), omitted.Omitted)
	// Output:
	// unknown tag "Tier/Glod" at index 0; did you mean "Tier/Gold"? [unknown-tag]
	// unknown tag "Tier/Fre" at index 1; did you mean "Tier/Free"? [unknown-tag]
	// 1 more problems not reported: limit exceeded: at most 2 are reported (default 100; see MaxErrors) [limit]
	// true 1
}
