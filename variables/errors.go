package variables

import (
	"fmt"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Sentinel errors. Callers test for them with [errors.Is]; every error type of the package
// answers its stable machine-readable code, the one scenario files use, with a Code method.
// ErrLimit, ErrUnknownTemplate and ErrDuplicateName are the module's shared sentinels:
// tags.ErrLimit and plan.ErrUnknownTemplate are the same errors.
var (
	// ErrSyntax: template syntax (unterminated "#{", unmatched "#{/if}", a bad condition, ...).
	// Code "invalid-expression".
	ErrSyntax = problem.New(problem.CodeInvalidExpression, "invalid template syntax")
	// ErrUnknownFilter: a filter name that is not one of the filters of the template language (see
	// the grammar in the package doc). Code "invalid-expression".
	ErrUnknownFilter = problem.New(problem.CodeInvalidExpression, "unknown filter")
	// ErrFilterArgument: a filter given the wrong number or kind of arguments, or an input it
	// cannot convert. Code "invalid-expression".
	ErrFilterArgument = problem.New(problem.CodeInvalidExpression, "invalid filter argument")
	// ErrCycle: variables that reference each other in a cycle. Code "cycle".
	ErrCycle = problem.New(problem.CodeCycle, "reference cycle")
	// ErrLimit: nesting, recursion, the size of a value, the bytes produced or the work of
	// one resolution over the limits of [Options]. Code "limit".
	ErrLimit = problem.ErrLimit
	// ErrUnknownTemplate: a tenant value for a template the project does not have. Code
	// "unknown-template".
	ErrUnknownTemplate = problem.ErrUnknownTemplate
	// ErrOverlappingValues: two tenant values of one template whose environment scopes share an
	// environment, or two unscoped ones. Code "overlapping-tenant-values".
	ErrOverlappingValues = problem.New(problem.CodeOverlappingTenantValues, "overlapping tenant values")
	// ErrDuplicateName: a name defined twice where it must be unique (names that differ only
	// in letter case count as equal). Code "duplicate-name".
	ErrDuplicateName = problem.ErrDuplicateName
	// ErrEmptyName: a variable, template or library without a name. Code "invalid-value".
	ErrEmptyName = problem.New(problem.CodeInvalidValue, "empty name")
)

// TemplateError is an error in a template text: the variable the text came from ("" = the
// text given to [Substitute]), the byte offset in that text, the sentinel (Err) and a message.
// For ErrCycle, Cycle lists the names of the cycle, first name repeated at the end.
//
// Nothing of a sensitive value shows in a TemplateError. When the text is a sensitive value,
// Sensitive is true and Offset is 0, so that no position inside the secret is given, and the
// message quotes none of its text. In a cycle, a name that is referenced from a sensitive
// value is [Mask] in Cycle and in the message, and the error is reported on the first
// variable of the cycle whose value is sensitive (with Sensitive true).
type TemplateError struct {
	Variable  string
	Offset    int
	Sensitive bool
	Err       error
	Message   string
	Cycle     []string
}

// Error returns "variable "X" at offset N: <sentinel>: <message> [code]", or "variable "X"
// (sensitive value): <sentinel>: <message> [code]" when the text is a sensitive value.
func (e *TemplateError) Error() string {
	where := "text"
	if e.Variable != "" {
		where = "variable " + problem.Quote(e.Variable)
	}
	if e.Sensitive {
		where += " (sensitive value)"
	} else {
		where += fmt.Sprintf(" at offset %d", e.Offset)
	}
	return problem.Format(where, problem.Text(e.Err)+": "+e.Message, e.Code())
}

// Unwrap returns the sentinel.
func (e *TemplateError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "invalid-expression", "cycle" or "limit".
func (e *TemplateError) Code() problem.Code { return problem.CodeOf(e.Err) }

// TenantValueError is one problem with a tenant's values, reported by [Project.CheckTenantValues]:
// which list (Library "" = the project values, else the common values given for that library), the
// index in that list, the template named there, and the error, which wraps [ErrUnknownTemplate] or
// [ErrOverlappingValues].
type TenantValueError struct {
	Library  string
	Index    int
	Template string
	Err      error
}

// Error returns a message naming the list, the index and the template, then the problem and its
// code.
func (e *TenantValueError) Error() string {
	where := "project values"
	if e.Library != "" {
		where = "common values of library " + problem.Quote(e.Library)
	}
	where += fmt.Sprintf("[%d] (template %s)", e.Index, problem.Quote(e.Template))
	return problem.Format(where, problem.Text(e.Err), e.Code())
}

// Unwrap returns the wrapped error.
func (e *TenantValueError) Unwrap() error { return e.Err }

// Code returns the code of the wrapped error: "unknown-template" or "overlapping-tenant-values".
func (e *TenantValueError) Code() problem.Code { return problem.CodeOf(e.Err) }

// SpecError is one problem found by [NewProject]: Path locates it in the [ProjectSpec]
// ("variables[3]", "templates[0]", "libraries[1].templates[2]", "libraries[1]") and Err wraps a
// sentinel ([ErrDuplicateName], [ErrEmptyName]) or is a *[TemplateError].
type SpecError struct {
	Path string
	Err  error
}

// Error returns "path: error [code]".
func (e *SpecError) Error() string { return problem.Format(e.Path, problem.Text(e.Err), e.Code()) }

// Unwrap returns the wrapped error.
func (e *SpecError) Unwrap() error { return e.Err }

// Code returns the code of the wrapped error.
func (e *SpecError) Code() problem.Code { return problem.CodeOf(e.Err) }

// templateError returns the error at byte offset off of the text of variable, hiding the
// offset when the text is sensitive.
func templateError(variable string, sensitive bool, off int, sentinel error, msg string) *TemplateError {
	if sensitive {
		off = 0
	}
	return &TemplateError{Variable: variable, Offset: off, Sensitive: sensitive, Err: sentinel, Message: msg}
}

// quoteName cuts s after 64 bytes for an error message (the caller quotes it with %q).
func quoteName(s string) string { return problem.Cut(s) }
