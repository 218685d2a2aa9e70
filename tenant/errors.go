package tenant

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// TagError reports one problem found by [NewSet]. Err is a sentinel of package tags:
// ErrDuplicateName, ErrUnknownTagSet, ErrUnknownTag or ErrSingleSelect.
type TagError struct {
	Tenant      string // the tenant's name
	TenantIndex int    // index of the tenant in the slice given to NewSet
	TagIndex    int    // index of the tag in Config.Tags, or -1 (duplicate names, single-select)
	Tag         string // the offending tag (for single-select: the second tag of the set), or ""
	Err         error  // the sentinel
	Suggestion  string // for unknown tags and tag sets: a close existing name ("did you mean"), or ""
}

// Error describes the problem, naming the tenant and the tag.
func (e *TagError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tenant %q", truncate(e.Tenant))
	if e.Tag != "" {
		fmt.Fprintf(&b, ", tag %q", truncate(e.Tag))
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.Suggestion != "" {
		fmt.Fprintf(&b, "; did you mean %q?", truncate(e.Suggestion))
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *TagError) Unwrap() error { return e.Err }

// truncate shortens long names in messages and marks the cut with "...".
func truncate(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
