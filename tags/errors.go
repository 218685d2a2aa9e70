package tags

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Sentinel errors. Every error returned by this package wraps exactly one of them; callers test
// with errors.Is, and every error of the package answers its code with a Code method. ErrLimit,
// ErrDuplicateName and ErrInvalidValue are the module's shared sentinels: lifecycle.ErrLimit,
// variables.ErrDuplicateName, plan.ErrInvalidValue and the others of those names are the same
// errors.
var (
	// ErrSyntax reports an invalid tag expression (code "invalid-expression").
	ErrSyntax = problem.New(problem.CodeInvalidExpression, "invalid tag expression")
	// ErrLimit reports an expression longer than 64 KiB or nested deeper than 256, or more
	// problems than are reported (an *OmittedError) (code "limit").
	ErrLimit = problem.ErrLimit
	// ErrUnknownTag reports a tag that its (known) tag set does not have (code "unknown-tag").
	ErrUnknownTag = problem.New(problem.CodeUnknownTag, "unknown tag")
	// ErrUnknownTagSet reports a reference to a tag set that the catalog does not have
	// (code "unknown-tag-set").
	ErrUnknownTagSet = problem.New(problem.CodeUnknownTagSet, "unknown tag set")
	// ErrUnknownTenant reports a reference to a tenant that does not exist (code "unknown-tenant").
	ErrUnknownTenant = problem.New(problem.CodeUnknownTenant, "unknown tenant")
	// ErrDuplicateName reports two names of one kind that are equal or differ only in letter case
	// (code "duplicate-name").
	ErrDuplicateName = problem.ErrDuplicateName
	// ErrSingleSelect reports two tags of a SingleSelect set or two values of a FreeText set on one
	// tenant (code "single-select").
	ErrSingleSelect = problem.New(problem.CodeSingleSelect, "more than one tag of a single-select or free-text tag set")
	// ErrInvalidValue reports a bad enum value, name or definition (code "invalid-value").
	ErrInvalidValue = problem.ErrInvalidValue
)

// ParseError reports why [ParseExpr] rejected its input and where.
type ParseError struct {
	Input   string // the whole input given to ParseExpr
	Offset  int    // byte offset of the problem in Input
	Column  int    // 1-based column of the problem, counted in runes from the start of Input
	Err     error  // ErrSyntax or ErrLimit
	Message string // what is wrong, lower case
}

// Error describes the problem, quoting the input (a window of it around the problem when the
// input is long): `invalid tag expression "a and" at column 6 (offset 5): message [code]`.
func (e *ParseError) Error() string {
	return problem.Format(fmt.Sprintf("%v %q at column %d (offset %d)", e.Err, window(e.Input, e.Offset), e.Column, e.Offset),
		e.Message, e.Code())
}

// Unwrap returns the sentinel: ErrSyntax or ErrLimit.
func (e *ParseError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "invalid-expression" or "limit".
func (e *ParseError) Code() problem.Code { return problem.CodeOf(e.Err) }

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
	fmt.Fprintf(&b, "%v %s", e.Err, problem.Quote(e.Ref))
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at offset %d", e.Offset)
	}
	if e.Index >= 0 {
		fmt.Fprintf(&b, " at index %d", e.Index)
	}
	if e.Suggestion != "" {
		fmt.Fprintf(&b, "; did you mean %s?", problem.Quote(e.Suggestion))
	}
	return problem.Format("", b.String(), e.Code())
}

// Unwrap returns the sentinel.
func (e *BindError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "unknown-tag", "unknown-tag-set" or "unknown-tenant".
func (e *BindError) Code() problem.Code { return problem.CodeOf(e.Err) }

// OmittedError reports that more problems were found than are reported: the first Reported
// ones are joined before it, the Omitted others are only counted. It wraps ErrLimit. The cap is
// [DefaultMaxErrors] (100) unless options ([BindOptions], package tenant's Options) change it.
type OmittedError struct {
	Omitted  int // problems found and not reported
	Reported int // problems reported before this one
}

// Error says how many problems were left out and why.
func (e *OmittedError) Error() string {
	return problem.Format("", fmt.Sprintf("%d more problems not reported: %v: at most %d are reported (default %d; see MaxErrors)",
		e.Omitted, ErrLimit, e.Reported, DefaultMaxErrors), e.Code())
}

// Unwrap returns ErrLimit.
func (e *OmittedError) Unwrap() error { return ErrLimit }

// Code returns "limit".
func (e *OmittedError) Code() problem.Code { return problem.CodeLimit }

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
	where := "tag set " + problem.Quote(e.Set)
	if e.Tag != "" || e.TagIndex >= 0 || e.ValueIndex >= 0 {
		where += ", tag " + problem.Quote(e.Tag)
	}
	msg := e.Err.Error()
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return problem.Format(where, msg, e.Code())
}

// Unwrap returns the sentinel.
func (e *DefinitionError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "invalid-value", "duplicate-name" or "unknown-tag-set".
func (e *DefinitionError) Code() problem.Code { return problem.CodeOf(e.Err) }

// joinErrors joins errs with errors.Join; the result's Unwrap() []error exposes each one.
func joinErrors(errs []error) error { return errors.Join(errs...) }

// maxQuoted is the longest input quoted whole in a parse error; a longer one is shown as a
// window around the problem.
const maxQuoted = 80

// window returns s when it is short (up to maxQuoted bytes), else about 60 bytes of s around off with "..." marking cuts.
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
