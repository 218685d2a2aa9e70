package lifecycle

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Sentinel errors. Every error of the package wraps one of them, so a caller maps an error to
// its kind with errors.Is and never needs to match message text; every error type of the package
// also answers its stable code (the one scenario files use) with a Code method. ErrInvalidValue,
// ErrUnknownEnvironment and ErrLimit are the module's shared sentinels: tags.ErrLimit and
// plan.ErrUnknownEnvironment are the same errors.
var (
	// ErrInvalidVersion reports text that is not a version (code "invalid-version").
	ErrInvalidVersion = problem.New(problem.CodeInvalidVersion, "invalid version")
	// ErrInvalidValue reports a bad range, pattern, policy, minimum or other value (code
	// "invalid-value").
	ErrInvalidValue = problem.ErrInvalidValue
	// ErrVersionRule reports a version that no channel (or not its channel) accepts (code
	// "version-rule").
	ErrVersionRule = problem.New(problem.CodeVersionRule, "version rule")
	// ErrAmbiguousChannel reports a version that several channels accept while the
	// default channel does not. The error is an *AmbiguousError (code "ambiguous-channel").
	ErrAmbiguousChannel = problem.New(problem.CodeAmbiguousChannel, "ambiguous channel")
	// ErrEnvironmentInTwoPhases reports an environment listed in two phases of one
	// lifecycle (code "environment-in-two-phases").
	ErrEnvironmentInTwoPhases = problem.New(problem.CodeEnvironmentInTwoPhases, "environment in two phases")
	// ErrMinimumTooLarge reports a phase minimum greater than the phase's environment
	// count (code "minimum-too-large").
	ErrMinimumTooLarge = problem.New(problem.CodeMinimumTooLarge, "minimum too large")
	// ErrUnknownEnvironment reports an environment name the model does not have (code
	// "unknown-environment").
	ErrUnknownEnvironment = problem.ErrUnknownEnvironment
	// ErrNoEnvironments reports a lifecycle without environments while the model has
	// none. It wraps ErrInvalidValue, so errors.Is(err, ErrInvalidValue) holds too, and its
	// code is "invalid-value".
	ErrNoEnvironments = fmt.Errorf("lifecycle without environments: %w", ErrInvalidValue)
	// ErrLimit reports a version, range or pre-release pattern over one of the limits of
	// [Options] (code "limit").
	ErrLimit = problem.ErrLimit
)

// quote quotes s for a message, cut after 64 bytes.
func quote(s string) string { return problem.Quote(s) }

// ParseError reports text that could not be parsed as a version, a range or a
// pattern. Input is the whole text, Offset the byte offset of the problem,
// Column its 1-based column counted in runes, Err the sentinel it wraps
// (ErrInvalidVersion or ErrInvalidValue) and Message what is wrong there.
type ParseError struct {
	Input   string
	Offset  int
	Column  int
	Err     error
	Message string
}

// newParseError builds a *ParseError at byte offset off of input.
func newParseError(input string, off int, err error, format string, args ...any) *ParseError {
	if off < 0 {
		off = 0
	}
	if off > len(input) {
		off = len(input)
	}
	return &ParseError{
		Input:   input,
		Offset:  off,
		Column:  utf8.RuneCountInString(input[:off]) + 1,
		Err:     err,
		Message: fmt.Sprintf(format, args...),
	}
}

// Error returns for example
// `invalid version "1.x": column 3: expected a digit [invalid-version]`. Long input is cut (see
// the package doc).
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.Err != nil {
		b.WriteString(e.Err.Error())
		b.WriteByte(' ')
	}
	b.WriteString(quote(e.Input))
	fmt.Fprintf(&b, ": column %d", e.Column)
	return problem.Format(b.String(), e.Message, e.Code())
}

// Unwrap returns the sentinel, for errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel: "invalid-version", "invalid-value" or "limit".
func (e *ParseError) Code() problem.Code { return problem.CodeOf(e.Err) }

// ValidationError is one problem found by New. Lifecycle names the
// lifecycle, Phase the index of the phase in the PhaseSpec list given to New
// (-1 for the lifecycle as a whole), Environment the environment concerned (""
// when none), Err the sentinel and Message a human explanation.
type ValidationError struct {
	Lifecycle   string
	Phase       int
	Environment string
	Err         error
	Message     string
}

// Error returns for example `lifecycle "L" phase 1: environment "Test": environment in two
// phases: already in phase 0 [environment-in-two-phases]`.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("lifecycle ")
	b.WriteString(quote(e.Lifecycle))
	if e.Phase >= 0 {
		fmt.Fprintf(&b, " phase %d", e.Phase)
	}
	if e.Environment != "" {
		b.WriteString(": environment ")
		b.WriteString(quote(e.Environment))
	}
	msg := ""
	if e.Err != nil {
		msg = problem.Text(e.Err)
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return problem.Format(b.String(), msg, e.Code())
}

// Unwrap returns the sentinel, for errors.Is.
func (e *ValidationError) Unwrap() error { return e.Err }

// Code returns the code of the sentinel, such as "environment-in-two-phases".
func (e *ValidationError) Code() problem.Code { return problem.CodeOf(e.Err) }

// AmbiguousError reports a version that several channels accept while the
// default channel does not. Candidates are the channel names in
// the order the channels were given.
type AmbiguousError struct {
	Version    string
	Candidates []string
}

// Error returns for example
// `version "4.2.0": ambiguous channel: fits channels "Exact", "Also4" [ambiguous-channel]`.
func (e *AmbiguousError) Error() string {
	var b strings.Builder
	b.WriteString(ErrAmbiguousChannel.Error())
	b.WriteString(": fits channels ")
	for i, c := range e.Candidates {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(c))
	}
	return problem.Format("version "+quote(e.Version), b.String(), e.Code())
}

// Unwrap returns ErrAmbiguousChannel, for errors.Is.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguousChannel }

// Code returns "ambiguous-channel".
func (e *AmbiguousError) Code() problem.Code { return problem.CodeAmbiguousChannel }
