package octopus

import (
	"fmt"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Sentinels wrapped by every *Error, so that callers can tell the kinds of failure apart with
// errors.Is. ErrTooLarge is the module's shared limit sentinel (model.ErrLimit, tags.ErrLimit);
// the others have the code "invalid-value": the folder does not hold a usable export.
var (
	// ErrMissing: a required collection has no file in the folder.
	ErrMissing = problem.New(problem.CodeInvalidValue, "missing collection")
	// ErrMalformed: a file is not well-formed JSON, or a value has the wrong JSON type.
	ErrMalformed = problem.New(problem.CodeInvalidValue, "malformed response")
	// ErrWrongShape: a file holds a response of another kind (a page whose ItemType is not the
	// collection's, an object where a list is expected, pages that do not add up).
	ErrWrongShape = problem.New(problem.CodeInvalidValue, "wrong response shape")
	// ErrDuplicateID: two resources of one collection share an Id, so references to it are ambiguous.
	ErrDuplicateID = problem.New(problem.CodeInvalidValue, "duplicate id")
	// ErrTooLarge: the input exceeds a limit of Options (code "limit"; it is model.ErrLimit).
	ErrTooLarge = problem.ErrLimit
	// ErrSpace: the folder holds several spaces and Options.Space does not choose one, or the
	// chosen space has no resources.
	ErrSpace = problem.New(problem.CodeInvalidValue, "space")
	// ErrInvalidValue: a bad enumeration value given to this package, such as a [Kind] that does
	// not exist (code "invalid-value"; it is the module's shared sentinel, model.ErrInvalidValue).
	ErrInvalidValue = problem.ErrInvalidValue
)

// Error is a problem that stops the import: the file it was found in (relative to the folder),
// the JSON path inside that file ("" for the whole file), the 1-based line and column for
// malformed JSON (0 otherwise), a message and the sentinel it wraps.
type Error struct {
	File    string
	Path    string
	Line    int
	Column  int
	Message string
	Err     error
}

// Error returns "file path (line L, column C): message [code]".
func (e *Error) Error() string {
	s := e.File
	if s == "" {
		s = "octopus import"
	}
	if e.Path != "" {
		s += " " + e.Path
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" (line %d, column %d)", e.Line, e.Column)
	}
	return problem.Format(s, e.Message, e.Code())
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "limit" for ErrTooLarge, else "invalid-value".
func (e *Error) Code() problem.Code {
	if c := problem.CodeOf(e.Err); c != "" {
		return c
	}
	return problem.CodeInvalidValue
}
