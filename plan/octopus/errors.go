package octopus

import (
	"errors"
	"fmt"
)

// Sentinels wrapped by every *Error, so that callers can tell the kinds of failure apart with
// errors.Is.
var (
	// ErrMissing: a required collection has no file in the folder.
	ErrMissing = errors.New("missing collection")
	// ErrMalformed: a file is not well-formed JSON, or a value has the wrong JSON type.
	ErrMalformed = errors.New("malformed response")
	// ErrWrongShape: a file holds a response of another kind (a page whose ItemType is not the
	// collection's, an object where a list is expected, pages that do not add up).
	ErrWrongShape = errors.New("wrong response shape")
	// ErrDuplicateID: two resources of one collection share an Id, so references to it are ambiguous.
	ErrDuplicateID = errors.New("duplicate id")
	// ErrTooLarge: the input exceeds a limit of Options.
	ErrTooLarge = errors.New("input too large")
	// ErrSpace: the folder holds several spaces and Options.Space does not choose one, or the
	// chosen space has no resources.
	ErrSpace = errors.New("space")
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

// Error returns "file path (line L, column C): message".
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
	return s + ": " + e.Message
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }
