package model

import (
	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// Sentinels wrapped by every *Error, one per stable code of the scenario format. ErrInvalidValue
// and ErrLimit are the module's shared sentinels: plan.ErrInvalidValue and tags.ErrLimit are the
// same errors.
var (
	// ErrUnknownField: a key the format does not have (code "unknown-field").
	ErrUnknownField = strictjson.ErrUnknownField
	// ErrInvalidValue: a value of the wrong JSON type or out of range, or JSON that is not well
	// formed (code "invalid-value").
	ErrInvalidValue = problem.ErrInvalidValue
	// ErrDuplicateKey: a key given twice in one object, or a map key given twice (code
	// "invalid-value"; it wraps ErrInvalidValue).
	ErrDuplicateKey = strictjson.ErrDuplicateKey
	// ErrInvalidUTF8: a string or key that is not valid UTF-8, or that escapes half of a UTF-16
	// surrogate pair (code "invalid-value"; it wraps ErrInvalidValue).
	ErrInvalidUTF8 = strictjson.ErrInvalidUTF8
	// ErrLimit: the input passes one of the limits of Options: its size, a string's length, a
	// list's length, or the number of problems reported (code "limit").
	ErrLimit = problem.ErrLimit
)

// Error is one problem found while decoding a model, with its location: Path is JSON-path-like
// ("tenants[3].tags[1]"; "" is the whole document). For malformed JSON, Line and Column give the
// position of the problem (1-based); they are 0 otherwise.
type Error struct {
	Path    string
	Line    int
	Column  int
	Message string
	Err     error
}

// Error returns "path: message [code]", or "path (line L, column C): message [code]" for
// malformed JSON ("model" stands for the path of the whole document).
func (e *Error) Error() string {
	return strictjson.Format(e.Path, "model", e.Line, e.Column, e.Message, e.Code())
}

// Unwrap returns the sentinel: ErrUnknownField, ErrInvalidValue (or ErrDuplicateKey or
// ErrInvalidUTF8, which wrap it) or ErrLimit.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the stable code of the scenario format: "unknown-field", "limit" or
// "invalid-value".
func (e *Error) Code() problem.Code { return strictjson.Code(e.Err) }

// Location returns Path.
func (e *Error) Location() string { return e.Path }

// Errors is every problem found in one model, sorted by path (list indexes compared as numbers,
// so "x[2]" comes before "x[10]"), at most Options.MaxErrors of them followed, past that cap, by
// one final ErrLimit entry that counts the rest. It is the error Decode returns.
type Errors []*Error

// Error lists the problems, one per line (at most 50; then a count of the rest).
func (es Errors) Error() string { return problem.List[*Error](es).Error() }

// Unwrap exposes each *Error to errors.Is and errors.As.
func (es Errors) Unwrap() []error { return problem.List[*Error](es).Unwrap() }
