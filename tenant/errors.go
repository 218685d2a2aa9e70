package tenant

import (
	"github.com/tenantplan/tenantplan/internal/problem"
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

// Error describes the problem, naming the tenant and the tag:
// `tenant "T", tag "Tier/Glod": unknown tag; did you mean "Tier/Gold"? [unknown-tag]`.
func (e *TagError) Error() string {
	where := "tenant " + problem.Quote(e.Tenant)
	if e.Tag != "" {
		where += ", tag " + problem.Quote(e.Tag)
	}
	msg := e.Err.Error()
	if e.Suggestion != "" {
		msg += "; did you mean " + problem.Quote(e.Suggestion) + "?"
	}
	return problem.Format(where, msg, e.Code())
}

// Unwrap returns the sentinel.
func (e *TagError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel ("duplicate-name", "unknown-tag-set", "unknown-tag" or
// "single-select").
func (e *TagError) Code() problem.Code { return problem.CodeOf(e.Err) }
