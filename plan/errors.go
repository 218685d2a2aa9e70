package plan

import (
	"fmt"
	"strings"
)

// ValidationError is one problem of a model, with its location (a JSON-path-like Path such as
// "tenants[3].tags[1]"), its stable Code and a Message that quotes the bad value. Err is the
// underlying error (it wraps the sentinel of the package that found the problem).
//
// Every error of this package has the same three parts: where, what, and its code. Message never
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
	return fmt.Sprintf("%s: %s [%s]", p, e.Message, e.Code)
}

// Unwrap returns the underlying error.
func (e *ValidationError) Unwrap() error { return e.Err }

// ValidationErrors is every problem of one model, sorted by path (then code). Compile and Load
// return it; errors.As finds each *ValidationError through Unwrap.
type ValidationErrors []*ValidationError

// Error lists the problems one per line, at most 50, then a count of the rest.
func (es ValidationErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid model: %d problem", len(es))
	if len(es) != 1 {
		b.WriteByte('s')
	}
	for i, e := range es {
		if i == 50 {
			fmt.Fprintf(&b, "\n... and %d more", len(es)-50)
			break
		}
		b.WriteString("\n")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes each *ValidationError.
func (es ValidationErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

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
func (e *RequestError) Error() string {
	return fmt.Sprintf("request %s: %s [%s]", e.Field, e.Message, e.Code)
}

// Unwrap returns the underlying error.
func (e *RequestError) Unwrap() error { return e.Err }

// quote quotes s for a message, cutting it to at most 64 bytes.
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
