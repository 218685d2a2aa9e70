package problem

import (
	"errors"
	"fmt"
	"strings"
)

// Code is a stable, machine-readable code: the kind of a validation or request error, or a
// reason why a deployment cannot happen. Codes never change meaning.
type Code string

// Error codes.
const (
	CodeUnknownTag              Code = "unknown-tag"
	CodeUnknownTagSet           Code = "unknown-tag-set"
	CodeUnknownTenant           Code = "unknown-tenant"
	CodeUnknownProject          Code = "unknown-project"
	CodeUnknownEnvironment      Code = "unknown-environment"
	CodeUnknownLifecycle        Code = "unknown-lifecycle"
	CodeUnknownLibrary          Code = "unknown-library"
	CodeUnknownTemplate         Code = "unknown-template"
	CodeUnknownChannel          Code = "unknown-channel"
	CodeUnknownRelease          Code = "unknown-release"
	CodeUnknownTarget           Code = "unknown-target"
	CodeUnknownPrincipal        Code = "unknown-principal"
	CodeDuplicateName           Code = "duplicate-name"
	CodeSingleSelect            Code = "single-select"
	CodeEnvironmentInTwoPhases  Code = "environment-in-two-phases"
	CodeMinimumTooLarge         Code = "minimum-too-large"
	CodeVersionRule             Code = "version-rule"
	CodeAmbiguousChannel        Code = "ambiguous-channel"
	CodeInvalidVersion          Code = "invalid-version"
	CodeOverlappingTenantValues Code = "overlapping-tenant-values"
	CodeUntenantedConnection    Code = "untenanted-connection"
	CodeInvalidExpression       Code = "invalid-expression"
	CodeCycle                   Code = "cycle"
	CodeLimit                   Code = "limit"
	CodeInvalidValue            Code = "invalid-value"
	CodeUnknownField            Code = "unknown-field"
)

// Sentinels shared by several packages, one per meaning. The packages re-export them under
// their own names (tags.ErrLimit is ErrLimit), so errors.Is matches across packages.
var (
	// ErrDuplicateName: a name given twice where it must be unique (also two names that differ
	// only in letter case).
	ErrDuplicateName = New(CodeDuplicateName, "duplicate name")
	// ErrInvalidValue: a bad enumeration value, name, number, time or definition.
	ErrInvalidValue = New(CodeInvalidValue, "invalid value")
	// ErrLimit: an input over one of the documented limits, or more problems than are listed.
	ErrLimit = New(CodeLimit, "limit exceeded")
	// ErrUnknownTemplate: a value for a variable template that does not exist.
	ErrUnknownTemplate = New(CodeUnknownTemplate, "unknown template")
	// ErrUnknownEnvironment: an environment name that the model does not have.
	ErrUnknownEnvironment = New(CodeUnknownEnvironment, "unknown environment")
)

// Coder is an error that knows its code.
type Coder interface {
	Code() Code
}

// sentinel is an error value made by New.
type sentinel struct {
	code Code
	text string
}

func (s *sentinel) Error() string { return s.text }
func (s *sentinel) Code() Code    { return s.code }

// New returns a sentinel error with the given text that answers code through its Code method,
// so that every error wrapping it has that code. Each call returns a distinct error.
func New(code Code, text string) error { return &sentinel{code: code, text: text} }

// coded is a Coder made of a code alone, for As methods.
type coded Code

func (c coded) Code() Code { return Code(c) }

// As fills target with code when target is a *Coder. Error types that keep their code in a
// field (and so cannot have a Code method) call it from their As method, so that [CodeOf] finds
// them with errors.As.
func As(code Code, target any) bool {
	if p, ok := target.(*Coder); ok && code != "" {
		*p = coded(code)
		return true
	}
	return false
}

// CodeOf returns the code of the first error in err's tree that has one (see [errors.As]), or ""
// for nil and for an error of unknown origin.
func CodeOf(err error) Code {
	var c Coder
	if err != nil && errors.As(err, &c) {
		return c.Code()
	}
	return ""
}

// Format returns the text of every error of the module: "where: message [code]". An empty
// where or code is left out with its separator. The code is printed once: a message that already
// ends with " [code]" (the text of a wrapped error printed whole) does not get it again.
func Format(where, message string, code Code) string {
	if code != "" && endsWithCode(message, code) {
		message = message[:len(message)-len(code)-3]
	}
	var b strings.Builder
	b.Grow(len(where) + len(message) + len(code) + 5)
	if where != "" {
		b.WriteString(where)
		b.WriteString(": ")
	}
	b.WriteString(message)
	if code != "" {
		b.WriteString(" [")
		b.WriteString(string(code))
		b.WriteByte(']')
	}
	return b.String()
}

// endsWithCode reports whether s ends with " [code]".
func endsWithCode(s string, code Code) bool {
	n := len(s) - len(code) - 3
	return n >= 0 && s[n:n+2] == " [" && s[n+2:len(s)-1] == string(code) && s[len(s)-1] == ']'
}

// Text returns err's text without the " [code]" that [Format] ends it with, for a message that
// quotes another error and prints the code once. It is "" for nil.
//
// For an error that joins others (an Unwrap() []error method, as errors.Join and [List] have), it
// is the Text of each, one per line, at most MaxPrinted of them and then a count of the rest.
func Text(err error) string {
	if err == nil {
		return ""
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var b strings.Builder
		es := j.Unwrap()
		for i, e := range es {
			if i == MaxPrinted {
				fmt.Fprintf(&b, "\n... and %d more", len(es)-MaxPrinted)
				break
			}
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(Text(e))
		}
		return b.String()
	}
	s := err.Error()
	if c := CodeOf(err); c != "" {
		s = strings.TrimSuffix(s, " ["+string(c)+"]")
	}
	return s
}
