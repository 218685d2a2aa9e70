package tags

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors. Every error returned by this package wraps exactly one of them; callers test
// with errors.Is. [Code] maps each to its stable scenario code.
var (
	// ErrSyntax reports an invalid tag expression (code "invalid-expression").
	ErrSyntax = errors.New("invalid tag expression")
	// ErrLimit reports an expression longer than 64 KiB or nested deeper than 256, or more
	// problems than are reported (an *OmittedError) (code "limit").
	ErrLimit = errors.New("limit exceeded")
	// ErrUnknownTag reports a tag that its (known) tag set does not have (code "unknown-tag").
	ErrUnknownTag = errors.New("unknown tag")
	// ErrUnknownTagSet reports a reference to a tag set that the catalog does not have
	// (code "unknown-tag-set").
	ErrUnknownTagSet = errors.New("unknown tag set")
	// ErrUnknownTenant reports a reference to a tenant that does not exist (code "unknown-tenant").
	ErrUnknownTenant = errors.New("unknown tenant")
	// ErrDuplicateName reports two names of one kind that are equal or differ only in letter case
	// (code "duplicate-name").
	ErrDuplicateName = errors.New("duplicate name")
	// ErrSingleSelect reports two tags of a SingleSelect set or two values of a FreeText set on one
	// tenant (code "single-select").
	ErrSingleSelect = errors.New("more than one tag of a single-select or free-text tag set")
	// ErrInvalidValue reports a bad enum value, name or definition (code "invalid-value").
	ErrInvalidValue = errors.New("invalid value")
)

// Code returns the stable machine-readable code (the one scenario files use) of the sentinel of
// this package that err wraps, or "" when it wraps none. For a joined error (errors.Join) it is the
// code of the first joined error that has one.
func Code(err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if c := Code(e); c != "" {
				return c
			}
		}
		return ""
	}
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrLimit):
		return "limit"
	case errors.Is(err, ErrSyntax):
		return "invalid-expression"
	case errors.Is(err, ErrUnknownTagSet):
		return "unknown-tag-set"
	case errors.Is(err, ErrUnknownTag):
		return "unknown-tag"
	case errors.Is(err, ErrUnknownTenant):
		return "unknown-tenant"
	case errors.Is(err, ErrDuplicateName):
		return "duplicate-name"
	case errors.Is(err, ErrSingleSelect):
		return "single-select"
	case errors.Is(err, ErrInvalidValue):
		return "invalid-value"
	}
	return ""
}

// ParseError reports why [ParseExpr] rejected its input and where.
type ParseError struct {
	Input   string // the whole input given to ParseExpr
	Offset  int    // byte offset of the problem in Input
	Column  int    // 1-based column of the problem, counted in runes from the start of Input
	Err     error  // ErrSyntax or ErrLimit
	Message string // what is wrong, lower case
}

// Error describes the problem, quoting the input (a window of it around the problem when the
// input is long).
func (e *ParseError) Error() string {
	return fmt.Sprintf("%v %q at column %d (offset %d): %s",
		e.Err, window(e.Input, e.Offset), e.Column, e.Offset, e.Message)
}

// Unwrap returns the sentinel: ErrSyntax or ErrLimit.
func (e *ParseError) Unwrap() error { return e.Err }

// BindError reports one reference that could not be resolved: by [Expr.Bind], [Filter.Bind] or
// [Catalog.Lookup].
type BindError struct {
	Ref        string // the reference as written: a canonical tag name or a tenant name
	Offset     int    // byte offset of the reference in the parsed input, or -1
	Index      int    // position in Filter.Tags() or Filter.Tenants(), or -1
	Err        error  // ErrUnknownTag, ErrUnknownTagSet or ErrUnknownTenant
	Suggestion string // a close existing name ("did you mean"), or ""
}

// Error describes the problem with its location and suggestion.
func (e *BindError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %q", e.Err, truncate(e.Ref, maxQuoted))
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at offset %d", e.Offset)
	}
	if e.Index >= 0 {
		fmt.Fprintf(&b, " at index %d", e.Index)
	}
	if e.Suggestion != "" {
		fmt.Fprintf(&b, "; did you mean %q?", truncate(e.Suggestion, maxQuoted))
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *BindError) Unwrap() error { return e.Err }

// OmittedError reports that more problems were found than are reported: the first Reported
// ones are joined before it, the Omitted others are only counted. It wraps ErrLimit. The cap is
// [DefaultMaxErrors] (100) unless options ([BindOptions], package tenant's Options) change it.
type OmittedError struct {
	Omitted  int // problems found and not reported
	Reported int // problems reported before this one
}

// Error says how many problems were left out and why.
func (e *OmittedError) Error() string {
	return fmt.Sprintf("%d more problems not reported: %v: at most %d are reported (default %d; see MaxErrors)",
		e.Omitted, ErrLimit, e.Reported, DefaultMaxErrors)
}

// Unwrap returns ErrLimit.
func (e *OmittedError) Unwrap() error { return ErrLimit }

// DefinitionError reports a problem in the definition of a tag set ([NewTagSet]) or of a catalog
// ([NewCatalog]).
type DefinitionError struct {
	Set        string // name of the tag set concerned (may be empty: that can be the problem)
	SetIndex   int    // index of the set in the sets given to NewCatalog, or -1
	Tag        string // the offending tag or free value, or "" when the set itself is at fault
	TagIndex   int    // index of the tag in the set's tags, or -1
	ValueIndex int    // index of the value in NewCatalog's freeValues, or -1
	Err        error  // ErrInvalidValue, ErrDuplicateName or ErrUnknownTagSet
	Message    string // what is wrong, lower case
}

// Error describes the problem.
func (e *DefinitionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tag set %q", truncate(e.Set, maxQuoted))
	if e.Tag != "" || e.TagIndex >= 0 || e.ValueIndex >= 0 {
		fmt.Fprintf(&b, ", tag %q", truncate(e.Tag, maxQuoted))
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *DefinitionError) Unwrap() error { return e.Err }

// maxQuoted is the longest text quoted whole in an error message.
const maxQuoted = 80

// truncate shortens s to at most n bytes (on a rune boundary) and appends "..." when it cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// window returns s when it is short, else about 60 bytes of s around off with "..." marking cuts.
func window(s string, off int) string {
	if len(s) <= maxQuoted {
		return s
	}
	const half = 30
	lo, hi := max(0, off-half), min(len(s), off+half)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !utf8.RuneStart(s[hi]) {
		hi++
	}
	w := s[lo:hi]
	if lo > 0 {
		w = "..." + w
	}
	if hi < len(s) {
		w += "..."
	}
	return w
}
