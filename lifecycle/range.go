package lifecycle

import (
	"errors"
	"strings"
)

// Range is a NuGet-style version range:
//
//	1.0          1.0 <= v
//	[1.0,2.0)    1.0 <= v < 2.0
//	(1.0,2.0]    1.0 <  v <= 2.0
//	(,1.0]       v <= 1.0
//	(1.0,)       1.0 < v
//	[1.0]        v == 1.0 (by precedence)
//
// Bounds are versions (ParseVersion) and may carry a pre-release
// ([2.0.0-0,3.0) admits 2.0.0-beta.1). Contains is a plain precedence
// comparison: a pre-release is in a range when its precedence is, there is no
// NuGet-style "pre-releases only when a bound has one" rule.
//
// Range is an immutable value. The zero Range contains every version; it is
// what ParseRange("") returns.
type Range struct {
	min, max       Version
	hasMin, hasMax bool
	minInc, maxInc bool
}

// ParseRange parses s. "" (or only blanks) is the range of any version.
// Blanks are allowed around bounds, commas and brackets. A range must have
// at least one bound and must not be empty ([2.0,1.0] and (1.0,1.0) are
// errors). Errors are *ParseError wrapping ErrInvalidValue, or ErrLimit for a
// range longer than 1024 bytes or a bound longer than 256 ([DefaultMaxRangeLen],
// [DefaultMaxVersionLen]; see [Options]). Its work is linear in the length of s.
func ParseRange(s string) (Range, error) {
	return Options{}.ParseRange(s)
}

// ParseRange is [ParseRange] with these options' limits.
func (o Options) ParseRange(s string) (Range, error) {
	fail := func(off int, format string, args ...any) (Range, error) {
		return Range{}, newParseError(s, off, ErrInvalidValue, format, args...)
	}
	if lim := o.maxRangeLen(); over(len(s), lim) {
		return Range{}, newParseError(s, lim, ErrLimit, "%s",
			limitMsg("range length", lim, DefaultMaxRangeLen, "bytes", "MaxRangeLen"))
	}
	sc := rangeScanner{s: s, o: o}
	sc.blanks()
	if sc.i == len(s) {
		return Range{}, nil
	}
	var r Range
	if c := s[sc.i]; c != '[' && c != '(' {
		// A bare version: the minimum, inclusive.
		v, err := sc.version()
		if err != nil {
			return Range{}, err
		}
		sc.blanks()
		if sc.i != len(s) {
			return fail(sc.i, "unexpected %q after the version; write a range as [min,max)", s[sc.i])
		}
		r.min, r.hasMin, r.minInc = v, true, true
		return r, nil
	}
	open := s[sc.i]
	sc.i++
	sc.blanks()
	if sc.i < len(s) && s[sc.i] != ',' && s[sc.i] != ']' && s[sc.i] != ')' {
		v, err := sc.version()
		if err != nil {
			return Range{}, err
		}
		r.min, r.hasMin, r.minInc = v, true, open == '['
	}
	sc.blanks()
	if sc.i == len(s) {
		return fail(sc.i, "missing closing %q or %q", ']', ')')
	}
	if s[sc.i] != ',' {
		// [v]: exactly v.
		closeAt := sc.i
		if s[sc.i] != ']' && s[sc.i] != ')' {
			return fail(sc.i, "unexpected %q", s[sc.i])
		}
		sc.i++
		if open != '[' || s[closeAt] != ']' {
			return fail(closeAt, "an exact version is written [v]")
		}
		if err := sc.end(); err != nil {
			return Range{}, err
		}
		if !r.hasMin {
			return fail(closeAt, "missing version")
		}
		r.max, r.hasMax, r.maxInc = r.min, true, true
		return r, nil
	}
	sc.i++ // ','
	sc.blanks()
	if sc.i < len(s) && s[sc.i] != ']' && s[sc.i] != ')' {
		v, err := sc.version()
		if err != nil {
			return Range{}, err
		}
		r.max, r.hasMax = v, true
	}
	sc.blanks()
	if sc.i == len(s) {
		return fail(sc.i, "missing closing %q or %q", ']', ')')
	}
	closeAt := sc.i
	switch s[sc.i] {
	case ']':
		r.maxInc = r.hasMax
	case ')':
	default:
		return fail(sc.i, "unexpected %q", s[sc.i])
	}
	sc.i++
	if err := sc.end(); err != nil {
		return Range{}, err
	}
	if !r.hasMin && !r.hasMax {
		return fail(closeAt, "a range needs at least one bound")
	}
	if !r.hasMin {
		r.minInc = false
	}
	if r.hasMin && r.hasMax {
		c := r.min.Compare(r.max)
		if c > 0 || c == 0 && !(r.minInc && r.maxInc) {
			return fail(0, "empty range: no version is above %s and below %s",
				quote(r.min.String()), quote(r.max.String()))
		}
	}
	return r, nil
}

// rangeScanner walks the text of a range.
type rangeScanner struct {
	s string
	i int
	o Options
}

func (sc *rangeScanner) blanks() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// version reads a version up to a blank, comma or bracket. Its errors are
// reported at their place in the whole range text.
func (sc *rangeScanner) version() (Version, error) {
	start := sc.i
	for sc.i < len(sc.s) && !strings.ContainsRune(" \t,[]()", rune(sc.s[sc.i])) {
		sc.i++
	}
	text := sc.s[start:sc.i]
	v, err := sc.o.ParseVersion(text)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			sentinel := ErrInvalidValue
			if pe.Err == ErrLimit {
				sentinel = ErrLimit
			}
			return Version{}, newParseError(sc.s, start+pe.Offset, sentinel,
				"invalid version %s: %s", quote(text), pe.Message)
		}
		return Version{}, newParseError(sc.s, start, ErrInvalidValue, "invalid version %s", quote(text))
	}
	return v, nil
}

// end checks that only blanks are left.
func (sc *rangeScanner) end() error {
	sc.blanks()
	if sc.i != len(sc.s) {
		return newParseError(sc.s, sc.i, ErrInvalidValue, "unexpected %q after the range", sc.s[sc.i])
	}
	return nil
}

// Contains reports whether v is in the range, by precedence (Version.Compare).
func (r Range) Contains(v Version) bool {
	if r.hasMin {
		c := v.Compare(r.min)
		if c < 0 || c == 0 && !r.minInc {
			return false
		}
	}
	if r.hasMax {
		c := v.Compare(r.max)
		if c > 0 || c == 0 && !r.maxInc {
			return false
		}
	}
	return true
}

// IsAny reports whether the range contains every version (the zero Range).
func (r Range) IsAny() bool { return !r.hasMin && !r.hasMax }

// String returns the canonical text of the range: "" for any version, "1.0"
// for an inclusive minimum alone, "[1.0]" for an exact version, otherwise
// brackets around "min,max" with no blanks; bounds keep the text they were
// written with. ParseRange(r.String()) returns a range equal to r.
func (r Range) String() string {
	switch {
	case !r.hasMin && !r.hasMax:
		return ""
	case r.hasMin && r.minInc && !r.hasMax:
		return r.min.String()
	case r.hasMin && r.hasMax && r.minInc && r.maxInc && r.min == r.max:
		return "[" + r.min.String() + "]"
	}
	var b strings.Builder
	if r.minInc {
		b.WriteByte('[')
	} else {
		b.WriteByte('(')
	}
	if r.hasMin {
		b.WriteString(r.min.String())
	}
	b.WriteByte(',')
	if r.hasMax {
		b.WriteString(r.max.String())
	}
	if r.maxInc {
		b.WriteByte(']')
	} else {
		b.WriteByte(')')
	}
	return b.String()
}
