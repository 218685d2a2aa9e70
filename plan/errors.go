package plan

import (
	"fmt"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// ValidationError is one problem of a model, with its location (a JSON-path-like Path such as
// "tenants[3].tags[1]"), its stable Code and a Message that quotes the bad value. Err is the
// underlying error (it wraps the sentinel of the package that found the problem).
//
// Every error of the module has the same three parts: where, what, and its code. Message never
// contains the code or the location, and Error joins them as "where: message [code]", so print
// either Error() alone, or the fields one by one.
type ValidationError struct {
	Path    string
	Code    Code
	Message string
	Err     error
}

// Error returns "path: message [code]" ("model" stands for the path of the whole model).
func (e *ValidationError) Error() string {
	p := e.Path
	if p == "" {
		p = "model"
	}
	return problem.Format(p, e.Message, e.Code)
}

// Unwrap returns the underlying error.
func (e *ValidationError) Unwrap() error { return e.Err }

// As lets [CodeOf] (errors.As on an error with a Code method) find the Code field.
func (e *ValidationError) As(target any) bool { return problem.As(e.Code, target) }

// Location returns Path.
func (e *ValidationError) Location() string { return e.Path }

// ValidationErrors is every problem of one model, sorted by path (then code). Compile and Load
// return it; errors.As finds each *ValidationError through Unwrap.
type ValidationErrors []*ValidationError

// Error says how many problems there are, then lists them one per line, at most 50, then a count
// of the rest.
func (es ValidationErrors) Error() string {
	s := "s"
	if len(es) == 1 {
		s = ""
	}
	return fmt.Sprintf("invalid model: %d problem%s\n", len(es), s) + problem.List[*ValidationError](es).Error()
}

// Unwrap exposes each *ValidationError.
func (es ValidationErrors) Unwrap() []error { return problem.List[*ValidationError](es).Unwrap() }

// RequestError is a request that cannot be answered: it names something that does not exist (or
// that the principal may not see), or it holds a malformed expression or value. Field names the
// request field ("release", "tenants[2]", "expression", ...); Message and Code are as in
// [ValidationError].
type RequestError struct {
	Field   string
	Code    Code
	Message string
	Err     error
}

// Error returns "request field: message [code]".
func (e *RequestError) Error() string { return problem.Format("request "+e.Field, e.Message, e.Code) }

// Unwrap returns the underlying error.
func (e *RequestError) Unwrap() error { return e.Err }

// As lets [CodeOf] (errors.As on an error with a Code method) find the Code field.
func (e *RequestError) As(target any) bool { return problem.As(e.Code, target) }

// message is the text of an error of another package for the Message of a *ValidationError or
// *RequestError: without its code, which the wrapping error prints once.
func message(err error) string { return problem.Text(err) }

// quote quotes s for a message, cut after 64 bytes.
func quote(s string) string { return problem.Quote(s) }
