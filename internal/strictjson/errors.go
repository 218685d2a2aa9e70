package strictjson

import (
	"fmt"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Sentinels of the decoder; it also reports problem.ErrInvalidValue and problem.ErrLimit.
var (
	// ErrUnknownField: a key the type does not have (code "unknown-field").
	ErrUnknownField = problem.New(problem.CodeUnknownField, "unknown field")
	// ErrDuplicateKey: a key given twice in one object, or a map key given twice (code
	// "invalid-value"; it wraps problem.ErrInvalidValue).
	ErrDuplicateKey = fmt.Errorf("duplicate key (%w)", problem.ErrInvalidValue)
	// ErrInvalidUTF8: a string or key that is not valid UTF-8, or that escapes half of a UTF-16
	// surrogate pair (code "invalid-value"; it wraps problem.ErrInvalidValue).
	ErrInvalidUTF8 = fmt.Errorf("invalid UTF-8 (%w)", problem.ErrInvalidValue)
)

// Error is one problem found while decoding, with its location: Path is JSON-path-like
// ("tenants[3].tags[1]"; "" is the whole document). For malformed JSON, Line and Column give the
// position of the problem (1-based); they are 0 otherwise. It has the fields of model.Error.
type Error struct {
	Path    string
	Line    int
	Column  int
	Message string
	Err     error
}

// Error returns "path: message [code]", or "path (line L, column C): message [code]"
// ("document" stands for the path of the whole document).
func (e *Error) Error() string {
	return Format(e.Path, "document", e.Line, e.Column, e.Message, e.Code())
}

// Format returns the text of a decoding problem: "path (line L, column C): message [code]", with
// whole standing for an empty path and the position left out when line is 0.
func Format(path, whole string, line, column int, message string, code problem.Code) string {
	if path == "" {
		path = whole
	}
	if line > 0 {
		path += fmt.Sprintf(" (line %d, column %d)", line, column)
	}
	return problem.Format(path, message, code)
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the stable code: "unknown-field", "limit" or "invalid-value".
func (e *Error) Code() problem.Code { return Code(e.Err) }

// Code returns the code of the sentinel err wraps: "unknown-field", "limit" or, for any other
// (or none), "invalid-value".
func Code(err error) problem.Code {
	if c := problem.CodeOf(err); c != "" {
		return c
	}
	return problem.CodeInvalidValue
}

// Location returns Path.
func (e *Error) Location() string { return e.Path }

// Errors is every problem found in one document, sorted by path.
type Errors []*Error

// Error lists the problems, one per line (at most 50; then a count of the rest).
func (es Errors) Error() string { return problem.List[*Error](es).Error() }

// Unwrap exposes each *Error to errors.Is and errors.As.
func (es Errors) Unwrap() []error { return problem.List[*Error](es).Unwrap() }

// quote quotes s for a message, cut after 64 bytes.
func quote(s string) string { return problem.Quote(s) }

// appendKey appends a key to a path (see problem.AppendKey).
func appendKey(path []byte, key []byte) []byte { return problem.AppendKey(path, string(key)) }

// appendIndex appends a list index to a path: "[i]".
func appendIndex(path []byte, i int) []byte { return problem.AppendIndex(path, i) }
