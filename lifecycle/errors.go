package lifecycle

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors. Each one's text is the stable machine-readable code that
// scenario files use, so a caller can map an error to its code with
// errors.Is and never needs to match message text.
var (
	// ErrInvalidVersion reports text that is not a version.
	ErrInvalidVersion = errors.New("invalid-version")
	// ErrInvalidValue reports a bad range, pattern, policy, minimum or other value.
	ErrInvalidValue = errors.New("invalid-value")
	// ErrVersionRule reports a version that no channel (or not its channel) accepts.
	ErrVersionRule = errors.New("version-rule")
	// ErrAmbiguousChannel reports a version that several channels accept while the
	// default channel does not. The error is an *AmbiguousError.
	ErrAmbiguousChannel = errors.New("ambiguous-channel")
	// ErrEnvironmentInTwoPhases reports an environment listed in two phases of one
	// lifecycle.
	ErrEnvironmentInTwoPhases = errors.New("environment-in-two-phases")
	// ErrMinimumTooLarge reports a phase minimum greater than the phase's environment
	// count.
	ErrMinimumTooLarge = errors.New("minimum-too-large")
	// ErrUnknownEnvironment reports an environment name the model does not have.
	ErrUnknownEnvironment = errors.New("unknown-environment")
	// ErrNoEnvironments reports a lifecycle without environments while the model has
	// none. Its scenario code is "invalid-value": it wraps ErrInvalidValue, so
	// errors.Is(err, ErrInvalidValue) holds too.
	ErrNoEnvironments = fmt.Errorf("lifecycle without environments: %w", ErrInvalidValue)
	// ErrLimit reports a version, range or pre-release pattern over one of the limits of
	// [Options] (code "limit").
	ErrLimit = errors.New("limit")
	// ErrDuplicateName is reserved for duplicate names. The package does not report
	// it today (see doc.go, "Decision: phase names"); it exists so that callers can
	// share one mapping of sentinels to codes.
	ErrDuplicateName = errors.New("duplicate-name")
)

// maxQuote is the longest input quoted whole in an error message; longer input
// is cut and ends with "...".
const maxQuote = 64

// quote returns s quoted with %q, cut to maxQuote bytes (on a rune boundary)
// followed by "..." when longer, so that a huge input is never printed whole.
func quote(s string) string {
	if len(s) <= maxQuote {
		return fmt.Sprintf("%q", s)
	}
	cut := maxQuote
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q...", s[:cut])
}

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

// Error returns for example `invalid-version "1.x": column 3: expected a digit`.
// Long input is cut (see the package doc).
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.Err != nil {
		b.WriteString(e.Err.Error())
		b.WriteByte(' ')
	}
	b.WriteString(quote(e.Input))
	fmt.Fprintf(&b, ": column %d", e.Column)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the sentinel, for errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }

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

// Error returns for example
// `lifecycle "L" phase 1: environment "Test": environment-in-two-phases: already in phase 0`.
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
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the sentinel, for errors.Is.
func (e *ValidationError) Unwrap() error { return e.Err }

// AmbiguousError reports a version that several channels accept while the
// default channel does not. Candidates are the channel names in
// the order the channels were given.
type AmbiguousError struct {
	Version    string
	Candidates []string
}

// Error returns for example
// `ambiguous-channel: version "4.2.0" fits channels "Exact", "Also4"`.
func (e *AmbiguousError) Error() string {
	var b strings.Builder
	b.WriteString(ErrAmbiguousChannel.Error())
	b.WriteString(": version ")
	b.WriteString(quote(e.Version))
	b.WriteString(" fits channels ")
	for i, c := range e.Candidates {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(c))
	}
	return b.String()
}

// Unwrap returns ErrAmbiguousChannel, for errors.Is.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguousChannel }
