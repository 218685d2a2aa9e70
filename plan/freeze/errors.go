package freeze

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrInvalidValue is the sentinel wrapped by every error of this package: a bad enum, time, number,
// name or time zone. Its text is the stable code "invalid-value" (the error code scenario files
// use).
var ErrInvalidValue = errors.New("invalid-value")

// FieldError is one problem found by [New]: the freeze's name, the field (a JSON-path-like location
// in the model format's terms, for example "recurrence.timeZone" or "tenants[2].tenant"), the
// offending value as text, and the reason, which wraps [ErrInvalidValue].
type FieldError struct {
	Freeze string
	Field  string
	Value  string
	Err    error
}

// Error describes the problem, quoting the freeze name and the value (truncated when long).
func (e *FieldError) Error() string {
	return fmt.Sprintf("freeze %q: %s %q: %v", truncate(e.Freeze), e.Field, truncate(e.Value), e.Err)
}

// Unwrap returns the reason, so errors.Is(err, ErrInvalidValue) holds.
func (e *FieldError) Unwrap() error { return e.Err }

// maxQuoted is the longest input quoted whole in an error message.
const maxQuoted = 64

// truncate shortens s to at most maxQuoted bytes (on a rune boundary) and marks the cut with "...".
func truncate(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// invalid builds a reason that wraps ErrInvalidValue.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidValue}, args...)...)
}
