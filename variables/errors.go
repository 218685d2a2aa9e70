package variables

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers test for them with [errors.Is]; [Code] maps each to its stable
// machine-readable code, the one scenario files use.
var (
	// ErrSyntax: template syntax (unterminated "#{", unmatched "#{/if}", a bad condition, ...).
	// Code "invalid-expression".
	ErrSyntax = errors.New("invalid template syntax")
	// ErrUnknownFilter: a filter name that is not one of the filters of the template language (see
	// the grammar in the package doc). Code "invalid-expression".
	ErrUnknownFilter = errors.New("unknown filter")
	// ErrFilterArgument: a filter given the wrong number or kind of arguments, or an input it
	// cannot convert. Code "invalid-expression".
	ErrFilterArgument = errors.New("invalid filter argument")
	// ErrCycle: variables that reference each other in a cycle. Code "cycle".
	ErrCycle = errors.New("reference cycle")
	// ErrLimit: nesting, recursion, the size of a value, the bytes produced or the work of
	// one resolution over the limits of [Options]. Code "limit".
	ErrLimit = errors.New("limit exceeded")
	// ErrUnknownTemplate: a tenant value for a template the project does not have. Code
	// "unknown-template".
	ErrUnknownTemplate = errors.New("unknown template")
	// ErrOverlappingValues: two tenant values of one template whose environment scopes share an
	// environment, or two unscoped ones. Code "overlapping-tenant-values".
	ErrOverlappingValues = errors.New("overlapping tenant values")
	// ErrDuplicateName: a name defined twice where it must be unique (names that differ only
	// in letter case count as equal). Code "duplicate-name".
	ErrDuplicateName = errors.New("duplicate name")
	// ErrEmptyName: a variable, template or library without a name. Code "invalid-value".
	ErrEmptyName = errors.New("empty name")
)

// Code returns the stable machine-readable code (the one scenario files use) of the first sentinel
// of this package found in err's chain ("invalid-expression", "cycle", "limit", "unknown-template",
// "overlapping-tenant-values", "duplicate-name", "invalid-value"), or "" when there is none.
func Code(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrSyntax), errors.Is(err, ErrUnknownFilter), errors.Is(err, ErrFilterArgument):
		return "invalid-expression"
	case errors.Is(err, ErrCycle):
		return "cycle"
	case errors.Is(err, ErrLimit):
		return "limit"
	case errors.Is(err, ErrUnknownTemplate):
		return "unknown-template"
	case errors.Is(err, ErrOverlappingValues):
		return "overlapping-tenant-values"
	case errors.Is(err, ErrDuplicateName):
		return "duplicate-name"
	case errors.Is(err, ErrEmptyName):
		return "invalid-value"
	}
	return ""
}

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

// Error returns "variable "X" at offset N: <sentinel>: <message>", or "variable "X"
// (sensitive value): <sentinel>: <message>" when the text is a sensitive value.
func (e *TemplateError) Error() string {
	where := "text"
	if e.Variable != "" {
		where = fmt.Sprintf("variable %q", e.Variable)
	}
	if e.Sensitive {
		return fmt.Sprintf("%s (sensitive value): %v: %s", where, e.Err, e.Message)
	}
	return fmt.Sprintf("%s at offset %d: %v: %s", where, e.Offset, e.Err, e.Message)
}

// Unwrap returns the sentinel.
func (e *TemplateError) Unwrap() error { return e.Err }

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

// Error returns a message naming the list, the index and the template.
func (e *TenantValueError) Error() string {
	where := "project values"
	if e.Library != "" {
		where = fmt.Sprintf("common values of library %q", e.Library)
	}
	return fmt.Sprintf("%s[%d] (template %q): %v", where, e.Index, quoteName(e.Template), e.Err)
}

// Unwrap returns the wrapped error.
func (e *TenantValueError) Unwrap() error { return e.Err }

// SpecError is one problem found by [NewProject]: Path locates it in the [ProjectSpec]
// ("variables[3]", "templates[0]", "libraries[1].templates[2]", "libraries[1]") and Err wraps a
// sentinel ([ErrDuplicateName], [ErrEmptyName]) or is a *[TemplateError].
type SpecError struct {
	Path string
	Err  error
}

// Error returns "path: error".
func (e *SpecError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *SpecError) Unwrap() error { return e.Err }

// templateError returns the error at byte offset off of the text of variable, hiding the
// offset when the text is sensitive.
func templateError(variable string, sensitive bool, off int, sentinel error, msg string) *TemplateError {
	if sensitive {
		off = 0
	}
	return &TemplateError{Variable: variable, Offset: off, Sensitive: sensitive, Err: sentinel, Message: msg}
}

// maxQuote is the longest input quoted whole in an error message.
const maxQuote = 48

// quoteName truncates s for an error message (the caller quotes it with %q).
func quoteName(s string) string {
	if len(s) <= maxQuote {
		return s
	}
	cut := maxQuote
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "..."
}
