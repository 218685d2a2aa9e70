package freeze

import (
	"fmt"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// ErrInvalidValue is the sentinel wrapped by every error of this package: a bad enum, time, number,
// name or time zone (code "invalid-value"). It is the module's shared sentinel: plan.ErrInvalidValue
// and model.ErrInvalidValue are the same error.
var ErrInvalidValue = problem.ErrInvalidValue

// FieldError is one problem found by [New]: the freeze's name, the field (a JSON-path-like location
// in the model format's terms, for example "recurrence.timeZone" or "tenants[2].tenant"), the
// offending value as text, and the reason, which wraps [ErrInvalidValue].
type FieldError struct {
	Freeze string
	Field  string
	Value  string
	Err    error
}

// Error describes the problem, quoting the freeze name and the value (cut when long):
// `freeze "Year end": recurrence.dayOfMonth "32": invalid value: want 1..31 [invalid-value]`.
func (e *FieldError) Error() string {
	return problem.Format(fmt.Sprintf("freeze %s: %s %s", problem.Quote(e.Freeze), e.Field, problem.Quote(e.Value)),
		problem.Text(e.Err), e.Code())
}

// Unwrap returns the reason, so errors.Is(err, ErrInvalidValue) holds.
func (e *FieldError) Unwrap() error { return e.Err }

// Code returns the code of the reason: "invalid-value".
func (e *FieldError) Code() problem.Code { return problem.CodeOf(e.Err) }

// invalid builds a reason that wraps ErrInvalidValue.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidValue}, args...)...)
}
