package lifecycle

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
)

// Rule is a channel's version rule: an optional Range and an optional
// pre-release pattern, an RE2 regular expression matched against the
// version's pre-release label (Version.Prerelease, without the "-"; "^$"
// admits only versions without a pre-release). A version is allowed when both
// parts allow it.
//
// The pattern matches without regard to letter case ("^beta" admits
// 1.0.0-Beta.1), because versions that differ only in the case of their
// pre-release label are equal (Version.Compare) and a rule gives equal versions
// the same answer. A pattern that starts with "(?-i)" matches case
// sensitively again.
//
// Rule is an immutable value, safe for concurrent use. The zero Rule allows
// every version.
type Rule struct {
	rng     Range
	pattern string
	re      *regexp.Regexp // nil = no pattern
}

// NewRule builds a Rule from the text of a range (ParseRange; "" = any
// version) and a pre-release pattern ("" = no restriction). Errors wrap
// ErrInvalidValue, or ErrLimit for a pattern longer than 4096 bytes or
// compiling to more than 1000 instructions (see [Options]), and name the field
// ("versionRange" or "preRelease"); a range error also wraps the *ParseError
// that locates the problem.
func NewRule(versionRange, preRelease string) (Rule, error) {
	return Options{}.NewRule(versionRange, preRelease)
}

// NewRule is [NewRule] with these options' limits.
func (o Options) NewRule(versionRange, preRelease string) (Rule, error) {
	rng, err := o.ParseRange(versionRange)
	if err != nil {
		return Rule{}, fmt.Errorf("versionRange: %w", err)
	}
	r := Rule{rng: rng, pattern: preRelease}
	if preRelease == "" {
		return r, nil
	}
	if lim := o.maxPatternLen(); over(len(preRelease), lim) {
		return Rule{}, fmt.Errorf("preRelease %s: %w: %s", quote(preRelease), ErrLimit,
			limitMsg("pattern length", lim, DefaultMaxPatternLen, "bytes", "MaxPatternLen"))
	}
	// Folding case changes no instruction count, so the size is counted on the
	// pattern as written (cheaper to parse than its folded form).
	parsed, err := syntax.Parse(preRelease, syntax.Perl)
	if err != nil {
		return Rule{}, fmt.Errorf("preRelease %s: %w: %s", quote(preRelease), ErrInvalidValue, reason(err))
	}
	if lim := o.maxPatternSize(); over(compiledSize(parsed, lim), lim) {
		return Rule{}, fmt.Errorf("preRelease %s: %w: %s", quote(preRelease), ErrLimit,
			limitMsg("compiled pattern size", lim, DefaultMaxPatternSize, "instructions", "MaxPatternSize"))
	}
	re, err := regexp.Compile(foldCase + preRelease)
	if err != nil {
		return Rule{}, fmt.Errorf("preRelease %s: %w: %s", quote(preRelease), ErrInvalidValue, reason(err))
	}
	r.re = re
	return r, nil
}

// foldCase is the flag group put before a pre-release pattern so that it
// matches without regard to letter case; the flag reaches the end of the
// pattern, across alternatives.
const foldCase = "(?i)"

// reason is the text of a regexp error without the whole pattern it repeats
// (the caller quotes the pattern, cut when long).
func reason(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return se.Code.String() + ": " + quote(se.Expr)
	}
	return "invalid regular expression"
}

// Allows reports whether v satisfies the rule: in the range and, when there
// is a pattern, with a pre-release label the pattern matches (ignoring letter
// case). Versions equal by Version.Compare get the same answer whenever the
// pattern does not turn case sensitivity back on.
func (r Rule) Allows(v Version) bool {
	if !r.rng.Contains(v) {
		return false
	}
	return r.re == nil || r.re.MatchString(v.Prerelease())
}

// Range returns the rule's version range (the zero Range when none).
func (r Rule) Range() Range { return r.rng }

// PreRelease returns the rule's pre-release pattern ("" when none).
func (r Rule) PreRelease() string { return r.pattern }

// IsAny reports whether the rule allows every version.
func (r Rule) IsAny() bool { return r.rng.IsAny() && r.re == nil }
