package model

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinels wrapped by every *Error, one per stable code of the scenario format.
var (
	// ErrUnknownField: a key the format does not have (code "unknown-field").
	ErrUnknownField = errors.New("unknown field")
	// ErrInvalidValue: a value of the wrong JSON type or out of range, or JSON that is not well
	// formed (code "invalid-value").
	ErrInvalidValue = errors.New("invalid value")
	// ErrDuplicateKey: a key given twice in one object, or a map key given twice (code
	// "invalid-value"; it wraps ErrInvalidValue).
	ErrDuplicateKey = fmt.Errorf("duplicate key (%w)", ErrInvalidValue)
	// ErrInvalidUTF8: a string or key that is not valid UTF-8, or that escapes half of a UTF-16
	// surrogate pair (code "invalid-value"; it wraps ErrInvalidValue).
	ErrInvalidUTF8 = fmt.Errorf("invalid UTF-8 (%w)", ErrInvalidValue)
	// ErrLimit: the input passes one of the limits of Options: its size, a string's length, a
	// list's length, or the number of problems reported (code "limit").
	ErrLimit = errors.New("limit exceeded")
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

// Error returns "path: message".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
	} else {
		b.WriteString("model")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " (line %d, column %d)", e.Line, e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the sentinel: ErrUnknownField, ErrInvalidValue (or ErrDuplicateKey or
// ErrInvalidUTF8, which wrap it) or ErrLimit.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the stable code of the scenario format: "unknown-field", "limit" or
// "invalid-value".
func (e *Error) Code() string {
	switch {
	case errors.Is(e.Err, ErrUnknownField):
		return "unknown-field"
	case errors.Is(e.Err, ErrLimit):
		return "limit"
	}
	return "invalid-value"
}

// Errors is every problem found in one model, sorted by path (see ComparePaths), at most
// Options.MaxErrors of them followed, past that cap, by one final ErrLimit entry that counts the
// rest. It is the error Decode returns.
type Errors []*Error

// Error lists the problems, one per line (at most 20; then a count of the rest).
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i == 20 {
			fmt.Fprintf(&b, "\n... and %d more", len(es)-20)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes each *Error to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// quote quotes s for a message, cutting it to at most 64 bytes so that no huge input is printed.
func quote(s string) string {
	const limit = 64
	if len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		return fmt.Sprintf("%q...", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
